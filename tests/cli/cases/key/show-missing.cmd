adx key show missing.pem

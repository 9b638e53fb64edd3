adx --log-format json id check -f missing.txt

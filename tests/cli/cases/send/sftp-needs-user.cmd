printf "[profiles.arch]\nurl = \"sftp://127.0.0.1/in\"\nssh_key = \"k\"\nknown_hosts = \"kh\"\n" > adx.toml; echo k > k; chmod 600 k; printf x > doc.csv; adx send --to arch doc.csv

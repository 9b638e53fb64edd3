printf "[profiles.city]\nurl = \"https://127.0.0.1:9/\"\nclient_cert = \"c.pem\"\n" > adx.toml; printf x > doc.csv; adx send --to city doc.csv

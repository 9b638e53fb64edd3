printf "[profiles.city]\nurl = \"ftp://example.org/in\"\n" > adx.toml; printf x > doc.csv; adx send --to city doc.csv

printf "[profiles.city]\ndescription = \"no url\"\n" > adx.toml; printf x > doc.csv; adx send --to city doc.csv

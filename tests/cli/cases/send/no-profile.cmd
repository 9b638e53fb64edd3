printf x > doc.csv; adx send doc.csv

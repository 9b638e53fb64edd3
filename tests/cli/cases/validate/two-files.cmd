# Several files: a summary line for each, a total, one result.
cp "$DATA/validate/filings.csv" "$DATA/validate/filings-gb18030.csv" .
adx validate -f enterprise-filing --max-errors 0 filings.csv filings-gb18030.csv | sed -E 's/[0-9]+\.[0-9]+ s$/T s/'

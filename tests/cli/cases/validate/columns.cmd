# An unknown column is one warning for the file; a missing required column is
# one error for the file, not one per record.
cp "$DATA/validate/filings.csv" .
# the 'name' column renamed to 'remarks': name is missing, remarks unknown
sed '1s/,name,/,remarks,/' filings.csv >columns.csv
adx validate -f enterprise-filing --max-errors 3 columns.csv | sed -E 's/[0-9]+\.[0-9]+ s$/T s/'

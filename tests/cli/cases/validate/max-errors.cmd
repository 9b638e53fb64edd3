# --max-errors 2: two problems are shown, every problem is counted.
cp "$DATA/validate/filings.csv" .
adx validate -f enterprise-filing --max-errors 2 filings.csv | sed -E 's/[0-9]+\.[0-9]+ s$/T s/'

# A GB18030 export with Chinese column headers (as district systems write
# it: CRLF, a name with a character outside GBK), detected without --encoding.
cp "$DATA/validate/filings-gb18030.csv" .
adx validate -f enterprise-filing filings-gb18030.csv | sed -E 's/[0-9]+\.[0-9]+ s$/T s/'

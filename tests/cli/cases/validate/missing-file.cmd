# A missing input is named on standard error and makes the exit code 66;
# the other files are still validated.
cp "$DATA/validate/filings-gb18030.csv" .
adx validate -f enterprise-filing nosuch.csv filings-gb18030.csv | sed -E 's/[0-9]+\.[0-9]+ s$/T s/'

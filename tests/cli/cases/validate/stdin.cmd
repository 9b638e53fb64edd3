# No FILE, or '-': standard input, read as CSV (GB18030 detected).
adx validate -f enterprise-filing --report json <"$DATA/validate/filings-gb18030.csv" |
  sed -E 's/"seconds":[0-9.]+/"seconds":0/g'
echo "exit $?"
adx validate -f enterprise-filing - <"$DATA/validate/filings-gb18030.csv" | sed -E 's/[0-9]+\.[0-9]+ s$/T s/'

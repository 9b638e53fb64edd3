# A quote that is never closed: the syntax error names the line and column
# where the quoted field starts; the records before it are checked; reading
# stops there.
cp "$DATA/validate/malformed.csv" .
adx validate -f enterprise-filing malformed.csv | sed -E 's/[0-9]+\.[0-9]+ s$/T s/'

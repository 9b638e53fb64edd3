# Warnings only: the document is valid (exit 0).
cp "$DATA/validate/licenses-warnings.csv" .
adx validate -f e-license licenses-warnings.csv | sed -E 's/[0-9]+\.[0-9]+ s$/T s/'

# No such format: a usage error, exit 64 (adx-validate(1), EXIT STATUS), with a suggestion.
cp "$DATA/validate/filings.csv" .
adx validate -f enterprise-filng filings.csv

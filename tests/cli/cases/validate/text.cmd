# The text report: one line per problem (file:line:column, record, field,
# message, rule id), errors and warnings in record order, uniqueness at the
# end; then the file's summary line and the result.
cp "$DATA/validate/filings.csv" .
adx validate -f enterprise-filing filings.csv | sed -E 's/[0-9]+\.[0-9]+ s$/T s/'

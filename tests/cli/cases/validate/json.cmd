# The JSON report: format, diagnostics, files and summary (seconds zeroed).
cp "$DATA/validate/filings.csv" .
adx validate -f enterprise-filing --report json filings.csv | sed -E 's/"seconds":[0-9.]+/"seconds":0/g'

# The JUnit report: one testsuite for the file, one testcase per rule of the
# format and per built-in check that fired; failures list the records,
# warnings go to system-out.
cp "$DATA/validate/filings.csv" .
adx validate -f enterprise-filing --report junit filings.csv | sed -E 's/(<testsuite [^>]* time=")[0-9.]+"/\1T"/'

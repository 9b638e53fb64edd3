# --warnings-as-errors: the same warning makes the document invalid (exit 65),
# and the JUnit report lists it as a failure rather than in system-out.
cp "$DATA/validate/licenses-warnings.csv" .
adx validate -f e-license --report junit licenses-warnings.csv | sed -E 's/(<testsuite [^>]* time=")[0-9.]+"/\1T"/'
echo "exit $?"
adx validate -f e-license --warnings-as-errors --report junit licenses-warnings.csv |
  sed -E 's/(<testsuite [^>]* time=")[0-9.]+"/\1T"/'

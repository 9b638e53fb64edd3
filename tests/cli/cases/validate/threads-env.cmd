# ADX_THREADS: any number from 1 to 256 gives the same report; anything else
# is a configuration error (78), like a malformed ADX_NOW.
ADX_THREADS=1 adx validate -f enterprise-filing $SAMPLES/district-export.csv > one.txt
ADX_THREADS=3 adx validate -f enterprise-filing $SAMPLES/district-export.csv > three.txt
diff <(sed -E 's/[0-9.]+ s$//' one.txt) <(sed -E 's/[0-9.]+ s$//' three.txt) && echo same
ADX_THREADS=0 adx validate -f enterprise-filing $SAMPLES/district-export.csv
ADX_THREADS=2x adx validate -f enterprise-filing $SAMPLES/district-export.csv
ADX_THREADS=-1 adx validate -f enterprise-filing $SAMPLES/district-export.csv

# An XML document gets an enveloped signature; the document's bytes stay as they were.
P=$DATA/pki/p256
printf '<?xml version="1.0" encoding="UTF-8"?>\n<filings><filing id="1">示例</filing></filings>\n' > filing.xml
install -m 600 $P/leaf.key district.key
adx sign --key district.key --cert $P/leaf.pem --chain $P/district.pem -o signed.xml filing.xml
head -c 79 signed.xml; echo
grep -c '<ds:Reference URI="">' signed.xml
adx verify --trust $P/root.pem signed.xml

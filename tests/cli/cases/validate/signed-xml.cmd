# A signed XML document validates like the unsigned one: the enveloped
# ds:Signature is not a record (adx verify checks it).
install -m 600 $DATA/pki/sm2/leaf.key k.key
awk '/<filing>/{n++} n<=1 || /<\/filings>/' $DATA/validate/filings.xml > one.xml
adx sign --key k.key --cert $DATA/pki/sm2/leaf-chain.pem -o signed.xml one.xml
adx validate -f enterprise-filing one.xml signed.xml | sed -E 's/[0-9]+\.[0-9]+ s$/T s/'

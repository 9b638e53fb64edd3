# A revoked signer: fine without the CRL, refused with it.
P=$DATA/pki/rsa
install -m 600 $P/revoked.key k.key
echo data > doc.txt
cat $P/revoked.pem $P/district.pem > chain.pem
adx sign --key k.key --cert chain.pem doc.txt
adx verify --trust $P/root.pem doc.txt >/dev/null && echo "no CRL given: holds"
adx verify --trust $P/root.pem --crl $P/district.crl --crl $P/root.crl doc.txt

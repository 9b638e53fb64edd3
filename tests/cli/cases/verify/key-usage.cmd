# An encryption certificate (no digitalSignature) cannot sign.
P=$DATA/pki/p256
install -m 600 $P/nosig.key k.key
echo data > doc.txt
cat $P/nosig.pem $P/district.pem > chain.pem
adx sign --key k.key --cert chain.pem doc.txt
adx verify --trust $P/root.pem doc.txt

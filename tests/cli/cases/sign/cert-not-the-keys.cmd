# The certificate must be the key's own.
install -m 600 $DATA/pki/sm2/leaf.key district.key
echo data > doc.txt
adx sign --key district.key --cert $DATA/pki/sm2/stranger.pem doc.txt
test ! -e doc.txt.jws

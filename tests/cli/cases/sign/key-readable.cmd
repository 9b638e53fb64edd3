# A key file that others can read is refused before anything is signed.
cp $DATA/pki/sm2/leaf.key district.key
chmod 644 district.key
echo data > doc.txt
adx sign --key district.key --cert $DATA/pki/sm2/leaf.pem doc.txt
test ! -e doc.txt.jws

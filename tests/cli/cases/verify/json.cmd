# --report json: one object, valid or not.
P=$DATA/pki/sm2
install -m 600 $P/leaf.key k.key
echo data > doc.txt
adx sign --key k.key --cert $P/leaf-chain.pem doc.txt
adx verify --report json --trust $P/root.pem doc.txt
adx verify --report json --allow ES256 --trust $P/root.pem doc.txt

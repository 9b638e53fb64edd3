# A self-signed certificate carried in the signature is not trust.
P=$DATA/pki/p256
install -m 600 $P/stranger.key k.key
echo data > doc.txt
adx sign --key k.key --cert $P/stranger.pem doc.txt
adx verify --trust $P/root.pem doc.txt

# --receipt: SIGNATURE must be a receipt of adx serve that names FILE (a
# detached signature is not one); FILE.receipt.jws by default; not on standard
# input without SIGNATURE.
P=$DATA/pki/sm2
install -m 600 $P/leaf.key k.key
echo data > doc.txt
adx sign --key k.key --cert $P/leaf-chain.pem doc.txt
adx verify --receipt --trust $P/root.pem doc.txt doc.txt.jws
adx verify --receipt --trust $P/root.pem doc.txt
adx verify --receipt --trust $P/root.pem - < doc.txt

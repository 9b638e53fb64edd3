# Private keys (mode 0600 only), encrypted ones with a passphrase, public keys and requests.
cp "$DATA/pki/sm2/leaf.key" "$DATA/pki/sm2/leaf.enc.key" "$DATA/pki/passphrase.txt" .
chmod 600 leaf.key leaf.enc.key passphrase.txt
adx key show leaf.key leaf.enc.key
adx key show --passphrase-file passphrase.txt leaf.enc.key
adx key show --report json leaf.enc.key

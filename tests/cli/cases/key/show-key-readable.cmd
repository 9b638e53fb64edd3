# A private key others can read is refused, even just to show it.
cp "$DATA/pki/p256/leaf.key" .
chmod 644 leaf.key
adx key show leaf.key

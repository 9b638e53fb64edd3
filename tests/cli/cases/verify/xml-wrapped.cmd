# Signature wrapping: the signed document moved inside a new root.
P=$DATA/pki/p256
install -m 600 $P/leaf.key k.key
printf '<filings><filing>1</filing></filings>\n' > f.xml
adx sign --key k.key --cert $P/leaf-chain.pem -o s.xml f.xml
{ echo '<wrapper><filings><filing>2</filing></filings>'; cat s.xml; echo '</wrapper>'; } > w.xml
adx verify --trust $P/root.pem w.xml

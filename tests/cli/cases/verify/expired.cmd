# A certificate that expired before the signing time; with --at inside its validity it holds.
P=$DATA/pki/sm2
install -m 600 $P/expired.key k.key
echo data > doc.txt
cat $P/expired.pem $P/district.pem > chain.pem
adx sign --key k.key --cert chain.pem doc.txt
adx verify --trust $P/root.pem --at 2026-01-15T12:00:00+08:00 doc.txt >/dev/null && echo "valid on 2026-01-15"
adx verify --trust $P/root.pem doc.txt

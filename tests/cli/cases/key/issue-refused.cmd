# What adx key cert refuses, each with its own message.
cp "$DATA/pki/p256/district.key" "$DATA/pki/p256/leaf.key" . && chmod 600 district.key leaf.key
ca=("--ca-key" district.key "--ca-cert" "$DATA/pki/p256/district.pem")
adx key csr --key leaf.key --subject CN=x -o x.csr
adx key cert --csr x.csr --ca-key district.key || echo "exit $?"
adx key cert --csr x.csr "${ca[@]}" --profile server || echo "exit $?"
adx key cert --csr x.csr "${ca[@]}" --days 9000 || echo "exit $?"
adx key cert --csr x.csr "${ca[@]}" --profile root || echo "exit $?"
adx key cert --csr x.csr --ca-key leaf.key --ca-cert "$DATA/pki/p256/leaf.pem" || echo "exit $?"
adx key cert --csr x.csr --ca-key leaf.key --ca-cert "$DATA/pki/p256/district.pem" || echo "exit $?"
adx key cert --csr x.csr --ca-key district.key --self-signed || echo "exit $?"
adx key cert --csr x.csr "${ca[@]}" --profile leaf || echo "exit $?"
adx key csr --key leaf.key --subject "CN=x,C=China" || echo "exit $?"
adx key csr --key leaf.key --subject "CN=x,Bogus=y" || echo "exit $?"
cp "$DATA/pki/p256/leaf.pem" .
adx key cert --csr leaf.pem "${ca[@]}" || echo "exit $?"

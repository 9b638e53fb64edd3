# A TLS server certificate: names from --san; P-256, so no keyEncipherment.
cp "$DATA/pki/p256/district.key" . && chmod 600 district.key
adx key gen --alg p256 -o server.key
adx key csr --key server.key --subject "CN=city.example" --san DNS:city.example -o server.csr
adx key cert --csr server.csr --ca-key district.key --ca-cert "$DATA/pki/p256/district.pem" --profile server \
  --san DNS:city.example --san 192.0.2.10 --days 90 -o server.pem
adx key show --report json server.pem | grep -o '"key_usage.*"subject_alt_names":\[[^]]*\]'
# the names the request asked for, when --san is not given
adx key cert --csr server.csr --ca-key district.key --ca-cert "$DATA/pki/p256/district.pem" --profile client \
  --days 90 | adx key show --report json - | grep -o '"ext_key_usage.*"subject_alt_names":\[[^]]*\]'

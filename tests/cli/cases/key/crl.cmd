# A CRL revoking one certificate by file and one by serial number.
cp "$DATA/pki/sm2/district.key" . && chmod 600 district.key
adx key crl --ca-key district.key --ca-cert "$DATA/pki/sm2/district.pem" --revoke "$DATA/pki/sm2/revoked.pem" \
  --serial 0A:BC --days 7 --number 42 -o district.crl
adx key show district.crl
adx key crl --ca-key district.key --ca-cert "$DATA/pki/sm2/district.pem" --serial xyz || echo "exit $?"

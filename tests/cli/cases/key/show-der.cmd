# DER is read as well as PEM.
sed '1d;$d' "$DATA/pki/rsa/city.pem" | base64 -d >city.der
adx key show city.der

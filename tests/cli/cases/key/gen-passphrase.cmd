# An encrypted key, passphrase from the environment; reading it needs the passphrase.
ADX_PASS='correct horse' adx key gen --passphrase-env ADX_PASS -o k.pem
head -1 k.pem
adx key show k.pem | grep encrypted
ADX_PASS='correct horse' adx key show --passphrase-env ADX_PASS k.pem | grep -c SM2
ADX_PASS='wrong' adx key csr --key k.pem --passphrase-env ADX_PASS --subject CN=x || echo "exit $?"
adx key csr --key k.pem --subject CN=x || echo "exit $?"

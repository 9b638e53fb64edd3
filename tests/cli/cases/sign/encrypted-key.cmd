# An encrypted key: the passphrase from a file (mode 0600) or a variable, never the command line.
P=$DATA/pki/sm2
install -m 600 $P/leaf.enc.key district.key
head -1 $DATA/pki/passphrase.txt > pass.txt && chmod 600 pass.txt
echo data > doc.txt
adx sign --key district.key --passphrase-file pass.txt --cert $P/leaf-chain.pem doc.txt && echo signed
ADX_PASS=wrong adx sign --key district.key --passphrase-env ADX_PASS --cert $P/leaf-chain.pem doc.txt
echo "exit $?"
adx sign --key district.key --cert $P/leaf-chain.pem doc.txt

# One changed byte in the content: exit 65, reason "tampered".
P=$DATA/pki/sm2
install -m 600 $P/leaf.key k.key
printf 'uscc,revenue\n91310116MA1J9K8X5P,100\n' > report.csv
adx sign --key k.key --cert $P/leaf-chain.pem report.csv
sed -i 's/100/900/' report.csv
adx verify --trust $P/root.pem report.csv

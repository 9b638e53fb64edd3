# Sign a CSV with the district's SM2 key: export.csv.jws beside it, and verify.
P=$DATA/pki/sm2
printf 'uscc,name\n91310116MA1J9K8X5P,示例\n' > export.csv
install -m 600 $P/leaf.key district.key
adx sign --key district.key --cert $P/leaf-chain.pem export.csv
adx verify --trust $P/root.pem export.csv

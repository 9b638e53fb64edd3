# A root, a district CA and a signing certificate, as in adx-key(1) EXAMPLES.
# Serials, keys and fingerprints are random: those lines are left out.
hide() { grep -v -e '^  serial ' -e 'SHA-256 ' -e '^  SM3 '; }
adx key gen --alg sm2 -o root.key
adx key csr --key root.key --subject "/C=CN/O=示例市/CN=示例市根CA" -o root.csr
adx key cert --csr root.csr --ca-key root.key --self-signed --profile root --days 7300 -o root.pem
adx key gen --alg sm2 -o district.key
adx key csr --key district.key --subject "CN=示例区CA,O=示例区,C=CN" -o district.csr
adx key cert --csr district.csr --ca-key root.key --ca-cert root.pem --profile ca --days 3650 -o district.pem
adx key gen --alg sm2 -o signer.key
adx key csr --key signer.key -o signer.csr \
  --subject "/C=CN/O=示例区数据交换节点/serialNumber=13230523PFTPADNB9K/CN=示例区交换节点"
adx key cert --csr signer.csr --ca-key district.key --ca-cert district.pem --days 365 -o signer.pem
adx key show signer.csr root.pem district.pem signer.pem | hide

#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Makes the fixed test PKI of tests/data/pki (see README.md there) with adx
# itself. Run it again only to replace the PKI: serials and keys are random,
# so every file changes, and tests that quote a serial or fingerprint must
# then be re-blessed.   tests/data/pki/make.sh ADX_BINARY
set -euo pipefail
adx=$(realpath "${1:?usage: make.sh ADX_BINARY}")
cd "$(dirname "$0")"
umask 077
export LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE=
t0=2026-01-01T00:00:00Z  # the PKI's "now": valid until the end of 2045 at least

key() { "$adx" key gen --alg "$1" -o "$2"; }
csr() { "$adx" key csr --key "$1" --subject "$2" -o "$3"; }
# cert NOW KEY ISSUER|self PROFILE DAYS SUBJECT OUT
cert() {
  local now=$1 key=$2 issuer=$3 profile=$4 days=$5 subject=$6 out=$7 req
  req=$(mktemp)
  csr "$key" "$subject" "$req"
  if [[ $issuer == self ]]; then
    ADX_NOW=$now "$adx" key cert --csr "$req" --ca-key "$key" --self-signed --profile "$profile" --days "$days" -o "$out"
  else
    ADX_NOW=$now "$adx" key cert --csr "$req" --ca-key "$issuer.key" --ca-cert "$issuer.pem" --profile "$profile" \
      --days "$days" -o "$out"
  fi
  rm -f "$req"
}

for alg in sm2 p256 rsa; do
  galg=$alg; [[ $alg == rsa ]] && galg=rsa3072
  tag=${alg^^}
  rm -rf "$alg"; mkdir "$alg"; cd "$alg"
  for k in root district city leaf expired notyet revoked nosig stranger fake-root impostor; do key "$galg" "$k.key"; done
  cert $t0 root.key self root 7670 "/C=CN/O=示例市政务服务数据管理局/CN=示例市根CA $tag" root.pem
  cert $t0 district.key root ca 7300 "/C=CN/O=示例市示例区政务服务数据管理局/CN=示例区CA $tag" district.pem
  cert $t0 city.key root sign 7300 \
    "/C=CN/O=示例市数据交换中心/OU=31450703RWJ25UE91Q/CN=示例市数据交换中心 签名 $tag" city.pem
  cert $t0 leaf.key district sign 7300 \
    "/C=CN/O=示例区数据交换节点/serialNumber=13230523PFTPADNB9K/CN=示例区交换节点 签名 $tag" leaf.pem
  cert $t0 expired.key district sign 30 "/C=CN/O=示例区数据交换节点/CN=已过期 $tag" expired.pem
  cert 2045-01-01T00:00:00Z notyet.key district sign 300 "/C=CN/O=示例区数据交换节点/CN=尚未生效 $tag" notyet.pem
  cert $t0 revoked.key district sign 7300 "/C=CN/O=示例区数据交换节点/CN=已吊销 $tag" revoked.pem
  cert $t0 nosig.key district encrypt 7300 "/C=CN/O=示例区数据交换节点/CN=加密证书 $tag" nosig.pem
  cert $t0 stranger.key self sign 7300 "/C=CN/O=Stranger/CN=Stranger $tag" stranger.pem
  # Same name as the real root, another key; the impostor carries the leaf's name.
  cert $t0 fake-root.key self root 7670 "/C=CN/O=示例市政务服务数据管理局/CN=示例市根CA $tag" fake-root.pem
  cert $t0 impostor.key fake-root sign 7300 \
    "/C=CN/O=示例区数据交换节点/serialNumber=13230523PFTPADNB9K/CN=示例区交换节点 签名 $tag" impostor.pem
  ADX_NOW=$t0 "$adx" key crl --ca-key district.key --ca-cert district.pem --revoke revoked.pem --days 7300 \
    --number 1 -o district.crl
  ADX_NOW=$t0 "$adx" key crl --ca-key root.key --ca-cert root.pem --days 7300 --number 1 -o root.crl
  cat leaf.pem district.pem >leaf-chain.pem
  cd ..
done

# The SM2 leaf key encrypted (PKCS#8, AES-256-CBC, by openssl, as adx has no
# command to re-encrypt a key); the passphrase is in passphrase.txt.
printf 'adx test passphrase\n' >passphrase.txt
openssl pkcs8 -topk8 -v2 aes-256-cbc -in sm2/leaf.key -passout file:passphrase.txt -out sm2/leaf.enc.key
chmod 755 sm2 p256 rsa
chmod 644 ./*/*.pem ./*/*.crl passphrase.txt
echo "test PKI written to $(pwd)"

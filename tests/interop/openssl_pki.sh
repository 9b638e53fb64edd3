#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# adx key against OpenSSL 3, both ways, for SM2, P-256 and RSA:
# - openssl parses (x509 -text, pkey, req -verify) and verifies (verify,
#   with CRLs) the keys, requests, certificates and CRLs adx key makes;
# - adx key reads and uses keys, requests and certificates openssl makes
#   (genpkey, req -new, req -x509, encrypted PKCS#8).
# SM2: see adx-key(1) "SM2 AND OPENSSL" for the distid options.
#   openssl_pki.sh ADX_BINARY
set -u
adx=$(realpath "${1:?usage: openssl_pki.sh ADX_BINARY}")
command -v openssl >/dev/null || { echo "skipped: openssl not installed"; exit 125; }
export LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE=
unset ADX_NOW  # openssl checks against the real clock
work=$(mktemp -d)
cd "$work" || exit 1
umask 077
fail=0
log=$work/log

# ok DESCRIPTION COMMAND...: the command must succeed.
ok() {
  local what=$1; shift
  if ! "$@" >"$log" 2>&1; then echo "FAIL: $what: $*"; sed 's/^/  /' "$log"; fail=1; fi
}
# refused DESCRIPTION PATTERN COMMAND...: the command must fail and print PATTERN.
refused() {
  local what=$1 pattern=$2; shift 2
  if "$@" >"$log" 2>&1; then echo "FAIL: $what: succeeded: $*"; fail=1
  elif ! grep -q -- "$pattern" "$log"; then echo "FAIL: $what: no '$pattern' in:"; sed 's/^/  /' "$log"; fail=1; fi
}
# has DESCRIPTION FILE PATTERN...: every pattern is in the file.
has() {
  local what=$1 file=$2 p; shift 2
  for p in "$@"; do grep -q -- "$p" "$file" || { echo "FAIL: $what: no '$p' in $file"; fail=1; }; done
}

for alg in sm2 p256 rsa3072; do
  mkdir "$alg" && cd "$alg" || exit 1
  case $alg in
    sm2) sigalg=SM2-with-SM3; vfy=(-vfyopt distid:1234567812345678); genpkey=(-algorithm EC -pkeyopt ec_paramgen_curve:SM2)
         sign=(-sm3 -sigopt distid:1234567812345678) ;;
    p256) sigalg=ecdsa-with-SHA256; vfy=(); genpkey=(-algorithm EC -pkeyopt ec_paramgen_curve:P-256); sign=(-sha256) ;;
    rsa3072) sigalg=sha256WithRSAEncryption; vfy=(); genpkey=(-algorithm RSA -pkeyopt rsa_keygen_bits:3072)
             sign=(-sha256) ;;
  esac

  # ---- adx makes, openssl reads -------------------------------------------
  for k in root district leaf revoked; do ok "$alg: adx key gen $k" "$adx" key gen --alg "$alg" -o $k.key; done
  ok "$alg: root request" "$adx" key csr --key root.key --subject "/C=CN/O=示例市/CN=Root $alg" -o root.csr
  ok "$alg: root" "$adx" key cert --csr root.csr --ca-key root.key --self-signed --profile root --days 3650 -o root.pem
  ok "$alg: district request" "$adx" key csr --key district.key --subject "CN=District $alg,O=示例区,C=CN" -o district.csr
  ok "$alg: district" "$adx" key cert --csr district.csr --ca-key root.key --ca-cert root.pem --profile ca \
    --days 1000 -o district.pem
  ok "$alg: leaf request" "$adx" key csr --key leaf.key --san DNS:node.example \
    --subject "/C=CN/O=示例区数据交换节点/serialNumber=13230523PFTPADNB9K/CN=Leaf $alg" -o leaf.csr
  ok "$alg: leaf" "$adx" key cert --csr leaf.csr --ca-key district.key --ca-cert district.pem --profile server \
    --days 100 -o leaf.pem
  ok "$alg: revoked request" "$adx" key csr --key revoked.key --subject "/CN=Revoked $alg" -o revoked.csr
  ok "$alg: revoked" "$adx" key cert --csr revoked.csr --ca-key district.key --ca-cert district.pem --days 100 \
    -o revoked.pem

  ok "$alg: openssl pkey reads the adx key" openssl pkey -in leaf.key -noout
  ok "$alg: openssl req -verify" openssl req -verify -noout "${vfy[@]}" -in leaf.csr
  ok "$alg: openssl x509 -text (root)" openssl x509 -in root.pem -noout -text
  openssl x509 -in root.pem -noout -text >root.txt 2>&1
  has "$alg: root as openssl reads it" root.txt "Signature Algorithm: $sigalg" "CA:TRUE" \
    "Certificate Sign, CRL Sign" "X509v3 Subject Key Identifier"
  openssl x509 -in leaf.pem -noout -text -nameopt utf8 >leaf.txt 2>&1
  has "$alg: leaf as openssl reads it" leaf.txt "Signature Algorithm: $sigalg" "CA:FALSE" "Digital Signature" \
    "TLS Web Server Authentication" "DNS:node.example" "serialNumber=13230523PFTPADNB9K" "示例区数据交换节点" \
    "X509v3 Authority Key Identifier"
  if [[ $alg == sm2 ]]; then
    # openssl applies distid to the certificate being checked only: one link at a time
    ok "$alg: openssl verify district" openssl verify -x509_strict "${vfy[@]}" -CAfile root.pem district.pem
    ok "$alg: openssl verify leaf" openssl verify -x509_strict "${vfy[@]}" -partial_chain -CAfile district.pem leaf.pem
    refused "$alg: openssl verify, wrong ID" "signature failure" openssl verify -CAfile root.pem district.pem
  else
    ok "$alg: openssl verify chain" openssl verify -x509_strict -CAfile root.pem -untrusted district.pem leaf.pem
    ok "$alg: adx key crl" "$adx" key crl --ca-key district.key --ca-cert district.pem --revoke revoked.pem -o d.crl
    ok "$alg: adx key crl (root)" "$adx" key crl --ca-key root.key --ca-cert root.pem -o r.crl
    ok "$alg: openssl crl -verify" openssl crl -in d.crl -noout -CAfile district.pem
    ok "$alg: openssl verify with CRLs" openssl verify -crl_check_all -CRLfile d.crl -CRLfile r.crl -CAfile root.pem \
      -untrusted district.pem leaf.pem
    refused "$alg: openssl verify revoked" "certificate revoked" openssl verify -crl_check_all -CRLfile d.crl \
      -CRLfile r.crl -CAfile root.pem -untrusted district.pem revoked.pem
  fi

  # ---- openssl makes, adx reads --------------------------------------------
  ok "$alg: openssl genpkey" openssl genpkey "${genpkey[@]}" -out o-ca.key
  ok "$alg: openssl genpkey (encrypted PKCS#8)" openssl genpkey "${genpkey[@]}" -aes-256-cbc -pass pass:'pass word' \
    -out o-enc.key
  chmod 600 o-ca.key o-enc.key
  # keyUsage added: openssl's default CA has none, which RFC 5280 (and -x509_strict, as adx) refuses
  ok "$alg: openssl req -x509" openssl req -x509 -new -key o-ca.key "${sign[@]}" -days 30 -out o-ca.pem \
    -subj "/C=CN/O=OpenSSL CA/CN=OpenSSL $alg" -addext keyUsage=critical,keyCertSign,cRLSign
  ok "$alg: adx key show (openssl key)" "$adx" key show o-ca.key
  ok "$alg: adx key show (openssl certificate)" "$adx" key show o-ca.pem
  "$adx" key show --report json o-ca.pem >o-ca.json 2>&1
  has "$alg: openssl's root as adx reads it" o-ca.json '"ca":true' '"self_signed":true' "\"signature_algorithm\":\"$sigalg\""
  refused "$alg: encrypted key without passphrase" "no passphrase" "$adx" key csr --key o-enc.key --subject CN=x
  ok "$alg: adx key csr (openssl encrypted key)" env ADX_PW='pass word' "$adx" key csr --key o-enc.key \
    --passphrase-env ADX_PW --subject "CN=From OpenSSL key" -o o-enc.csr
  ok "$alg: adx key cert issued by openssl's CA" "$adx" key cert --csr o-enc.csr --ca-key o-ca.key --ca-cert o-ca.pem \
    --days 10 -o o-leaf.pem
  if [[ $alg == sm2 ]]; then
    ok "$alg: openssl verify adx-issued leaf" openssl verify "${vfy[@]}" -CAfile o-ca.pem o-leaf.pem
    # a request signed by openssl with its empty default SM2 ID still proves its key
    ok "$alg: openssl req -new (no distid)" openssl req -new -key o-ca.key -sm3 -subj "/CN=plain $alg" -out plain.csr
    ok "$alg: adx key cert (request without distid)" "$adx" key cert --csr plain.csr --ca-key o-ca.key \
      --ca-cert o-ca.pem --days 10 -o plain.pem
  else
    ok "$alg: openssl verify adx-issued leaf" openssl verify -x509_strict -CAfile o-ca.pem o-leaf.pem
  fi
  cd .. || exit 1
done

if [[ $fail == 0 ]]; then rm -rf "$work"; else echo "kept: $work"; fi
exit $fail

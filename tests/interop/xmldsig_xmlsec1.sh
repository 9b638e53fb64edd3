#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Enveloped XML signatures, adx against xmlsec1 (Debian's 1.2.37, OpenSSL):
#   1. adx signs (ECDSA P-256, RSA), `xmlsec1 --verify --trusted-pem root.pem`
#      accepts, and refuses the same document with one character changed;
#   2. xmlsec1 signs templates in adx's profile (each W3C c14n as
#      CanonicalizationMethod and as the reference transform, SHA-256/384/512),
#      adx verifies against the test PKI's root; also with the xmlsec test
#      keys of corpora/xmlsec-tests (ec-prime256v1 and rsa-2048 under their
#      demo CA, cacert.pem), as the corpus README §4 suggests: signature and
#      digest verify, and then adx's trust store refuses the chain (bad-chain),
#      because xmlsec's demo CA certificates do not mark basicConstraints
#      critical (RFC 5280 §4.2.1.9), which OpenSSL's strict X.509 checks
#      require.
#   3. SM2 (xmlsec1 1.2.37 has no SM2): openssl checks adx's SM2-SM3 XML
#      signature piece by piece: the DigestValue is SM3 over `xmllint
#      --exc-c14n` of the unsigned document, and `openssl pkeyutl -verify
#      -rawin -digest sm3 -pkeyopt distid:1234567812345678` accepts the
#      SignatureValue (raw r||s, turned into DER) over the exclusive
#      canonical SignedInfo.
# Usage: xmldsig_xmlsec1.sh XMLDSIG_TOOL SOURCE_DIR SHARED_DIR
# Exit 125 (skipped) when xmlsec1 is not installed.
set -uo pipefail
tool=$1
pki=$2/tests/data/pki
keys=$3/corpora/xmlsec-tests/tests/keys
command -v xmlsec1 >/dev/null || { echo "xmlsec1 not installed: skipped"; exit 125; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
failed=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failed=1; }

cat >doc.xml <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<f:filings xmlns:f="urn:adx:filing" xmlns="urn:adx:default" xml:lang="zh-CN">
  <f:filing Id="a1"><name>示例企业 &amp; Co.</name><code>91350100M000100Y43</code></f:filing>
  <!-- a comment between elements -->
  <f:filing Id="a2"><name attr='single "quoted"'>第二</name><![CDATA[raw <text>]]></f:filing>
</f:filings>
EOF

# 1. adx signs, xmlsec1 verifies.
for alg in p256 rsa; do
  if ! "$tool" sign "$pki/$alg/leaf.key" "$pki/$alg/leaf-chain.pem" doc.xml "adx-$alg.xml"; then
    fail "adx sign $alg"; continue
  fi
  if xmlsec1 --verify --trusted-pem "$pki/$alg/root.pem" --enabled-key-data x509 "adx-$alg.xml" >"v-$alg.log" 2>&1; then
    pass "xmlsec1 verifies adx $alg"
  else
    fail "xmlsec1 refuses adx $alg: $(tail -3 "v-$alg.log")"
  fi
  sed 's/示例企业/示例公司/' "adx-$alg.xml" >"adx-$alg-tampered.xml"
  if xmlsec1 --verify --trusted-pem "$pki/$alg/root.pem" --enabled-key-data x509 "adx-$alg-tampered.xml" >/dev/null 2>&1; then
    fail "xmlsec1 accepts a tampered adx $alg document"
  else
    pass "xmlsec1 refuses a tampered adx $alg document"
  fi
done

# 2. xmlsec1 signs templates in adx's profile, adx verifies.
c14n_uris=(
  "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
  "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments"
  "http://www.w3.org/2006/12/xml-c14n11"
  "http://www.w3.org/2006/12/xml-c14n11#WithComments"
  "http://www.w3.org/2001/10/xml-exc-c14n#"
  "http://www.w3.org/2001/10/xml-exc-c14n#WithComments"
)
template() {  # SIGNATURE-METHOD C14N TRANSFORM-C14N DIGEST
  local transform=""
  [ -n "$3" ] && transform="<Transform Algorithm=\"$3\"/>"
  sed '$d' doc.xml
  cat <<EOF
<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo>
<CanonicalizationMethod Algorithm="$2"/>
<SignatureMethod Algorithm="$1"/>
<Reference URI=""><Transforms>
<Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>$transform
</Transforms>
<DigestMethod Algorithm="$4"/><DigestValue/></Reference>
</SignedInfo><SignatureValue/><KeyInfo><X509Data/></KeyInfo></Signature>
</f:filings>
EOF
}
xmlsec_sign() {  # NAME TEMPLATE-ARGS... -- KEY CERTS...
  local name=$1; shift
  local args=()
  while [ "$1" != "--" ]; do args+=("$1"); shift; done
  shift
  local list=$1 cert; shift
  for cert in "$@"; do list="$list,$cert"; done
  template "${args[@]}" >"$name.tmpl"
  xmlsec1 --sign --privkey-pem "$list" --output "$name.xml" "$name.tmpl" >"$name.log" 2>&1
}
adx_verify() {  # NAME TRUST [TIME]
  local out
  if out=$("$tool" verify "$2" "$1.xml" ${3:-}); then
    pass "adx verifies xmlsec1 $1"
  else
    fail "adx refuses xmlsec1 $1: $out"
  fi
}

sha256=http://www.w3.org/2001/04/xmlenc#sha256
sha384=http://www.w3.org/2001/04/xmldsig-more#sha384
sha512=http://www.w3.org/2001/04/xmlenc#sha512
ecdsa=http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256
rsa=http://www.w3.org/2001/04/xmldsig-more#rsa-sha256
for alg in p256 rsa; do
  n=0
  [ $alg = p256 ] && method=$ecdsa || method=$rsa
  for c in "${c14n_uris[@]}"; do
    for t in "" "${c14n_uris[@]}"; do
      n=$((n + 1))
      name="xmlsec-$alg-$n"
      [ $n = 1 ] && first=$name
      if xmlsec_sign "$name" "$method" "$c" "$t" "$sha256" -- "$pki/$alg/leaf.key" "$pki/$alg/leaf.pem" \
          "$pki/$alg/district.pem"; then
        out=$("$tool" verify "$pki/$alg/root.pem" "$name.xml") || fail "adx refuses $name (c14n $c, transform ${t:-none}): $out"
      else
        fail "xmlsec1 cannot sign $name: $(tail -3 "$name.log")"
      fi
    done
  done
  pass "adx verifies xmlsec1 $alg signatures with 6 c14n methods x 7 transform choices"
  for d in "$sha384" "$sha512"; do
    name="xmlsec-$alg-${d##*#}"
    if xmlsec_sign "$name" "$method" "${c14n_uris[4]}" "${c14n_uris[4]}" "$d" -- "$pki/$alg/leaf.key" \
        "$pki/$alg/leaf.pem" "$pki/$alg/district.pem"; then
      adx_verify "$name" "$pki/$alg/root.pem"
    else
      fail "xmlsec1 cannot sign $name"
    fi
  done
  # The signed document, tampered: adx says so.
  sed 's/示例企业/示例公司/' "$first.xml" >"tampered-$alg.xml"
  out=$("$tool" verify "$pki/$alg/root.pem" "tampered-$alg.xml")
  case $out in digest-mismatch:*) pass "adx refuses a tampered xmlsec1 $alg document" ;;
    *) fail "tampered xmlsec1 $alg document: $out" ;; esac
done

# 3. SM2 with openssl. (xmllint --exc-c14n keeps comments: a document without.)
grep -v -- '<!--' doc.xml >doc-nc.xml
if "$tool" sign "$pki/sm2/leaf.key" "$pki/sm2/leaf-chain.pem" doc-nc.xml adx-sm2.xml; then
  /usr/bin/python3 - <<'EOF' || fail "cannot take adx-sm2.xml apart"
import base64, re
s = open('adx-sm2.xml', encoding='utf-8').read()
si = re.search(r'<ds:SignedInfo>.*?</ds:SignedInfo>', s, re.S).group(0)
open('sm2-si.xml', 'w', encoding='utf-8').write(
    si.replace('<ds:SignedInfo>', '<ds:SignedInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">', 1))
sig = base64.b64decode(re.search(r'<ds:SignatureValue>(.*?)</ds:SignatureValue>', s, re.S).group(1))
def der_int(b):
    b = b.lstrip(b'\0') or b'\0'
    if b[0] & 0x80:
        b = b'\0' + b
    return b'\x02' + bytes([len(b)]) + b
body = der_int(sig[:32]) + der_int(sig[32:])
open('sm2-sig.der', 'wb').write(b'\x30' + bytes([len(body)]) + body)
open('sm2-digest.txt', 'w').write(re.search(r'<ds:DigestValue>(.*?)</ds:DigestValue>', s).group(1))
EOF
  want=$(cat sm2-digest.txt)
  got=$(xmllint --exc-c14n doc-nc.xml | openssl dgst -sm3 -binary | base64)
  if [ "$want" = "$got" ]; then pass "SM3 DigestValue = openssl dgst -sm3 of xmllint --exc-c14n"
  else fail "SM3 digest: $want vs $got"; fi
  xmllint --exc-c14n sm2-si.xml >sm2-si.c14n
  openssl x509 -in "$pki/sm2/leaf.pem" -pubkey -noout >sm2-pub.pem
  if openssl pkeyutl -verify -pubin -inkey sm2-pub.pem -rawin -digest sm3 -pkeyopt distid:1234567812345678 \
      -in sm2-si.c14n -sigfile sm2-sig.der >/dev/null 2>&1; then
    pass "openssl pkeyutl verifies adx's SM2-SM3 SignatureValue"
  else
    fail "openssl pkeyutl refuses adx's SM2-SM3 SignatureValue"
  fi
else
  fail "adx sign sm2"
fi

# The xmlsec test suite's own keys and demo CA.
if [ -d "$keys" ]; then
  at=$(date -d 2027-01-01 +%s)
  for k in ec/ec-prime256v1 rsa/rsa-2048; do
    [ "$k" = ec/ec-prime256v1 ] && method=$ecdsa || method=$rsa
    name="corpus-${k##*/}"
    if xmlsec_sign "$name" "$method" "${c14n_uris[4]}" "${c14n_uris[4]}" "$sha256" -- "$keys/$k-key.pem" \
        "$keys/$k-cert.pem" "$keys/ca2cert.pem"; then
      out=$("$tool" verify "$keys/cacert.pem" "$name.xml" "$at")
      case $out in bad-chain:*"not marked critical"*) pass "adx verifies $name up to its chain (demo CA not RFC 5280 strict)" ;;
        ok*) pass "adx verifies $name" ;;
        *) fail "$name: $out" ;; esac
      out=$("$tool" verify "$pki/p256/root.pem" "$name.xml" "$at")
      case $out in unknown-signer:*) pass "adx refuses $name against another trust store" ;;
        *) fail "$name against another trust store: $out" ;; esac
    else
      fail "xmlsec1 cannot sign $name: $(tail -3 "$name.log")"
    fi
  done
else
  echo "note: no xmlsec-tests corpus at $keys; its keys were not tried"
fi
exit $failed

#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Detached JWS (RFC 7515 + RFC 7797, b64=false) against npm jose, both ways:
#   adx signs ES256  -> jose verifies (flattenedVerify with the payload bytes and the x5c[0] key)
#   jose signs ES256 -> adx verifies (x5c chain to the test root, strict profile)
# plus one changed payload byte each way, which both must refuse.
# Usage: jws_jose.sh ADX CACHE_DIR
#   ADX        the adx binary (adx sign --as jws, adx verify)
#   CACHE_DIR  where jose is installed with npm (under the build tree; reused)
# Exit: 0 agreement, 1 failure, 125 when node or npm is not installed.
set -euo pipefail
adx=${1:?usage: jws_jose.sh ADX CACHE_DIR}
cache=${2:?usage: jws_jose.sh ADX CACHE_DIR}
here=$(cd "$(dirname "$0")" && pwd)
case $adx in /*) ;; *) adx=$PWD/$adx ;; esac
case $cache in /*) ;; *) cache=$PWD/$cache ;; esac
jose_version=5.10.0

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "jws_jose: node or npm not installed; skipped" >&2
  exit 125
fi
if [ "$(node -p "try { require('$cache/node_modules/jose/package.json').version } catch { '' }")" != "$jose_version" ]; then
  mkdir -p "$cache"
  npm install --prefix "$cache" "jose@$jose_version" --no-audit --no-fund --loglevel=error >&2 ||
    { echo "jws_jose: npm install jose@$jose_version failed" >&2; exit 1; }
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "jws_jose: FAIL: $*" >&2; exit 1; }

# A root CA and a signing certificate (P-256), valid from now.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out root.key 2>/dev/null
openssl req -x509 -new -key root.key -subj "/C=CN/O=adx interop/CN=JOSE Test Root" -days 30 -sha256 \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out root.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out leaf.key 2>/dev/null
chmod 600 leaf.key root.key
openssl req -new -key leaf.key -subj "/C=CN/O=adx interop/CN=JOSE Test Signer" -out leaf.csr
cat >leaf.ext <<'EOF'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,nonRepudiation
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EOF
openssl x509 -req -in leaf.csr -CA root.pem -CAkey root.key -CAcreateserial -days 20 -sha256 \
  -extfile leaf.ext -out leaf.pem 2>/dev/null
cat leaf.pem root.pem >chain.pem

# A payload with dots, newlines, UTF-8 and every byte value.
{ printf 'id.uscc\n1.91350100M000100Y43\n签名\n'; seq 1 40000; for i in $(seq 0 255); do printf "\\$(printf %03o "$i")"; done; } >payload
cp payload changed
printf 'X' | dd of=changed bs=1 seek=1000 conv=notrunc status=none

# adx -> jose
"$adx" sign --key leaf.key --cert chain.pem --alg ES256 --as jws -o adx.jws payload || fail "adx could not sign"
node "$here/jws_jose.cjs" "$cache" verify adx.jws payload || fail "jose does not verify adx's ES256 JWS"
if node "$here/jws_jose.cjs" "$cache" verify adx.jws changed 2>/dev/null; then
  fail "jose verifies adx's JWS over changed content"
fi

# jose -> adx
node "$here/jws_jose.cjs" "$cache" sign leaf.key chain.pem payload jose.jws || fail "jose could not sign"
"$adx" verify --trust root.pem payload jose.jws || fail "adx does not verify jose's ES256 JWS"
rc=0
"$adx" verify --trust root.pem changed jose.jws 2>err || rc=$?
[ "$rc" -eq 65 ] && grep -q '\[tampered\]' err || fail "adx on changed content: exit $rc, $(cat err)"
# adx's own JWS verifies in adx too, and jose's is refused for a root adx does not trust.
"$adx" verify --trust root.pem payload adx.jws >/dev/null || fail "adx does not verify its own JWS"
openssl req -x509 -new -key leaf.key -subj "/C=CN/O=adx interop/CN=Another Root" -days 30 -sha256 \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out other.pem
rc=0
"$adx" verify --trust other.pem payload jose.jws 2>err || rc=$?
[ "$rc" -eq 65 ] && grep -q '\[unknown-signer\]' err || fail "adx with another trust store: exit $rc, $(cat err)"
echo "jws_jose: adx and jose $jose_version agree both ways"

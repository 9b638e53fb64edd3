#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# adx's SM2 signatures against the openssl CLI, over the exact signed bytes:
#   - a detached JWS from `adx sign` (SM2, raw r‖s) verifies with
#     `openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:...` over
#     BASE64URL(header) "." payload (RFC 7797 signing input);
#   - a signature openssl makes over the same input, put into the .jws,
#     verifies with `adx verify`;
#   - with another user ID (--sm2-id) openssl needs that ID, and the default fails.
# Usage: sm2_openssl.sh ADX PKI_DIR
set -euo pipefail
adx=$1
pki=$2
command -v openssl >/dev/null || exit 125
command -v python3 >/dev/null || exit 125
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cp "$pki/sm2/leaf.key" key.pem
chmod 600 key.pem
openssl pkey -in key.pem -pubout -out pub.pem 2>/dev/null
head -c 300000 /dev/urandom > doc.bin
fail() { echo "FAIL: $*" >&2; exit 1; }

# b64url <-> raw r‖s <-> DER, with python3's standard library only.
py_split() {  # JWS -> header part, signature DER
  python3 - "$1" "$2" "$3" <<'PY'
import base64, sys
jws, out_input_prefix, out_sig = sys.argv[1:]
h, p, s = open(jws).read().strip().split(".")
assert p == ""
open(out_input_prefix, "wb").write(h.encode() + b".")
sig = base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
assert len(sig) == 64, len(sig)
def der_int(b):
    b = b.lstrip(b"\0") or b"\0"
    if b[0] & 0x80: b = b"\0" + b
    return b"\x02" + bytes([len(b)]) + b
body = der_int(sig[:32]) + der_int(sig[32:])
open(out_sig, "wb").write(b"\x30" + bytes([len(body)]) + body)
PY
}
py_join() {  # header part + DER signature -> JWS
  python3 - "$1" "$2" "$3" <<'PY'
import base64, sys
prefix, der, out = sys.argv[1:]
d = open(der, "rb").read()
assert d[0] == 0x30
i = 2
def take(i):
    assert d[i] == 2
    n = d[i + 1]
    return d[i + 2:i + 2 + n], i + 2 + n
r, i = take(i)
s, i = take(i)
raw = int.from_bytes(r, "big").to_bytes(32, "big") + int.from_bytes(s, "big").to_bytes(32, "big")
sig = base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
h = open(prefix, "rb").read().decode().rstrip(".")
open(out, "w").write(h + ".." + sig + "\n")
PY
}

# 1. adx signs, openssl verifies.
"$adx" sign --key key.pem --cert "$pki/sm2/leaf-chain.pem" doc.bin 2>/dev/null
py_split doc.bin.jws prefix.bin sig.der
cat prefix.bin doc.bin > input.bin
openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345678 -pubin -inkey pub.pem \
  -in input.bin -sigfile sig.der >/dev/null || fail "openssl does not verify adx's SM2 signature"
if openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345679 -pubin -inkey pub.pem \
  -in input.bin -sigfile sig.der >/dev/null 2>&1; then fail "openssl verified with the wrong user ID"; fi

# 2. openssl signs the same input, adx verifies.
openssl pkeyutl -sign -rawin -digest sm3 -pkeyopt distid:1234567812345678 -inkey key.pem \
  -in input.bin -out osig.der
py_join prefix.bin osig.der doc.bin.jws
"$adx" verify --trust "$pki/sm2/root.pem" doc.bin >/dev/null || fail "adx does not verify openssl's SM2 signature"

# 3. Another user ID, agreed on both sides.
"$adx" sign --sm2-id district-310116 --key key.pem --cert "$pki/sm2/leaf-chain.pem" doc.bin 2>/dev/null
py_split doc.bin.jws prefix.bin sig.der
cat prefix.bin doc.bin > input.bin
openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:district-310116 -pubin -inkey pub.pem \
  -in input.bin -sigfile sig.der >/dev/null || fail "openssl does not verify with the agreed user ID"
"$adx" verify --sm2-id district-310116 --trust "$pki/sm2/root.pem" doc.bin >/dev/null || fail "adx, agreed ID"
if "$adx" verify --trust "$pki/sm2/root.pem" doc.bin >/dev/null 2>&1; then fail "adx verified with the default ID"; fi
echo "sm2-openssl: ok"

#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Signing speed and memory: adx sign and adx verify against openssl dgst (a
# detached signature over a big file: hashing dominates, so the digest alone
# is the floor) and against xmlsec1 (enveloped XML signatures), on the same
# generated files, in the same run.
# Usage: tests/bench/sign.sh ADX_BINARY [--smoke]
#   full: a 1 GB file of pseudo-random bytes, detached JWS with SM2 and ES256
#         against openssl dgst -sm3 / -sha256; a ~100 MB enterprise-filing XML
#         export, enveloped signatures ES256 and RS256 against xmlsec1 --sign /
#         --verify; targets judged (never fails on timing). Each time is the
#         best of 3 runs (the machine may be shared); RSS is the largest.
#         With less than 3 GB free in the scratch directory the big file is
#         smaller (said so in the output).
#   --smoke: 8 MB and ~2 MB, one run each; only checks that everything runs and agrees
# Fails (exit 1) if a tool's result is wrong: adx verify must accept every
# signature adx made (exit 0) and refuse it after one flipped byte (exit 65,
# rule tampered or digest-mismatch); xmlsec1 must accept its own and adx's
# XML signatures and refuse the flipped ones; adx must accept xmlsec1's;
# openssl dgst must print a digest. Exits 125 (skipped) if openssl (with SM3)
# or xmlsec1 is not installed (apt-get install openssl xmlsec1).
set -euo pipefail
adx=${1:?usage: sign.sh ADX_BINARY [--smoke]}
smoke=0
[ "${2:-}" = --smoke ] && smoke=1
big_bytes=$((smoke ? 8000000 : 1000000000))
filings=$((smoke ? 2000 : 97000))  # ~1030 bytes each: ~100 MB of XML
reps=$((smoke ? 1 : 3))
here=$(cd "$(dirname "$0")" && pwd)
pki=$here/../data/pki
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"
target_dgst=1.2  # adx sign/verify within 1.2x of openssl dgst over the same bytes
target_xmlsec=1.5  # adx sign/verify at least 1.5x xmlsec1's speed

for tool in openssl xmlsec1; do
  if ! command -v "$tool" >/dev/null; then
    echo "sign bench: $tool not installed (apt-get install openssl xmlsec1); skipped" >&2
    exit 125
  fi
done
if ! openssl dgst -sm3 </dev/null >/dev/null 2>&1; then
  echo "sign bench: this openssl has no SM3 (openssl >= 1.1.1 needed); skipped" >&2
  exit 125
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
big=$tmp/payload.bin
xml=$tmp/filings.xml
for alg in sm2 p256 rsa; do
  cp "$pki/$alg/leaf.key" "$tmp/$alg.key"  # adx refuses keys others can read
  chmod 600 "$tmp/$alg.key"
done

size_note=
free=$(df --output=avail -B1 "$tmp" | tail -1)
if [ "$smoke" = 0 ] && [ "$free" -lt 3000000000 ]; then
  big_bytes=$((free / 3 / 1000000 * 1000000))
  size_note=" (only $((free / 1000000)) MB free in $(dirname "$tmp"): not the 1 GB of the target)"
fi

t0=$(date +%s.%N)
# Pseudo-random bytes at AES speed: AES-128-CTR over zeros, fixed key.
head -c "$big_bytes" /dev/zero |
  openssl enc -aes-128-ctr -K 000102030405060708090a0b0c0d0e0f -iv 00000000000000000000000000000000 -nosalt > "$big"
"$py" "$here/gen_filings.py" write "$filings" /dev/null "$xml"
big_bytes=$(stat -c %s "$big")
xml_bytes=$(stat -c %s "$xml")
printf 'sign bench: generated in %.1f s: %.1f MB of random bytes%s, %.1f MB XML (%d filings)\n' \
  "$(calc "$(date +%s.%N) - $t0")" "$(calc "$big_bytes / 1e6")" "$size_note" "$(calc "$xml_bytes / 1e6")" "$filings"
cat "$big" "$xml" > /dev/null  # every tool reads from the page cache

fail() { echo "sign bench: FAIL: $*" >&2; touch "$tmp/failed"; }

# run LABEL RC PATTERN CMD...: runs CMD $reps times (stdin /dev/null, output
# in $tmp/run.out and $tmp/run.err); each run must exit RC and, if PATTERN is
# not empty, print a line matching it (grep -E, stdout or stderr). Prints
# "best_seconds max_rss_kb". Runs in a subshell: a failure is recorded in
# $tmp/failed.
run() {
  local label=$1 want=$2 pattern=$3 best='' rss=0 secs r rc i
  shift 3
  for ((i = 0; i < reps; i++)); do
    read -r secs r rc _ < <(timed /dev/null "$tmp/run.out" "$tmp/run.err" "$@")
    if [ "$rc" != "$want" ] || { [ -n "$pattern" ] && ! cat "$tmp/run.out" "$tmp/run.err" | grep -Eq "$pattern"; }; then
      fail "$label: exit $rc, expected exit $want${pattern:+ and a line matching $pattern}:"
      head -5 "$tmp/run.out" "$tmp/run.err" >&2
    fi
    best=$(calc "min(${best:-$secs}, $secs)")
    rss=$((r > rss ? r : rss))
  done
  echo "$best $rss"
}

# flip FILE OFFSET: XOR the byte at OFFSET with 1 (again: back as it was).
flip() {
  "$py" -c 'import sys
with open(sys.argv[1], "r+b") as f:
    f.seek(int(sys.argv[2])); b = f.read(1); f.seek(int(sys.argv[2])); f.write(bytes([b[0] ^ 1]))' "$1" "$2"
}
# digit_offset FILE: the offset of a digit in text content half way through an
# XML export (the last digit of a phone number): flipping it keeps the
# document well-formed and changes only signed content.
digit_offset() {
  "$py" -c 'import sys
b = open(sys.argv[1], "rb").read()
i = b.index(b"</phone>", len(b) // 2) - 1
assert b[i:i + 1].isdigit()
print(i)' "$1"
}

mbs() { calc "round($1 / 1e6 / $2, 1)"; }
lines=()
# report NAME SECONDS BYTES RSS [NOTE]: one line of the table, printed at the end.
report() { lines+=("$(printf '  %-54s %8.3f s  %7s MB/s  %8s KiB%s' "$1" "$2" "$(mbs "$3" "$2")" "$4" "${5:-}")"); }
verdicts=()

# --- Detached JWS over the big file against openssl dgst ---
# detached ALG DIR DIGEST: adx sign + verify with the leaf key of DIR (tests/data/pki/DIR).
detached() {
  local alg=$1 dir=$2 dgst=$3 sig=$tmp/payload.$1.jws
  local trust=(--trust "$pki/$dir/root.pem")
  read -r dgst_s dgst_rss < <(run "openssl dgst -$dgst" 0 "^[A-Z0-9-]+\(.*\)= [0-9a-f]{64}$" \
    "${pin[@]}" openssl dgst "-$dgst" "$big")
  report "openssl dgst -$dgst FILE (floor)" "$dgst_s" "$big_bytes" "$dgst_rss"
  read -r s rss < <(run "openssl dgst -$dgst -sign" 0 "" \
    "${pin[@]}" openssl dgst "-$dgst" -sign "$tmp/$dir.key" -out "$tmp/openssl.sig" "$big")
  report "openssl dgst -$dgst -sign KEY FILE" "$s" "$big_bytes" "$rss" "  (not judged)"
  read -r sign_s sign_rss < <(run "adx sign ($alg)" 0 "" "${pin[@]}" "$adx" sign --alg "$alg" --key "$tmp/$dir.key" \
    --cert "$pki/$dir/leaf.pem" --chain "$pki/$dir/district.pem" -o "$sig" "$big")
  report "adx sign --alg $alg FILE (detached JWS)" "$sign_s" "$big_bytes" "$sign_rss"
  read -r verify_s verify_rss < <(run "adx verify ($alg)" 0 "signature valid \(jws\)" \
    "${pin[@]}" "$adx" verify "${trust[@]}" "$big" "$sig")
  report "adx verify FILE FILE.jws ($alg)" "$verify_s" "$big_bytes" "$verify_rss"
  # openssl must agree: it verifies adx's signature over the JWS signing input
  # (RFC 7797: BASE64URL(header) "." payload), fed through a pipe.
  local distid=()
  [ "$alg" = SM2-SM3 ] && distid=(-sigopt distid:1234567812345678)
  [ -s "$sig" ] || { fail "adx sign ($alg) wrote no $sig"; return; }
  openssl x509 -in "$pki/$dir/leaf.pem" -pubkey -noout > "$tmp/pub.pem"
  "$py" -c 'import base64, sys
sig = sys.stdin.read().strip().split(".")[2]
rs = base64.urlsafe_b64decode(sig + "=" * (-len(sig) % 4))
def der_int(b):
    b = b.lstrip(b"\0") or b"\0"
    b = b"\0" + b if b[0] & 0x80 else b
    return b"\x02" + bytes([len(b)]) + b
body = der_int(rs[:len(rs) // 2]) + der_int(rs[len(rs) // 2:])
sys.stdout.buffer.write(b"\x30" + bytes([len(body)]) + body)' < "$sig" > "$tmp/sig.der"
  if ! { printf '%s.' "$(cut -d. -f1 "$sig")"; cat "$big"; } |
    openssl dgst "-$dgst" -verify "$tmp/pub.pem" "${distid[@]}" -signature "$tmp/sig.der" > "$tmp/openssl.out" 2>&1; then
    fail "openssl dgst -$dgst -verify does not accept adx's $alg JWS signature: $(head -3 "$tmp/openssl.out")"
  fi
  local r_sign r_verify
  r_sign=$(calc "round($sign_s / $dgst_s, 2)")
  r_verify=$(calc "round($verify_s / $dgst_s, 2)")
  verdicts+=("$(printf '  adx sign %s / openssl dgst -%s: %sx (target <= %sx): %s' "$alg" "$dgst" "$r_sign" \
    "$target_dgst" "$(judge "$(calc "int($r_sign <= $target_dgst)")")")")
  verdicts+=("$(printf '  adx verify %s / openssl dgst -%s: %sx (target <= %sx): %s' "$alg" "$dgst" "$r_verify" \
    "$target_dgst" "$(judge "$(calc "int($r_verify <= $target_dgst)")")")")
}
detached SM2-SM3 sm2 sm3
detached ES256 p256 sha256

# One flipped byte half way through: both signatures must fail, as tampered.
flip "$big" $((big_bytes / 2))
reps_saved=$reps reps=1
run "adx verify (SM2-SM3), flipped byte" 65 '\[tampered\]' \
  "$adx" verify --trust "$pki/sm2/root.pem" "$big" "$tmp/payload.SM2-SM3.jws" > /dev/null
run "adx verify (ES256), flipped byte" 65 '\[tampered\]' \
  "$adx" verify --trust "$pki/p256/root.pem" "$big" "$tmp/payload.ES256.jws" > /dev/null
reps=$reps_saved
rm -f "$big"  # not needed any more: room for the XML files

# --- Enveloped XML signatures against xmlsec1 ---
# template ALG_URI OUT: the export with an empty ds:Signature in adx's profile
# (what adx sign inserts: last child of the root, exc-c14n, URI="",
# enveloped-signature + exc-c14n, SHA-256, X509Data) for xmlsec1 --sign.
template() {
  "$py" - "$xml" "$2" "$1" <<'EOF'
import sys
src, dst, method = sys.argv[1:4]
doc = open(src, "rb").read()
end = doc.rindex(b"</")
sig = f"""<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
<ds:SignedInfo>
<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
<ds:SignatureMethod Algorithm="{method}"/>
<ds:Reference URI="">
<ds:Transforms>
<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
</ds:Transforms>
<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
<ds:DigestValue></ds:DigestValue>
</ds:Reference>
</ds:SignedInfo>
<ds:SignatureValue></ds:SignatureValue>
<ds:KeyInfo><ds:X509Data></ds:X509Data></ds:KeyInfo>
</ds:Signature>
""".encode()
with open(dst, "wb") as f:
    f.write(doc[:end] + sig + doc[end:])
EOF
}

# enveloped ALG DIR URI: adx and xmlsec1 sign the export with the leaf key of
# DIR, each verifies its own signature and the other's, and both refuse a
# flipped byte in either.
enveloped() {
  local alg=$1 dir=$2 uri=$3
  local ours=$tmp/adx.$alg.xml theirs=$tmp/xmlsec1.$alg.xml tmpl=$tmp/template.xml
  local trust=(--trust "$pki/$dir/root.pem") xtrust=(--trusted-pem "$pki/$dir/root.pem")
  local ok_adx="signature valid \(xmldsig\)" ok_xmlsec="^OK$"
  template "$uri" "$tmpl"
  read -r sign_s sign_rss < <(run "adx sign ($alg, XML)" 0 "" "${pin[@]}" "$adx" sign --key "$tmp/$dir.key" \
    --cert "$pki/$dir/leaf.pem" --chain "$pki/$dir/district.pem" -o "$ours" "$xml")
  report "adx sign FILE.xml ($alg)" "$sign_s" "$xml_bytes" "$sign_rss"
  read -r xsign_s xsign_rss < <(run "xmlsec1 --sign ($alg)" 0 "" "${pin[@]}" xmlsec1 --sign \
    --privkey-pem "$tmp/$dir.key,$pki/$dir/leaf.pem,$pki/$dir/district.pem" --output "$theirs" "$tmpl")
  report "xmlsec1 --sign TEMPLATE.xml ($alg)" "$xsign_s" "$xml_bytes" "$xsign_rss"
  rm -f "$tmpl"
  read -r verify_s verify_rss < <(run "adx verify ($alg, XML signed by adx)" 0 "$ok_adx" \
    "${pin[@]}" "$adx" verify "${trust[@]}" "$ours")
  report "adx verify FILE.xml ($alg, signed by adx)" "$verify_s" "$xml_bytes" "$verify_rss"
  read -r xverify_s xverify_rss < <(run "xmlsec1 --verify ($alg, XML signed by xmlsec1)" 0 "$ok_xmlsec" \
    "${pin[@]}" xmlsec1 --verify "${xtrust[@]}" "$theirs")
  report "xmlsec1 --verify FILE.xml ($alg, signed by xmlsec1)" "$xverify_s" "$xml_bytes" "$xverify_rss"
  # Interop, both directions (timed once, not judged).
  local reps_saved=$reps
  reps=1
  read -r s rss < <(run "adx verify ($alg, XML signed by xmlsec1)" 0 "$ok_adx" \
    "${pin[@]}" "$adx" verify "${trust[@]}" "$theirs")
  report "adx verify FILE.xml ($alg, signed by xmlsec1)" "$s" "$xml_bytes" "$rss" "  (interop)"
  read -r s rss < <(run "xmlsec1 --verify ($alg, XML signed by adx)" 0 "$ok_xmlsec" \
    "${pin[@]}" xmlsec1 --verify "${xtrust[@]}" "$ours")
  report "xmlsec1 --verify FILE.xml ($alg, signed by adx)" "$s" "$xml_bytes" "$rss" "  (interop)"
  local f
  for f in "$ours" "$theirs"; do
    [ -s "$f" ] || { fail "no $f"; continue; }
    flip "$f" "$(digit_offset "$f")"
    run "adx verify ($alg, $(basename "$f"), flipped byte)" 65 '\[digest-mismatch\]' \
      "$adx" verify "${trust[@]}" "$f" > /dev/null
    run "xmlsec1 --verify ($alg, $(basename "$f"), flipped byte)" 1 "^FAIL$" \
      xmlsec1 --verify "${xtrust[@]}" "$f" > /dev/null
    rm -f "$f"
  done
  reps=$reps_saved
  local r_sign r_verify
  r_sign=$(calc "round($xsign_s / $sign_s, 2)")
  r_verify=$(calc "round($xverify_s / $verify_s, 2)")
  verdicts+=("$(printf '  adx sign %s / xmlsec1 --sign: %sx faster (target >= %sx): %s' "$alg" "$r_sign" \
    "$target_xmlsec" "$(judge "$(calc "int($r_sign >= $target_xmlsec)")")")")
  verdicts+=("$(printf '  adx verify %s / xmlsec1 --verify: %sx faster (target >= %sx): %s' "$alg" "$r_verify" \
    "$target_xmlsec" "$(judge "$(calc "int($r_verify >= $target_xmlsec)")")")")
}
enveloped ES256 p256 http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256
enveloped RS256 rsa http://www.w3.org/2001/04/xmldsig-more#rsa-sha256

echo "sign bench: $(calc "round($big_bytes / 1e6)") MB detached, $(calc "round($xml_bytes / 1e6)") MB XML," \
  "best of $reps, $(uname -m)${pin:+, pinned to CPU 0}"
printf '%s\n' "${lines[@]}" "${verdicts[@]}"
[ ! -e "$tmp/failed" ] || { echo "sign bench: FAILED: a tool did not report what it should" >&2; exit 1; }

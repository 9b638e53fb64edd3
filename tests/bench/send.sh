#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Delivery speed: adx send against a real adx serve on loopback with mutual
# TLS (P-256 certificates made with adx key), in the same run:
#   1. many small documents over one connection: documents per second, and
#      the p50/p99 of each document's time (adx send --report json's "ms":
#      digest, upload, receipt verified and written);
#   2. one big upload with adx send, and the same file with curl (-T, POST,
#      the same protocol headers, digest computed beforehand) to the same
#      server: the ratio of their wall-clock times, target >= 0.9x curl's
#      speed (adx send's time includes its SHA-256 pass over the file; the
#      time of curl plus sha256sum is shown too).
# The two big uploads come from two senders, so that neither is answered as
# a duplicate of the other (both are received, checked, validated, stored).
# Usage: tests/bench/send.sh ADX_BINARY [--smoke]
#   full: 10,000 documents of ~10 KB, a 1 GB enterprise-filing CSV
#   --smoke: 200 documents, 20 MB; only checks that everything runs and agrees
# Fails (exit 1) when a delivery fails (every small document must be accepted;
# the big ones must get the same answer from adx send and curl). Exits 125
# (skipped) without curl or python3-cryptography.
set -euo pipefail
adx=$(realpath "${1:?usage: send.sh ADX_BINARY [--smoke]}")
smoke=0
[ "${2:-}" = --smoke ] && smoke=1
docs=$((smoke ? 200 : 10000))
big_bytes=$((smoke ? 20000000 : 1000000000))
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
. "$here/lib.sh"
target_ratio=0.9

command -v curl >/dev/null || { echo "send bench: curl not installed; skipped" >&2; exit 125; }
"$adx" serve --help >/dev/null 2>&1 || { echo "send bench: this adx has no serve; skipped" >&2; exit 125; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/adx-send-bench.XXXXXX")
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
cd "$tmp"
umask 077

source "$here/../transport/lib.sh"
mk tls-ca p256 self root "/C=CN/O=Bench/CN=TLS CA"
mk server p256 tls-ca server "/C=CN/O=Bench/CN=127.0.0.1" IP:127.0.0.1
mk client-ca p256 self root "/C=CN/O=Bench/CN=client CA"
mk sender-a p256 client-ca client "/C=CN/O=District A/CN=district-a"
mk sender-b p256 client-ca client "/C=CN/O=District B/CN=district-b"
mk receipt-ca p256 self root "/C=CN/O=City/CN=receipt root"
mk receipt p256 receipt-ca sign "/C=CN/O=City/CN=receipts"

# The documents: valid enterprise-filing records, split into ~10 KB CSVs
# (the generator's few deliberately bad records left out), and a big CSV
# of the same records repeated with new credit codes.
records=$((docs * 30 + 2000))
"$py" "$here/gen_filings.py" write "$records" base.csv base.xml --manifest manifest.json >/dev/null
"$py" - "$docs" <<'PY'
import json, os, sys
n = int(sys.argv[1])
bad = {int(k) for k in json.load(open("manifest.json"))["bad"]}
bad |= {int(k) for k in json.load(open("manifest.json"))["duplicate_of"]}
os.mkdir("docs")
with open("base.csv", "rb") as f:
    header = f.readline()
    rows = [r for i, r in enumerate(f, 1) if i not in bad]
k = 0
for d in range(n):
    body = [header]
    size = len(header)
    while size < 10000:
        body.append(rows[k]); size += len(rows[k]); k += 1
    with open(f"docs/d{d:05d}.csv", "wb") as out:
        out.write(b"".join(body))
PY
"$py" "$here/gen_filings.py" repeat base.csv "$big_bytes" > big.csv

cat > serve.toml <<EOF
[serve]
listen = "127.0.0.1:0"
tls_cert = "server.pem"
tls_key = "server.key"
client_ca = "client-ca.pem"
sign_key = "receipt.key"
sign_cert = "receipt.pem"
inbox = "inbox"
ledger = "ledger.db"
access_log = "access.log"
max_body = 2000000000

[senders.district-a]
formats = "enterprise-filing"

[senders.district-b]
formats = "enterprise-filing"
EOF
start_serve serve.toml
cat > adx.toml <<EOF
[profiles.city]
url = "https://127.0.0.1:$port/"
client_cert = "sender-a.pem"
client_key = "sender-a.key"
ca_bundle = "tls-ca.pem"
trust = "receipt-ca.pem"
format = "enterprise-filing"
retries = 0
EOF
export ADX_CONFIG=$tmp/adx.toml

echo "send bench: adx serve on 127.0.0.1:$port, mutual TLS (P-256), $(nproc) CPUs"
# 1. small documents
read -r secs rss rc _ < <(timed /dev/null small.jsonl small.err "$adx" send --to city --report json docs/*.csv)
if [ "$rc" != 0 ]; then echo "send bench: adx send of $docs documents exited $rc" >&2; head -5 small.err >&2; exit 1; fi
"$py" - small.jsonl "$docs" "$secs" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
n, secs = int(sys.argv[2]), float(sys.argv[3])
assert len(rows) == n and all(r["status"] == "accepted" for r in rows), "not all accepted"
ms = sorted(r["ms"] for r in rows)
pct = lambda p: ms[min(len(ms) - 1, int(p * len(ms)))]
print(f"small: {n} documents of ~10 KB in {secs:.2f} s: {n / secs:.0f} docs/s, "
      f"p50 {pct(0.50)} ms, p99 {pct(0.99)} ms, max {ms[-1]} ms (one process, one connection)")
PY

# 2. one big upload: curl (sender B), then adx send (sender A)
sha=$(sha256sum big.csv | cut -d' ' -f1)
b64=$(openssl dgst -sha256 -binary big.csv | base64)
read -r sha_secs _ _ _ < <(timed /dev/null /dev/null /dev/null sha256sum big.csv)
read -r curl_secs _ curl_rc _ < <(timed /dev/null curl.out curl.err curl -sS -o curl.body -w '%{http_code}' \
  --cacert tls-ca.pem --cert sender-b.pem --key sender-b.key -X POST -T big.csv \
  -H "Content-Type: application/octet-stream" -H "Adx-Format: enterprise-filing" -H "Idempotency-Key: $sha" \
  -H "Content-Digest: sha-256=:$b64:" -H "Adx-Filename: big.csv" "https://127.0.0.1:$port/v1/submissions")
read -r adx_secs adx_rss adx_rc _ < <(timed /dev/null big.jsonl big.err "$adx" send --to city --report json big.csv)
curl_status=$(cat curl.out)
adx_status=$("$py" -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["http_status"])' big.jsonl)
if [ "$curl_rc" != 0 ] || [ "$curl_status" != "$adx_status" ] || { [ "$adx_status" != 201 ] && [ "$adx_status" != 422 ]; }; then
  echo "send bench: big upload: curl exit $curl_rc status $curl_status, adx send exit $adx_rc status $adx_status" >&2
  cat curl.err big.err >&2; exit 1
fi
mb=$(calc "$big_bytes / 1e6")
ratio=$(calc "round($curl_secs / $adx_secs, 3)")
echo "big: $mb MB, answer $adx_status: curl $(calc "round($curl_secs, 2)") s (+ sha256sum $(calc "round($sha_secs, 2)") s)," \
  "adx send $(calc "round($adx_secs, 2)") s (max RSS $((adx_rss / 1024)) MiB): adx send at ${ratio}x curl's speed" \
  "(target >= $target_ratio): $(judge "$(calc "int($ratio >= $target_ratio)")")"

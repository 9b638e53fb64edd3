#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# adx serve end to end: a PKI made with adx key (server certificate for
# 127.0.0.1, client certificates for two senders, one for a sender named
# "../x", one from an untrusted CA, an SM2 receipt signing key), adx serve on
# 127.0.0.1 port 0, curl with client certificates. Checks each answer of
# adx-serve(1), the access log line of each refusal, that refusals store
# nothing, the receipts (independently: receipt_check.py with openssl),
# SIGTERM during an upload, overload (429, 503), and crash consistency with
# ADX_FAULT between the inbox's steps.
#   serve_e2e.sh ADX_BINARY SOURCE_DIR
set -u
adx=$(realpath "${1:?usage: serve_e2e.sh ADX_BINARY SOURCE_DIR}")
src=$(realpath "${2:?usage: serve_e2e.sh ADX_BINARY SOURCE_DIR}")
here=$(dirname "$(realpath "$0")")
command -v curl >/dev/null || { echo "skipped: curl not installed"; exit 125; }
command -v openssl >/dev/null || { echo "skipped: openssl not installed"; exit 125; }
/usr/bin/python3 -c 'import cryptography' 2>/dev/null || { echo "skipped: python3-cryptography missing"; exit 125; }
export LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE=
unset ADX_NOW ADX_FAULT ADX_CONFIG
work=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null
  jobs -p | xargs -r kill 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
# One level down, so that "../x" (the traversal checks) is ours too.
mkdir "$work/run" && cd "$work/run" || exit 1
umask 077
fail=0
failed() { echo "FAIL: $*"; fail=1; }

# --- PKI -------------------------------------------------------------------
source "$here/lib.sh"
code=13230523PFTPADNB9K  # a valid credit code: sender A's name
mk tls-ca p256 self root "/C=CN/O=Test/CN=TLS test CA"
mk server p256 tls-ca server "/C=CN/O=Test/CN=127.0.0.1" IP:127.0.0.1
mk client-ca p256 self root "/C=CN/O=Test/CN=client CA"
mk sender-a p256 client-ca client "/C=CN/O=District A/serialNumber=$code/CN=district-a"
mk sender-b p256 client-ca client "/C=CN/O=District B/CN=district-b"
mk sender-c p256 client-ca client "/C=CN/O=District C/CN=district-c"
mk evil p256 client-ca client "CN=../x,O=Evil,C=CN"
mk rogue-ca p256 self root "/C=CN/O=Rogue/CN=client CA"
mk rogue p256 rogue-ca client "/C=CN/O=District A/serialNumber=$code/CN=district-a"
mk receipt-ca sm2 self root "/C=CN/O=City/CN=receipt root"
mk receipt sm2 receipt-ca sign "/C=CN/O=City/CN=city exchange receipts"
cp "$src/tests/data/pki/sm2/leaf.key" doc.key && chmod 600 doc.key
cp "$src/tests/data/pki/sm2/stranger.key" stranger.key && chmod 600 stranger.key

# --- documents --------------------------------------------------------------
filings=$src/tests/data/validate/filings.csv
sed -n '1,3p' "$filings" >valid.csv   # record 1 (lines 2-3) is valid
sed -n '1,4p' "$filings" >invalid.csv # record 2: bad check character (uscc-check)
# variant N FILE: other bytes, the same valid record (line ends, BOM, a final empty line)
variant() {
  local n=$1 bom='' crlf=0 extra=0
  (( n & 1 )) && crlf=1; (( n & 2 )) && bom=$'\xef\xbb\xbf'; (( n & 4 )) && extra=1
  { printf '%s' "$bom"; cat valid.csv; (( extra )) && echo; } | { if (( crlf )); then sed 's/$/\r/'; else cat; fi; } >"$2"
}
variant 1 valid2.csv
"$adx" sign --key doc.key --cert "$src/tests/data/pki/sm2/leaf-chain.pem" --as jws valid.csv 2>/dev/null ||
  failed "adx sign valid.csv"
"$adx" sign --key stranger.key --cert "$src/tests/data/pki/sm2/stranger.pem" --as jws -o stranger.jws valid.csv \
  2>/dev/null || failed "adx sign with the stranger"
# an XML document with the first record of filings.xml, signed (enveloped), and tampered with
awk '/<filing>/{n++} n<=1 || /<\/filings>/' "$src/tests/data/validate/filings.xml" >doc.xml
"$adx" sign --key doc.key --cert "$src/tests/data/pki/sm2/leaf-chain.pem" -o signed.xml doc.xml 2>/dev/null ||
  failed "adx sign doc.xml"
sed 's/info@example.com/info@example.org/' signed.xml >tampered.xml
head -c 3000000 /dev/zero | tr '\0' 'x' >big.bin
head -c 1500000 /dev/zero | tr '\0' 'y' >slow.bin

cat >adx.toml <<EOF
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
max_body = 2000000
per_sender_concurrency = 1
max_concurrency = 2
retry_after = 7
shutdown_grace = 2
trust = "$src/tests/data/pki/sm2/root.pem"

[senders.$code]
formats = "enterprise-filing"

[senders.district-b]
formats = "enterprise-filing, stat-report"
require_signature = true

[senders.district-c]
formats = "enterprise-filing"
EOF

# --- helpers ----------------------------------------------------------------
start() { start_serve adx.toml "$@"; }  # start [ENV=VALUE...]
stop() {  # stop: SIGTERM, wait; the exit status in $stopped
  kill -TERM "$server_pid"; wait "$server_pid"; stopped=$?; server_pid=
}
# post NAME CERT FILE [curl args...]: the status in $status, body in NAME.body, headers in NAME.hdr.
# The protocol headers can be replaced: FORMAT=, KEY=, DIGEST=, FILENAME= before the call.
post() {
  local name=$1 cert=$2 file=$3; shift 3
  local sha b64 certargs=()
  sha=$(sha256sum "$file" | cut -d' ' -f1)
  b64=$(openssl dgst -sha256 -binary "$file" | base64)
  [[ $cert != none ]] && certargs=(--cert "$cert.pem" --key "$cert.key")
  status=$(curl -sS --cacert tls-ca.pem "${certargs[@]}" -o "$name.body" -D "$name.hdr" -w '%{http_code}' \
    -H "Adx-Format: ${FORMAT:-enterprise-filing}" -H "Idempotency-Key: ${KEY:-$sha}" \
    -H "Content-Digest: ${DIGEST:-sha-256=:$b64:}" -H "Adx-Filename: ${FILENAME:-$(basename "$file")}" \
    --data-binary "@$file" "$@" "https://127.0.0.1:$port/v1/submissions" 2>"$name.curl")
}
expect() {  # expect NAME STATUS [RULE]: status, problem rule, and the access log's last line
  local name=$1 want=$2 rule=${3:-}
  [[ $status == "$want" ]] || { failed "$name: status $status, expected $want"; sed 's/^/  /' "$name.body" "$name.curl"; }
  if [[ -n $rule ]]; then
    sleep 0.1  # the access log line is written when the request completes
    local line
    line=$(tail -n 1 access.log)
    [[ $line == *"\"status\":$want,"* && $line == *"\"rule\":\"$rule\""* ]] ||
      failed "$name: access log: expected status $want rule $rule, got: $line"
    if [[ $want != 422 && $want != 200 && $want != 201 ]]; then
      grep -q "\"rule\":\"$rule\"" "$name.body" || failed "$name: no rule $rule in the answer: $(cat "$name.body")"
    fi
  fi
}
stored() { find inbox -path inbox/.tmp -prune -o -type f -print | wc -l; }
tmpfiles() { find inbox/.tmp -type f | wc -l; }

# --- the story ----------------------------------------------------------------
start
curl -sS --cacert tls-ca.pem --cert sender-a.pem --key sender-a.key "https://127.0.0.1:$port/v1/health" >health.out
grep -q '"status":"ok"' health.out || failed "health: $(cat health.out)"

# accepted
post accepted sender-a valid.csv
expect accepted 201
id=$(grep -i '^Adx-Submission-Id:' accepted.hdr | tr -d '\r' | cut -d' ' -f2)
grep -qi "^Location: /v1/submissions/$id" accepted.hdr || failed "accepted: no Location header"
grep -qi '^Content-Type: application/jose' accepted.hdr || failed "accepted: not application/jose"
/usr/bin/python3 "$here/receipt_check.py" accepted.body receipt.pem >accepted.payload ||
  failed "accepted: the receipt does not verify"
sha=$(sha256sum valid.csv | cut -d' ' -f1)
for want in "\"submission_id\":\"$id\"" "\"sender\":\"$code\"" '"format":"enterprise-filing"' \
  "\"digest\":\"sha-256:$sha\"" "\"size\":$(stat -c %s valid.csv)" '"records":1' '"status":"accepted"'; do
  grep -qF "$want" accepted.payload || failed "accepted: receipt payload lacks $want: $(cat accepted.payload)"
done
doc=$(ls inbox/$code/*/"$sha.csv" 2>/dev/null)
[[ -n $doc ]] && cmp -s "$doc" valid.csv || failed "accepted: document not stored as inbox/SENDER/DATE/DIGEST.csv"
cmp -s "$doc.receipt.jws" accepted.body || failed "accepted: stored receipt differs"
grep -q "\"submission_id\":\"$id\"" "$doc.meta.json" || failed "accepted: meta.json"
[[ $(stored) == 3 ]] || failed "accepted: $(stored) files stored, expected 3"

# duplicate: the same receipt, byte for byte
post duplicate sender-a valid.csv
expect duplicate 200 duplicate
cmp -s duplicate.body accepted.body || failed "duplicate: receipt differs from the original"
[[ $(stored) == 3 ]] || failed "duplicate: stored again"

# status
curl -sS --cacert tls-ca.pem --cert sender-a.pem --key sender-a.key -o status.body -w '%{http_code}' \
  "https://127.0.0.1:$port/v1/submissions/$id" >status.code
[[ $(cat status.code) == 200 ]] && grep -qF "$(cat accepted.body)" status.body || failed "GET submission: $(cat status.body)"
curl -sS --cacert tls-ca.pem --cert sender-c.pem --key sender-c.key -o /dev/null -w '%{http_code}' \
  "https://127.0.0.1:$port/v1/submissions/$id" >status.code
[[ $(cat status.code) == 404 ]] || failed "GET another sender's submission: $(cat status.code)"

# rejected by validation: a signed rejection receipt listing the problem
post invalid sender-a invalid.csv
expect invalid 422 uscc-check
/usr/bin/python3 "$here/receipt_check.py" invalid.body receipt.pem >invalid.payload ||
  failed "invalid: the rejection receipt does not verify"
grep -q '"status":"rejected"' invalid.payload && grep -q '"rule":"uscc-check"' invalid.payload &&
  grep -q '"record":2' invalid.payload || failed "invalid: receipt payload: $(cat invalid.payload)"
post invalid-again sender-a invalid.csv
expect invalid-again 422 duplicate
cmp -s invalid-again.body invalid.body || failed "invalid: a retry got another receipt"

# rejected by signature (district-b must sign)
post nosig sender-b valid.csv
expect nosig 422 no-signature
/usr/bin/python3 "$here/receipt_check.py" nosig.body receipt.pem | grep -q '"rule":"no-signature"' ||
  failed "nosig: receipt"
post badsig sender-b valid.csv -H "Adx-Signature: $(tr -d '\n' <stranger.jws)"
expect badsig 422 unknown-signer
post tampered sender-b valid2.csv -H "Adx-Signature: $(tr -d '\n' <valid.csv.jws)"
expect tampered 422 tampered
[[ $(stored) == 3 ]] || failed "signature rejections stored something"
post signed sender-b valid.csv -H "Adx-Signature: $(tr -d '\n' <valid.csv.jws)"
expect signed 201
[[ $(stored) == 6 ]] || failed "signed: not stored"
post xml sender-b signed.xml
expect xml 201
/usr/bin/python3 "$here/receipt_check.py" xml.body receipt.pem | grep -q '"records":1' ||
  failed "xml: the signed XML document was not validated as one record"
post xml-tampered sender-b tampered.xml
expect xml-tampered 422 digest-mismatch
[[ $(stored) == 9 ]] || failed "xml: $(stored) files stored, expected 9"
count=$(stored)

# security: each refused with its status, logged, nothing stored
post nocert none valid2.csv
expect nocert 401 no-client-cert
post rogue rogue valid2.csv
expect rogue 401 untrusted-client-cert
post evil evil valid2.csv
expect evil 403 sender-name
FORMAT=stat-report post format sender-a valid2.csv
expect format 403 format-not-allowed
FORMAT=../../etc/passwd post unknown-format sender-a valid2.csv
expect unknown-format 400 unknown-format
post big sender-a big.bin
expect big 413 too-large
post big-chunked sender-a big.bin -H "Transfer-Encoding: chunked"
expect big-chunked 413 too-large
DIGEST="sha-256=:$(printf x | openssl dgst -sha256 -binary | base64):" post digest sender-a valid2.csv
expect digest 400 content-digest
KEY=../../x post badkey sender-a valid2.csv
expect badkey 400 idempotency-key
status=$(curl -sS --cacert tls-ca.pem --cert sender-a.pem --key sender-a.key -o path.body -w '%{http_code}' \
  --path-as-is --data-binary @valid2.csv "https://127.0.0.1:$port/v1/submissions/../../x" 2>path.curl)
expect path 404 not-found
[[ $(stored) == "$count" ]] || failed "a refused request stored something"
[[ $(tmpfiles) == 0 ]] || failed "refusals left files in inbox/.tmp"
[[ ! -e x && ! -e ../x && ! -e inbox/x ]] || failed "a traversal created a file"

# a hostile Adx-Filename never becomes a path: stored as DIGEST.bin under the sender
FILENAME=../../x post filename sender-a valid2.csv
expect filename 201
sha2=$(sha256sum valid2.csv | cut -d' ' -f1)
ls inbox/$code/*/"$sha2.bin" >/dev/null 2>&1 || failed "filename: not stored as DIGEST.bin"
[[ ! -e x && ! -e ../x ]] || failed "filename: a file escaped the inbox"

# overload: one sender's second upload at once → 429; the receiver full → 503
curl -sS --cacert tls-ca.pem --cert sender-c.pem --key sender-c.key --limit-rate 200k -o /dev/null \
  -H "Adx-Format: enterprise-filing" -H "Idempotency-Key: $(sha256sum slow.bin | cut -d' ' -f1)" \
  -H "Content-Digest: sha-256=:$(openssl dgst -sha256 -binary slow.bin | base64):" --data-binary @slow.bin \
  "https://127.0.0.1:$port/v1/submissions" 2>/dev/null &
slow1=$!
sleep 1
post busy sender-c valid.csv
expect busy 429 sender-concurrency
grep -qi '^Retry-After: 7' busy.hdr || failed "429 without Retry-After"
curl -sS --cacert tls-ca.pem --cert sender-a.pem --key sender-a.key --limit-rate 200k -o /dev/null \
  -H "Adx-Format: enterprise-filing" -H "Idempotency-Key: $(sha256sum slow.bin | cut -d' ' -f1)" \
  -H "Content-Digest: sha-256=:$(openssl dgst -sha256 -binary slow.bin | base64):" --data-binary @slow.bin \
  "https://127.0.0.1:$port/v1/submissions" 2>/dev/null &
slow2=$!
sleep 1
post full sender-b valid.csv -H "Adx-Signature: $(tr -d '\n' <valid.csv.jws)"
expect full 503 overload
grep -qi '^Retry-After: 7' full.hdr || failed "503 without Retry-After"

# SIGTERM during the uploads: the server stops within the grace period, no partial file
count=$(stored)
stop
[[ $stopped == 0 ]] || failed "adx serve exited $stopped after SIGTERM"
wait "$slow1" "$slow2" 2>/dev/null
[[ $(stored) == "$count" ]] || failed "SIGTERM: $(stored) files stored, expected $count"
[[ $(tmpfiles) == 0 ]] || failed "SIGTERM left a partial file in inbox/.tmp"
grep -q '"rule":"shutdown"\|"rule":"aborted"' access.log || failed "SIGTERM: the cut-off uploads are not logged"

# crash consistency: ADX_FAULT kills the server between the inbox's steps
n=0
for fault in after-temp after-insert after-rename before-commit after-commit; do
  n=$((n + 1))
  variant $((n + 1)) fault$n.csv
  count=$(stored)
  start ADX_FAULT=$fault
  post fault$n sender-a fault$n.csv
  wait "$server_pid"; rc=$?; server_pid=
  [[ $rc == 99 ]] || failed "$fault: the server did not die at the fault point (exit $rc)"
  start
  [[ $(tmpfiles) == 0 ]] || failed "$fault: recovery left temporary files"
  post refault$n sender-a fault$n.csv
  if [[ $fault == after-commit ]]; then
    expect refault$n 200 duplicate  # committed: the retry finds it
    [[ $(stored) == $((count + 3)) ]] || failed "$fault: $(stored) files, expected $((count + 3))"
  else
    expect refault$n 201  # rolled back: recovery removed the files, the retry stores them
    [[ $(stored) == $((count + 3)) ]] || failed "$fault: $(stored) files, expected $((count + 3))"
  fi
  stop
done

# every refusal above is in the access log as one JSON object per line
/usr/bin/python3 - access.log <<'PY' || failed "access log is not JSON lines"
import json, sys
keys = {"time", "remote", "sender", "method", "path", "status", "bytes", "ms", "submission_id", "rule"}
for line in open(sys.argv[1]):
    o = json.loads(line)
    assert set(o) == keys, o
PY

[[ $fail == 0 ]] && echo "serve e2e: ok"
exit $fail

#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# adx send over HTTPS against a scripted receiver (https_stub.py: Python's
# ssl and http.server, receipts signed with python3-cryptography), so that
# every answer of the protocol can be forced: retries with the same
# Idempotency-Key, Retry-After honoured, a Retry-After too long, a server
# that closes without answering, each refusal status, a receipt for another
# digest or from an unknown signer, a rejection with problems, connection
# reuse across files, and TLS failures (a client certificate the server does
# not trust, a server certificate from another CA). Certificates are made
# with adx key. The scratch directory is kept when a check fails.
#   send_retry.sh ADX_BINARY SOURCE_DIR
set -euo pipefail
adx=$(realpath "${1:?usage: send_retry.sh ADX_BINARY SOURCE_DIR}")
src=$(realpath "${2:?usage: send_retry.sh ADX_BINARY SOURCE_DIR}")
here=$(dirname "$(realpath "$0")")
/usr/bin/python3 -c 'import cryptography, ssl' 2>/dev/null || { echo "skipped: python3-cryptography missing" >&2; exit 125; }
export LC_ALL=C LANGUAGE= NO_COLOR=1
unset ADX_NOW ADX_CONFIG
work=$(mktemp -d "${TMPDIR:-/tmp}/adx-send.XXXXXX")
stub_pid=
stop_stub() {
  if [ -n "$stub_pid" ]; then kill "$stub_pid" 2>/dev/null || true; wait "$stub_pid" 2>/dev/null || true; fi
  stub_pid=
}
cleanup() {
  local rc=$?
  stop_stub
  if [ $rc = 0 ]; then rm -rf "$work"; else echo "send_retry: scratch directory kept: $work" >&2; fi
  exit $rc
}
trap cleanup EXIT
cd "$work"
umask 077
fails=0
check() { local name=$1; shift; if "$@"; then echo "ok   $name"; else echo "FAIL $name" >&2; fails=$((fails + 1)); fi; }

source "$here/lib.sh"
mk tls-ca p256 self root "/C=CN/O=Test/CN=TLS test CA"
mk server p256 tls-ca server "/C=CN/O=Test/CN=127.0.0.1" IP:127.0.0.1
mk other-ca p256 self root "/C=CN/O=Other/CN=other TLS CA"
mk client-ca p256 self root "/C=CN/O=Test/CN=client CA"
mk client p256 client-ca client "/C=CN/O=District A/CN=district-a"
mk rogue p256 other-ca client "/C=CN/O=District A/CN=district-a"
pki=$src/tests/data/pki/p256
cp "$pki/city.key" city.key && cp "$pki/stranger.key" stranger.key

write_config() {  # write_config PORT
  local p name cert key ca
  for p in city:client.pem:client.key:tls-ca.pem rogue-client:rogue.pem:rogue.key:tls-ca.pem \
           wrong-ca:client.pem:client.key:other-ca.pem; do
    IFS=: read -r name cert key ca <<<"$p"
    printf '[profiles.%s]\nurl = "https://127.0.0.1:%s/"\nclient_cert = "%s"\nclient_key = "%s"\n' "$name" "$1" "$cert" "$key"
    printf 'ca_bundle = "%s"\ntrust = "%s"\nformat = "enterprise-filing"\nconnect_timeout = 5\n' "$ca" "$pki/root.pem"
    if [ "$name" = city ]; then printf 'retries = 2\nmax_backoff = 2\n\n'; else printf 'retries = 0\n\n'; fi
  done > adx.toml
}
start() {  # start ANSWER...: the stub with a fresh log; port in $port
  stop_stub
  rm -f ready requests.log
  touch requests.log
  /usr/bin/python3 "$here/https_stub.py" server.pem server.key client-ca.pem city.key "$pki/city.pem" \
    stranger.key "$pki/stranger.pem" requests.log ready "$@" 2>stub.err &
  stub_pid=$!
  for _ in $(seq 100); do [ -s ready ] && break; sleep 0.1; done
  [ -s ready ] || { echo "stub did not start" >&2; cat stub.err >&2; exit 1; }
  port=$(cat ready)
  write_config "$port"
}
export ADX_CONFIG=$work/adx.toml
printf 'uscc,name\n91350100M000100Y43,Test\n' > doc.csv
head -c 200000 /dev/urandom > doc2.bin
sha=$(sha256sum doc.csv | cut -d' ' -f1)

run() {  # run EXPECTED_RC ARGS...
  local want=$1; shift
  set +e; "$adx" send "$@" > out 2> err; local rc=$?; set -e
  [ "$rc" = "$want" ] && return 0
  echo "adx send $* exited $rc, expected $want" >&2; cat out err >&2; return 1
}
requests() { wc -l < requests.log; }
logged() { /usr/bin/python3 -c "$1" requests.log; }
no_receipt() { [ ! -e doc.csv.receipt.jws ]; }

t_busy() {
  start busy:1
  local t0 t1; t0=$(date +%s.%N)
  run 75 --to city doc.csv && t1=$(date +%s.%N) && no_receipt &&
    grep -q "gave up after 3 attempts" err && [ "$(grep -c 'trying again in 1.0 s' err)" = 2 ] &&
    /usr/bin/python3 -c "import sys; sys.exit(0 if $t1 - $t0 >= 2 else 1)" &&
    logged "
import base64, json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 3, rows
assert {r['Idempotency-Key'] for r in rows} == {'$sha'}, rows
assert all(r['sha256'] == '$sha' and r['path'] == '/v1/submissions' for r in rows), rows
assert rows[0]['Adx-Format'] == 'enterprise-filing' and rows[0]['Adx-Filename'] == 'doc.csv', rows[0]
assert rows[0]['Content-Digest'] == 'sha-256=:' + base64.b64encode(bytes.fromhex('$sha')).decode() + ':', rows[0]
"
}
check "503 with Retry-After: 3 attempts, same key, waits honoured, exit 75" t_busy

t_close() { start close && run 75 --to city --retries 1 doc.csv && [ "$(requests)" = 2 ] && no_receipt; }
check "server closes without answering: retried, exit 75" t_close

t_long_wait() { start ratelimit:3600 && run 75 --to city doc.csv && [ "$(requests)" = 1 ] && grep -q "asks to wait 3600 s" err; }
check "429 with a Retry-After beyond max_backoff: exit 75 at once" t_long_wait

t_recover() {
  start busy:0 busy:0 accept && run 0 --to city doc.csv &&
    grep -q "^doc.csv: accepted, submission 0123456789abcdef0123456789abcdef, receipt doc.csv.receipt.jws$" out &&
    [ -s doc.csv.receipt.jws ] && [ "$(requests)" = 3 ] && ! grep -q error err
}
check "503, 503, then 201: accepted, receipt kept" t_recover

t_duplicate() {
  rm -f doc.csv.receipt.jws
  mkdir -p receipts
  start duplicate && run 0 --to city --receipt-dir receipts doc.csv && grep -q "accepted before (duplicate)" out &&
    [ -s receipts/doc.csv.receipt.jws ] && no_receipt
}
check "200 duplicate: accepted, receipt into --receipt-dir" t_duplicate

t_reject() {
  start reject && run 65 --to city doc.csv && grep -q "^doc.csv: rejected (2 problems)" out &&
    grep -q "doc.csv:3: .*uscc-check" err && grep -q "doc.csv:4: .*required" err && [ -s doc.csv.receipt.jws ]
}
check "422: rejected, problems printed, rejection receipt kept" t_reject

t_wrong_digest() {
  rm -f doc.csv.receipt.jws
  start wrong-digest && run 65 --to city doc.csv && grep -q "receipt-invalid" err && grep -q "names digest" err && no_receipt
}
check "receipt naming another digest: 65, nothing kept" t_wrong_digest

t_unknown_signer() {
  start unsigned && run 65 --to city doc.csv && grep -q "receipt-invalid" err && grep -q "unknown-signer" err && no_receipt
}
check "receipt from an untrusted signer: 65, nothing kept" t_unknown_signer

t_status() {  # t_status STATUS EXPECTED_RC
  start "status:$1" && run "$2" --to city doc.csv && [ "$(requests)" = 1 ] && grep -q "HTTP $1" err && no_receipt
}
for pair in 400:69 401:77 403:77 404:69 409:69 413:69; do
  check "HTTP ${pair%:*}: exit ${pair#*:}, no retry" t_status "${pair%:*}" "${pair#*:}"
done
t_500() { start status:500 && run 75 --to city --retries 1 doc.csv && [ "$(requests)" = 2 ]; }
check "HTTP 500: retried, exit 75" t_500

t_reuse() {
  rm -f doc.csv.receipt.jws doc2.bin.receipt.jws
  start accept && run 0 --to city --report json doc.csv doc2.bin doc.csv &&
    logged "
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 3 and [r['new_connection'] for r in rows] == [True, False, False], rows
assert rows[1]['size'] == 200000, rows[1]
" && /usr/bin/python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert [r["status"] for r in rows] == ["accepted"] * 3, rows
keys = {"file", "destination", "transport", "status", "exit", "attempts", "http_status", "size", "digest", "format",
        "submission_id", "receipt", "remote", "problem_count", "problems", "ms", "error"}
assert all(set(r) == keys for r in rows), rows
assert rows[1]["receipt"] == "doc2.bin.receipt.jws" and rows[1]["http_status"] == 201, rows[1]
' out
}
check "three files over one connection, JSON report" t_reuse

t_stop() { start status:401 && run 77 --to city doc.csv doc2.bin && grep -q "^doc2.bin: not tried" out && [ "$(requests)" = 1 ]; }
check "401 stops the run: later files not tried" t_stop

t_rogue() { rm -f doc.csv.receipt.jws && start accept && run 77 --to rogue-client doc.csv && [ "$(requests)" = 0 ] && no_receipt; }
check "client certificate from a CA the server does not trust: 77" t_rogue

t_wrong_ca() { start accept && run 77 --to wrong-ca doc.csv && [ "$(requests)" = 0 ] && grep -q "certificate" err; }
check "server certificate not from ca_bundle: 77" t_wrong_ca

t_no_format() { start accept && sed -i '/^format/d' adx.toml && run 64 --to city doc.csv && [ "$(requests)" = 0 ]; }
check "no format: usage error, nothing sent" t_no_format

if [ $fails != 0 ]; then echo "send_retry: $fails checks failed" >&2; exit 1; fi
echo "send_retry: all checks passed"

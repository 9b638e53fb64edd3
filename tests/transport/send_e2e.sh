#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# adx send against a real adx serve on loopback, mutual TLS, certificates
# made with adx key (TLS: P-256; receipts: SM2). From the sender's side:
# accepted (receipt kept, the same bytes the server stored), duplicate (the
# same receipt back), rejected by validation (65, the problems on standard
# error), rejected by signature (no signature, an unknown signer; and a good
# detached JWS sent as Adx-Signature accepted), a client certificate from
# an untrusted CA (401: 77), a format the sender may not send (403: 77), a
# body over the limit (413: 69), a server certificate from another CA (77),
# three files over one connection, adx verify --receipt. The server's TLS
# key is encrypted (a wrong passphrase: no start). The
# scratch directory is kept on failure.
#   send_e2e.sh ADX_BINARY SOURCE_DIR
set -euo pipefail
adx=$(realpath "${1:?usage: send_e2e.sh ADX_BINARY SOURCE_DIR}")
src=$(realpath "${2:?usage: send_e2e.sh ADX_BINARY SOURCE_DIR}")
here=$(dirname "$(realpath "$0")")
"$adx" serve --help >/dev/null 2>&1 || { echo "skipped: this adx has no serve" >&2; exit 125; }
export LC_ALL=C LANGUAGE= NO_COLOR=1
unset ADX_NOW ADX_CONFIG ADX_FAULT
work=$(mktemp -d "${TMPDIR:-/tmp}/adx-send-e2e.XXXXXX")
server_pid=
cleanup() {
  local rc=$?
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ $rc = 0 ]; then rm -rf "$work"; else echo "send_e2e: scratch directory kept: $work" >&2; fi
  exit $rc
}
trap cleanup EXIT
cd "$work"
umask 077
fails=0
check() { local name=$1; shift; if "$@"; then echo "ok   $name"; else echo "FAIL $name" >&2; fails=$((fails + 1)); fi; }

source "$here/lib.sh"
code=13230523PFTPADNB9K  # sender A's credit code
mk tls-ca p256 self root "/C=CN/O=Test/CN=TLS test CA"
printf 'tls key passphrase\n' > tls.pass
mk_passphrase_file=tls.pass mk server p256 tls-ca server "/C=CN/O=Test/CN=127.0.0.1" IP:127.0.0.1
grep -q "BEGIN ENCRYPTED PRIVATE KEY" server.key || { echo "server.key is not encrypted" >&2; exit 1; }
mk other-ca p256 self root "/C=CN/O=Other/CN=other TLS CA"
mk client-ca p256 self root "/C=CN/O=Test/CN=client CA"
mk sender-a p256 client-ca client "/C=CN/O=District A/serialNumber=$code/CN=district-a"
mk sender-b p256 client-ca client "/C=CN/O=District B/CN=district-b"
mk rogue-ca p256 self root "/C=CN/O=Rogue/CN=client CA"
mk rogue p256 rogue-ca client "/C=CN/O=District A/serialNumber=$code/CN=district-a"
mk receipt-ca sm2 self root "/C=CN/O=City/CN=receipt root"
mk receipt sm2 receipt-ca sign "/C=CN/O=City/CN=city exchange receipts"
cp "$src/tests/data/pki/sm2/leaf.key" doc.key && chmod 600 doc.key
cp "$src/tests/data/pki/sm2/stranger.key" stranger.key && chmod 600 stranger.key

# Valid records from the benchmark generator (one physical line each);
# invalid.csv has one credit code with a wrong check character.
/usr/bin/python3 "$src/tests/bench/gen_filings.py" write 400 gen.csv gen.xml --manifest gen.json >/dev/null
/usr/bin/python3 - <<'PY'
import json
m = json.load(open("gen.json"))
skip = {int(k) for k in m["bad"]} | {int(k) for k in m["duplicate_of"]}
lines = open("gen.csv", "rb").read().split(b"\r\n")
header, rows = lines[0] + b"\r\n", [l + b"\r\n" for i, l in enumerate(lines[1:], 1) if l and i not in skip]
def write(name, rs):
    open(name, "wb").write(header + b"".join(rs))
write("valid.csv", rows[0:3])
alphabet = b"0123456789ABCDEFGHJKLMNPQRTUWXY"
bad = bytearray(rows[4])
bad[17] = alphabet[(alphabet.index(bad[17]) + 1) % len(alphabet)]  # the check character
write("invalid.csv", [rows[3], bytes(bad)])
for i in range(1, 4):
    write(f"batch{i}.csv", rows[10 * i:10 * i + 3])
write("signed.csv", rows[50:53])
write("stranger.csv", rows[60:63])
PY
mkdir signed stranger
mv signed.csv signed/valid.csv && mv stranger.csv stranger/valid.csv
"$adx" sign --key doc.key --cert "$src/tests/data/pki/sm2/leaf-chain.pem" --as jws signed/valid.csv
"$adx" sign --key stranger.key --cert "$src/tests/data/pki/sm2/stranger.pem" --as jws stranger/valid.csv
head -c 3000000 /dev/zero | tr '\0' 'x' > big.bin

cat > serve.toml <<EOF
[serve]
listen = "127.0.0.1:0"
tls_cert = "server.pem"
tls_key = "server.key"
tls_key_passphrase_file = "tls.pass"
client_ca = "client-ca.pem"
sign_key = "receipt.key"
sign_cert = "receipt.pem"
inbox = "inbox"
ledger = "ledger.db"
access_log = "access.log"
max_body = 2000000
trust = "$src/tests/data/pki/sm2/root.pem"

[senders.$code]
formats = "enterprise-filing"

[senders.district-b]
formats = "enterprise-filing"
require_signature = true
EOF
# A wrong passphrase for the TLS key: adx serve does not start, and names the key.
printf 'not the passphrase\n' > wrong.pass
sed 's/^tls_key_passphrase_file = .*/tls_key_passphrase_file = "wrong.pass"/' serve.toml > wrong.toml
set +e
timeout 10 "$adx" serve --config wrong.toml --ready-file wrong.ready > wrong.out 2> wrong.err
wrong_rc=$?
set -e
t_wrong_passphrase() {
  [ "$wrong_rc" = 65 ] && [ ! -s wrong.ready ] && grep -q 'server.key' wrong.err && ! grep -q 'not the passphrase' wrong.err ||
    { echo "exit $wrong_rc" >&2; cat wrong.err >&2; return 1; }
}
check "a wrong TLS key passphrase: no start, exit 65 (as adx sign), the key named" t_wrong_passphrase
start_serve serve.toml

profile() {  # profile NAME CERT CA [format]
  printf '[profiles.%s]\nurl = "https://127.0.0.1:%s/"\nclient_cert = "%s.pem"\nclient_key = "%s.key"\n' "$1" "$port" "$2" "$2"
  printf 'ca_bundle = "%s.pem"\ntrust = "receipt-ca.pem"\nformat = "%s"\nconnect_timeout = 5\nretries = 0\n\n' "$3" "${4:-enterprise-filing}"
}
{
  profile city sender-a tls-ca
  profile city-b sender-b tls-ca
  profile rogue rogue tls-ca
  profile wrong-ca sender-a other-ca
  profile stat sender-a tls-ca stat-report
} > adx.toml
export ADX_CONFIG=$work/adx.toml

run() {  # run EXPECTED_RC ARGS...
  local want=$1; shift
  set +e; "$adx" send "$@" > out 2> err; local rc=$?; set -e
  [ "$rc" = "$want" ] && return 0
  echo "adx send $* exited $rc, expected $want" >&2; cat out err >&2; return 1
}
stored_receipt() {  # the receipt adx serve stored for FILE
  local sha; sha=$(sha256sum "$1" | cut -d' ' -f1)
  ls inbox/*/*/"$sha".*.receipt.jws 2>/dev/null | head -1
}
same_text() { [ "$(cat "$1")" = "$(cat "$2")" ]; }  # equal but for a final newline

t_accepted() {
  run 0 --to city valid.csv && grep -Eq "^valid.csv: accepted, submission [0-9a-f]{32}, receipt valid.csv.receipt.jws$" out &&
    [ ! -s err ] && same_text valid.csv.receipt.jws "$(stored_receipt valid.csv)"
}
check "accepted: 0, receipt kept, the one the server stored" t_accepted

t_duplicate() {
  mv valid.csv.receipt.jws first.receipt.jws
  run 0 --to city valid.csv && grep -q "^valid.csv: accepted before (duplicate)" out && cmp valid.csv.receipt.jws first.receipt.jws
}
check "duplicate: 0, the same receipt back" t_duplicate

t_verify_receipt() {
  "$adx" verify --receipt --trust receipt-ca.pem valid.csv > vr.out &&
    grep -Eq "^valid.csv: receipt valid: accepted, submission [0-9a-f]{32}$" vr.out && grep -q "^  records:     3$" vr.out &&
    cp valid.csv other.csv && echo >> other.csv && cp valid.csv.receipt.jws other.csv.receipt.jws &&
    { "$adx" verify --receipt --trust receipt-ca.pem other.csv 2> vr.err; [ $? = 65 ]; } &&
    grep -q "names digest.*\[receipt-invalid\]" vr.err &&
    { "$adx" verify --receipt --trust tls-ca.pem valid.csv 2> vr.err; [ $? = 65 ]; }
}
check "adx verify --receipt: the receipt names the document; another document or trust store fails" t_verify_receipt

t_rejected() {
  run 65 --to city invalid.csv && grep -q "^invalid.csv: rejected (1 problems)" out &&
    grep -q "^adx send: error: invalid.csv:3: .*\[uscc-check\]" err && [ -s invalid.csv.receipt.jws ]
}
check "rejected by validation: 65, problem listed with its line" t_rejected

t_nosig() { run 65 --to city-b valid.csv && grep -q "rejected" out && grep -q "no-signature" err; }
check "rejected for a missing signature: 65" t_nosig

t_stranger() { run 65 --to city-b stranger/valid.csv && grep -q "unknown-signer" err; }
check "rejected for a signature by an unknown signer: 65" t_stranger

t_signed() { run 0 --to city-b signed/valid.csv && grep -q "accepted" out && [ -s signed/valid.csv.receipt.jws ]; }
check "a good detached signature sent as Adx-Signature: accepted" t_signed

t_rogue() { rm -f batch1.csv.receipt.jws; run 77 --to rogue batch1.csv && grep -q "HTTP 401" err && [ ! -e batch1.csv.receipt.jws ]; }
check "client certificate from an untrusted CA: 401, 77" t_rogue

t_format() { run 77 --to stat batch1.csv && grep -q "HTTP 403" err; }
check "a format the sender may not send: 403, 77" t_format

t_big() { run 69 --to city --format enterprise-filing big.bin && grep -q "HTTP 413" err; }
check "a body over max_body: 413, 69" t_big

t_wrong_ca() { run 77 --to wrong-ca batch1.csv && grep -qi "certificate" err; }
check "server certificate from another CA: 77" t_wrong_ca

t_batch() {
  local before; before=$(wc -l < access.log)
  run 0 --to city --report json batch1.csv batch2.csv batch3.csv &&
    /usr/bin/python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert [r["status"] for r in rows] == ["accepted"] * 3, rows
assert len({r["submission_id"] for r in rows}) == 3, rows
new = [json.loads(l) for l in open(sys.argv[2]).readlines()[int(sys.argv[3]):]]
remotes = {r.get("remote") for r in new if r.get("path") == "/v1/submissions"}
assert len(new) == 3 and len(remotes) == 1, (new, remotes)  # one connection (same client port)
' out access.log "$before"
}
check "three files over one connection" t_batch

if [ $fails != 0 ]; then echo "send_e2e: $fails checks failed" >&2; exit 1; fi
echo "send_e2e: all checks passed"

#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# adx send to sftp:// against a real OpenSSH server (Debian openssh-server),
# started here on a free loopback port with its own host key, an authorized
# client key and the internal-sftp subsystem, as the current user.
# Usage: tests/transport/sftp_send.sh ADX_BINARY
# Checks: the upload arrives whole with the right size and no temporary
# ".NAME.part-*" file is left; several files share one SSH session; a second
# send of the same file is recognised; a different file under a taken name is
# refused (69) and replaces nothing; an unknown host key (77), a client key the
# server does not know (77), a key file readable by others (77), a missing
# remote directory (69) and an unreachable port (75, after the retries).
# Exits 125 (skipped) without sshd/ssh-keygen. The scratch directory is kept
# when a check fails.
set -euo pipefail
adx=$(realpath "${1:?usage: sftp_send.sh ADX_BINARY}")
sshd=/usr/sbin/sshd
if [ ! -x "$sshd" ] || ! command -v ssh-keygen >/dev/null; then
  echo "sftp_send: openssh-server not installed (apt-get install openssh-server); skipped" >&2
  exit 125
fi
export LC_ALL=C LANGUAGE= NO_COLOR=1
unset ADX_NOW ADX_CONFIG

work=$(mktemp -d "${TMPDIR:-/tmp}/adx-sftp.XXXXXX")
sshd_pid=
cleanup() {
  local rc=$?
  [ -n "$sshd_pid" ] && kill "$sshd_pid" 2>/dev/null && wait "$sshd_pid" 2>/dev/null
  if [ $rc = 0 ]; then rm -rf "$work"; else echo "sftp_send: scratch directory kept: $work" >&2; fi
  exit $rc
}
trap cleanup EXIT
cd "$work"

fails=0
check() {  # check NAME COMMAND...: runs the test command; counts a failure
  local name=$1; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name" >&2; fails=$((fails + 1)); fi
}

# sshd as root needs its privilege separation directory.
if [ "$(id -u)" = 0 ] && [ ! -d /run/sshd ]; then
  mkdir -p /run/sshd && chmod 755 /run/sshd || { echo "sftp_send: cannot create /run/sshd; skipped" >&2; exit 125; }
fi
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
closed_port=$(free_port)

ssh-keygen -q -t ed25519 -N '' -C adx-test-host -f host_key
ssh-keygen -q -t ed25519 -N '' -C adx-test-other-host -f other_host_key
ssh-keygen -q -t ed25519 -N '' -C adx-test-client -f client_key
ssh-keygen -q -t ed25519 -N '' -C adx-test-stranger -f wrong_key
cp client_key open_key && chmod 644 open_key
cp client_key.pub authorized_keys
echo "[127.0.0.1]:$port $(cut -d' ' -f1-2 host_key.pub)" > known_hosts
echo "[127.0.0.1]:$port $(cut -d' ' -f1-2 other_host_key.pub)" > other_known_hosts
mkdir inbox
user=$(id -un)
cat > sshd_config <<CONF
ListenAddress 127.0.0.1
HostKey $work/host_key
PidFile $work/sshd.pid
AuthorizedKeysFile $work/authorized_keys
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin yes
StrictModes no
UsePAM no
LogLevel VERBOSE
Subsystem sftp internal-sftp
CONF
"$sshd" -D -f sshd_config -p "$port" -E "$work/sshd.log" &
sshd_pid=$!
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

base="sftp://$user@127.0.0.1:$port$work"
cat > adx.toml <<CONF
[profiles.city]
url = "$base/inbox/"
ssh_key = "client_key"
known_hosts = "known_hosts"
connect_timeout = 5
retries = 1
max_backoff = 1

[profiles.unknown-host]
url = "$base/inbox/"
ssh_key = "client_key"
known_hosts = "other_known_hosts"
retries = 0

[profiles.wrong-key]
url = "$base/inbox/"
ssh_key = "wrong_key"
known_hosts = "known_hosts"
retries = 0

[profiles.open-key]
url = "$base/inbox/"
ssh_key = "open_key"
known_hosts = "known_hosts"

[profiles.no-dir]
url = "$base/no-such-dir/"
ssh_key = "client_key"
known_hosts = "known_hosts"
retries = 0

[profiles.unreachable]
url = "sftp://$user@127.0.0.1:$closed_port/tmp/"
ssh_key = "client_key"
known_hosts = "known_hosts"
connect_timeout = 2
retries = 2
max_backoff = 1
CONF
export ADX_CONFIG=$work/adx.toml

head -c 3000000 /dev/urandom > "report 2026.bin"
head -c 1000 /dev/urandom > small.xml
mkdir other && head -c 2000 /dev/urandom > other/small.xml
for i in 1 2 3; do head -c $((i * 10000)) /dev/urandom > "batch$i.csv"; done

run() {  # run EXPECTED_RC ARGS...: adx send with output in out/err
  local want=$1; shift
  set +e
  "$adx" send "$@" > out 2> err
  local rc=$?
  set -e
  if [ "$rc" != "$want" ]; then
    echo "adx send $* exited $rc, expected $want" >&2
    cat out err >&2
    return 1
  fi
}
no_parts() { ! ls -a inbox | grep -q '\.part-'; }
sessions() { grep -c 'Accepted publickey' sshd.log || true; }

t_upload() {
  run 0 --to city "report 2026.bin" &&
    cmp "report 2026.bin" "inbox/report 2026.bin" &&
    grep -qF "report 2026.bin: delivered to $base/inbox/report%202026.bin (3000000 bytes" out &&
    no_parts && [ ! -s err ]
}
check "upload arrives whole, no temporary file left" t_upload

t_again() {
  run 0 --to city "report 2026.bin" && grep -q "already at .* with the same size" out &&
    cmp "report 2026.bin" "inbox/report 2026.bin" && no_parts
}
check "a second send of the same file is recognised" t_again

t_taken() {
  run 0 --to city small.xml && run 69 --to city other/small.xml &&
    grep -q "already there with 1000 bytes, not 2000" err && cmp small.xml inbox/small.xml && no_parts
}
check "a different file under a taken name is refused, nothing replaced" t_taken

t_batch() {
  local before after
  before=$(sessions)
  run 0 --to city --report json batch1.csv batch2.csv batch3.csv &&
    for i in 1 2 3; do cmp "batch$i.csv" "inbox/batch$i.csv" || return 1; done &&
    sleep 0.3 && after=$(sessions) && [ $((after - before)) = 1 ] &&
    /usr/bin/python3 - out <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert [r["status"] for r in rows] == ["delivered"] * 3, rows
assert all(r["exit"] == 0 and r["transport"] == "sftp" and r["receipt"] is None for r in rows), rows
assert rows[1]["size"] == 20000 and rows[1]["digest"].startswith("sha-256:"), rows[1]
PY
}
check "three files over one SSH session, JSON report" t_batch

count_inbox() { ls -A inbox | wc -l; }
t_unknown_host() {
  local n; n=$(count_inbox)
  run 77 --to unknown-host small.xml && [ "$(count_inbox)" = "$n" ] && grep -q "error" err
}
check "unknown host key: refused (77), nothing sent" t_unknown_host

t_wrong_key() {
  local n; n=$(count_inbox)
  head -c 500 /dev/urandom > fresh.bin
  run 77 --to wrong-key fresh.bin && [ "$(count_inbox)" = "$n" ] && [ ! -e inbox/fresh.bin ]
}
check "client key the server does not know: refused (77)" t_wrong_key

t_open_key() { run 77 --to open-key small.xml && grep -q "chmod 600" err; }
check "key file readable by others: refused (77)" t_open_key

t_no_dir() { run 69 --to no-dir small.xml; }
check "missing remote directory: 69" t_no_dir

t_unreachable() {
  local start end
  start=$(date +%s)
  run 75 --to unreachable --retries 2 small.xml && end=$(date +%s) &&
    [ "$(grep -c 'attempt [12] failed' err)" = 2 ] && grep -q "gave up after 3 attempts" err &&
    [ $((end - start)) -lt 20 ]
}
check "unreachable port: 75 after the retries" t_unreachable

if [ $fails != 0 ]; then
  echo "sftp_send: $fails checks failed" >&2
  exit 1
fi
echo "sftp_send: all checks passed"

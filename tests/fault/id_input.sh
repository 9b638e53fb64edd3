#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Bad input and bad days for adx id check: every case must end with a clear
# message and the documented exit code, never a crash, and memory must stay
# flat. Usage: id_input.sh ADX_BINARY
set -u
adx=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export LANG=C.UTF-8 ADX_NOW=2026-11-27
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# expect NAME WANT_RC COMMAND...: runs COMMAND, checks the exit code and that
# standard error has no sanitizer report or crash.
expect() {
  local name=$1 want=$2; shift 2
  "$@" >"$name.out" 2>"$name.err"
  local rc=$?
  [[ $rc == "$want" ]] || fail "$name: exit $rc, expected $want; stderr: $(head -c 400 "$name.err")"
  if grep -qE 'AddressSanitizer|runtime error|Segmentation|Aborted|terminate called' "$name.err"; then
    fail "$name: crashed: $(head -c 400 "$name.err")"
  fi
}
peak_kb() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n1; }

# 1. A 1 GB line (no newline at all): one invalid row, memory flat.
head -c 1073741824 /dev/zero | tr '\0' 'A' >huge.txt
expect huge-line 65 "$adx" id check -f huge.txt
grep -q 'line is longer than 4096 bytes \[line-length\]' huge-line.err || fail "huge-line: no line-length message"
[[ $(wc -l <huge-line.out) == 1 ]] || fail "huge-line: expected one output row"
if [[ -z ${ADX_SANITIZED:-} ]]; then
  kb=$(peak_kb "$adx" id check -f huge.txt)
  ((kb < 65536)) || fail "huge-line: peak memory ${kb} kB (over 64 MB)"
fi
rm -f huge.txt

# 2. Binary garbage: reported line by line, capped on standard error.
head -c 2000000 /dev/urandom >garbage.bin
expect garbage 65 "$adx" id check -f garbage.bin
(($(wc -l <garbage.err) <= 12)) || fail "garbage: too many messages on standard error"
grep -q 'lines in all could not be read' garbage.err || fail "garbage: no summary line"

# 3. GBK input (full-width digits typed in a Chinese input method) is detected.
printf '９１３１０１１６０５２９５８６０８Ｇ\n３１０１１６\n' | iconv -f UTF-8 -t GBK >gbk.txt
expect gbk 0 "$adx" id check -f gbk.txt
grep -q $'\tvalid\tuscc\tok' gbk.out || fail "gbk: credit code not recognised"

# 4. Invalid UTF-8 in a UTF-8 file: line and byte offset named.
printf '91310116052958608G\n\xe4\xb8\n' >bad-utf8.txt
expect bad-utf8 65 "$adx" id check --encoding utf-8 -f bad-utf8.txt
grep -q 'bad-utf8.txt:2: invalid UTF-8 byte sequence at byte offset 19' bad-utf8.err || fail "bad-utf8: $(cat bad-utf8.err)"

# 4b. UTF-16 input is named as such, once.
printf '91310116052958608G\n' | iconv -t UTF-16 >utf16.txt
expect utf16 65 "$adx" id check -f utf16.txt
grep -q 'UTF-16' utf16.err || fail "utf16: not named: $(cat utf16.err)"

# 5. Empty input and blank lines: nothing to check is success.
: >empty.txt
expect empty 0 "$adx" id check -f empty.txt
printf '\n\r\n   \n' >blank.txt
expect blank 0 "$adx" id check -f blank.txt
[[ ! -s blank.out ]] || fail "blank: blank lines produced output"

# 6. A full disk: the write error is reported with exit 74.
if [[ -w /dev/full ]]; then
  yes 91310116052958608G | head -n 200000 >many.txt
  expect disk-full 74 "$adx" id check -f many.txt -o /dev/full
  [[ -c /dev/full ]] || fail "disk-full: -o replaced the device /dev/full with a file"
  expect stdout-full 74 sh -c "'$adx' id check -f many.txt >/dev/full"
  grep -q 'cannot write' stdout-full.err || fail "stdout-full: no write error message"
fi

# 7. A reader that goes away: exit 74, no hang, no crash.
yes 91310116052958608G | head -n 2000000 >many.txt
"$adx" id check -f many.txt 2>closed.err | head -n 1 >/dev/null
rc=${PIPESTATUS[0]}
[[ $rc == 74 ]] || fail "closed-pipe: exit $rc, expected 74"

# 8. -o into a folder that does not exist: exit 73, nothing left behind.
expect cant-create 73 "$adx" id check -o no/such/dir/out.tsv 91310116052958608G
# 9. -o: a failed run leaves no partial file.
expect atomic 65 "$adx" id check -f garbage.bin -o result.tsv
[[ -f result.tsv ]] || fail "atomic: result missing after a completed run"
ls -a | grep -q '\.adx-' && fail "atomic: temporary file left behind"

# 10. A missing input file and a directory given as input.
expect missing 66 "$adx" id check -f nowhere.txt
mkdir dir
expect directory 66 "$adx" id check -f dir

if ((failures)); then echo "$failures fault case(s) failed"; exit 1; fi
echo "all fault cases passed"

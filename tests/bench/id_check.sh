#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Credit-code checking speed: adx against python-stdnum and wc -l, on the same
# file of random valid codes, in the same run.
# Usage: tests/bench/id_check.sh ADX_BINARY [--smoke]
#   full: 10,000,000 codes, targets judged (never fails on timing)
#   --smoke: 50,000 codes; only checks that everything runs and agrees
# Fails (exit 1) if adx or stdnum does not report every code valid; exits 125
# (skipped) if python-stdnum is not installed.
set -euo pipefail
adx=${1:?usage: id_check.sh ADX_BINARY [--smoke]}
smoke=0
[ "${2:-}" = --smoke ] && smoke=1
n=$((smoke ? 50000 : 10000000))
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"
target_rate=10000000  # codes per second, one core
target_ratio=50       # times stdnum

if ! "$py" -c 'import stdnum.cn.uscc' 2>/dev/null; then
  echo "id_check: python-stdnum not installed (apt-get install python3-stdnum); skipped" >&2
  exit 125
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
codes=$tmp/uscc.txt
t0=$(date +%s.%N)
"$py" "$here/gen_uscc.py" "$n" "$codes"
printf 'id_check: %d valid credit codes generated in %.1f s\n' "$n" "$(calc "$(date +%s.%N) - $t0")"

failed=0
# report NAME SECONDS: one line with codes per second.
rate() { calc "round($n / $1)"; }
report() { printf '  %-26s %8.3f s  %14s codes/s%s\n' "$1" "$2" "$(calc "f'{round($n / $2):,}'")" "${3:-}"; }

# adx must say every code is valid: exit 0 and "N values checked: N valid, 0 invalid".
# (Runs in a subshell: a failure is recorded in $tmp/failed.)
adx_run() {
  local label=$1; shift
  read -r secs rss rc _ < <(timed "$@")
  if [ "$rc" != 0 ] || ! grep -q "$n values checked: $n valid, 0 invalid" "$tmp/adx.err"; then
    echo "id_check: FAIL: $label: exit $rc, expected every code valid:" >&2
    head -5 "$tmp/adx.err" >&2
    touch "$tmp/failed"
  fi
  echo "$secs $rss"
}
read -r adx_file_s adx_file_rss < <(adx_run "adx -f FILE" /dev/null /dev/null "$tmp/adx.err" \
  "${pin[@]}" "$adx" -v id check --type uscc -f "$codes")
read -r adx_stdin_s adx_stdin_rss < <(adx_run "adx < FILE" "$codes" /dev/null "$tmp/adx.err" \
  "${pin[@]}" "$adx" -v id check --type uscc)

read -r stdnum_s _ stdnum_rc _ < <(timed "$codes" "$tmp/stdnum.out" "$tmp/stdnum.err" "${pin[@]}" "$py" -c '
import sys
from stdnum.cn.uscc import is_valid
n = bad = 0
for line in sys.stdin:
    n += 1
    if not is_valid(line.rstrip("\n")):
        bad += 1
print(n, bad)')
if [ "$stdnum_rc" != 0 ] || [ "$(cat "$tmp/stdnum.out")" != "$n 0" ]; then
  echo "id_check: FAIL: stdnum: exit $stdnum_rc, counted '$(cat "$tmp/stdnum.out")', expected '$n 0'" >&2
  cat "$tmp/stdnum.err" >&2
  failed=1
fi

read -r wc_s _ wc_rc _ < <(timed "$codes" "$tmp/wc.out" /dev/null "${pin[@]}" wc -l)
[ "$wc_rc" = 0 ] && [ "$(cat "$tmp/wc.out")" = "$n" ] || { echo "id_check: FAIL: wc -l" >&2; failed=1; }

best=$(calc "min($adx_file_s, $adx_stdin_s)")
adx_rate=$(rate "$best")
ratio=$(calc "round($stdnum_s / $best, 1)")
rate_ok=$(calc "int($adx_rate >= $target_rate)")
ratio_ok=$(calc "int($ratio >= $target_ratio)")

echo "id_check: $n codes, $(uname -m)${pin:+, pinned to CPU 0}"
report "adx id check -f FILE" "$adx_file_s"
report "adx id check < FILE" "$adx_stdin_s"
report "python-stdnum is_valid" "$stdnum_s"
report "wc -l (floor)" "$wc_s"
printf '  adx: %s codes/s (target >= %s on one core): %s\n' "$adx_rate" "$target_rate" "$(judge "$rate_ok")"
printf '  adx/stdnum: %sx (target >= %sx): %s\n' "$ratio" "$target_ratio" "$(judge "$ratio_ok")"
printf '  adx peak RSS: %s KiB (-f FILE), %s KiB (stdin)\n' "$adx_file_rss" "$adx_stdin_rss"
[ "$failed" = 0 ] && [ ! -e "$tmp/failed" ] || { echo "id_check: FAILED: not every code was reported valid" >&2; exit 1; }

#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs scripts/demo with a built adx and checks what it says against what
# samples/README.md documents: 300 records, the ten bad ones held back, the
# 290 good ones accepted by adx serve (receipt checked), the stored document
# the very bytes the district sent.
#   demo_check.sh ADX_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
adx=$(realpath "${1:?usage: demo_check.sh ADX_BINARY SOURCE_DIR OUT_DIR}")
src=${2:?usage: demo_check.sh ADX_BINARY SOURCE_DIR OUT_DIR}
out=${3:?usage: demo_check.sh ADX_BINARY SOURCE_DIR OUT_DIR}
export LC_ALL=C LANGUAGE= NO_COLOR=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
rc=0
bash "$src/scripts/demo" --adx "$adx" --out "$out" >"$log" 2>&1 || rc=$?
((rc == 0)) || { cat "$log"; echo "demo: FAIL: scripts/demo exited $rc"; exit 1; }
cat "$log"
fails=0
expect() { grep -Eq "$1" "$log" || { echo "demo: FAIL: no line matching: $1"; fails=$((fails + 1)); }; }
expect '^\[4/8\] validated samples/district-export.csv: 300 records, 10 errors, 0 warnings, .* \(exit 65\)'
expect '^\[5/8\] kept the 290 good records, held back the 10 with errors'
expect '^\[7/8\] sent filings.csv: accepted, submission [0-9a-f]{32}, receipt '
expect '^\[8/8\] filings.csv: receipt valid: accepted, submission [0-9a-f]{32}; stopped adx serve; stored as '
expect '^  records:     290$'
stored=$(find "$out/city/inbox" -name '*.csv')
[[ $(wc -l <<<"$stored") == 1 ]] && cmp "$stored" "$out/district/filings.csv" ||
  { echo "demo: FAIL: the inbox does not hold exactly the document sent"; fails=$((fails + 1)); }
((fails == 0)) || exit 1
echo "demo: all checks passed"

#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Validation speed and memory: adx validate against Miller (CSV parsing and
# printing only), xmllint (streaming XSD validation) and wc -l (the floor), on
# the same generated enterprise-filing export, in the same run.
# Usage: tests/bench/validate.sh ADX_BINARY [--smoke]
#   full: 1,000,000 records (CSV, and the same records as XML), every tool
#         timed three times (the fastest run kept), targets judged (never
#         fails on timing); then a ~2 GB CSV streamed through a pipe (never
#         written to disk) for the memory target
#   --smoke: 20,000 records, no 2 GB run; only checks that everything runs and agrees
# Fails (exit 1) if adx does not report exactly the injected errors (exit 65,
# one error per bad record, at those records), or a peer fails; exits 125
# (skipped) if Miller or xmllint is not installed (apt-get install miller libxml2-utils).
set -euo pipefail
adx=${1:?usage: validate.sh ADX_BINARY [--smoke]}
smoke=0
[ "${2:-}" = --smoke ] && smoke=1
n=$((smoke ? 20000 : 1000000))
big_bytes=2000000000
here=$(cd "$(dirname "$0")" && pwd)
target_mlr=5      # adx at least 5x Miller's throughput on the CSV
target_xmllint=2  # adx at least 2x xmllint's on the XML
target_wc=10      # adx within 10x of wc -l
target_rss=65536  # KiB: under 64 MiB validating 2 GB

for tool in mlr xmllint; do
  if ! command -v "$tool" >/dev/null; then
    echo "validate bench: $tool not installed (apt-get install miller libxml2-utils); skipped" >&2
    exit 125
  fi
done
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"
# adx validate checks CSV on every CPU it may use: every tool gets the same
# two CPUs (0-1), and the report gives CPU time (user + sys) next to wall
# time; the ratios are judged on wall time.
pin=()
cpus=1
if command -v taskset >/dev/null && taskset -c 0-1 true 2>/dev/null; then
  pin=(taskset -c 0-1)
  cpus=$(taskset -c 0-1 nproc)
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
csv=$tmp/filings.csv
xml=$tmp/filings.xml
xsd=$tmp/filings.xsd

t0=$(date +%s.%N)
"$py" "$here/gen_filings.py" write "$n" "$csv" "$xml" --manifest "$tmp/manifest.json"
"$adx" formats xsd enterprise-filing > "$xsd"
csv_bytes=$(stat -c %s "$csv")
xml_bytes=$(stat -c %s "$xml")
printf 'validate bench: %d records generated in %.1f s: CSV %.1f MB, XML %.1f MB\n' "$n" \
  "$(calc "$(date +%s.%N) - $t0")" "$(calc "$csv_bytes / 1e6")" "$(calc "$xml_bytes / 1e6")"
# Every tool reads from the page cache, and none runs while the kernel is
# still writing the generated files out.
sync
cat "$csv" "$xml" > /dev/null
# Full runs time every tool three times and keep its fastest run: a shared
# machine's noise lands on one run, not on the ratios.
reps=$((smoke ? 1 : 3))
# best ARGS...: timed's line for the fastest (wall time) of $reps runs.
best() {
  local i line fastest=
  for ((i = 0; i < reps; i++)); do
    line=$(timed "$@")
    if [ -z "$fastest" ] || [ "$(calc "int(${line%% *} < ${fastest%% *})")" = 1 ]; then fastest=$line; fi
  done
  echo "$fastest"
}

failed=0
fail() { echo "validate bench: FAIL: $*" >&2; failed=1; }

# check_adx LABEL RC STDOUT RECORDS ERRORS: adx must exit 65 and count exactly
# the injected errors, no warnings; with RECORDS = n, the errors must be at the
# injected records.
check_adx() {
  local label=$1 rc=$2 out=$3 records=$4 errors=$5
  local summary
  summary=$(grep -Eo '[0-9]+ records, [0-9]+ errors, [0-9]+ warnings' "$out" | tail -1 || true)
  if [ "$rc" != 65 ] || [ "$summary" != "$records records, $errors errors, 0 warnings" ]; then
    fail "$label: exit $rc, '$summary'; expected exit 65, '$records records, $errors errors, 0 warnings'"
    grep -v 'record [0-9]*: ' "$out" | head -5 >&2 || true
    return
  fi
  [ "$records" = "$n" ] || return 0
  local got want
  got=$(grep -Eo '^adx validate: error: [^ ]*: record [0-9]+:' "$out" | grep -Eo '[0-9]+:$' | tr -d : | sort -n | tr '\n' ' ' || true)
  want=$("$py" -c 'import json, sys; print(" ".join(sorted(json.load(open(sys.argv[1]))["bad"], key=int)), end=" ")' "$tmp/manifest.json")
  [ "$got" = "$want" ] || fail "$label: errors at records $got; injected at $want"
}
bad=$("$py" -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["bad"]))' "$tmp/manifest.json")

read -r adx_csv_s adx_csv_rss rc adx_csv_cpu < <(best /dev/null "$tmp/adx-csv.out" "$tmp/adx-csv.err" \
  "${pin[@]}" "$adx" validate -f enterprise-filing "$csv")
check_adx "adx validate FILE.csv" "$rc" "$tmp/adx-csv.out" "$n" "$bad"

read -r mlr_s _ rc mlr_cpu < <(best /dev/null /dev/null "$tmp/mlr.err" "${pin[@]}" mlr --icsv --ojson cat "$csv")
[ "$rc" = 0 ] || { fail "mlr: exit $rc"; head -3 "$tmp/mlr.err" >&2; }

read -r wc_s _ rc wc_cpu < <(best "$csv" "$tmp/wc.out" /dev/null "${pin[@]}" wc -l)
[ "$rc" = 0 ] && [ "$(cat "$tmp/wc.out")" = "$((n + 1))" ] || fail "wc -l: exit $rc, '$(cat "$tmp/wc.out")' lines"

read -r adx_xml_s adx_xml_rss rc adx_xml_cpu < <(best /dev/null "$tmp/adx-xml.out" "$tmp/adx-xml.err" \
  "${pin[@]}" "$adx" validate -f enterprise-filing "$xml")
check_adx "adx validate FILE.xml" "$rc" "$tmp/adx-xml.out" "$n" "$bad"

# xmllint: exit 0 (valid) or 3 (fails to validate: the XSD sees a few of the
# injected errors); anything else is a broken schema or document.
read -r xmllint_s _ rc xmllint_cpu < <(best /dev/null /dev/null "$tmp/xmllint.err" \
  "${pin[@]}" xmllint --stream --noout --schema "$xsd" "$xml")
if { [ "$rc" = 0 ] || [ "$rc" = 3 ]; } && grep -Eq '(validates|fails to validate)$' "$tmp/xmllint.err"; then
  xmllint_errors=$(grep -c 'Schemas validity error' "$tmp/xmllint.err" || true)
else
  fail "xmllint: exit $rc"
  head -3 "$tmp/xmllint.err" >&2
  xmllint_errors='?'
fi

mbs() { calc "round($1 / 1e6 / $2, 1)"; }
# report LABEL WALL CPU BYTES [NOTE]
report() { printf '  %-44s %8.3f s wall %7.3f s CPU  %8s MB/s%s\n' "$1" "$2" "$3" "$(mbs "$4" "$2")" "${5:-}"; }
r_mlr=$(calc "round($mlr_s / $adx_csv_s, 1)")
r_xmllint=$(calc "round($xmllint_s / $adx_xml_s, 1)")
r_wc=$(calc "round($adx_csv_s / $wc_s, 1)")

echo "validate bench: $n enterprise filings ($bad bad), $(uname -m), ${pin:+every tool pinned to CPUs 0-1, }$cpus CPUs"
report "adx validate -f enterprise-filing FILE.csv" "$adx_csv_s" "$adx_csv_cpu" "$csv_bytes" "  ($bad errors found)"
report "mlr --icsv --ojson cat FILE.csv" "$mlr_s" "$mlr_cpu" "$csv_bytes"
report "wc -l FILE.csv (floor)" "$wc_s" "$wc_cpu" "$csv_bytes"
report "adx validate -f enterprise-filing FILE.xml" "$adx_xml_s" "$adx_xml_cpu" "$xml_bytes" "  ($bad errors found)"
report "xmllint --stream --noout --schema FILE.xml" "$xmllint_s" "$xmllint_cpu" "$xml_bytes" "  ($xmllint_errors XSD errors)"
printf '  ratios on wall time:\n'
printf '  adx/Miller: %sx (target >= %sx): %s\n' "$r_mlr" "$target_mlr" "$(judge "$(calc "int($r_mlr >= $target_mlr)")")"
printf '  adx/xmllint: %sx (target >= %sx): %s\n' "$r_xmllint" "$target_xmllint" "$(judge "$(calc "int($r_xmllint >= $target_xmllint)")")"
printf '  adx/wc -l: %sx slower (target <= %sx): %s\n' "$r_wc" "$target_wc" "$(judge "$(calc "int($r_wc <= $target_wc)")")"
printf '  adx peak RSS: %s KiB (CSV), %s KiB (XML)\n' "$adx_csv_rss" "$adx_xml_rss"

if [ "$smoke" = 0 ]; then
  # ~2 GB: the CSV's records again and again with new unique credit codes,
  # generated into a pipe (no 2 GB file on disk).
  read -r big_s big_rss rc _ < <(
    "$py" "$here/gen_filings.py" repeat "$csv" "$big_bytes" --info "$tmp/big.info" |
      timed /dev/stdin "$tmp/big.out" "$tmp/big.err" "${pin[@]}" "$adx" validate -f enterprise-filing --from csv -)
  read -r big_records big_bad < "$tmp/big.info"
  check_adx "adx validate (2 GB through a pipe)" "$rc" "$tmp/big.out" "$big_records" "$big_bad"
  big_gb=$(calc "round($big_records / $n * $csv_bytes / 1e9, 2)")
  printf '  adx validate, %s GB CSV through a pipe: %d records in %.1f s (generator-bound), peak RSS %s KiB (target < %s KiB): %s\n' \
    "$big_gb" "$big_records" "$big_s" "$big_rss" "$target_rss" "$(judge "$(calc "int($big_rss < $target_rss)")")"
fi
[ "$failed" = 0 ] || { echo "validate bench: FAILED: a tool did not report what it should" >&2; exit 1; }

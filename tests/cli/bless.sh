#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Writes the golden files of CLI cases from the current binary, for review
# with git diff before committing:  tests/cli/bless.sh BIN_DIR [CASE.cmd...]
set -euo pipefail
bin=$(cd "$1" && pwd); shift
src=$(cd "$(dirname "$0")/../.." && pwd)
cases=("$@")
((${#cases[@]})) || mapfile -t cases < <(find "$src/tests/cli/cases" -name '*.cmd' | sort)
for cmd in "${cases[@]}"; do
  cmd=$(realpath "$cmd"); base=${cmd%.cmd}
  scratch=$(mktemp -d)
  mkdir -p "$scratch/home"
  stdin=/dev/null; [[ -f $base.in ]] && stdin=$base.in
  set +e
  (cd "$scratch" && env -i PATH="$bin:/usr/bin:/bin" HOME="$scratch/home" LANG=C.UTF-8 \
     ADX_NOW=2026-11-27T10:00:00+08:00 DATA="$src/tests/data" SAMPLES="$src/samples" SRC="$src" \
     NO_COLOR=1 TERM=dumb bash -o pipefail "$cmd" <"$stdin" >"$scratch/stdout" 2>"$scratch/stderr")
  rc=$?
  set -e
  rm -f "$base.out" "$base.err" "$base.rc"
  [[ -s $scratch/stdout ]] && cp "$scratch/stdout" "$base.out"
  [[ -s $scratch/stderr ]] && cp "$scratch/stderr" "$base.err"
  [[ $rc != 0 ]] && echo "$rc" >"$base.rc"
  rm -rf "$scratch"
done

#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs one golden CLI case: compares exit code, stdout and stderr exactly.
# The scratch directory is kept on failure for inspection.
#   run_case.sh CASE.cmd BIN_DIR SOURCE_DIR SCRATCH_DIR
set -u
cmd=$1 bin=$2 src=$3 scratch=$4
base=${cmd%.cmd}
rm -rf "$scratch" && mkdir -p "$scratch/home"
# A fixed, clean environment: fixed clock, English, no user configuration.
env_vars=(PATH="$bin:/usr/bin:/bin" HOME="$scratch/home" LANG=C.UTF-8 LC_ALL= LANGUAGE=
          ADX_NOW=2026-11-27T10:00:00+08:00 DATA="$src/tests/data" SAMPLES="$src/samples"
          SRC="$src" NO_COLOR=1 TERM=dumb)
stdin=/dev/null
[[ -f $base.in ]] && stdin=$base.in
(cd "$scratch" && env -i "${env_vars[@]}" bash -o pipefail "$cmd" <"$stdin" >"$scratch/stdout" 2>"$scratch/stderr")
rc=$?
want_rc=0
[[ -f $base.rc ]] && want_rc=$(<"$base.rc")
fail=0
if [[ $rc != "$want_rc" ]]; then
  echo "exit code: got $rc, expected $want_rc"; fail=1
fi
compare() { # stream expected-file
  local got=$scratch/$1 want=$2
  if [[ -f $want ]]; then
    diff -u --label expected --label got "$want" "$got" || fail=1
  elif [[ -s $got ]]; then
    echo "unexpected $1:"; cat "$got"; fail=1
  fi
}
compare stdout "$base.out"
compare stderr "$base.err"
if [[ $fail == 0 ]]; then rm -rf "$scratch"; else echo "scratch kept: $scratch"; fi
exit $fail

#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The man pages keep up with the binary: every tool that `adx --help` lists
# has man/adx-TOOL.1.scd, with an EXIT STATUS section, and every long option
# that `--help` prints for adx, a tool or a subcommand appears in the page
# (adx's own options in man/adx.1.scd).
#   check_man.sh ADX_BINARY SOURCE_DIR
set -u
adx=${1:?usage: check_man.sh ADX_BINARY SOURCE_DIR}
man=${2:?usage: check_man.sh ADX_BINARY SOURCE_DIR}/man
export LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE=  # option names and help layout in English
fail=0

# The names listed under "Subcommands:" in a --help text.
subcommands() { sed -n '/^Subcommands:/,/^$/{/^  [a-z]/{s/^  \([a-z][a-z0-9-]*\).*/\1/p}}'; }
# The long options listed under "Options:" (first column only, not the descriptions).
long_options() {
  sed -n '/^Options:/,/^$/{/^  -/p}' | sed 's/^ *\(-[A-Za-z0-9],\)*//; s/[ =].*//' | grep -- '^--'
}
documented() { # page option
  grep -qE -- "(^|[^A-Za-z0-9-])$2([^A-Za-z0-9-]|\$)" "$1"
}
check_options() { # page command...
  local page=$1 help opt
  shift
  if ! help=$("$adx" "$@" --help); then
    echo "'$* --help' failed"; fail=1; return
  fi
  for opt in $(long_options <<<"$help"); do
    if ! documented "$page" "$opt"; then
      echo "${page#"$man/"}: option $opt of 'adx${*:+ $*}' is not documented"; fail=1
    fi
  done
}
walk() { # page command...: the command's options, then its subcommands'
  local page=$1 sub
  check_options "$@"
  for sub in $("$adx" "${@:2}" --help | subcommands); do walk "$page" "${@:2}" "$sub"; done
}

top=$("$adx" --help) || { echo "adx --help failed"; exit 1; }
check_options "$man/adx.1.scd"
tools=$(subcommands <<<"$top")
[[ -n $tools ]] || { echo "no tools found in 'adx --help'"; exit 1; }
for tool in $tools; do
  if [[ $tool == help ]]; then  # adx help TOPIC is part of adx(1)
    documented "$man/adx.1.scd" 'help' || { echo "adx.1.scd: 'adx help' is not documented"; fail=1; }
    continue
  fi
  page=$man/adx-$tool.1.scd
  if [[ ! -f $page ]]; then
    echo "man/adx-$tool.1.scd is missing: 'adx --help' lists the tool '$tool'"; fail=1; continue
  fi
  grep -q '^# EXIT STATUS' "$page" || { echo "adx-$tool.1.scd: no EXIT STATUS section"; fail=1; }
  walk "$page" "$tool"
done
exit $fail

#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Extracts the messages of lib/ and tools/ (tr, trf, N_) into po/adx.pot and
# merges them into po/zh_CN.po (dropping messages no longer used). New messages arrive untranslated, never fuzzy;
# `ctest -R i18n/` (tests/cli/check_catalog.sh) says what is left to do.
# Works on the tree the script is in, from any directory.
set -euo pipefail
export LC_ALL=C  # a stable file order
po=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$po/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
find lib tools -type f \( -name '*.cpp' -o -name '*.hpp' \) | sort >"$tmp/files"
# No source locations and no creation date: the files change only when a
# message does. (The bug-address warning is xgettext's, for GNU projects.)
if ! xgettext --language=C++ --from-code=UTF-8 --keyword= --keyword=tr --keyword=trf --keyword=N_ \
  --no-location --sort-by-file --no-wrap --package-name=adx \
  --files-from="$tmp/files" --output="$tmp/adx.pot" 2>"$tmp/err"; then
  cat "$tmp/err" >&2
  exit 1
fi
sed '/--msgid-bugs-address/,/command line option\.$/d; /MSGID_BUGS_ADDRESS/d' "$tmp/err" >&2
sed '/^"POT-Creation-Date: /d' "$tmp/adx.pot" >"$po/adx.pot"
msgmerge --quiet --update --no-fuzzy-matching --backup=none --no-location --no-wrap \
  "$po/zh_CN.po" "$po/adx.pot"
# Messages gone from the sources go too (git keeps their translations).
msgattrib --no-obsolete --no-wrap --output-file="$po/zh_CN.po" "$po/zh_CN.po"

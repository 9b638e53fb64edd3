#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The zh_CN catalog is complete: every message of lib/ and tools/ is in
# po/zh_CN.po, translated, not fuzzy, with the same {placeholders}, and the
# catalog compiles. Runs po/extract.sh on a scratch copy, so the tree is not
# touched.   check_catalog.sh SOURCE_DIR
set -u
src=${1:?usage: check_catalog.sh SOURCE_DIR}
for tool in xgettext msgmerge msgattrib msgfmt msgexec; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool (gettext-tools) not installed"; exit 125; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/po"
cp -R "$src/lib" "$src/tools" "$tmp/"
cp "$src/po/extract.sh" "$src/po/zh_CN.po" "$tmp/po/"
po=$tmp/po/zh_CN.po
bash "$tmp/po/extract.sh" || { echo "po/extract.sh failed"; exit 1; }

fail=0
show() { # title msgattrib-option
  local list
  list=$(msgattrib "$2" --no-obsolete --no-wrap "$po" | sed -n '/^msgid "[^"]/p; /^msgid ""$/{n; /^"/p}')
  if [[ -n $list ]]; then
    echo "$1:"
    echo "$list"
    fail=1
  fi
}
show "not translated in po/zh_CN.po (new messages: run po/extract.sh and translate)" --untranslated
show "fuzzy in po/zh_CN.po (check the translation, then remove the fuzzy flag)" --only-fuzzy

# fmt placeholders: the translation must name the same fields ({file}, {mode:04o}).
placeholders='s/{{//g; s/}}//g; s/[^{]*\({[^{}]*}\)[^{]*/\1\n/g'
export placeholders
# shellcheck disable=SC2016  # the script is for the inner bash
mismatches=$(msgexec --input="$po" bash -c '
  [[ -z $MSGEXEC_MSGID ]] && exit 0
  want=$(printf "%s" "$MSGEXEC_MSGID" | sed "$placeholders" | grep "^{" | sort)
  str=$(cat)
  [[ -z $str ]] && exit 0
  got=$(printf "%s" "$str" | sed "$placeholders" | grep "^{" | sort)
  [[ $want == "$got" ]] || printf "msgid \"%s\"\n  expected %s, translation has %s\n" \
    "$MSGEXEC_MSGID" "$(echo $want)" "$(echo ${got:-nothing})"
  exit 0')
if [[ -n $mismatches ]]; then
  echo "translations whose {placeholders} differ from the msgid:"
  echo "$mismatches"
  fail=1
fi

if ! stats=$(msgfmt --check-format --statistics -o /dev/null "$po" 2>&1); then
  echo "po/zh_CN.po does not compile:"
  fail=1
fi
echo "$stats"
exit $fail

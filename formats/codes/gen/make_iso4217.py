#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes formats/codes/iso4217.tsv from Debian's iso-codes data.

    python3 formats/codes/gen/make_iso4217.py [ISO_CODES_DIR] > formats/codes/iso4217.tsv

ISO_CODES_DIR defaults to /usr/share/iso-codes/json (Debian package iso-codes).
Chinese names come from the package's zh_CN catalog, where it has one.
Output: code, numeric, name_en, name_zh; sorted by code; deterministic.
"""
import gettext
import json
import os
import sys

src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/iso-codes/json"
with open(os.path.join(src, "iso_4217.json"), encoding="utf-8") as f:
    entries = json.load(f)["4217"]
try:
    zh = gettext.translation("iso_4217", localedir="/usr/share/locale", languages=["zh_CN"])
except OSError:
    zh = gettext.NullTranslations()
print("code\tnumeric\tname_en\tname_zh")
for e in sorted(entries, key=lambda e: e["alpha_3"]):
    name = e["name"]
    name_zh = zh.gettext(name)
    print(f"{e['alpha_3']}\t{e.get('numeric', '')}\t{name}\t{name_zh if name_zh != name else ''}")

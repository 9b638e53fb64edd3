#!/usr/bin/env python3
"""Rebuild adx's shipped code lists from the public source data.

Usage:
    python3 formats/codes/gen/make_codes.py SOURCE_DIR OUT_DIR

SOURCE_DIR is shaped like the reference code lists:

    SOURCE_DIR/gb2260/mca/YYYYMM.tsv     MCA revisions   (Source, Revision, Code, Name)
    SOURCE_DIR/gb2260/stats/YYYYMM.tsv   NBS revisions   (same columns)
    SOURCE_DIR/gb2260/YYYYMM.tsv         GB/T 2260 editions (same columns; optional)
    SOURCE_DIR/gbt4754-2017.tsv          level, section, division, group, class, name

Writes OUT_DIR/gb2260.tsv and OUT_DIR/gbt4754-2017.tsv (UTF-8, no BOM, LF line
endings, deterministic order) and prints a summary.  OUT_DIR/uscc-authorities.tsv
is hand-written and is not touched.  See formats/codes/README.md for the meaning
of every column.  Standard library only.
"""

import collections
import glob
import os
import re
import sys

SOURCE_HEADER = ["Source", "Revision", "Code", "Name"]
GB2260_HEADER = ["code", "name", "from", "until"]
GBT4754_HEADER = ["level", "section", "division", "group", "class", "name"]

# Expected GB/T 4754-2017 counts (NBS: 20 sections, 97 divisions, 473 groups,
# 1,380 classes).  A mismatch is reported, not fatal.
GBT4754_EXPECTED = {"1": 20, "2": 97, "3": 473, "4": 1380}

# Explicit, minimal corrections of the GB/T 4754 source extract.  Each maps an
# exact source row to its corrected form; a correction that no longer matches
# anything is reported (the source may have been fixed upstream).
#   The extract has a second level-3 row for group 374 named "飞机制造", with no
#   class code; that is class 3741 飞机制造 (group 374 otherwise lists only
#   3742, 3743, 3744, 3749) mislabelled as a group row.
GBT4754_CORRECTIONS = {
    ("3", "C", "37", "374", "", "飞机制造"): ("4", "C", "37", "374", "3741", "飞机制造"),
}

# The NBS revision of 2018-10 is the "statistical division code" list
# (统计用区划代码), which adds codes for development zones and similar areas
# that are not GB/T 2260 codes.  A code found only there is not taken.
STATS_ONLY_IF_NOT_SOLELY_IN = {"201810"}


def warn(msg):
    sys.stderr.write("make_codes: warning: %s\n" % msg)


def die(msg):
    sys.stderr.write("make_codes: error: %s\n" % msg)
    sys.exit(1)


def read_lines(path):
    """Read a UTF-8 text file, tolerating a BOM and CRLF line endings."""
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = data.decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def write_tsv(path, header, rows):
    out = "\t".join(header) + "\n"
    for row in rows:
        for field in row:
            if "\t" in field or "\n" in field:
                die("field with a tab or newline in %s: %r" % (path, row))
        out += "\t".join(row) + "\n"
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(out.encode("utf-8"))
    os.replace(tmp, path)


# --------------------------------------------------------------------------
# GB/T 2260
# --------------------------------------------------------------------------

def load_revisions(paths, notes):
    """Return {revision: {code: set(names)}} for the given revision files.

    Files with the same revision (e.g. NBS stats/200212 and the GB/T 2260-2002
    edition 200212) are merged.  Duplicate codes within one revision are kept
    (all names) and recorded in notes.
    """
    revs = {}
    for path in sorted(paths):
        stem = os.path.splitext(os.path.basename(path))[0]
        lines = read_lines(path)
        header = lines[0].split("\t")
        if header != SOURCE_HEADER:
            die("%s: unexpected header %r" % (path, lines[0]))
        table = revs.setdefault(stem, {})
        seen = collections.defaultdict(set)
        for lineno, line in enumerate(lines[1:], start=2):
            if not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) != 4:
                die("%s:%d: expected 4 fields, got %r" % (path, lineno, line))
            source, revision, code, name = (x.strip() for x in fields)
            if revision != stem:
                die("%s:%d: revision %r does not match file name" % (path, lineno, revision))
            if not re.fullmatch(r"[0-9]{6}", code):
                warn("%s:%d: skipping non 6-digit code %r" % (path, lineno, code))
                continue
            if not name:
                die("%s:%d: empty name for %s" % (path, lineno, code))
            seen[code].add(name)
            table.setdefault(code, set()).add(name)
        for code in sorted(seen):
            if len(seen[code]) > 1:
                notes.append("%s %s: one code, several names: %s"
                             % (os.path.relpath(path, os.path.dirname(os.path.dirname(path))),
                                code, "/".join(sorted(seen[code]))))
    return revs


def periods(revs, codes):
    """Yield (code, name, from_year, until_year) runs over the revision timeline.

    A run is a maximal sequence of consecutive revisions in which the code is
    listed with that name.  A code missing from one single revision and back
    under the same name in the next is taken as an omission of that revision
    (安徽省 340000 is missing from 1987-12 alone), not an abolition and
    re-creation: the run goes on.  from = year of the run's first revision; until =
    year of the first later revision that lacks it, or "" if the run reaches
    the latest revision.
    """
    order = sorted(revs)
    last = len(order) - 1
    for code in codes:
        present = collections.defaultdict(list)
        for i, rev in enumerate(order):
            for name in revs[rev].get(code, ()):
                present[name].append(i)
        for name, idx in present.items():
            start = prev = idx[0]
            for i in idx[1:] + [None]:
                if i is not None and (i == prev + 1 or
                                      (i == prev + 2 and code not in revs[order[prev + 1]])):
                    prev = i
                    continue
                until = "" if prev == last else order[prev + 1][:4]
                yield (code, name, order[start][:4], until)
                if i is not None:
                    start = prev = i


def build_gb2260(src, out_dir):
    base = os.path.join(src, "gb2260")
    mca_files = glob.glob(os.path.join(base, "mca", "*.tsv"))
    stats_files = glob.glob(os.path.join(base, "stats", "*.tsv"))
    gb_files = [p for p in glob.glob(os.path.join(base, "*.tsv"))
                if re.fullmatch(r"[0-9]{6}\.tsv", os.path.basename(p))]
    if not mca_files:
        die("no MCA revisions under %s" % os.path.join(base, "mca"))

    notes = []
    mca = load_revisions(mca_files, notes)
    nbs = load_revisions(stats_files + gb_files, notes)

    mca_codes = set()
    for table in mca.values():
        mca_codes.update(table)
    mca_latest = max(mca)

    # Codes the MCA lists never carry: take them from the NBS revisions, unless
    # they occur only in the 2018 statistical-use list.
    fill = set()
    for rev, table in nbs.items():
        if rev in STATS_ONLY_IF_NOT_SOLELY_IN:
            continue
        fill.update(c for c in table if c not in mca_codes)

    rows = set(periods(mca, sorted(mca_codes)))
    n_mca = len(rows)
    stats_rows = set(periods(nbs, sorted(fill))) if nbs else set()
    rows |= stats_rows

    def key(r):
        return (r[0], r[2], r[3] or "9999", r[1])

    rows = sorted(rows, key=key)
    write_tsv(os.path.join(out_dir, "gb2260.tsv"), GB2260_HEADER, rows)

    # ---- summary ----
    by_code = collections.defaultdict(list)
    for r in rows:
        by_code[r[0]].append(r)
    current = {r[0] for r in rows if r[3] == ""}
    current_mca = set(mca[mca_latest])
    renamed = sum(1 for rs in by_code.values() if len({r[1] for r in rs}) > 1)
    split = sum(1 for c, rs in by_code.items()
                if any(len([r for r in rs if r[1] == n]) > 1 for n in {r[1] for r in rs}))
    orphans = sorted(c for c in current - current_mca
                     if c[:2] + "0000" not in current_mca)
    print("gb2260.tsv: %d rows (%d from MCA %s..%s, %d filled from NBS %s..%s), %d codes"
          % (len(rows), n_mca, min(mca), mca_latest, len(stats_rows),
             min(nbs) if nbs else "-", max(nbs) if nbs else "-", len(by_code)))
    print("  current codes (empty until): %d (%d listed in MCA %s, %d NBS-only)"
          % (len(current), len(current & current_mca), mca_latest,
             len(current - current_mca)))
    print("  codes with more than one name over time: %d" % renamed)
    print("  codes with a (code, name) listed, dropped and listed again: %d" % split)
    for c in orphans:
        warn("current NBS-only code %s has no current province in MCA %s" % (c, mca_latest))
    if notes:
        print("  source revisions listing one code with several names: %d" % len(notes))
        for n in notes:
            print("    " + n)
    return rows


# --------------------------------------------------------------------------
# GB/T 4754-2017
# --------------------------------------------------------------------------

def build_gbt4754(src, out_dir):
    path = os.path.join(src, "gbt4754-2017.tsv")
    lines = read_lines(path)
    if lines[0].split("\t") != GBT4754_HEADER:
        die("%s: unexpected header %r" % (path, lines[0]))
    rows = []
    used = set()
    stripped = 0
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 6:
            die("%s:%d: expected 6 fields, got %r" % (path, lineno, line))
        clean = tuple(x.strip() for x in fields)
        if clean != tuple(fields):
            stripped += 1
        if clean in GBT4754_CORRECTIONS:
            used.add(clean)
            print("gbt4754-2017.tsv: corrected source line %d: %s -> %s"
                  % (lineno, "|".join(clean), "|".join(GBT4754_CORRECTIONS[clean])))
            clean = GBT4754_CORRECTIONS[clean]
        rows.append(clean)
    for c in sorted(set(GBT4754_CORRECTIONS) - used):
        warn("correction not applied (no such source row): %s" % "|".join(c))

    # Structural checks.
    pat = {"1": (r"[A-Z]", "", "", ""),
           "2": (r"[A-Z]", r"[0-9]{2}", "", ""),
           "3": (r"[A-Z]", r"[0-9]{2}", r"[0-9]{3}", ""),
           "4": (r"[A-Z]", r"[0-9]{2}", r"[0-9]{3}", r"[0-9]{4}")}
    for r in rows:
        p = pat.get(r[0])
        if p is None or not all(re.fullmatch(a, b) if a else b == ""
                                for a, b in zip(p, r[1:5])):
            die("malformed row: %r" % (r,))
        if (r[3] and not r[3].startswith(r[2])) or (r[4] and not r[4].startswith(r[3])):
            die("inconsistent codes: %r" % (r,))
        if not r[5]:
            die("empty name: %r" % (r,))

    group_rows = {}
    classes = collections.OrderedDict()
    for r in rows:
        if r[0] == "3":
            if r[3] in group_rows:
                die("duplicate group row %s (%s / %s)" % (r[3], group_rows[r[3]][5], r[5]))
            group_rows[r[3]] = r
        elif r[0] == "4":
            classes.setdefault(r[3], []).append(r)
    for g in group_rows:
        if g not in classes:
            die("group %s has no classes" % g)

    # Insert a level-3 row before the first class of every group lacking one.
    out = []
    added = 0
    for r in rows:
        if r[0] == "4" and r[3] not in group_rows:
            members = classes[r[3]]
            if len(members) != 1:
                die("group %s has %d classes but no group row" % (r[3], len(members)))
            if not r[4].endswith("0"):
                warn("single class %s of group %s does not end in 0" % (r[4], r[3]))
            g = ("3", r[1], r[2], r[3], "", r[5])
            group_rows[r[3]] = g
            out.append(g)
            added += 1
        out.append(r)

    seen = set()
    for r in out:
        k = (r[0], r[1], r[2], r[3], r[4])
        if k in seen:
            die("duplicate code row %r" % (r,))
        seen.add(k)

    write_tsv(os.path.join(out_dir, "gbt4754-2017.tsv"), GBT4754_HEADER, out)
    counts = collections.Counter(r[0] for r in out)
    print("gbt4754-2017.tsv: %d rows: %d sections, %d divisions, %d groups (%d added), %d classes"
          % (len(out), counts["1"], counts["2"], counts["3"], added, counts["4"]))
    if stripped:
        print("  names with surrounding whitespace trimmed: %d" % stripped)
    for level, n in sorted(GBT4754_EXPECTED.items()):
        if counts[level] != n:
            print("  NOTE: level %s count %d differs from the 2017 text's %d"
                  % (level, counts[level], n))
    return out


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: %s SOURCE_DIR OUT_DIR\n" % argv[0])
        return 2
    src, out_dir = argv[1], argv[2]
    if not os.path.isdir(src):
        die("no such directory: %s" % src)
    os.makedirs(out_dir, exist_ok=True)
    build_gb2260(src, out_dir)
    build_gbt4754(src, out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

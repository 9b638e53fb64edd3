#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""adx id check against python-stdnum, an independent implementation.

Usage: stdnum_uscc.py ADX

Generates 50,000 credit codes and 50,000 identity numbers (a deterministic
mix of valid values and single-character mutations of them), checks them all
with `adx id check --type T --report json` on standard input, and compares
each verdict with stdnum.cn.uscc.is_valid / stdnum.cn.ric.is_valid. Any
disagreement fails the test and is listed.

Where the two are known to differ by design the values are chosen so that
the difference cannot arise: credit codes have digits in positions 1-8 and a
registration authority/category pair from adx's table (stdnum allows no
letters there and checks no table); identity numbers are born 1950-2020 (adx
refuses future dates). An identity number that stdnum refuses only for its
birth place (stdnum's region list differs from adx's GB/T 2260 data) is left
out of the comparison and counted.

Exit status: 0 agreement, 1 disagreement or failure, 125 when /usr/bin/python3
has no stdnum module (the test is skipped).
"""

import json
import os
import random
import subprocess
import sys

try:
    from stdnum.cn import ric as stdnum_ric
    from stdnum.cn import uscc as stdnum_uscc
    from stdnum.exceptions import InvalidComponent, ValidationError
except ImportError:
    print("stdnum_uscc: python3-stdnum is not installed (apt-get install python3-stdnum); skipped")
    sys.exit(125)

COUNT = 50000
SEED = 3210011643
NOW = "2026-11-27T09:00:00+08:00"
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
EXCLUDED = "IOZSV"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read_tsv(name):
    path = os.path.join(ROOT, "formats", "codes", name)
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    return [line.split("\t") for line in lines[1:] if line]


def uscc_check(first17):
    total = sum(ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return ALPHABET[(31 - total % 31) % 31]


def orgcode_check(body):
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    c = 11 - sum(int(ch, 36) * w for ch, w in zip(body, weights)) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def ric_check(first17):
    c = (12 - sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17)) % 11) % 11
    return "X" if c == 10 else str(c)


def mutate(rng, value, chars):
    """One substitution or one swap of neighbours; never the value itself."""
    while True:
        s = list(value)
        if rng.random() < 0.7:
            pos = rng.randrange(len(s))
            s[pos] = rng.choice(chars)
        else:
            pos = rng.randrange(len(s) - 1)
            s[pos], s[pos + 1] = s[pos + 1], s[pos]
        out = "".join(s)
        if out != value:
            return out


def uscc_values(rng):
    pairs = [row[1] for row in read_tsv("uscc-authorities.tsv") if row[1].isdigit()]
    regions = [row[0] for row in read_tsv("gb2260.tsv")]
    values = []
    for i in range(COUNT):
        body = rng.choice(pairs) + rng.choice(regions)
        body += "".join(rng.choice(ALPHABET) for _ in range(8))
        body += orgcode_check(body[8:16])
        code = body + uscc_check(body)
        values.append(code if i % 2 == 0 else mutate(rng, code, ALPHABET + EXCLUDED))
    return values


def ric_values(rng):
    # Current county-level codes: stdnum's own region list knows nearly all of them.
    regions = [row[0] for row in read_tsv("gb2260.tsv") if not row[0].endswith("00") and len(row) > 3 and not row[3]]
    values = []
    for i in range(COUNT):
        year = rng.randrange(1950, 2021)
        month = rng.randrange(1, 13)
        day = rng.randrange(1, 29)
        if i % 10 == 9:  # not a real date, with a correct check character
            month, day = rng.choice([(13, 1), (0, 10), (2, 30), (4, 31), (6, 0), (12, 32)])
        first17 = "%s%04d%02d%02d%03d" % (rng.choice(regions), year, month, day, rng.randrange(1000))
        number = first17 + ric_check(first17)
        values.append(number if i % 2 == 0 or i % 10 == 9 else mutate(rng, number, "0123456789X"))
    return values


def adx_verdicts(adx, kind, values):
    env = dict(os.environ, ADX_NOW=NOW, LC_ALL="C", LANGUAGE="", NO_COLOR="1")
    run = subprocess.run([adx, "id", "check", "--type", kind, "--report", "json"], input="\n".join(values) + "\n",
                         capture_output=True, text=True, env=env, check=False)
    if run.returncode not in (0, 65):
        raise SystemExit("stdnum_uscc: adx exited %d: %s" % (run.returncode, run.stderr[-2000:]))
    lines = run.stdout.splitlines()
    if len(lines) != len(values):
        raise SystemExit("stdnum_uscc: adx gave %d results for %d values" % (len(lines), len(values)))
    verdicts = []
    for value, line in zip(values, lines):
        record = json.loads(line)
        if record["input"] != value:
            raise SystemExit("stdnum_uscc: result for %r arrived for %r" % (record["input"], value))
        verdicts.append((record["valid"], record["reason"]))
    return verdicts


def stdnum_ric_verdict(value):
    """True/False, or None when stdnum refuses it only for its birth place."""
    try:
        stdnum_ric.validate(value)
        return True
    except InvalidComponent:
        try:
            stdnum_ric.get_birth_date(value)
        except ValidationError:
            return False
        return None
    except ValidationError:
        return False


def compare(adx, kind, values, reference):
    verdicts = adx_verdicts(adx, kind, values)
    disagreements, skipped, valid = [], 0, 0
    for value, (adx_valid, reason) in zip(values, verdicts):
        theirs = reference(value)
        if theirs is None:
            skipped += 1
            continue
        valid += theirs
        if adx_valid != theirs:
            disagreements.append("%s: adx %s, stdnum %s (%s)" % (value, "valid" if adx_valid else "invalid",
                                                                 "valid" if theirs else "invalid", reason))
    compared = len(values) - skipped
    print("%s: %d values, %d compared (%d valid, %d invalid), %d skipped, %d disagreements"
          % (kind, len(values), compared, valid, compared - valid, skipped, len(disagreements)))
    for line in disagreements[:100]:
        print("  " + line)
    if len(disagreements) > 100:
        print("  … and %d more" % (len(disagreements) - 100))
    ok = not disagreements
    # A comparison that has nothing to compare proves nothing.
    if compared < len(values) * 0.8 or valid < compared * 0.3 or compared - valid < compared * 0.3:
        print("%s: too few values compared, or too one-sided" % kind)
        ok = False
    return ok


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: stdnum_uscc.py ADX")
    adx = sys.argv[1]
    rng = random.Random(SEED)
    ok = compare(adx, "uscc", uscc_values(rng), stdnum_uscc.is_valid)
    ok = compare(adx, "ric", ric_values(rng), stdnum_ric_verdict) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

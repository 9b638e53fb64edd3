#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes N valid unified social credit codes (GB 32100), one per line.

usage: gen_uscc.py N OUT [SEED]

Every code has a known authority/category pair, a current GB/T 2260 region,
an organization code with a correct GB 11714 check character and a correct
GB 32100 check character; stdnum.cn.uscc accepts them too (digit authorities
only). The output is deterministic for a seed.

Fast without third-party modules, as the file is built column by column
from HEADS (authority, category, region) and BODIES (organization code with
its check): line i is head i mod H, body i mod B and the check character.
H and B are coprime, so the first H*B lines are all different, and every
body has the same weighted sum mod 31, so the check character depends on the
head alone and each column repeats with period H or B.
"""

import os
import random
import sys

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUE = {c: i for i, c in enumerate(ALPHABET)}
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
HEADS = 4001  # prime
BODIES = 2503  # prime: H*B > 10 million

CODES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "formats", "codes")


def rows(name):
    with open(os.path.join(CODES, name), encoding="utf-8") as f:
        next(f)
        for line in f:
            yield line.rstrip("\n").split("\t")


def org_check(body):
    s = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body, ORG_WEIGHTS))
    c = 11 - s % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def partial(s, offset):
    return sum(VALUE[c] * WEIGHTS[offset + i] for i, c in enumerate(s))


def column(pattern, n):
    """pattern repeated to n bytes."""
    return (pattern * (n // len(pattern) + 1))[:n]


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 20261127)
    pairs = sorted({r[1] for r in rows("uscc-authorities.tsv") if len(r) > 1 and r[1].isdigit()})
    regions = sorted({r[0] for r in rows("gb2260.tsv") if len(r) > 2 and (len(r) < 4 or not r[3])})
    heads = set()
    while len(heads) < HEADS:
        heads.add(rng.choice(pairs) + rng.choice(regions))
    heads = sorted(heads)
    rng.shuffle(heads)
    bodies = set()
    while len(bodies) < BODIES:
        body = "".join(rng.choices(ALPHABET, k=8))
        body += org_check(body)
        if partial(body, 8) % 31 == 0:
            bodies.add(body)
    bodies = sorted(bodies)
    rng.shuffle(bodies)
    checks = "".join(ALPHABET[(31 - partial(h, 0) % 31) % 31] for h in heads)
    width = 19
    buf = bytearray(b"\n" * (n * width))
    for c in range(8):
        buf[c::width] = column("".join(h[c] for h in heads).encode(), n)
    for c in range(9):
        buf[8 + c::width] = column("".join(b[c] for b in bodies).encode(), n)
    buf[17::width] = column(checks.encode(), n)
    with open(out, "wb") as f:
        f.write(buf)


if __name__ == "__main__":
    main()

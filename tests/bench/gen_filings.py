#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Fast, deterministic generator of enterprise-filing exports for the
validation benchmark (tests/bench/validate.sh). Python 3 standard library only.

    gen_filings.py write N OUT.csv OUT.xml [--manifest FILE] [--seed S]
        N records, UTF-8, Chinese headers, CRLF, RFC 4180 quoting where needed
        (one physical line per record), and the same records as XML in the shape
        `adx formats xsd enterprise-filing` describes. Every record is valid
        except a few at fixed places (BAD_KINDS below), one error each.
    gen_filings.py repeat IN.csv MIN_BYTES [--info FILE]
        Streams IN.csv (as written above) to standard output again and again,
        each repetition with new unique credit codes, until at least MIN_BYTES
        are out: nothing is written to disk. --info writes "records bad" (what
        a validator must count).

Values come from the reference tables of samples/gen/make_sample.py (real
GB/T 2260 and GB/T 4754 codes, names, scopes), drawn from pools built once, so
that a million records take seconds.
"""

import datetime
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "samples", "gen"))
import make_sample as ms  # noqa: E402

ALPHA = ms.USCC_ALPHABET
A_INDEX = {c: i for i, c in enumerate(ALPHA)}
ORG_VALUE = {c: ms.org_value(c) for c in ALPHA}
UW = ms.USCC_WEIGHTS
OW = ms.ORG_WEIGHTS

# One error each, at evenly spaced records (see bad_plan).
BAD_KINDS = [
    "uscc-check-char",          # field check: the credit code's check character
    "uscc-category",            # rule uscc-category: an individual business with a 91 code
    "legal-rep-id-check",       # field check (check_as ric): the check character
    "region-unknown",           # field check: 310199 is no GB/T 2260 code
    "industry-unknown",         # field check: C3598 is no GB/T 4754 class
    "capital-negative",         # field check: decimal below min 0
    "deregistered-on-missing",  # required_when filing_type = "deregister"
    "deregistered-before-established",  # rule deregistered-after-established
    "filed-before-established",  # rule filed-after-established
    "filed-in-future",          # rule filed-in-future
    "filing-type-unknown",      # field check: not an enum code
    "email-invalid",            # field check
    "name-too-long",            # field check: more than 200 characters
    "duplicate-filing",         # unique (uscc, filing_type, filed_at): a copy of an earlier record
]
START = datetime.datetime(2020, 1, 2, 8, 0, 0)
SPAN = (datetime.datetime(2025, 12, 30, 18, 0, 0) - START).total_seconds()


def bad_plan(n):
    """{0-based record index: kind}; {duplicate index: source index}."""
    k = len(BAD_KINDS)
    plan = {}
    for j, kind in enumerate(BAD_KINDS):
        plan[min(n - 1, (2 * j + 1) * n // (2 * k))] = kind
    dup = {i: i - max(1, n // (4 * k)) for i, kind in plan.items() if kind == "duplicate-filing"}
    assert len(plan) == k and all(plan.get(s) is None for s in dup.values())
    return plan, dup


def b31(serial, width):
    out = []
    for _ in range(width):
        serial, d = divmod(serial, 31)
        out.append(ALPHA[d])
    return "".join(reversed(out))


def uscc_of(prefix8, body_lead, serial, bad_check=False):
    """category(2) + region(6) + organisation body (8) + its check + check."""
    if body_lead.startswith("MA"):
        body = body_lead[:3] + b31(serial, 5)
    else:
        assert serial < 10_000_000
        body = body_lead[:1] + "%07d" % serial
    c = 11 - sum(ORG_VALUE[ch] * w for ch, w in zip(body, OW)) % 11
    first17 = prefix8 + body + ("X" if c == 10 else "0" if c == 11 else str(c))
    s = sum(A_INDEX[ch] * w for ch, w in zip(first17, UW))
    check = ALPHA[(31 - s % 31) % 31]
    if bad_check:
        check = ALPHA[(A_INDEX[check] + 7) % 31]
    return first17 + check


_needs_quotes = re.compile('[,"\r\n]').search
_xml_special = re.compile("[&<>]").search


def csv_field(v):
    return '"' + v.replace('"', '""') + '"' if _needs_quotes(v) else v


def xml_text(v):
    return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") if _xml_special(v) else v


class Pools:
    """Values drawn once from make_sample's generator, reused by index."""

    def __init__(self, seed):
        g = ms.Gen(seed)
        r = g.r
        self.r = random.Random(seed + 1)
        self.people = []  # (name, pinyin, resident id)
        for _ in range(20000):
            name, py, male = g.person()
            self.people.append((name, py, g.resident_id(male, r.random() < 0.5)))
        self.foreign = []
        for _ in range(2000):
            fname, style, _country = r.choice(ms.FOREIGNERS)
            self.foreign.append((fname, fname.lower().replace(" ", "."), g.passport(style)))
        self.addresses = {reg: [g.address(reg) for _ in range(3000)] for reg in [ms.JINSHAN] + sorted(ms.OTHER_DISTRICTS)}
        self.rural = [g.address(ms.JINSHAN, rural=True) for _ in range(1000)]
        self.scopes = {}
        for cl in ms.CLUSTERS:
            self.scopes[cl] = [g.scope(cl, old_style=r.random() < 0.15, quoted=r.random() < 0.04) for _ in range(400)]
        self.shop_scopes = []
        for word, code, items in ms.SHOPS:
            gen_items = [i for i in items if i not in ms.SHOP_LICENSED]
            lic = [i for i in items if i in ms.SHOP_LICENSED]
            text = ("一般项目：" + "；".join(gen_items) + "。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）") if gen_items else ""
            if lic:
                text += ms.LICENSED_PREFIX + "；".join(lic) + ms.LICENSED_SUFFIX
            self.shop_scopes.append((word, code, text))
        self.capitals = {et: [g.capital(et, "CNY") for _ in range(500)]
                         for et in ["company", "partnership", "sole-proprietorship", "branch",
                                    "foreign-invested", "farmer-cooperative"]}
        self.phones = [g.phone(ms.JINSHAN) for _ in range(20000)]
        self.cluster_lists = {et: [c for c, w in pairs for _ in range(w)] for et, pairs in ms.ENTITY_CLUSTERS.items()}
        self.industry = {cl: list(c["codes"].items()) for cl, c in ms.CLUSTERS.items()}


ETYPES = ([("company", 55), ("individual-business", 14), ("sole-proprietorship", 5), ("partnership", 6),
           ("farmer-cooperative", 5), ("branch", 8), ("foreign-invested", 7)])
FTYPES = [("establish", 24), ("change", 25), ("deregister", 8), ("annual-report", 20),
          ("address-declaration", 12), ("name-declaration", 11)]


def expand(pairs):
    return [v for v, w in pairs for _ in range(w)]


def make_records(n, seed):
    """Yields (uscc_parts, values) per record: uscc_parts = (prefix8, body_lead, serial, bad_check)."""
    p = Pools(seed)
    r = p.r
    rnd = r.random
    etypes, ftypes = expand(ETYPES), expand(FTYPES)
    others = sorted(ms.OTHER_DISTRICTS)
    brands = ms.BRAND_CHARS
    plan, dup = bad_plan(n)
    step = SPAN / n
    kept = {}  # duplicate sources
    sources = set(dup.values())
    for i in range(n):
        kind = plan.get(i)
        if kind == "duplicate-filing":
            yield kept.pop(dup[i])
            continue
        filed = START + datetime.timedelta(seconds=int(i * step + rnd() * step * 0.9))
        filed_day = filed.date()
        etype = etypes[int(rnd() * len(etypes))]
        if kind in ("uscc-category",):
            etype = "individual-business"
        elif kind in ("capital-negative", "uscc-check-char", "legal-rep-id-check"):
            etype = "company"
        ftype = ftypes[int(rnd() * len(ftypes))]
        if kind in ("deregistered-on-missing", "deregistered-before-established"):
            ftype = "deregister"
        elif ftype == "deregister" and kind in ("filing-type-unknown", "filed-before-established"):
            ftype = "change"
        if etype in ("individual-business", "farmer-cooperative") or rnd() < 0.88:
            region = ms.JINSHAN
        else:
            region = others[int(rnd() * len(others))]
        if ftype == "establish":
            # Often the same day, also before 08:00: the local date counts.
            established = filed_day - datetime.timedelta(days=int(rnd() * 4))
        else:
            established = filed_day - datetime.timedelta(days=1 + int(rnd() * rnd() * 9000))
        if established < datetime.date(1990, 1, 1):
            established = datetime.date(1990, 1, 1) + datetime.timedelta(days=int(rnd() * 3000))
        deregistered = ""
        if ftype == "deregister":
            deregistered = (filed_day - datetime.timedelta(days=int(rnd() * 3))).isoformat()
            if deregistered < established.isoformat():
                deregistered = established.isoformat()

        category = "92" if etype == "individual-business" else "93" if etype == "farmer-cooperative" else "91"
        if kind == "uscc-category":
            category = "91"
        if established >= datetime.date(2015, 10, 1):
            y = established.year
            lead = "MA" + ("1" if y < 2020 else "7" if y < 2023 else "C" if y < 2025 else "E")
        else:
            y = established.year
            lead = "L" if category == "92" else "7" if y < 2009 else "5" if y < 2013 else "0"
        upart = (category + region, lead, i, kind == "uscc-check-char")

        # legal representative
        id_type = "resident-id"
        if etype == "foreign-invested" and rnd() < 0.7:
            rep, rep_py, rep_id = p.foreign[int(rnd() * len(p.foreign))]
            id_type = "passport"
        else:
            rep, rep_py, rep_id = p.people[int(rnd() * len(p.people))]
            if kind != "legal-rep-id-check" and rnd() < 0.02:
                id_type = "hk-macao-pass"
                rep_id = "H%08d" % int(rnd() * 1e8)
        if kind == "legal-rep-id-check":
            rep_id = rep_id[:17] + "10X98765432"[("10X98765432".index(rep_id[17]) + 3) % 11]

        # name, industry, scope
        k1 = int(rnd() * len(brands))
        b1, b2 = brands[k1], brands[(k1 + 1 + int(rnd() * (len(brands) - 1))) % len(brands)]
        brand, brand_py = b1[0] + b2[0], b1[1] + b2[1]
        if etype == "individual-business":
            word, industry, scope = p.shop_scopes[int(rnd() * len(p.shop_scopes))]
            name = "上海市金山区" + brand + word
        elif etype == "farmer-cooperative":
            produce, industry = ms.PRODUCE[int(rnd() * len(ms.PRODUCE))]
            name = "上海金山" + brand + produce + "专业合作社"
            scope = p.scopes["agri"][int(rnd() * 400)]
        else:
            cls = p.cluster_lists[etype]
            cl = cls[int(rnd() * len(cls))]
            codes = p.industry[cl]
            industry, trades = codes[int(rnd() * len(codes))]
            trade = trades[int(rnd() * len(trades))]
            scope = p.scopes[cl][int(rnd() * 400)]
            if etype == "company":
                name = "上海" + brand + trade + ("股份有限公司" if rnd() < 0.05 else "有限公司")
            elif etype == "foreign-invested":
                name = brand + "（上海）" + trade + "有限公司"
            elif etype == "partnership":
                name = "上海" + brand + trade + "合伙企业（有限合伙）"
            elif etype == "sole-proprietorship":
                name = "上海" + brand + trade + "经营部"
            else:
                name = "上海" + brand + trade + "有限公司金山分公司"
        if rnd() < 0.3:
            industry = industry[1:]  # the section letter is optional
        if kind == "industry-unknown":
            industry = ms.UNKNOWN_INDUSTRY
        if etype == "individual-business":
            capital = ""
        else:
            caps = p.capitals[etype]
            capital = caps[int(rnd() * len(caps))]
        currency = "USD" if etype == "foreign-invested" and rnd() < 0.75 else "CNY"
        address = p.rural[int(rnd() * len(p.rural))] if etype == "farmer-cooperative" else \
            p.addresses[region][int(rnd() * 3000)]
        phone = p.phones[int(rnd() * len(p.phones))]
        email = (rep_py + str(int(rnd() * 100)) if rnd() < 0.5 else "info." + brand_py) + "@" + \
            ms.EMAIL_DOMAINS[int(rnd() * 3)]

        if kind == "region-unknown":
            region = ms.UNKNOWN_REGION
        elif kind == "capital-negative":
            capital = "-" + capital
        elif kind == "deregistered-on-missing":
            deregistered = ""
        elif kind == "deregistered-before-established":
            deregistered = (established - datetime.timedelta(days=30)).isoformat()
        elif kind == "filed-before-established":
            established = filed_day + datetime.timedelta(days=40)
        elif kind == "filed-in-future":
            filed = filed.replace(year=2099)
        elif kind == "filing-type-unknown":
            ftype = "establishment"
        elif kind == "email-invalid":
            email = email.replace("@", "@@")
        elif kind == "name-too-long":
            name = name + "（" + "金山" * 100 + "）"

        values = [name, etype, rep, id_type, rep_id, capital, currency, established.isoformat(), region,
                  address, industry, scope, ftype, deregistered, filed.isoformat() + "+08:00", phone, email]
        rec = (upart, values)
        if i in sources:
            kept[i] = rec
        yield rec


XML_KEYS = [en for _, en in ms.COLUMNS]


def write(n, csv_path, xml_path, manifest, seed):
    plan, dup = bad_plan(n)
    with open(csv_path, "w", encoding="utf-8", newline="") as c, open(xml_path, "w", encoding="utf-8", newline="\n") as x:
        c.write(",".join(zh for zh, _ in ms.COLUMNS) + "\r\n")
        x.write('<?xml version="1.0" encoding="UTF-8"?>\n<filings xmlns="urn:adx:format:enterprise-filing:1">\n')
        cbuf, xbuf = [], []
        tags = [("    <%s>" % k, "</%s>\n" % k) for k in XML_KEYS[1:]]
        for upart, values in make_records(n, seed):
            uscc = uscc_of(*upart)
            cbuf.append(uscc + "," + ",".join(csv_field(v) for v in values) + "\r\n")
            parts = ["  <filing>\n    <uscc>", uscc, "</uscc>\n"]
            for (open_tag, close_tag), v in zip(tags, values):
                if v:
                    parts += (open_tag, xml_text(v), close_tag)
            parts.append("  </filing>\n")
            xbuf.append("".join(parts))
            if len(cbuf) >= 4096:
                c.write("".join(cbuf))
                x.write("".join(xbuf))
                cbuf, xbuf = [], []
        c.write("".join(cbuf))
        x.write("".join(xbuf))
        x.write("</filings>\n")
    if manifest:
        with open(manifest, "w", encoding="utf-8") as f:
            json.dump({"records": n, "bad": {str(i + 1): k for i, k in sorted(plan.items())},
                       "duplicate_of": {str(i + 1): s + 1 for i, s in dup.items()}}, f, ensure_ascii=False, indent=1)
            f.write("\n")


def repeat(csv_path, min_bytes, info):
    """Streams the file again and again with new unique credit codes."""
    with open(csv_path, "rb") as f:
        header = f.readline()
        body = f.read()
    lines = body.split(b"\r\n")
    assert lines[-1] == b""
    lines.pop()
    n = len(lines)
    plan, dup = bad_plan(n)
    reps = max(1, -(-min_bytes // (len(header) + len(body))))
    with open(info, "w") if info else open(os.devnull, "w") as f:
        f.write("%d %d\n" % (n * reps, len(plan) * reps))
        f.flush()
    out = sys.stdout.buffer
    out.write(header)
    bad_check = {i for i, k in plan.items() if k == "uscc-check-char"}
    for rep in range(reps):
        if rep == 0:
            out.write(body)
            continue
        buf = []
        for j, line in enumerate(lines):
            src = dup.get(j, j)
            old = line[:18].decode()
            new = uscc_of(old[:8], old[8:11], rep * n + src, src in bad_check)
            buf.append(new.encode() + line[18:] + b"\r\n")
            if len(buf) >= 4096:
                out.write(b"".join(buf))
                buf = []
        out.write(b"".join(buf))
    out.flush()


def main(argv):
    args = list(argv)
    opts = {}
    for name in ("--manifest", "--seed", "--info"):
        if name in args:
            k = args.index(name)
            opts[name] = args[k + 1]
            del args[k:k + 2]
    if len(args) == 4 and args[0] == "write":
        write(int(args[1]), args[2], args[3], opts.get("--manifest"), int(opts.get("--seed", 310116)))
    elif len(args) == 3 and args[0] == "repeat":
        try:
            repeat(args[1], int(float(args[2])), opts.get("--info"))
        except BrokenPipeError:
            return 1
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

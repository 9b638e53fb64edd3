#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""adx validate reports exactly the injected problems: no more, no fewer.

    python3 tests/validate/check_exact.py ADX FAMILY [--seed S] [--rows N] [--keep DIR] [-v]

For FAMILY (enterprise-filing, e-license or stat-report) and every input
syntax (csv and tsv with Chinese and English headers in UTF-8 and GB18030;
json, jsonl and xml), gen_exports.py writes an export with problems at known
records and a manifest of them. Then, with the fixed clock of the golden
tests (ADX_NOW) and --registry/--previous where the family has them:

  --report json   the set of (record, field, rule, severity) equals the
                  manifest's, each at the manifest's line and column; the
                  summary counts records, errors and warnings; valid is false;
  --report text   carries the same problems (same places) and summary line;
  --report junit  one testsuite for the file, one testcase per rule of the
                  format, and failures (errors) and system-out (warnings)
                  listing the same records;
  exit code       65 (there are errors).

No report may show a resident identity number or a phone number whole.
Also: without --registry/--previous the problems that need them are not
reported; a clean export is valid (exit 0, no problems); an export with only
warnings is valid (exit 0) unless --warnings-as-errors (65, and JUnit lists
the warnings as failures).

Prints every discrepancy with the command that shows it; exits 1 if there
was one, 125 if ADX cannot be run. Python 3 standard library only.
"""

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "gen_exports.py")
sys.path.insert(0, HERE)
import gen_exports  # noqa: E402  (run in-process: one Python start-up, not one per export)
ADX_NOW = "2026-11-27T10:00:00+08:00"

# The format's own rule ids (record rules and uniqueness), for the JUnit
# testcases; kept here rather than read from the specification so that a
# rule that disappears is noticed.
FORMAT_RULES = {
    "enterprise-filing": ["uscc-category", "deregistered-on-only-deregister",
                          "deregistered-after-established", "filed-after-established", "filed-in-future",
                          "duplicate-filing"],
    "e-license": ["valid-until-after-from", "issued-in-future", "valid-but-expired", "duplicate-license"],
    "stat-report": ["revenue-main", "employees-female", "balance-sheet", "revenue-ytd-not-less",
                    "revenue-ytd-first-period", "revenue-ytd-cumulative", "revenue-no-employees", "average-wage",
                    "revenue-change", "employees-change", "duplicate-report"],
}
HAS_REGISTRY = {"e-license", "stat-report"}
HAS_PREVIOUS = {"stat-report"}


class Checker:
    def __init__(self, adx, family, seed, rows, work, verbose):
        self.adx, self.family, self.seed, self.rows, self.work, self.verbose = adx, family, seed, rows, work, verbose
        self.failures = []
        self.checked = 0
        home = os.path.join(work, "home")
        os.makedirs(home, exist_ok=True)
        self.env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "LANG": "C.UTF-8",
                    "ADX_NOW": ADX_NOW, "NO_COLOR": "1", "TERM": "dumb"}

    # ---- helpers -----------------------------------------------------------
    def fail(self, combo, what, command=None):
        self.failures.append((combo, what, command))

    def generate(self, name, syntax, headers="key", encoding="utf-8", mode="full", bom=False):
        out = os.path.join(self.work, "%s.%s" % (name, syntax))
        manifest = os.path.join(self.work, "%s.manifest.json" % name)
        args = [self.family, out, "--syntax", syntax, "--headers", headers, "--encoding", encoding,
                "--seed", str(self.seed), "--rows", str(self.rows), "--mode", mode, "--manifest", manifest]
        if bom:
            args.append("--bom")
        gen_exports.main(args)
        cmd = ["python3", GEN] + args
        with open(manifest, encoding="utf-8") as f:
            return json.load(f), cmd

    def run(self, args):
        cmd = [self.adx, "validate", "-f", self.family] + args
        p = subprocess.run(cmd, env=self.env, cwd=self.work, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"), cmd

    def show(self, gen_cmd, cmd):
        env = "ADX_NOW=%s " % ADX_NOW
        return "cd %s && %s && %s%s" % (shlex.quote(self.work), " ".join(map(shlex.quote, gen_cmd)), env,
                                         " ".join(map(shlex.quote, cmd)))

    @staticmethod
    def expected(manifest, options):
        return [p for p in manifest["problems"] if p["needs"] is None or p["needs"] in options]

    def options(self, manifest, use):
        args = []
        if "registry" in use and "registry" in manifest["files"]:
            args += ["--registry", os.path.basename(manifest["files"]["registry"])]
        if "previous" in use and "previous" in manifest["files"]:
            args += ["--previous", os.path.basename(manifest["files"]["previous"])]
        return args

    # ---- the checks ----------------------------------------------------------
    def compare(self, combo, expected, got, show, report):
        """expected: manifest problems; got: {(record, field, rule, severity): (line, column)}."""
        want = {(p["record"], p["field"], p["rule"], p["severity"]): p for p in expected}
        for key in sorted(set(want) - set(got)):
            p = want[key]
            self.fail(combo, "%s: missing: record %d field '%s' [%s] %s (injected: %s, value %r)"
                      % (report, key[0], key[1], key[2], key[3], p["kind"], p["value"]), show)
        for key in sorted(set(got) - set(want), key=str):
            self.fail(combo, "%s: extra: record %s field '%s' [%s] %s at %s: %s"
                      % (report, key[0], key[1], key[2], key[3], got[key][0], got[key][1]), show)
        for key in sorted(set(want) & set(got)):
            p = want[key]
            line, column = got[key][0]
            if line != p["line"] or (column is not None and column != p["column"]):
                self.fail(combo, "%s: record %d field '%s' [%s]: reported at line %s column %s, the value is at "
                          "line %d column %d" % (report, key[0], key[1], key[2], line, column, p["line"], p["column"]),
                          show)

    def check_secrets(self, combo, manifest, outputs, show):
        for name, text in outputs.items():
            for s in manifest["secrets"]:
                if s in text:
                    self.fail(combo, "%s report shows the personal number %s whole" % (name, s[:3] + "…"), show)

    def check_json(self, combo, manifest, expected, text, rc, show, file):
        try:
            doc = json.loads(text)
        except ValueError as e:
            self.fail(combo, "json report does not parse: %s" % e, show)
            return None
        got = {}
        for d in doc.get("diagnostics", []):
            key = (d["record"], d["field"], d["rule"], d["severity"])
            if key in got:
                self.fail(combo, "json: reported twice: %s" % (key,), show)
            got[key] = ((d["line"], d["column"]), d["message"])
            if d["file"] != file:
                self.fail(combo, "json: diagnostic names file %r, not %r" % (d["file"], file), show)
        places = {k: v[0] for k, v in got.items()}
        self.compare(combo, expected, {k: (v[0], v[1]) for k, v in got.items()}, show, "json")
        errors = sum(1 for p in expected if p["severity"] == "error")
        warnings = len(expected) - errors
        s = doc.get("summary", {})
        files = doc.get("files", [])
        want_summary = {"files": 1, "records": manifest["records"], "errors": errors, "warnings": warnings,
                        "valid": errors == 0}
        for k, v in want_summary.items():
            if s.get(k) != v:
                self.fail(combo, "json: summary %s is %r, expected %r" % (k, s.get(k), v), show)
        if len(files) != 1 or not files[0].get("complete") or files[0].get("records") != manifest["records"]:
            self.fail(combo, "json: files is %r" % (files,), show)
        if doc.get("format") != self.family:
            self.fail(combo, "json: format is %r" % doc.get("format"), show)
        want_rc = 65 if errors else 0
        if rc != want_rc:
            self.fail(combo, "json: exit code %d, expected %d" % (rc, want_rc), show)
        return places

    def check_text(self, combo, manifest, expected, text, rc, show, file, json_places):
        pat = re.compile(r"^adx validate: (error|warning): " + re.escape(file)
                         + r"(?::(\d+)(?::(\d+))?)?: (?:record (\d+): )?(?:field '([^']*)': )?(.*) \[([^\]]+)\]$")
        got = {}
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        summary = None
        for ln in lines:
            m = pat.match(ln)
            if m:
                sev, line, col, rec, field, msg, rule = m.groups()
                key = (int(rec or 0), field or "", rule, sev)
                got[key] = ((int(line or 0), int(col or 0)), msg)
                continue
            m = re.match(r"^" + re.escape(file) + r": (\d+) records, (\d+) errors, (\d+) warnings, [0-9.]+ s$", ln)
            if m:
                summary = tuple(map(int, m.groups()))
                continue
            if ln in ("result: valid", "result: invalid"):
                continue
            self.fail(combo, "text: line not in the documented shape: %r" % ln, show)
        errors = sum(1 for p in expected if p["severity"] == "error")
        want = (manifest["records"], errors, len(expected) - errors)
        if summary != want:
            self.fail(combo, "text: summary %r, expected (records, errors, warnings) %r" % (summary, want), show)
        result = "result: invalid" if errors else "result: valid"
        if not lines or lines[-1] != result:
            self.fail(combo, "text: last line %r, expected %r" % (lines[-1] if lines else None, result), show)
        if json_places is not None:
            tp = {k: v[0] for k, v in got.items()}
            if tp != json_places:
                diff = set(tp.items()) ^ set(json_places.items())
                self.fail(combo, "text and json reports differ: %s" % sorted(diff, key=str)[:6], show)
        want_rc = 65 if errors else 0
        if rc != want_rc:
            self.fail(combo, "text: exit code %d, expected %d" % (rc, want_rc), show)

    def check_junit(self, combo, manifest, expected, text, rc, show, file, warnings_fail=False):
        try:
            root = ET.fromstring(text.encode("utf-8"))
        except ET.ParseError as e:
            self.fail(combo, "junit report does not parse: %s" % e, show)
            return
        suites = root.findall("testsuite")
        if root.tag != "testsuites" or len(suites) != 1 or suites[0].get("name") != file:
            self.fail(combo, "junit: expected one testsuite named %r, found %r"
                      % (file, [s.get("name") for s in suites]), show)
            if not suites:
                return
        suite = suites[0]
        props = {p.get("name"): p.get("value") for p in suite.iter("property")}
        if props.get("records") != str(manifest["records"]):
            self.fail(combo, "junit: records property %r, expected %d" % (props.get("records"), manifest["records"]),
                      show)
        cases = suite.findall("testcase")
        names = [c.get("name") for c in cases]
        for rule in FORMAT_RULES[self.family]:
            if rule not in names:
                self.fail(combo, "junit: no testcase for the format's rule %s" % rule, show)
        if suite.get("tests") != str(len(cases)):
            self.fail(combo, "junit: tests=%r but %d testcases" % (suite.get("tests"), len(cases)), show)
        line_pat = re.compile(r"^(?:record (\d+), )?line (\d+)(?:, field '([^']*)')?: (.*)$")
        got = {}
        failing = 0
        for c in cases:
            rule = c.get("name")
            fails = c.findall("failure")
            if fails:
                failing += 1
            for kind, elems in (("failure", fails), ("system-out", c.findall("system-out"))):
                for e in elems:
                    for ln in (e.text or "").split("\n"):
                        if not ln:
                            continue
                        m = line_pat.match(ln)
                        if not m:
                            self.fail(combo, "junit: %s line not in the documented shape: %r" % (kind, ln), show)
                            continue
                        sev = "error" if kind == "failure" else "warning"
                        got[(int(m.group(1) or 0), m.group(3) or "", rule, sev)] = ((int(m.group(2)), None), "")
        if suite.get("failures") != str(failing):
            self.fail(combo, "junit: failures=%r but %d testcases fail" % (suite.get("failures"), failing), show)
        if warnings_fail:
            expected = [dict(p, severity="error") for p in expected]
        self.compare(combo, expected, got, show, "junit")

    # ---- one combination -------------------------------------------------------
    def combination(self, syntax, headers="key", encoding="utf-8", bom=False):
        combo = "%s %s%s%s" % (self.family, syntax, "" if syntax not in ("csv", "tsv") else " " + headers,
                               "" if syntax not in ("csv", "tsv") else " " + encoding + (" bom" if bom else ""))
        name = "%s-%s-%s-%s" % (self.family, syntax, headers, encoding)
        manifest, gen_cmd = self.generate(name, syntax, headers, encoding, bom=bom)
        file = os.path.basename(manifest["files"]["export"])
        use = set()
        if self.family in HAS_REGISTRY:
            use.add("registry")
        if self.family in HAS_PREVIOUS:
            use.add("previous")
        expected = self.expected(manifest, use)
        opts = self.options(manifest, use)
        outputs = {}
        rc, out, err, cmd = self.run(["--report", "json"] + opts + [file])
        show = self.show(gen_cmd, cmd)
        outputs["json"] = out + err
        places = self.check_json(combo, manifest, expected, out, rc, show, file)
        rc, out, err, cmd = self.run(["--report", "text"] + opts + [file])
        outputs["text"] = out + err
        self.check_text(combo, manifest, expected, out, rc, self.show(gen_cmd, cmd), file, places)
        rc, out, err, cmd = self.run(["--report", "junit"] + opts + [file])
        outputs["junit"] = out + err
        self.check_junit(combo, manifest, expected, out, rc, self.show(gen_cmd, cmd), file)
        self.check_secrets(combo, manifest, outputs, show)
        self.checked += 1
        if self.verbose:
            print("checked %s: %d problems" % (combo, len(expected)))
        return manifest, gen_cmd, file

    def without_options(self, manifest, gen_cmd, file):
        """The problems that need --registry/--previous are not found without them."""
        if not manifest["files"].keys() - {"export"}:
            return
        combo = "%s %s without --registry/--previous" % (self.family, manifest["syntax"])
        expected = self.expected(manifest, set())
        rc, out, err, cmd = self.run(["--report", "json", file])
        self.check_json(combo, manifest, expected, out, rc, self.show(gen_cmd, cmd), file)
        self.checked += 1

    def clean_and_warnings(self):
        use = {"registry", "previous"}
        for mode in ("clean", "warnings"):
            combo = "%s csv %s" % (self.family, mode)
            manifest, gen_cmd = self.generate("%s-%s" % (self.family, mode), "csv", "zh", "gb18030", mode=mode)
            file = os.path.basename(manifest["files"]["export"])
            expected = self.expected(manifest, use)
            opts = self.options(manifest, use)
            if mode == "clean" and expected:
                raise AssertionError("a clean export with problems")
            rc, out, err, cmd = self.run(["--report", "json"] + opts + [file])
            places = self.check_json(combo, manifest, expected, out, rc, self.show(gen_cmd, cmd), file)
            rc, out, err, cmd = self.run(["--report", "text"] + opts + [file])
            self.check_text(combo, manifest, expected, out, rc, self.show(gen_cmd, cmd), file, places)
            if err:
                self.fail(combo, "standard error is not empty: %r" % err[:200], self.show(gen_cmd, cmd))
            self.checked += 1
            if mode == "warnings":
                if not expected or any(p["severity"] != "warning" for p in expected):
                    raise AssertionError("the warnings export must have warnings only")
                rc, out, err, cmd = self.run(["--report", "junit", "--warnings-as-errors"] + opts + [file])
                show = self.show(gen_cmd, cmd)
                if rc != 65:
                    self.fail(combo, "--warnings-as-errors: exit code %d, expected 65" % rc, show)
                self.check_junit(combo, manifest, expected, out, 0, show, file, warnings_fail=True)
                rc, out, err, cmd = self.run(["--report", "text", "--warnings-as-errors"] + opts + [file])
                if rc != 65 or not out.endswith("result: invalid\n"):
                    self.fail(combo, "--warnings-as-errors (text): exit code %d, last line %r"
                              % (rc, out.rstrip("\n").rsplit("\n", 1)[-1]), self.show(gen_cmd, cmd))
                self.checked += 1

    def all(self):
        first = None
        for syntax in ("csv", "tsv"):
            for headers in ("zh", "en"):
                for encoding in ("utf-8", "gb18030"):
                    r = self.combination(syntax, headers, encoding, bom=(encoding == "utf-8" and headers == "zh"))
                    first = first or r
        for syntax in ("json", "jsonl", "xml"):
            self.combination(syntax)
        self.combination("csv", "key", "utf-8")
        self.without_options(*first)
        self.clean_and_warnings()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("adx")
    ap.add_argument("family", choices=sorted(FORMAT_RULES))
    ap.add_argument("--seed", type=int, default=310116)
    ap.add_argument("--rows", type=int, default=120)
    ap.add_argument("--keep", help="work in this directory and keep it")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args(argv)
    adx = os.path.abspath(a.adx)
    if not os.access(adx, os.X_OK):
        print("skipped: %s is not an executable" % a.adx)
        return 125
    work = os.path.abspath(a.keep) if a.keep else tempfile.mkdtemp(prefix="adx-check-exact-")
    os.makedirs(work, exist_ok=True)
    c = Checker(adx, a.family, a.seed, a.rows, work, a.verbose)
    try:
        c.all()
    finally:
        if not a.keep and not c.failures:
            shutil.rmtree(work, ignore_errors=True)
    if c.failures:
        # The same discrepancy in several combinations is printed once, with
        # the combinations it was seen in and one command that shows it.
        grouped = {}
        for combo, what, command in c.failures:
            key = re.sub(r" at \([^)]*\)", "", what)     # the place differs between syntaxes
            g = grouped.setdefault(key, (what, [], command))
            g[1].append(combo)
        for what, combos, command in grouped.values():
            print("FAIL %s" % what)
            print("  in: %s" % ("; ".join(combos) if len(combos) < 4 else "%s and %d more" % (
                "; ".join(combos[:3]), len(combos) - 3)))
            if command:
                print("  reproduce: %s" % command)
        print("%s: %d discrepancies (%d distinct) in %d checked runs (files kept in %s)"
              % (a.family, len(c.failures), len(grouped), c.checked, work))
        return 1
    print("%s: %d combinations checked, every report exact" % (a.family, c.checked))
    return 0


if __name__ == "__main__":
    sys.exit(main())

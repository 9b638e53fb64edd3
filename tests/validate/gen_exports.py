#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generate realistic exports of the three adx format families, with problems
injected at known records, and a manifest of exactly what adx validate should
report for them.

    python3 tests/validate/gen_exports.py FAMILY OUT [--syntax csv|tsv|json|jsonl|xml]
        [--headers zh|en|key] [--encoding utf-8|gb18030] [--seed S] [--rows N]
        [--mode full|clean|warnings] [--manifest FILE]

FAMILY is enterprise-filing, e-license or stat-report. Besides OUT it writes,
next to OUT and in the same syntax, encoding and header language:

  OUT-registry.EXT   (e-license, stat-report) enterprise filings of the
                     holders/reporters: the --registry file;
  OUT-previous.EXT   (stat-report) last period's report: the --previous file.

Every injected problem is one problem: one record, one field, one rule id.
The records that carry them are at fixed record numbers (INJECTIONS below,
in order, at records 4, 7, 10, ...), whatever the seed, syntax, encoding or
header language; every other record is valid. --mode clean writes no
problems at all, --mode warnings only the warnings.

The manifest (JSON) lists each expected problem with record, field, rule,
severity, line and column (where adx reports them: the line and character
column where the field's value starts; column 0 for XML and where the field
is absent), the kind of injection, and "needs": "registry" or "previous"
when the problem is only found with that option. It also lists "secrets":
every resident identity number and phone number in the files, none of which
may appear whole in any report.

Python 3 standard library only; deterministic for a given --seed. Everything
is synthetic: resident identity numbers use sequence codes 900-999, e-mail
addresses use the reserved example.* domains.
"""

import argparse
import calendar
import datetime
import json
import os
import random
import re
import sys

# ---------------------------------------------------------------------------
# Identifier algorithms (STANDARDS.md §1-§3, §7.2)
# ---------------------------------------------------------------------------
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"   # no I O Z S V
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
RIC_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
ALNUM36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def uscc_check_char(first17):
    s = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - s % 31) % 31]


def org_check_char(body8):
    c = 11 - sum(ALNUM36.index(ch) * w for ch, w in zip(body8, ORG_WEIGHTS)) % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def make_uscc_from(prefix2, region6, body8):
    first17 = prefix2 + region6 + body8 + org_check_char(body8)
    return first17 + uscc_check_char(first17)


def uscc_valid(code):
    return (len(code) == 18 and all(c in USCC_ALPHABET for c in code)
            and uscc_check_char(code[:17]) == code[17] and org_check_char(code[8:16]) == code[16])


def ric_check_char(first17):
    s = sum(int(d) * w for d, w in zip(first17, RIC_WEIGHTS))
    return "10X98765432"[s % 11]


def mod37_36_check_char(text):
    p = 36
    for ch in text:
        t = (p + ALNUM36.index(ch)) % 36
        if t == 0:
            t = 36
        p = (2 * t) % 37
    return ALNUM36[(37 - p) % 36]


LICENSE_ROOT = "1.2.156.3005.2."


def make_license_id(type_code, issuer, serial, version="001"):
    body = type_code + issuer + serial + version
    return LICENSE_ROOT + ".".join([type_code, issuer, serial, version, mod37_36_check_char(body)])


# Self-checks against the published test values (STANDARDS.md).
assert uscc_valid("91310116052958608G") and uscc_valid("9144030071526726XG")
assert ric_check_char("11010519491231002") == "X"
assert make_license_id("11100000000013338W011", "11430000006122244L", "20230000403").endswith(".U")
assert make_license_id("11100000000013338W032", "11220000013544541J", "2430599").endswith(".F")

# ---------------------------------------------------------------------------
# The families: fields (key, Chinese label, English label, CSV alias or None,
# numeric?) and XML names, as formats/*.toml declare them.
# ---------------------------------------------------------------------------
FAMILIES = {
    "enterprise-filing": {
        "xml": ("urn:adx:format:enterprise-filing:1", "filings", "filing"),
        "fields": [
            ("uscc", "统一社会信用代码", "Unified social credit code", None, False),
            ("name", "主体名称", "Name", None, False),
            ("entity_type", "主体类型", "Entity type", None, False),
            ("legal_rep", "法定代表人", "Legal representative", None, False),
            ("legal_rep_id_type", "证件类型", "ID document type", None, False),
            ("legal_rep_id", "证件号码", "ID document number", None, False),
            ("registered_capital", "注册资本（万元）", "Registered capital (10,000)", None, True),
            ("currency", "币种", "Currency", None, False),
            ("established_on", "成立日期", "Established on", None, False),
            ("region", "住所行政区划", "Domicile region", None, False),
            ("address", "住所", "Domicile", None, False),
            ("industry", "行业代码", "Industry code", None, False),
            ("business_scope", "经营范围", "Business scope", None, False),
            ("filing_type", "业务类型", "Filing type", None, False),
            ("deregistered_on", "注销日期", "Deregistered on", None, False),
            ("filed_at", "申报时间", "Filed at", None, False),
            ("phone", "联系电话", "Phone", None, False),
            ("email", "电子邮箱", "E-mail", None, False),
        ],
    },
    "e-license": {
        "xml": ("urn:adx:format:e-license:1", "licenses", "license"),
        "fields": [
            ("license_id", "电子证照标识", "License identifier", None, False),
            ("license_type", "证照类型", "License type", None, False),
            ("license_no", "证照编号", "License number", None, False),
            ("holder_uscc", "持证主体统一社会信用代码", "Holder's credit code", None, False),
            ("holder_name", "持证主体名称", "Holder's name", None, False),
            ("issuer_code", "发证机关代码", "Issuing authority's credit code", None, False),
            ("issuer_name", "发证机关", "Issuing authority", None, False),
            ("issued_on", "发证日期", "Issued on", None, False),
            ("valid_from", "有效期起始日期", "Valid from", None, False),
            ("valid_until", "有效期截止日期", "Valid until", None, False),
            ("status", "证照状态", "Status", None, False),
            ("scope", "许可范围", "Scope", None, False),
        ],
    },
    "stat-report": {
        "xml": ("urn:adx:format:stat-report:1", "reports", "report"),
        # Chinese headers use the short column names of the statistics forms
        # (the csv aliases), as the direct-reporting system exports them.
        "fields": [
            ("uscc", "统一社会信用代码", "Unified social credit code", None, False),
            ("name", "单位详细名称", "Name", None, False),
            ("period", "报告期", "Reporting period", None, False),
            ("region", "行政区划代码", "Region", None, False),
            ("industry", "行业代码", "Industry code", None, False),
            ("employees_end", "期末从业人员（人）", "Employees at period end", "期末从业人员", True),
            ("employees_female", "其中：女性（人）", "Of whom women", "期末从业人员：女性", True),
            ("wages_total", "应付职工薪酬（千元）", "Payroll payable (thousand yuan)", "应付职工薪酬", True),
            ("revenue", "营业收入（千元）", "Operating revenue (thousand yuan)", "营业收入", True),
            ("revenue_ytd", "营业收入本年累计（千元）", "Operating revenue, year to date (thousand yuan)",
             "1-本月营业收入", True),
            ("main_revenue", "主营业务收入（千元）", "Main business revenue (thousand yuan)", "主营业务收入", True),
            ("operating_cost", "营业成本（千元）", "Operating cost (thousand yuan)", "营业成本", True),
            ("total_profit", "利润总额（千元）", "Total profit (thousand yuan)", "利润总额", True),
            ("total_assets", "资产总计（千元）", "Total assets (thousand yuan)", "资产总计", True),
            ("total_liabilities", "负债合计（千元）", "Total liabilities (thousand yuan)", "负债合计", True),
            ("owner_equity", "所有者权益合计（千元）", "Owners' equity (thousand yuan)", "所有者权益合计", True),
        ],
    },
}

# Rules whose diagnostic names a field: adx names the first field the rule's
# expression mentions; the problem is in the field given here.
PERSONAL_FIELDS = {"legal_rep_id", "phone"}

# ---------------------------------------------------------------------------
# Reference data: real GB/T 2260 and GB/T 4754-2017 codes
# ---------------------------------------------------------------------------
JINSHAN = "310116"
DISTRICTS = {"310116": "金山区", "310117": "松江区", "310120": "奉贤区", "310112": "闵行区",
             "310115": "浦东新区", "310118": "青浦区"}
TOWNS = {"310116": ["朱泾镇", "枫泾镇", "亭林镇", "石化街道", "山阳镇", "金山卫镇", "张堰镇", "漕泾镇", "吕巷镇", "廊下镇"],
         "310117": ["九亭镇", "车墩镇"], "310120": ["南桥镇", "柘林镇"], "310112": ["莘庄镇", "吴泾镇"],
         "310115": ["张江镇", "惠南镇"], "310118": ["朱家角镇"]}
ROADS = ["亭枫公路", "临源街", "万安街", "环东一路", "朱枫公路", "新枫路", "寺平南路", "林慧路", "卫零路", "龙胜路",
         "杭州湾大道", "龙皓路", "秋实路", "松金公路", "漕廊公路", "朱吕公路", "景乐路", "夏宁路", "定业路"]
STABLE_ID_REGIONS = ["310104", "310107", "310110", "320102", "330106", "340121", "360121", "410105", "510121"]
# (industry class, trade words, scope items)
TRADES = [
    ("C2614", ["化工", "化学科技"], ["化工产品生产（不含许可类化工产品）", "化工产品销售（不含许可类化工产品）"]),
    ("C2641", ["涂料", "新材料"], ["涂料制造（不含危险化学品）", "涂料销售（不含危险化学品）"]),
    ("C2927", ["塑料制品", "塑业"], ["塑料制品制造", "塑料制品销售"]),
    ("C3311", ["钢结构", "金属结构"], ["金属结构制造", "金属结构销售"]),
    ("C3484", ["精密机械", "机械"], ["机械零件、零部件加工", "机械设备销售"]),
    ("C3525", ["模具", "精密模具"], ["模具制造", "模具销售"]),
    ("C3670", ["汽车配件", "汽车零部件"], ["汽车零部件及配件制造", "汽车零配件批发"]),
    ("C3824", ["电子", "电子科技"], ["电子元器件制造", "电子产品销售"]),
    ("C1311", ["米业", "粮油"], ["食用农产品初加工", "粮食收购"]),
    ("E5011", ["装饰工程", "建筑装饰工程"], ["住宅室内装饰装修", "建筑材料销售"]),
    ("F5174", ["五金", "实业"], ["五金产品批发", "金属材料销售"]),
    ("F5199", ["贸易", "供应链"], ["国内贸易代理", "货物进出口", "技术进出口"]),
    ("G5431", ["物流", "运输"], ["国内货物运输代理", "装卸搬运"]),
    ("H6210", ["餐饮管理", "餐饮"], ["餐饮管理", "外卖递送服务"]),
    ("I6513", ["信息科技", "网络科技"], ["软件开发", "信息系统集成服务", "信息技术咨询服务"]),
    ("L7299", ["企业服务", "商务咨询"], ["企业管理咨询", "会议及展览服务", "市场营销策划"]),
    ("M7519", ["环保科技", "新材料科技"], ["技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广"]),
]
SHOPS = [("小吃店", "H6291"), ("便利店", "F5213"), ("粮油店", "F5221"), ("理发店", "O8040"), ("五金店", "F5281")]
PRODUCE = [("蔬菜", "A0141"), ("蜜梨", "A0151"), ("蟠桃", "A0151")]
BRAND = "鑫恒泰嘉禾汇通联诚瑞丰宏达昌盛华兴源博启锦睿晟翔隆辰越卓弘浦枫亭泾沃富顺安德海远"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙朱胡郭何高林沈顾陆钱金蒋姚唐潘曹戴范龚倪邵施蔡"
GIVEN = "伟强军建国明华平杰磊峰斌勇涛辉丽芳敏静燕霞红英娟萍玲婷雪琴慧佳颖洁"
# Characters outside GBK (4-byte GB18030 sequences; the second is outside the BMP).
RARE = ["䶮", "𠮷"]
MOBILE_PREFIXES = ["130", "135", "136", "138", "139", "150", "152", "158", "166", "177", "180", "186", "189", "199"]
EMAIL_DOMAINS = ["example.com", "example.net", "example.org"]
# Licensing authorities: the defining department's credit code (GB/T 36904
# type codes are that code + 3 digits) and the issuing bureaus.
SAMR = make_uscc_from("11", "100000", "MB014339")       # synthetic department codes,
MOT = make_uscc_from("11", "100000", "00001312")        # with valid check characters
MOHURD = "11100000000013338W"                           # STANDARDS.md §7.2
LICENSE_TYPES = [
    (SAMR, "食品经营许可证", "JY1", "预包装食品（含冷藏冷冻食品）销售；散装食品（不含冷藏冷冻食品）销售；热食类食品制售"),
    (SAMR, "食品生产许可证", "SC1", "粮食加工品；方便食品"),
    (MOHURD, "建筑业企业资质证书", "D23", "建筑装修装饰工程专业承包二级；钢结构工程专业承包三级"),
    (MOT, "道路运输经营许可证", "沪交运管许可金字", "道路普通货物运输；货物专用运输（集装箱）"),
    (SAMR, "药品经营许可证", "沪CB", "化学药制剂、中成药、生物制品（除疫苗）"),
]
ISSUERS = [("金山区市场监督管理局", "310116"), ("金山区建设和管理委员会", "310116"), ("金山区交通委员会", "310116"),
           ("上海市市场监督管理局", "310000")]

NOW = datetime.datetime(2026, 11, 27, 10, 0, 0)   # ADX_NOW=2026-11-27T10:00:00+08:00 (local time)
TODAY = NOW.date()

# ---------------------------------------------------------------------------
# Injected problems, in record order: (kind, field, rule, severity, needs)
# ---------------------------------------------------------------------------
INJECTIONS = {
    "enterprise-filing": [
        ("uscc-check", "uscc", "uscc-check", "error", None),
        ("uscc-alphabet", "uscc", "uscc-alphabet", "error", None),
        ("uscc-length", "uscc", "uscc-length", "error", None),
        ("uscc-orgcode", "uscc", "uscc-orgcode", "error", None),
        ("uscc-authority", "uscc", "uscc-authority", "error", None),
        ("uscc-region", "uscc", "uscc-region", "warning", None),
        ("uscc-required", "uscc", "field-required", "error", None),
        ("name-length", "name", "field-length", "error", None),
        ("name-required", "name", "field-required", "error", None),
        ("entity-type-unknown", "entity_type", "field-enum", "error", None),
        ("entity-type-label", "entity_type", "field-enum", "error", None),
        ("legal-rep-length", "legal_rep", "field-length", "error", None),
        ("id-type-unknown", "legal_rep_id_type", "field-enum", "error", None),
        ("legal-rep-id-too-long", "legal_rep_id", "field-length", "error", None),
        ("legal-rep-id-length", "legal_rep_id", "ric-length", "error", None),
        ("legal-rep-id-check", "legal_rep_id", "ric-check", "error", None),
        ("legal-rep-id-birth-date", "legal_rep_id", "ric-birth-date", "error", None),
        ("legal-rep-id-format", "legal_rep_id", "ric-format", "error", None),
        ("legal-rep-id-region", "legal_rep_id", "ric-region", "error", None),
        ("legal-rep-id-future", "legal_rep_id", "ric-future", "error", None),
        ("legal-rep-id-region-at-birth", "legal_rep_id", "ric-region-at-birth", "warning", None),
        ("legal-rep-id-legacy", "legal_rep_id", "ric-legacy", "warning", None),
        ("capital-not-decimal", "registered_capital", "field-type", "error", None),
        ("capital-scale", "registered_capital", "field-scale", "error", None),
        ("capital-precision", "registered_capital", "field-scale", "error", None),
        ("capital-negative", "registered_capital", "field-range", "error", None),
        ("capital-required", "registered_capital", "field-required", "error", None),
        ("currency-unknown", "currency", "field-enum", "error", None),
        ("established-bad-date", "established_on", "field-type", "error", None),
        ("region-unknown", "region", "region-unknown", "error", None),
        ("region-format", "region", "region-format", "error", None),
        ("industry-unknown", "industry", "industry-unknown", "error", None),
        ("industry-section", "industry", "industry-section", "error", None),
        ("industry-format", "industry", "industry-format", "error", None),
        ("address-length", "address", "field-length", "error", None),
        ("scope-length", "business_scope", "field-length", "error", None),
        ("filing-type-unknown", "filing_type", "field-enum", "error", None),
        ("deregistered-bad-date", "deregistered_on", "field-type", "error", None),
        ("deregistered-required", "deregistered_on", "field-required", "error", None),
        ("filed-bad-datetime", "filed_at", "field-type", "error", None),
        ("phone-bad", "phone", "field-type", "error", None),
        ("email-bad", "email", "field-type", "error", None),
        ("uscc-category", "uscc", "uscc-category", "error", None),
        ("deregistered-on-only-deregister", "deregistered_on", "deregistered-on-only-deregister", "error", None),
        ("deregistered-after-established", "deregistered_on", "deregistered-after-established", "error", None),
        ("filed-after-established", "filed_at", "filed-after-established", "error", None),
        ("filed-in-future", "filed_at", "filed-in-future", "error", None),
        ("duplicate-filing", "uscc", "duplicate-filing", "error", None),
    ],
    "e-license": [
        ("license-id-check", "license_id", "license-id-check", "error", None),
        ("license-id-root", "license_id", "license-id-root", "error", None),
        ("license-id-structure", "license_id", "license-id-structure", "error", None),
        ("license-id-alphabet", "license_id", "license-id-alphabet", "error", None),
        ("license-id-version", "license_id", "license-id-version", "error", None),
        ("license-id-code", "license_id", "license-id-code", "warning", None),
        ("license-type-length", "license_type", "field-length", "error", None),
        ("license-no-length", "license_no", "field-length", "error", None),
        ("license-no-required", "license_no", "field-required", "error", None),
        ("holder-uscc-check", "holder_uscc", "uscc-check", "error", None),
        ("holder-name-length", "holder_name", "field-length", "error", None),
        ("issuer-code-alphabet", "issuer_code", "uscc-alphabet", "error", None),
        ("issuer-name-required", "issuer_name", "field-required", "error", None),
        ("issued-bad-date", "issued_on", "field-type", "error", None),
        ("valid-from-bad-date", "valid_from", "field-type", "error", None),
        ("valid-until-bad-date", "valid_until", "field-type", "error", None),
        ("status-unknown", "status", "field-enum", "error", None),
        ("scope-length", "scope", "field-length", "error", None),
        ("valid-until-after-from", "valid_until", "valid-until-after-from", "error", None),
        ("issued-in-future", "issued_on", "issued-in-future", "error", None),
        ("valid-but-expired", "valid_until", "valid-but-expired", "warning", None),
        ("duplicate-license", "license_id", "duplicate-license", "error", None),
        ("not-registered", "holder_uscc", "not-registered", "error", "registry"),
    ],
    "stat-report": [
        ("uscc-check", "uscc", "uscc-check", "error", None),
        ("uscc-length", "uscc", "uscc-length", "error", None),
        ("name-length", "name", "field-length", "error", None),
        ("period-bad", "period", "field-type", "error", None),
        ("period-required", "period", "field-required", "error", None),
        ("region-unknown", "region", "region-unknown", "error", None),
        ("industry-unknown", "industry", "industry-unknown", "error", None),
        ("employees-not-integer", "employees_end", "field-type", "error", None),
        ("employees-negative", "employees_end", "field-range", "error", None),
        ("employees-required", "employees_end", "field-required", "error", None),
        ("female-negative", "employees_female", "field-range", "error", None),
        ("wages-scale", "wages_total", "field-scale", "error", None),
        ("wages-negative", "wages_total", "field-range", "error", None),
        ("revenue-not-decimal", "revenue", "field-type", "error", None),
        ("revenue-required", "revenue", "field-required", "error", None),
        ("main-revenue-not-decimal", "main_revenue", "field-type", "error", None),
        ("profit-not-decimal", "total_profit", "field-type", "error", None),
        ("equity-scale", "owner_equity", "field-scale", "error", None),
        ("revenue-main", "revenue", "revenue-main", "error", None),
        ("employees-female", "employees_female", "employees-female", "error", None),
        ("balance-sheet", "total_assets", "balance-sheet", "error", None),
        ("revenue-ytd-not-less", "revenue_ytd", "revenue-ytd-not-less", "error", None),
        ("revenue-ytd-first-period", "revenue_ytd", "revenue-ytd-first-period", "error", None),
        ("revenue-ytd-cumulative", "revenue_ytd", "revenue-ytd-cumulative", "error", "previous"),
        ("revenue-no-employees", "revenue", "revenue-no-employees", "warning", None),
        ("average-wage", "wages_total", "average-wage", "warning", None),
        ("revenue-change", "revenue", "revenue-change", "warning", "previous"),
        ("employees-change", "employees_end", "employees-change", "warning", "previous"),
        ("duplicate-report", "uscc", "duplicate-report", "error", None),
        ("not-registered", "uscc", "not-registered", "error", "registry"),
    ],
}

FIRST_INJECTED = 4
SPACING = 3
DUPLICATE_SOURCE = 2      # the duplicates copy record 2

# Record-level problems (uniqueness) are reported at the record's start, not
# at a field's value.
RECORD_LEVEL = {"duplicate-filing", "duplicate-license", "duplicate-report"}


# ---------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------
class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.used_uscc = set()
        self.used_ric = set()
        self.used_names = set()
        self.serial = 0

    def digits(self, n):
        return "".join(self.r.choice("0123456789") for _ in range(n))

    def date_between(self, lo, hi):
        return lo + datetime.timedelta(days=self.r.randrange((hi - lo).days + 1))

    def org_body(self, established):
        if established >= datetime.date(2015, 10, 1):
            era = "1" if established.year < 2020 else "7" if established.year < 2023 else "C"
            return "MA" + era + "".join(self.r.choice(USCC_ALPHABET) for _ in range(5))
        return self.r.choice(["13", "63", "70", "55", "05", "32"]) + self.digits(6)

    def uscc(self, category, region, established):
        while True:
            code = make_uscc_from(category, region, self.org_body(established))
            if code not in self.used_uscc:
                self.used_uscc.add(code)
                return code

    def person(self):
        r = self.r
        male = r.random() < 0.6
        name = r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice([1, 2, 2])))
        if r.random() < 0.03:
            name = name[0] + r.choice(RARE)
        return name, male

    def ric(self, male, birth=None, date_text=None):
        r = self.r
        birth = birth or self.date_between(datetime.date(1962, 1, 1), datetime.date(2003, 12, 31))
        date_text = date_text or birth.strftime("%Y%m%d")
        while True:
            region = JINSHAN if int(date_text[:4]) >= 1998 and r.random() < 0.5 else r.choice(STABLE_ID_REGIONS)
            seq = 900 + r.randrange(100)
            if (seq % 2 == 1) != male:
                seq = seq + 1 if seq < 999 else seq - 1
            first17 = region + date_text + "%03d" % seq
            num = first17 + ric_check_char(first17)
            if num not in self.used_ric:
                self.used_ric.add(num)
                return num

    def phone(self):
        if self.r.random() < 0.7:
            return self.r.choice(MOBILE_PREFIXES) + self.digits(8)
        return "021-57" + self.digits(6)

    def address(self, region):
        r = self.r
        town = r.choice(TOWNS[region])
        city = "上海市" + DISTRICTS[region] + town
        return city + r.choice(ROADS) + "%d号" % r.randrange(1, 3000) + r.choice(["", "%d幢" % r.randrange(1, 12),
                                                                                    "%d室" % r.randrange(101, 520)])

    def enterprise_name(self, trade, suffix="有限公司"):
        r = self.r
        while True:
            name = "上海" + r.choice(["", "金山"]) + "".join(r.sample(BRAND, 2)) + trade + suffix
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def filed_at(self, day):
        secs = self.r.randrange(8 * 3600 + 1800, 17 * 3600 + 1800)
        t = datetime.datetime(day.year, day.month, day.day) + datetime.timedelta(seconds=secs)
        return t

    # ---- enterprises (used by all three families) ------------------------
    def enterprise(self, etype=None, region=None):
        r = self.r
        etype = etype or r.choice(["company"] * 10 + ["individual-business"] * 3 + ["partnership", "branch",
                                   "sole-proprietorship", "foreign-invested", "farmer-cooperative"])
        if region is None:
            region = JINSHAN if etype in ("individual-business", "farmer-cooperative") or r.random() < 0.85 \
                else r.choice(sorted(DISTRICTS))
        established = self.date_between(datetime.date(1998, 1, 1), datetime.date(2025, 12, 31))
        category = {"individual-business": "92", "farmer-cooperative": "93"}.get(etype, "91")
        uscc = self.uscc(category, region, established)
        if etype == "individual-business":
            shop, industry = r.choice(SHOPS)
            name = "上海市金山区" + r.choice(TOWNS[JINSHAN]) + r.choice(SURNAMES) + "记" + shop
            self.used_names.add(name)
            scope = "许可项目：食品销售。一般项目：日用百货销售"
        elif etype == "farmer-cooperative":
            produce, industry = r.choice(PRODUCE)
            name = self.enterprise_name(produce, "专业合作社")
            scope = '一般项目：组织收购、销售成员种植的"金山%s"等农产品；农业专业及辅助性活动' % produce
        else:
            industry, words, items = r.choice(TRADES)
            suffix = {"partnership": "合伙企业（有限合伙）", "sole-proprietorship": "经营部",
                      "branch": "有限公司金山分公司"}.get(etype, "有限公司")
            name = self.enterprise_name(r.choice(words), suffix)
            if r.random() < 0.2:   # an older free-text scope, clerk-typed ASCII commas
                scope = ",".join(items) + "。【依法须经批准的项目，经相关部门批准后方可开展经营活动】"
            else:
                scope = "一般项目：" + "；".join(items) + "。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"
        if r.random() < 0.3:
            industry = industry[1:]          # the section letter is optional
        return {"uscc": uscc, "name": name, "entity_type": etype, "region": region, "industry": industry,
                "established": established, "scope": scope}

    # ---- enterprise-filing -------------------------------------------------
    def filing(self, ent, filing_type=None, filed=None):
        r = self.r
        if filing_type is None:
            filing_type = r.choice(["change", "change", "annual-report", "address-declaration", "establish",
                                    "deregister", "name-declaration"])
        established = ent["established"]
        if filed is None:
            filed = self.filed_at(self.date_between(datetime.date(2026, 1, 5), datetime.date(2026, 11, 20)))
        if filing_type == "establish":
            established = filed.date() - datetime.timedelta(days=r.randrange(0, 4))
        deregistered = ""
        if filing_type == "deregister":
            deregistered = (filed.date() - datetime.timedelta(days=r.randrange(0, 3))).isoformat()
        rep, male = self.person()
        id_type = "resident-id" if r.random() < 0.9 else r.choice(["passport", "hk-macao-pass"])
        if id_type == "resident-id":
            rep_id = self.ric(male)
        elif id_type == "passport":
            rep_id = "E" + self.digits(8)
        else:
            rep_id = "H" + self.digits(8)
        etype = ent["entity_type"]
        capital = ""
        if etype != "individual-business":
            v = r.choice([10, 50, 100, 200, 500, 1000, 3000])
            capital = r.choice(["%.6f" % v, str(v), "%.4f" % (v + r.randrange(1, 9999) / 10000.0), str(v + 0.5)])
        currency = "USD" if etype == "foreign-invested" else r.choice(["CNY", "CNY", "CNY", ""])
        scope = ent["scope"]
        if r.random() < 0.04:   # a quoted phrase, as in registrations
            scope = scope.replace("：", '："互联网+"相关技术咨询服务；', 1)
        return {
            "uscc": ent["uscc"], "name": ent["name"], "entity_type": etype, "legal_rep": rep,
            "legal_rep_id_type": id_type, "legal_rep_id": rep_id, "registered_capital": capital,
            "currency": currency, "established_on": established.isoformat(), "region": ent["region"],
            "address": self.address(ent["region"]), "industry": ent["industry"], "business_scope": scope,
            "filing_type": filing_type, "deregistered_on": deregistered,
            "filed_at": filed.strftime("%Y-%m-%dT%H:%M:%S") + "+08:00",
            "phone": self.phone() if r.random() < 0.9 else "",
            "email": ("info%d@" % r.randrange(1, 999) + r.choice(EMAIL_DOMAINS)) if r.random() < 0.8 else "",
        }

    # ---- e-license -----------------------------------------------------------
    def issuer(self):
        name, region = self.r.choice(ISSUERS)
        # 11 = government organ; a fixed code per bureau
        body = "00" + "%06d" % (sum(map(ord, name)) % 1000000)
        return make_uscc_from("11", region, body), ("上海市" if region != "310000" else "") + name

    @staticmethod
    def years_after(day, year):
        """The same day in another year; 29 February becomes 1 March."""
        if day.month == 2 and day.day == 29 and not calendar.isleap(year):
            return datetime.date(year, 3, 1)
        return day.replace(year=year)

    def license(self, ent):
        r = self.r
        dept, ltype, prefix, scope = r.choice(LICENSE_TYPES)
        issuer_code, issuer_name = self.issuer()
        self.serial += 1
        serial = "2026" + "%07d" % (r.randrange(1000000) * 10 + self.serial % 10)
        type_code = dept + "%03d" % (LICENSE_TYPES.index((dept, ltype, prefix, scope)) + 1)
        license_id = make_license_id(type_code, issuer_code, serial)
        issued = self.date_between(datetime.date(2019, 1, 1), TODAY - datetime.timedelta(days=1))
        years = r.choice([3, 5, 5, 5, 0])
        until = "" if years == 0 else (self.years_after(issued, issued.year + years) - datetime.timedelta(days=1)).isoformat()
        status = "valid"
        if until and datetime.date.fromisoformat(until) < TODAY:
            status = r.choice(["expired", "expired", "revoked"])
        elif r.random() < 0.05:
            status = "suspended"
        return {
            "license_id": license_id, "license_type": ltype,
            "license_no": prefix + ent["region"] + self.digits(7),
            "holder_uscc": ent["uscc"], "holder_name": ent["name"], "issuer_code": issuer_code,
            "issuer_name": issuer_name, "issued_on": issued.isoformat(), "valid_from": issued.isoformat(),
            "valid_until": until, "status": status, "scope": scope,
        }

    # ---- stat-report ---------------------------------------------------------
    def report_pair(self, ent, with_previous=True):
        """(previous, current): 2026-09 and 2026-10 monthly reports (tenths of thousand yuan as ints)."""
        r = self.r
        emp = r.randrange(8, 400)
        female = r.randrange(0, emp + 1) if r.random() < 0.85 else None
        wage = r.randrange(40, 250)                  # average monthly pay, hundreds of yuan
        revenue = emp * r.randrange(150, 900)        # tenths of thousand yuan
        ytd_prev = revenue * 9 + r.randrange(-revenue, revenue)
        assets = revenue * r.randrange(8, 40)
        liabilities = assets * r.randrange(20, 80) // 100

        def row(period, emp, female, revenue, ytd):
            main = revenue * r.randrange(80, 101) // 100
            cost = revenue * r.randrange(55, 90) // 100
            profit = (revenue - cost) * r.randrange(-20, 60) // 100
            wages = emp * wage               # hundreds of yuan = tenths of thousand yuan
            return {"uscc": ent["uscc"], "name": ent["name"], "period": period, "region": ent["region"],
                    "industry": ent["industry"], "employees_end": str(emp),
                    "employees_female": "" if female is None else str(female),
                    "wages_total": tenths(wages), "revenue": tenths(revenue), "revenue_ytd": tenths(ytd),
                    "main_revenue": tenths(main), "operating_cost": tenths(cost), "total_profit": tenths(profit),
                    "total_assets": tenths(assets), "total_liabilities": tenths(liabilities),
                    "owner_equity": tenths(assets - liabilities)}

        prev = row("2026-09", emp, female, revenue, ytd_prev) if with_previous else None
        emp2 = max(1, emp + r.randrange(-emp // 5, emp // 5 + 1))
        female2 = None if female is None else min(female, emp2)
        revenue2 = revenue + r.randrange(-revenue // 5, revenue // 5 + 1)
        cur = row("2026-10", emp2, female2, revenue2, ytd_prev + revenue2)
        return prev, cur


def tenths(v):
    s = "-" if v < 0 else ""
    v = abs(v)
    return "%s%d.%d" % (s, v // 10, v % 10)


def untenths(s):
    return int(round(float(s) * 10))


# ---------------------------------------------------------------------------
# Building each family: records, plus registry and previous records
# ---------------------------------------------------------------------------
def plan(family, rows, mode):
    kinds = INJECTIONS[family]
    if mode == "clean":
        kinds = []
    elif mode == "warnings":
        kinds = [k for k in kinds if k[3] == "warning"]
    at = {}
    for i, k in enumerate(kinds):
        at[FIRST_INJECTED + SPACING * i] = k
    rows = max(rows, FIRST_INJECTED + SPACING * len(kinds) + 3)
    return rows, at


def build_enterprise_filing(gen, rows, at):
    r = gen.r
    records, problems = [], []
    times = sorted(gen.filed_at(gen.date_between(datetime.date(2026, 1, 5), datetime.date(2026, 11, 20)))
                   for _ in range(rows))
    for n in range(1, rows + 1):
        inj = at.get(n)
        kind = inj[0] if inj else None
        etype = "company" if kind else None
        if kind in ("uscc-category",):
            etype = "individual-business"
        ent = gen.enterprise(etype=etype, region=JINSHAN if kind else None)
        ftype = "change" if kind else None
        if kind in ("deregistered-bad-date", "deregistered-required", "deregistered-after-established"):
            ftype = "deregister"
        rec = gen.filing(ent, ftype, times[n - 1])
        if kind:
            rec["legal_rep_id_type"] = "resident-id"
            rec["legal_rep_id"] = gen.ric(True)
        if n == 6 and not kind:
            # Valid, but notable: filed online at 07:40 (local) on the day of
            # establishment, which is the previous day in UTC.
            rec["filing_type"] = "establish"
            rec["deregistered_on"] = ""
            rec["established_on"] = times[n - 1].date().isoformat()
            rec["filed_at"] = times[n - 1].strftime("%Y-%m-%d") + "T07:40:12+08:00"
        if n == 5 and not kind:
            # Valid, but on the boundary: filed at the very moment of ADX_NOW
            rec["filed_at"] = "2026-11-27T10:00:00+08:00"
        if n == 8 and not kind:
            # ... and at the same moment written in UTC
            rec["filed_at"] = "2026-11-27T02:00:00Z"
        if n == 11 and not kind:
            rec["phone"] = "+86 138" + gen.digits(8)             # valid: the country code written
        if n == 9 and not kind:
            # Valid, but notable: the credit code typed with full-width digits
            # (valid after normalisation, as adx id accepts it).
            rec["uscc"] = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in rec["uscc"])
        if n in (3, 12) and not kind:
            # Valid, but notable: a line break inside a quoted scope.
            rec["business_scope"] = rec["business_scope"] + ("\n" if n == 3 else "\r\n") + "许可项目：货物进出口。"
        if kind:
            inject_filing(gen, rec, ent, kind, records)
        records.append(rec)
        if inj:
            problems.append((n, inj))
    return records, problems, {}


def inject_filing(gen, rec, ent, kind, records):
    r = gen.r
    u = rec["uscc"]
    if kind == "uscc-check":
        rec["uscc"] = u[:17] + USCC_ALPHABET[(USCC_ALPHABET.index(u[17]) + 7) % 31]
    elif kind == "uscc-alphabet":
        rec["uscc"] = u[:17] + "O" if u[17] == "0" else u[:13] + "I" + u[14:]
    elif kind == "uscc-length":
        rec["uscc"] = u[:11] + u[12:]
    elif kind == "uscc-orgcode":
        # a wrong organisation-code check character, but a credit-code check
        # character computed over it (a code made up by a buggy system)
        body = u[8:16]
        wrong = "0123456789X"[("0123456789X".index(u[16]) + 3) % 11]
        first17 = u[:16] + wrong
        rec["uscc"] = first17 + uscc_check_char(first17)
    elif kind == "uscc-authority":
        rec["uscc"] = make_uscc_from("94", u[2:8], u[8:16])
    elif kind == "uscc-region":
        rec["uscc"] = make_uscc_from("91", "310199", u[8:16])
    elif kind == "uscc-required":
        rec["uscc"] = ""
    elif kind == "name-length":
        rec["name"] = "上海" + "金山" * 100 + "有限公司"
    elif kind == "name-required":
        rec["name"] = ""
    elif kind == "entity-type-unknown":
        rec["entity_type"] = "limited-company"
    elif kind == "entity-type-label":
        # the Chinese label instead of the code, for an individual business
        # (a 92 credit code): only the label is wrong
        rec["entity_type"] = "个体工商户"
        rec["uscc"] = make_uscc_from("92", u[2:8], u[8:16])
        rec["registered_capital"] = ""
    elif kind == "legal-rep-length":
        rec["legal_rep"] = "Maximilian " * 10 + "Schneider"
        rec["legal_rep_id_type"] = "passport"
        rec["legal_rep_id"] = "C" + gen.digits(8)
    elif kind == "id-type-unknown":
        rec["legal_rep_id_type"] = "身份证号"
    elif kind == "legal-rep-id-too-long":
        rec["legal_rep_id_type"] = "passport"
        rec["legal_rep_id"] = "E" + gen.digits(30)
    elif kind == "legal-rep-id-length":
        rec["legal_rep_id"] = rec["legal_rep_id"][:17]          # a digit short
    elif kind == "legal-rep-id-check":
        good = rec["legal_rep_id"]
        rec["legal_rep_id"] = good[:17] + "10X98765432"[("10X98765432".index(good[17]) + 3) % 11]
    elif kind == "legal-rep-id-birth-date":
        rec["legal_rep_id"] = gen.ric(False, date_text="19910230")   # 30 February; check digit right
    elif kind == "legal-rep-id-format":
        good = rec["legal_rep_id"]
        rec["legal_rep_id"] = good[:10] + "O" + good[11:]          # letter O for a zero
    elif kind == "legal-rep-id-region":
        first17 = "310199" + rec["legal_rep_id"][6:17]             # no such county
        rec["legal_rep_id"] = first17 + ric_check_char(first17)
    elif kind == "legal-rep-id-future":
        first17 = "310116" + "20270115" + "913"                  # born after today
        rec["legal_rep_id"] = first17 + ric_check_char(first17)
    elif kind == "legal-rep-id-region-at-birth":
        first17 = "310116" + "19850312" + "913"                  # 金山区 only since 1997
        rec["legal_rep_id"] = first17 + ric_check_char(first17)
    elif kind == "legal-rep-id-legacy":
        rec["legal_rep_id"] = "310228" + "680704" + "951"         # a 15-digit number of before 1999
    elif kind == "capital-not-decimal":
        rec["registered_capital"] = "1,000"
    elif kind == "capital-scale":
        rec["registered_capital"] = "100.1234567"
    elif kind == "capital-precision":
        rec["registered_capital"] = "1234567890123.123456"
    elif kind == "capital-negative":
        rec["registered_capital"] = "-50"
    elif kind == "capital-required":
        rec["registered_capital"] = ""
    elif kind == "currency-unknown":
        rec["currency"] = "RMB"
    elif kind == "established-bad-date":
        rec["established_on"] = "2019-02-29"
    elif kind == "region-unknown":
        rec["region"] = "310199"
    elif kind == "region-format":
        rec["region"] = "31011"
    elif kind == "industry-unknown":
        rec["industry"] = "C3598"
    elif kind == "industry-section":
        rec["industry"] = "A3511"
    elif kind == "industry-format":
        rec["industry"] = "C35111"
    elif kind == "address-length":
        rec["address"] = rec["address"] + "（" + "临时经营场所" * 33 + "）"
    elif kind == "scope-length":
        rec["business_scope"] = "一般项目：" + "；".join(["技术服务、技术开发、技术咨询、技术交流"] * 210) + "。"
    elif kind == "filing-type-unknown":
        rec["filing_type"] = "modify"
    elif kind == "deregistered-bad-date":
        rec["deregistered_on"] = rec["deregistered_on"].replace("-", "/")
    elif kind == "deregistered-required":
        rec["deregistered_on"] = ""
    elif kind == "filed-bad-datetime":
        rec["filed_at"] = rec["filed_at"][:10] + " " + rec["filed_at"][11:19]
    elif kind == "phone-bad":
        rec["phone"] = "021-5712"
    elif kind == "email-bad":
        rec["email"] = "info@example"
    elif kind == "uscc-category":
        # an individual business with an enterprise (91) credit code
        rec["uscc"] = make_uscc_from("91", u[2:8], u[8:16])
    elif kind == "deregistered-on-only-deregister":
        rec["deregistered_on"] = rec["filed_at"][:10]
    elif kind == "deregistered-after-established":
        est = datetime.date.fromisoformat(rec["established_on"])
        rec["deregistered_on"] = (est - datetime.timedelta(days=400)).isoformat()
    elif kind == "filed-after-established":
        filed = datetime.date.fromisoformat(rec["filed_at"][:10])
        rec["established_on"] = (filed + datetime.timedelta(days=12)).isoformat()
    elif kind == "filed-in-future":
        rec["filed_at"] = "2026-12-02T09:15:00+08:00"
    elif kind == "duplicate-filing":
        rec.clear()
        rec.update(records[DUPLICATE_SOURCE - 1])
    else:
        raise AssertionError(kind)


def build_e_license(gen, rows, at):
    records, problems = [], []
    registered = []
    for n in range(1, rows + 1):
        inj = at.get(n)
        kind = inj[0] if inj else None
        ent = gen.enterprise(etype="company" if kind else None)
        rec = gen.license(ent)
        if n == 3 and not kind:
            # Valid, but on the boundaries: issued today; valid until today.
            rec.update(issued_on=TODAY.isoformat(), valid_from=TODAY.isoformat(), status="valid",
                       valid_until=(TODAY.replace(year=TODAY.year + 5) - datetime.timedelta(days=1)).isoformat())
        if n == 5 and not kind:
            rec.update(issued_on="2021-11-20", valid_from="2021-11-28", valid_until=TODAY.isoformat(),
                       status="valid")
        if kind:
            # injected records: a valid licence for 5 years from last year
            issued = datetime.date(2025, 3, 1) + datetime.timedelta(days=n)
            rec.update(issued_on=issued.isoformat(), valid_from=issued.isoformat(),
                       valid_until=(Gen.years_after(issued, 2030) - datetime.timedelta(days=1)).isoformat(),
                       status="valid")
        if kind != "not-registered":
            registered.append(ent)
        if kind:
            inject_license(gen, rec, kind, records)
        records.append(rec)
        if inj:
            problems.append((n, inj))
    return records, problems, {"registry": registry_records(gen, registered)}


def split_lid(lid):
    return lid[len(LICENSE_ROOT):].split(".")


def inject_license(gen, rec, kind, records):
    t, issuer, serial, version, check = split_lid(rec["license_id"])
    if kind == "license-id-check":
        rec["license_id"] = rec["license_id"][:-1] + ALNUM36[(ALNUM36.index(check) + 5) % 36]
    elif kind == "license-id-root":
        rec["license_id"] = "1.2.156.3006.2." + rec["license_id"][len(LICENSE_ROOT):]
    elif kind == "license-id-structure":
        rec["license_id"] = LICENSE_ROOT + ".".join([t, issuer, serial, check])   # no version part
    elif kind == "license-id-alphabet":
        rec["license_id"] = LICENSE_ROOT + ".".join([t, issuer, serial.replace("2026", "2026/", 1), version, check])
    elif kind == "license-id-version":
        rec["license_id"] = make_license_id(t, issuer, serial, "1")
    elif kind == "license-id-code":
        # the issuer's part is not a valid credit code (one character
        # changed), but the identifier's own check character is right
        bad = issuer[:17] + USCC_ALPHABET[(USCC_ALPHABET.index(issuer[17]) + 1) % 31]
        rec["license_id"] = make_license_id(t, bad, serial, version)
    elif kind == "license-type-length":
        rec["license_type"] = "食品经营许可证（" + "含网络食品交易第三方平台提供者备案信息" * 6 + "）"
    elif kind == "license-no-length":
        rec["license_no"] = rec["license_no"] + "-" + "0123456789" * 6
    elif kind == "license-no-required":
        rec["license_no"] = ""
    elif kind == "holder-uscc-check":
        u = rec["holder_uscc"]
        rec["holder_uscc"] = u[:17] + USCC_ALPHABET[(USCC_ALPHABET.index(u[17]) + 3) % 31]
    elif kind == "holder-name-length":
        rec["holder_name"] = "上海" + "金山" * 100 + "有限公司"
    elif kind == "issuer-code-alphabet":
        u = rec["issuer_code"]
        rec["issuer_code"] = u[:8] + "I" + u[9:]
    elif kind == "issuer-name-required":
        rec["issuer_name"] = ""
    elif kind == "issued-bad-date":
        rec["issued_on"] = "2025年3月5日"
    elif kind == "valid-from-bad-date":
        rec["valid_from"] = "2025-04-31"
    elif kind == "valid-until-bad-date":
        rec["valid_until"] = "长期"
    elif kind == "status-unknown":
        rec["status"] = "active"
    elif kind == "scope-length":
        rec["scope"] = "；".join(["预包装食品（含冷藏冷冻食品）销售"] * 250)
    elif kind == "valid-until-after-from":
        rec["valid_until"] = (datetime.date.fromisoformat(rec["valid_from"]) - datetime.timedelta(days=1)).isoformat()
        rec["status"] = "suspended"
    elif kind == "issued-in-future":
        rec.update(issued_on="2026-12-15", valid_from="2026-12-15", valid_until="2031-12-14")
    elif kind == "valid-but-expired":
        rec["valid_until"] = "2026-10-31"
        rec["valid_from"] = "2021-11-01"
        rec["issued_on"] = "2021-10-28"
    elif kind == "duplicate-license":
        rec.clear()
        rec.update(records[DUPLICATE_SOURCE - 1])
    elif kind == "not-registered":
        pass
    else:
        raise AssertionError(kind)


def registry_records(gen, enterprises):
    out = []
    for ent in enterprises:
        filed = gen.filed_at(gen.date_between(datetime.date(2026, 1, 5), datetime.date(2026, 11, 20)))
        out.append(gen.filing(ent, gen.r.choice(["change", "annual-report"]), filed))
    return out


def build_stat_report(gen, rows, at):
    records, problems, previous, registered = [], [], [], []
    for n in range(1, rows + 1):
        inj = at.get(n)
        kind = inj[0] if inj else None
        ent = gen.enterprise(etype="company" if kind else None)
        # new reporters have no previous report; so have the records whose
        # injected problem would otherwise be joined by a change warning
        no_previous = (n % 10 == 7 and not kind) or kind in (
            "revenue-ytd-not-less", "revenue-ytd-first-period", "revenue-no-employees", "not-registered",
            "employees-required", "uscc-length")
        prev, cur = gen.report_pair(ent, with_previous=not no_previous)
        # Valid, but on the boundary of a rule (decimal figures whose binary
        # floating-point sums are not exact):
        if n == 3 and not kind:
            # total assets = liabilities + equity + 1.0: "within rounding"
            cur.update(total_assets="103786.6", total_liabilities="28026.7", owner_equity="75758.9")
        if n == 5 and not kind:
            # year to date = last period's + this period's + 1.0
            prev.update(revenue="4500.0", main_revenue="4400.0", revenue_ytd="24540.6")
            cur.update(revenue="4631.1", main_revenue="4200.0", revenue_ytd="29172.7")
        if n == 6 and not kind:
            # revenue up by exactly 50%: not "more than 50%"
            prev.update(revenue="1234.6", main_revenue="1200.0")
            cur.update(revenue="1851.9", main_revenue="1800.0",
                       revenue_ytd=tenths(untenths(prev["revenue_ytd"]) + 18519))
        if prev:
            previous.append(prev)
        if kind != "not-registered":
            registered.append(ent)
        if kind:
            inject_report(gen, cur, prev, kind, records)
        records.append(cur)
        if inj:
            problems.append((n, inj))
    gen.r.shuffle(previous)    # last period's file is in its own order
    return records, problems, {"registry": registry_records(gen, registered), "previous": previous}


def inject_report(gen, rec, prev, kind, records):
    t = {k: untenths(v) for k, v in rec.items()
         if k in ("wages_total", "revenue", "revenue_ytd", "main_revenue", "total_assets", "total_liabilities",
                  "owner_equity")}
    emp = int(rec["employees_end"])
    u = rec["uscc"]
    if kind == "uscc-check":
        rec["uscc"] = u[:17] + USCC_ALPHABET[(USCC_ALPHABET.index(u[17]) + 11) % 31]
    elif kind == "uscc-length":
        rec["uscc"] = u + "1"
    elif kind == "name-length":
        rec["name"] = "上海" + "金山" * 100 + "有限公司"
    elif kind == "period-bad":
        rec["period"] = "2026-13"
    elif kind == "period-required":
        rec["period"] = ""
    elif kind == "region-unknown":
        rec["region"] = "310199"
    elif kind == "industry-unknown":
        rec["industry"] = "C3598"
    elif kind == "employees-not-integer":
        rec["employees_end"] = "%d.5" % emp
    elif kind == "employees-negative":
        rec["employees_end"] = "-%d" % emp
    elif kind == "employees-required":
        rec["employees_end"] = ""
    elif kind == "female-negative":
        rec["employees_female"] = "-1"
    elif kind == "wages-scale":
        rec["wages_total"] = rec["wages_total"] + "5"
    elif kind == "wages-negative":
        rec["wages_total"] = "-" + rec["wages_total"]
    elif kind == "revenue-not-decimal":
        whole, frac = rec["revenue"].split(".")
        rec["revenue"] = "{:,}".format(int(whole)) + "." + frac if int(whole) >= 1000 else "约" + rec["revenue"]
    elif kind == "revenue-required":
        rec["revenue"] = ""
    elif kind == "main-revenue-not-decimal":
        rec["main_revenue"] = "N/A"
    elif kind == "profit-not-decimal":
        rec["total_profit"] = "(" + rec["total_profit"].lstrip("-") + ")"
    elif kind == "equity-scale":
        rec["owner_equity"] = rec["owner_equity"] + "00"
        rec["total_liabilities"] = rec["total_liabilities"]
    elif kind == "revenue-main":
        rec["main_revenue"] = tenths(t["revenue"] + 1000)
    elif kind == "employees-female":
        rec["employees_female"] = str(emp + 3)
    elif kind == "balance-sheet":
        rec["total_assets"] = tenths(t["total_assets"] + 250)
    elif kind == "revenue-ytd-not-less":
        rec["revenue_ytd"] = tenths(t["revenue"] - 100)
    elif kind == "revenue-ytd-first-period":
        rec["period"] = "2026-01"
        rec["revenue_ytd"] = tenths(t["revenue"] + 500)
    elif kind == "revenue-ytd-cumulative":
        rec["revenue_ytd"] = tenths(t["revenue_ytd"] + 500)
    elif kind == "revenue-no-employees":
        rec["employees_end"] = "0"
        rec["employees_female"] = "0"
        rec["wages_total"] = "0.0"
    elif kind == "average-wage":
        rec["wages_total"] = tenths(emp * 10)     # 1 thousand yuan a month each
    elif kind == "revenue-change":
        # revenue more than doubled; year to date follows it
        rev = untenths(prev["revenue"]) * 2 + 100
        rec["revenue"] = tenths(rev)
        rec["main_revenue"] = tenths(rev * 9 // 10)
        rec["revenue_ytd"] = tenths(untenths(prev["revenue_ytd"]) + rev)
    elif kind == "employees-change":
        pe = int(prev["employees_end"])
        ne = pe * 2 + 1
        rec["employees_end"] = str(ne)
        rec["wages_total"] = tenths(ne * 80)      # 8 thousand yuan a month each
    elif kind == "duplicate-report":
        rec.clear()
        rec.update(records[DUPLICATE_SOURCE - 1])
    elif kind == "not-registered":
        pass
    else:
        raise AssertionError(kind)


BUILDERS = {"enterprise-filing": build_enterprise_filing, "e-license": build_e_license,
            "stat-report": build_stat_report}


# ---------------------------------------------------------------------------
# Rendering, with the place where each value starts
# ---------------------------------------------------------------------------
def header_names(family, headers):
    out = []
    for key, zh, en, alias, _ in FAMILIES[family]["fields"]:
        out.append(key if headers == "key" else en if headers == "en" else (alias or zh))
    return out


def advance(line, col, text):
    """(line, column) after writing text at (line, column); columns count characters."""
    nl = text.count("\n")
    if nl:
        return line + nl, len(text) - text.rfind("\n")
    return line, col + len(text)


def render_delimited(family, records, headers, delimiter, newline):
    keys = [f[0] for f in FAMILIES[family]["fields"]]

    def cell(v):
        if any(c in v for c in (delimiter, '"', "\n", "\r")):
            return '"' + v.replace('"', '""') + '"'
        return v

    parts = [delimiter.join(cell(h) for h in header_names(family, headers)) + newline]
    line = 2
    places = []
    for rec in records:
        col = 1
        start = line
        where = {}
        for i, k in enumerate(keys):
            if i:
                parts.append(delimiter)
                col += 1
            where[k] = (line, col)
            text = cell(rec.get(k, ""))
            parts.append(text)
            line, col = advance(line, col, text)
        parts.append(newline)
        line += 1
        places.append((start, where))
    return "".join(parts), places


def json_value(v, numeric):
    if numeric and re.fullmatch(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?", v):
        return v
    return json.dumps(v, ensure_ascii=False)


def render_json(family, records, lines_mode):
    """JSON (an array, one record a line) or JSON Lines. Empty values: null in
    JSON, left out in JSON Lines."""
    fields = FAMILIES[family]["fields"]
    parts = [] if lines_mode else ["[\n"]
    line = 1 if lines_mode else 2
    places = []
    for n, rec in enumerate(records):
        where = {}
        text = "{"
        first = True
        for key, _, _, _, numeric in fields:
            v = rec.get(key, "")
            if v == "" and lines_mode:
                continue
            if not first:
                text += ", "
            first = False
            text += json.dumps(key) + ": "
            where[key] = (line, len(text) + 1)
            text += "null" if v == "" else json_value(v, numeric)
        text += "}"
        if not lines_mode and n + 1 < len(records):
            text += ","
        parts.append(text + "\n")
        places.append((line, where))
        line += 1
    if not lines_mode:
        parts.append("]\n")
    return "".join(parts), places


def xml_escape(v):
    return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def render_xml(family, records):
    """The shape adx formats xsd FAMILY describes. Empty values: an element
    with xsi:nil in odd records, left out in even ones."""
    ns, root, record = FAMILIES[family]["xml"]
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n',
             '<%s xmlns="%s" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' % (root, ns)]
    line = 3
    places = []
    for n, rec in enumerate(records, 1):
        start = line
        parts.append("  <%s>\n" % record)
        line += 1
        where = {}
        for key, _, _, _, _ in FAMILIES[family]["fields"]:
            v = rec.get(key, "")
            if v == "":
                if n % 2 == 0:
                    continue
                text = '    <%s xsi:nil="true"/>\n' % key
            else:
                text = "    <%s>%s</%s>\n" % (key, xml_escape(v), key)
            where[key] = (line, 0)
            parts.append(text)
            line += text.count("\n")
        parts.append("  </%s>\n" % record)
        line += 1
        places.append((start, where))
    parts.append("</%s>\n" % root)
    return "".join(parts), places


def render(family, records, syntax, headers):
    if syntax == "csv":
        return render_delimited(family, records, headers, ",", "\r\n")
    if syntax == "tsv":
        return render_delimited(family, records, headers, "\t", "\n")
    if syntax in ("json", "jsonl"):
        return render_json(family, records, syntax == "jsonl")
    return render_xml(family, records)


def write(path, text, syntax, encoding, bom):
    data = text.encode("gb18030" if encoding == "gb18030" and syntax in ("csv", "tsv") else "utf-8")
    if bom and encoding == "utf-8" and syntax in ("csv", "tsv"):
        data = b"\xef\xbb\xbf" + data
    with open(path, "wb") as f:
        f.write(data)


def side_path(out, what):
    root, ext = os.path.splitext(out)
    return "%s-%s%s" % (root, what, ext)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("family", choices=sorted(FAMILIES))
    ap.add_argument("out")
    ap.add_argument("--syntax", choices=["csv", "tsv", "json", "jsonl", "xml"], default="csv")
    ap.add_argument("--headers", choices=["zh", "en", "key"], default="zh")
    ap.add_argument("--encoding", choices=["utf-8", "gb18030"], default="utf-8")
    ap.add_argument("--bom", action="store_true", help="start a UTF-8 CSV/TSV with a byte order mark")
    ap.add_argument("--seed", type=int, default=310116)
    ap.add_argument("--rows", type=int, default=120)
    ap.add_argument("--mode", choices=["full", "clean", "warnings"], default="full")
    ap.add_argument("--manifest")
    a = ap.parse_args(argv)

    rows, at = plan(a.family, a.rows, a.mode)
    gen = Gen(a.seed)
    records, injected, extra = BUILDERS[a.family](gen, rows, at)
    text, places = render(a.family, records, a.syntax, a.headers)
    write(a.out, text, a.syntax, a.encoding, a.bom)
    files = {"export": a.out}
    secrets = set()
    extra_records = []
    for what, recs in sorted(extra.items()):
        fam = "enterprise-filing" if what == "registry" else a.family
        path = side_path(a.out, what)
        write(path, render(fam, recs, a.syntax, a.headers)[0], a.syntax, a.encoding, a.bom)
        files[what] = path
        extra_records += recs
    for rec in records + extra_records:
        if rec.get("legal_rep_id_type") == "resident-id" and len(rec.get("legal_rep_id", "")) >= 15:
            secrets.add(rec["legal_rep_id"])
        if len(rec.get("phone", "")) >= 8:
            secrets.add(rec["phone"])

    problems = []
    for n, (kind, field, rule, severity, needs) in injected:
        start, where = places[n - 1]
        line, column = (start, 0) if rule in RECORD_LEVEL or field not in where else where[field]
        problems.append({"record": n, "field": field, "rule": rule, "severity": severity, "line": line,
                         "column": column, "kind": kind, "needs": needs,
                         "value": records[n - 1].get(field, "") if field not in PERSONAL_FIELDS else None})
    if a.manifest:
        manifest = {
            "generator": "tests/validate/gen_exports.py", "family": a.family, "seed": a.seed, "mode": a.mode,
            "syntax": a.syntax, "headers": a.headers, "encoding": a.encoding, "bom": a.bom,
            "now": "2026-11-27T10:00:00+08:00", "records": len(records), "files": files,
            "note": "record: 1-based; line/column: where the field's value starts (column in characters, "
                    "0 where adx cannot know it); needs: the option without which the problem is not found",
            "problems": problems, "secrets": sorted(secrets),
        }
        with open(a.manifest, "w", encoding="utf-8", newline="\n") as f:
            json.dump(manifest, f, ensure_ascii=False, indent=1)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

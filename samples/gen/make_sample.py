#!/usr/bin/env python3
"""Generate a synthetic district export of enterprise filings (经营主体登记备案)
for Jinshan District, Shanghai (GB/T 2260 region 310116).

Deterministic (fixed seed), Python 3 standard library only.

    python3 samples/gen/make_sample.py OUT.csv [--rows N] [--encoding gb18030|utf-8]
        [--headers zh|en] [--seed S] [--manifest FILE]

Defaults: 300 rows, GB18030, Chinese headers, CRLF line endings, RFC 4180 quoting
(fields are quoted only where needed). A small number of records at FIXED record
numbers carry deliberate problems (see PROBLEM_PLAN below and samples/README.md);
--manifest writes a JSON description of them.

All people, enterprises, identifiers, phone numbers and e-mail addresses are
synthetic. Resident identity numbers use sequence codes 900-999 (digits 15-17).
"""

import argparse
import csv
import datetime
import io
import json
import random
import sys
import unicodedata

DEFAULT_SEED = 310116
DEFAULT_ROWS = 300

# --------------------------------------------------------------------------
# Columns: (Chinese header, English header)
# --------------------------------------------------------------------------
COLUMNS = [
    ("统一社会信用代码", "uscc"),
    ("主体名称", "name"),
    ("主体类型", "entity_type"),
    ("法定代表人", "legal_rep"),
    ("证件类型", "legal_rep_id_type"),
    ("证件号码", "legal_rep_id"),
    ("注册资本（万元）", "registered_capital"),
    ("币种", "currency"),
    ("成立日期", "established_on"),
    ("住所行政区划", "region"),
    ("住所", "address"),
    ("行业代码", "industry"),
    ("经营范围", "business_scope"),
    ("业务类型", "filing_type"),
    ("注销日期", "deregistered_on"),
    ("申报时间", "filed_at"),
    ("联系电话", "phone"),
    ("电子邮箱", "email"),
]
EN = [en for _, en in COLUMNS]
ZH_BY_EN = {en: zh for zh, en in COLUMNS}

# --------------------------------------------------------------------------
# Identifier algorithms (STANDARDS.md §1-§3)
# --------------------------------------------------------------------------
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"   # no I O Z S V
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
RIC_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]  # 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2


def uscc_check_char(first17):
    s = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - s % 31) % 31]


def org_value(c):
    return int(c) if c.isdigit() else ord(c) - ord("A") + 10   # A-Z -> 10-35


def org_check_char(body8):
    c = 11 - sum(org_value(ch) * w for ch, w in zip(body8, ORG_WEIGHTS)) % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def ric_check_char(first17):
    s = sum(int(d) * w for d, w in zip(first17, RIC_WEIGHTS))
    return "10X98765432"[s % 11]


def to_fullwidth_digits(s):
    return "".join(chr(ord(c) - 0x30 + 0xFF10) if "0" <= c <= "9" else c for c in s)


# --------------------------------------------------------------------------
# Reference data (real codes; checked against the GB/T 2260 and GB/T 4754-2017 lists)
# --------------------------------------------------------------------------
JINSHAN = "310116"
OTHER_DISTRICTS = {
    "310117": ("松江区", [("九亭镇", ["沪亭北路", "九亭大街", "涞寅路"]),
                        ("车墩镇", ["北松公路", "车亭公路"])]),
    "310120": ("奉贤区", [("南桥镇", ["环城东路", "南桥路", "江海路"]),
                        ("柘林镇", ["林海公路", "柘林路"])]),
    "310112": ("闵行区", [("莘庄镇", ["莘建东路", "春申路"]),
                        ("吴泾镇", ["剑川路", "龙吴路"])]),
    "310115": ("浦东新区", [("张江镇", ["祖冲之路", "郭守敬路"]),
                          ("惠南镇", ["城南路", "沪南公路"])]),
    "310118": ("青浦区", [("朱家角镇", ["沪青平公路", "祥凝浜路"])]),
}

# Jinshan towns/streets and (plausible) roads. "金山工业区" is not a town but is used
# as one in addresses.
JINSHAN_PLACES = [
    ("朱泾镇", ["亭枫公路", "临源街", "万安街", "健康路", "南圩路", "沈浦泾路", "金龙新街"], 14),
    ("枫泾镇", ["环东一路", "朱枫公路", "新枫路", "亭枫公路", "和平街", "建设路"], 16),
    ("亭林镇", ["寺平南路", "林慧路", "亭卫公路", "大亭公路", "松隐路"], 10),
    ("石化街道", ["卫零路", "龙胜路", "蒙山路", "卫清西路", "板桥西路", "金一东路", "临潮路"], 10),
    ("山阳镇", ["杭州湾大道", "龙皓路", "浦卫公路", "亭卫公路", "卫宏路"], 12),
    ("金山卫镇", ["秋实路", "古城路", "钱圩路", "学府路"], 6),
    ("张堰镇", ["松金公路", "新华东路", "旧港路", "张金公路"], 6),
    ("漕泾镇", ["漕廊公路", "亭卫南路", "阮巷路", "海涛路"], 7),
    ("吕巷镇", ["朱吕公路", "吕中路", "干巷东街", "新开路"], 6),
    ("廊下镇", ["景乐路", "漕廊公路", "廊下公路", "勇敢路"], 6),
    ("金山工业区", ["夏宁路", "定业路", "天工路", "林慧路", "亭卫公路"], 7),
]

# Region codes for synthetic resident identity numbers: codes that appear, with the
# same name, in every GB/T 2260 (MCA) revision 1980-2019, so they are valid for any
# birth year. Jinshan-born people get 310228 (金山县, to 1996) or 310116 (金山区, 1998-).
STABLE_ID_REGIONS = ["310104", "310107", "310110", "320102", "330106", "330122",
                     "340121", "340321", "340621", "360121", "370303", "410105",
                     "420106", "430121", "510121"]

# Industry clusters: GB/T 4754-2017 classes (section + class) -> trade words used in
# names, and business-scope items. Every code here is a level-4 row of the standard.
CLUSTERS = {
    "chem": {
        "codes": {"C2614": ["化工", "精细化工", "化学科技"], "C2619": ["化工", "化学科技"], "C2641": ["涂料", "新材料"],
                  "C2651": ["高分子材料", "新材料"], "C2652": ["橡胶新材料", "高分子材料"], "C2653": ["化纤新材料", "化工"],
                  "C2661": ["化学试剂", "精细化工"], "C2662": ["精细化工", "化学科技"], "C2669": ["化工", "新材料"]},
        "general": ["化工产品生产（不含许可类化工产品）", "化工产品销售（不含许可类化工产品）",
                    "合成材料制造（不含危险化学品）", "专用化学产品制造（不含危险化学品）",
                    "塑料制品销售", "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广",
                    "货物进出口", "技术进出口"],
        "licensed": ["危险化学品生产", "危险化学品经营"],
        "old": ["化工原料及产品（除危险化学品、监控化学品、烟花爆竹、民用爆炸物品、易制毒化学品）的销售",
                "从事化工科技领域内的技术开发、技术咨询", "从事货物及技术的进出口业务"],
    },
    "plastics": {
        "codes": {"C2926": ["包装材料", "塑料容器"], "C2927": ["塑料制品", "塑业"], "C2929": ["塑胶", "塑料制品"],
                  "C3034": ["保温材料", "节能材料"]},
        "general": ["塑料制品制造", "塑料制品销售", "包装材料及制品销售", "橡胶制品销售",
                    "模具制造", "新材料技术研发"],
        "licensed": [],
        "old": ["塑料制品、包装材料加工、销售", "五金交电、日用百货批发、零售"],
    },
    "machinery": {
        "codes": {"C3311": ["钢结构", "金属结构"], "C3332": ["压力容器", "化工设备"], "C3360": ["表面处理", "热处理"],
                  "C3412": ["动力机械", "机械"], "C3484": ["精密机械", "机械"], "C3489": ["机械配件", "机电"],
                  "C3511": ["矿山机械", "重工"], "C3525": ["模具", "精密模具"], "C3599": ["智能装备", "机电设备"],
                  "C3670": ["汽车配件", "汽车零部件"]},
        "general": ["通用设备制造（不含特种设备制造）", "专用设备制造（不含许可类专业设备制造）",
                    "机械零件、零部件加工", "金属结构制造", "金属表面处理及热处理加工",
                    "汽车零部件及配件制造", "机械设备销售", "五金产品批发", "机械设备租赁"],
        "licensed": ["特种设备制造", "特种设备安装改造修理"],
        "old": ["机械设备、五金加工、销售", "金属制品加工", "从事机械科技领域内的技术服务"],
    },
    "electronics": {
        "codes": {"C3824": ["电子", "电子科技"], "C3874": ["光电", "照明科技"], "C3990": ["电子科技", "智能科技"]},
        "general": ["电子元器件制造", "电子专用设备制造", "照明器具制造", "电子产品销售",
                    "智能家庭消费设备制造", "软件开发"],
        "licensed": [],
        "old": ["电子产品、电子元器件生产、销售", "照明器材加工"],
    },
    "food": {
        "codes": {"C1311": ["米业", "粮油"], "C1391": ["食品", "淀粉"], "C1432": ["食品", "速冻食品"], "C1492": ["保健食品", "生物科技"]},
        "general": ["食用农产品初加工", "食用农产品批发", "粮食收购", "农副产品销售"],
        "licensed": ["食品生产", "食品销售", "粮食加工食品生产", "保健食品生产"],
        "old": ["大米加工、销售", "速冻食品（速冻米面食品）生产", "食用农产品（不含生猪产品）销售"],
    },
    "textile": {
        "codes": {"C1761": ["针织", "纺织"]},
        "general": ["针纺织品及原料销售", "针织或钩针编织物及其制品制造", "服装制造", "服装服饰批发"],
        "licensed": [],
        "old": ["针织品、纺织品加工、销售", "服装、鞋帽批发、零售"],
    },
    "pharma": {
        "codes": {"C2710": ["药业", "生物医药", "医药科技"]},
        "general": ["医学研究和试验发展", "专用化学产品销售（不含危险化学品）",
                    "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广"],
        "licensed": ["药品生产", "药品批发"],
        "old": ["从事医药科技领域内的技术开发、技术转让", "化学原料药生产"],
    },
    "construction": {
        "codes": {"E4813": ["市政工程", "路桥工程"], "E4910": ["机电安装工程", "电气工程"],
                  "E4999": ["建筑安装工程", "建设工程"], "E5011": ["装饰工程", "建筑装饰工程"], "E5012": ["装饰设计", "装潢"]},
        "general": ["住宅室内装饰装修", "园林绿化工程施工", "建筑材料销售", "普通机械设备安装服务",
                    "土石方工程施工", "对外承包工程"],
        "licensed": ["建设工程施工", "建设工程设计", "施工专业作业"],
        "old": ["建筑装饰装修建设工程设计与施工", "市政公用建设工程施工", "建材、五金交电销售"],
    },
    "wholesale": {
        "codes": {"F5123": ["果蔬贸易", "农产品"], "F5124": ["水产", "食品贸易"], "F5131": ["纺织品贸易", "商贸"],
                  "F5139": ["商贸", "贸易"], "F5162": ["石油化工", "能源"], "F5166": ["农资", "贸易"],
                  "F5169": ["化工贸易", "化工"], "F5174": ["五金", "实业"], "F5176": ["电脑", "科技贸易"],
                  "F5191": ["再生资源", "环保科技"], "F5199": ["贸易", "国际贸易", "实业", "供应链"]},
        "general": ["国内贸易代理", "化工产品销售（不含许可类化工产品）", "五金产品批发",
                    "金属材料销售", "建筑材料销售", "日用百货销售", "针纺织品销售",
                    "再生资源回收（除生产性废旧金属）", "货物进出口", "食用农产品批发"],
        "licensed": ["成品油批发（限危险化学品）", "食品销售"],
        "old": ["五金交电、建筑材料、日用百货、化工原料及产品（除危险化学品）的销售",
                "从事货物及技术的进出口业务", "商务信息咨询"],
    },
    "retail": {
        "codes": {"F5211": ["百货", "商贸"], "F5212": ["超市", "商业"], "F5221": ["粮油", "食品"],
                  "F5261": ["汽车销售服务"], "F5292": ["电子商务", "网络科技"]},
        "general": ["日用百货销售", "食用农产品零售", "互联网销售（除销售需要许可的商品）",
                    "新鲜水果零售", "汽车新车销售", "家用电器销售"],
        "licensed": ["食品销售", "烟草制品零售"],
        "old": ["日用百货、针纺织品、五金交电零售", "预包装食品（不含熟食卤味、冷冻冷藏）销售"],
    },
    "logistics": {
        "codes": {"G5431": ["物流", "运输"], "G5432": ["冷链物流", "冷链运输"], "G5821": ["货运代理", "国际物流"]},
        "general": ["国内货物运输代理", "普通货物仓储服务（不含危险化学品等需许可审批的项目）",
                    "装卸搬运", "国际货物运输代理", "供应链管理服务"],
        "licensed": ["道路货物运输（不含危险货物）", "道路危险货物运输"],
        "old": ["道路货物运输（普通货运）", "货运代理", "仓储服务（除危险品）"],
    },
    "catering": {
        "codes": {"H6110": ["酒店管理", "酒店"], "H6210": ["餐饮管理", "餐饮"], "H6220": ["快餐", "餐饮管理"],
                  "H6291": ["小吃", "餐饮"]},
        "general": ["餐饮管理", "酒店管理", "外卖递送服务", "食品销售（仅销售预包装食品）"],
        "licensed": ["餐饮服务", "住宿服务", "食品销售"],
        "old": ["餐饮服务（不含熟食卤味）", "餐饮企业管理", "会务服务"],
    },
    "software": {
        "codes": {"I6511": ["软件", "信息技术"], "I6513": ["信息科技", "网络科技", "软件"], "I6531": ["数据科技", "信息系统"]},
        "general": ["软件开发", "信息系统集成服务", "信息技术咨询服务", "数据处理和存储支持服务",
                    "计算机系统服务", "人工智能应用软件开发", "网络技术服务"],
        "licensed": ["第二类增值电信业务"],
        "old": ["从事计算机科技、网络科技领域内的技术开发、技术咨询、技术服务、技术转让",
                "计算机软硬件及辅助设备销售"],
    },
    "realestate": {
        "codes": {"K7020": ["物业管理"], "K7040": ["置业", "房屋租赁"]},
        "general": ["物业管理", "非居住房地产租赁", "住房租赁", "停车场服务", "家政服务"],
        "licensed": ["房地产开发经营"],
        "old": ["物业管理", "房地产经纪", "保洁服务"],
    },
    "business": {
        "codes": {"L7211": ["企业管理", "控股"], "L7212": ["投资管理", "资产管理"], "L7224": ["供应链管理"],
                  "L7241": ["财务咨询", "税务咨询"], "L7259": ["广告", "文化传播"], "L7281": ["会展服务", "展览"],
                  "L7299": ["企业服务", "商务咨询"]},
        "general": ["企业管理", "企业管理咨询", "信息咨询服务（不含许可类信息咨询服务）",
                    "市场营销策划", "会议及展览服务", "广告设计、代理", "广告制作",
                    "以自有资金从事投资活动", "财务咨询", "供应链管理服务"],
        "licensed": ["代理记账"],
        "old": ["企业管理咨询，商务信息咨询", "会务服务，展览展示服务", "设计、制作各类广告"],
    },
    "tech": {
        "codes": {"M7320": ["工程技术", "科技"], "M7484": ["工程设计"], "M7491": ["工业设计"], "M7511": ["农业科技"],
                  "M7517": ["三维科技", "增材制造"], "M7519": ["环保科技", "新材料科技", "科技"],
                  "M7540": ["创业孵化", "众创空间管理"]},
        "general": ["技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广", "工业设计服务",
                    "工程技术服务（规划管理、勘察、设计、监理除外）", "农业科学研究和试验发展",
                    "3D打印服务", "新材料技术推广服务", "创业空间服务", "环境保护专用设备销售"],
        "licensed": ["建设工程勘察", "建设工程设计"],
        "old": ["从事环保科技、新材料科技领域内的技术开发、技术咨询", "机电设备的销售"],
    },
    "resident": {
        "codes": {"O8010": ["家政服务"], "O8030": ["洗涤服务"], "O8090": ["生活服务"], "O8121": ["电脑维修"], "O8131": ["家电维修"]},
        "general": ["家政服务", "洗烫服务", "家用电器安装服务", "日用电器修理",
                    "计算机及办公设备维修", "病人陪护服务"],
        "licensed": [],
        "old": ["家政服务（不得从事职业中介）", "家用电器维修"],
    },
    "agri": {
        "codes": {"A0141": ["蔬菜种植", "农业发展"], "A0151": ["果业", "生态农业"], "A0152": ["葡萄种植", "果业"],
                  "A0159": ["果蔬", "生态农业"], "A0190": ["农业发展", "农业科技"], "A0511": ["种业", "种子种苗"]},
        "general": ["蔬菜种植", "水果种植", "谷物种植", "食用农产品初加工", "农业机械服务",
                    "休闲观光活动", "农作物栽培服务", "农业专业及辅助性活动"],
        "licensed": ["农作物种子经营", "食品销售"],
        "old": ["蔬菜、瓜果、水稻种植、销售", "农业技术咨询"],
    },
}

# Cluster weights per entity type
ENTITY_CLUSTERS = {
    "company": [("chem", 12), ("plastics", 6), ("machinery", 14), ("electronics", 5),
                ("food", 4), ("textile", 3), ("pharma", 2), ("construction", 9),
                ("wholesale", 14), ("retail", 4), ("logistics", 7), ("catering", 3),
                ("software", 5), ("realestate", 3), ("business", 6), ("tech", 8),
                ("resident", 2), ("agri", 3)],
    "partnership": [("business", 8), ("tech", 2)],
    "sole-proprietorship": [("business", 4), ("tech", 3), ("construction", 2), ("wholesale", 2)],
    "branch": [("wholesale", 4), ("logistics", 3), ("machinery", 3), ("chem", 2),
               ("construction", 3), ("catering", 2), ("retail", 2)],
    "foreign-invested": [("chem", 6), ("machinery", 4), ("electronics", 3), ("plastics", 2),
                         ("pharma", 2), ("wholesale", 2), ("business", 1)],
    "farmer-cooperative": [("agri", 1)],
}

# Individual businesses: (shop word, industry code, scope items)
SHOPS = [
    ("小吃店", "H6291", ["小餐饮", "食品销售（仅销售预包装食品）"]),
    ("面馆", "H6291", ["小餐饮"]),
    ("快餐店", "H6220", ["餐饮服务", "外卖递送服务"]),
    ("饭店", "H6210", ["餐饮服务", "食品销售"]),
    ("便利店", "F5213", ["食品销售", "烟草制品零售", "日用百货销售"]),
    ("烟杂店", "F5227", ["烟草制品零售", "日用百货销售"]),
    ("粮油店", "F5221", ["食品销售", "食用农产品零售"]),
    ("水果店", "F5223", ["新鲜水果零售", "食用农产品零售"]),
    ("糕点店", "F5222", ["食品销售", "食品小作坊经营"]),
    ("五金店", "F5281", ["五金产品零售", "建筑装饰材料销售", "电线、电缆经营"]),
    ("理发店", "O8040", ["理发服务", "生活美容服务"]),
    ("干洗店", "O8030", ["洗烫服务", "洗染服务"]),
    ("家电维修部", "O8131", ["日用电器修理", "家用电器安装服务"]),
    ("电脑维修部", "O8121", ["计算机及办公设备维修", "电子产品销售"]),
]

SHOP_LICENSED = ["小餐饮", "餐饮服务", "食品销售", "烟草制品零售", "食品小作坊经营"]

PRODUCE = [("蔬菜", "A0141"), ("蜜梨", "A0151"), ("蟠桃", "A0151"), ("葡萄", "A0152"),
           ("水果", "A0159"), ("食用菌", "A0190"), ("水稻", "A0511"), ("果蔬", "A0159")]

BRAND_CHARS = [("鑫", "xin"), ("恒", "heng"), ("泰", "tai"), ("嘉", "jia"), ("禾", "he"),
               ("汇", "hui"), ("通", "tong"), ("联", "lian"), ("诚", "cheng"), ("瑞", "rui"),
               ("丰", "feng"), ("宏", "hong"), ("达", "da"), ("昌", "chang"), ("盛", "sheng"),
               ("华", "hua"), ("兴", "xing"), ("源", "yuan"), ("博", "bo"), ("启", "qi"),
               ("锦", "jin"), ("睿", "rui"), ("晟", "sheng"), ("翔", "xiang"), ("隆", "long"),
               ("辰", "chen"), ("越", "yue"), ("卓", "zhuo"), ("弘", "hong"), ("浦", "pu"),
               ("枫", "feng"), ("亭", "ting"), ("泾", "jing"), ("沃", "wo"), ("富", "fu"),
               ("顺", "shun"), ("安", "an"), ("德", "de"), ("海", "hai"), ("远", "yuan")]

FOREIGN_BRANDS = [("柯诺斯", "kenos"), ("维斯特", "vest"), ("艾瑞康", "aricon"), ("德芮", "derui"),
                  ("泰瑞森", "terison"), ("奥斯博", "osbo"), ("嘉莱德", "jialaide"),
                  ("凯博瑞", "kaiborui"), ("美嘉伦", "meijialun"), ("卓沃", "zhuowo")]

SURNAMES = [("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"),
            ("杨", "yang"), ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"),
            ("徐", "xu"), ("孙", "sun"), ("朱", "zhu"), ("胡", "hu"), ("郭", "guo"),
            ("何", "he"), ("高", "gao"), ("林", "lin"), ("沈", "shen"), ("顾", "gu"),
            ("陆", "lu"), ("钱", "qian"), ("金", "jin"), ("蒋", "jiang"), ("姚", "yao"),
            ("唐", "tang"), ("潘", "pan"), ("曹", "cao"), ("戴", "dai"), ("范", "fan"),
            ("龚", "gong"), ("倪", "ni"), ("邵", "shao"), ("施", "shi"), ("蔡", "cai")]
MALE_CHARS = [("伟", "wei"), ("强", "qiang"), ("军", "jun"), ("建", "jian"), ("国", "guo"),
              ("明", "ming"), ("华", "hua"), ("平", "ping"), ("杰", "jie"), ("磊", "lei"),
              ("峰", "feng"), ("斌", "bin"), ("勇", "yong"), ("涛", "tao"), ("辉", "hui"),
              ("刚", "gang"), ("鹏", "peng"), ("浩", "hao"), ("俊", "jun"), ("文", "wen"),
              ("志", "zhi"), ("海", "hai"), ("东", "dong"), ("晨", "chen"), ("宇", "yu"),
              ("新", "xin"), ("荣", "rong"), ("忠", "zhong"), ("良", "liang"), ("毅", "yi")]
FEMALE_CHARS = [("丽", "li"), ("芳", "fang"), ("敏", "min"), ("静", "jing"), ("燕", "yan"),
                ("霞", "xia"), ("红", "hong"), ("英", "ying"), ("娟", "juan"), ("萍", "ping"),
                ("玲", "ling"), ("婷", "ting"), ("雪", "xue"), ("琴", "qin"), ("慧", "hui"),
                ("佳", "jia"), ("颖", "ying"), ("洁", "jie"), ("莉", "li"), ("倩", "qian"),
                ("艳", "yan"), ("梅", "mei"), ("秀", "xiu"), ("晓", "xiao"), ("雯", "wen")]

# Foreign legal representatives: (name, passport style, ISO 3166 numeric country)
FOREIGNERS = [("Michael Schneider", "DE", "276"), ("Anna Becker", "DE", "276"),
              ("David Miller", "US", "840"), ("Jennifer Clark", "US", "840"),
              ("Kenji Watanabe", "JP", "392"), ("Yuki Tanaka", "JP", "392"),
              ("Kim Minjun", "KR", "410"), ("Lars Nielsen", "DK", "208"),
              ("Tan Wei Ming", "SG", "702"), ("Pierre Laurent", "FR", "250")]

MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150",
                   "151", "152", "153", "155", "156", "157", "158", "159", "166", "176",
                   "177", "180", "181", "183", "185", "186", "187", "188", "189", "191",
                   "198", "199"]
EMAIL_DOMAINS = ["example.com", "example.net", "example.org"]  # RFC 2606 reserved

FILING_TYPES = ["establish", "change", "deregister", "annual-report",
                "address-declaration", "name-declaration"]

PERIOD_START = datetime.date(2026, 1, 5)
PERIOD_END = datetime.date(2026, 11, 20)

# --------------------------------------------------------------------------
# Deliberate problems at fixed record numbers (1-based data record numbers).
# stage: "identifier" = identifier/code-list checks; "normalisation" = valid
# after NFKC normalisation; "later-validator" = cross-field / cross-record rules.
# "notable" records are valid but exercise the CSV reader.
# --------------------------------------------------------------------------
DUPLICATE_SOURCE = 151
PROBLEM_PLAN = {
    12: ("notable", "business_scope", "embedded-newline-lf"),
    23: ("identifier", "uscc", "uscc-check-char"),
    48: ("identifier", "uscc", "uscc-invalid-char"),
    67: ("identifier", "uscc", "uscc-length"),
    91: ("identifier", "legal_rep_id", "id-check-digit"),
    118: ("identifier", "legal_rep_id", "id-birth-date"),
    142: ("identifier", "region", "region-unknown"),
    163: ("identifier", "industry", "industry-unknown"),
    187: ("identifier", "industry", "industry-section-mismatch"),
    205: ("normalisation", "uscc", "uscc-fullwidth-digits"),
    214: ("notable", "business_scope", "embedded-newline-crlf"),
    233: ("later-validator", "uscc", "duplicate-filing"),
    271: ("later-validator", "deregistered_on", "deregistered-on-missing"),
}
UNKNOWN_REGION = "310199"          # not in any GB/T 2260 revision
UNKNOWN_INDUSTRY = "C3598"         # group 359 has 3591-3597 and 3599 only
MISMATCHED_INDUSTRY = "A3511"      # 3511 矿山机械制造 is in section C


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.used_uscc = set()
        self.used_ids = set()
        self.used_names = set()

    # ---- small helpers ----------------------------------------------------
    def weighted(self, pairs):
        total = sum(w for _, w in pairs)
        x = self.r.randrange(total)
        for v, w in pairs:
            if x < w:
                return v
            x -= w
        raise AssertionError

    def rand_date(self, start, end):
        return start + datetime.timedelta(days=self.r.randrange((end - start).days + 1))

    def brand(self):
        a, b = self.r.sample(BRAND_CHARS, 2)
        return a[0] + b[0], a[1] + b[1]

    # ---- identifiers -----------------------------------------------------
    def org_body(self, established, category):
        r = self.r
        if established >= datetime.date(2015, 10, 1):
            era = ("1" if established.year < 2020 else "7" if established.year < 2023
                   else "C" if established.year < 2025 else "E")
            tail = "".join(r.choice(USCC_ALPHABET) for _ in range(5))
            return "MA" + era + tail
        if category == "92":
            return "L" + "".join(r.choice("0123456789") for _ in range(7))
        y = established.year
        lead = (r.choice(["13", "63"]) if y < 2000 else "7" + r.choice("0123456789") if y < 2009
                else "5" + r.choice("56789") if y < 2013 else r.choice(["05", "06", "07", "08", "32", "33"]))
        return lead + "".join(r.choice("0123456789") for _ in range(8 - len(lead)))

    def make_uscc(self, category, region, established, want_check=None):
        while True:
            body = self.org_body(established, category)
            first17 = category + region + body + org_check_char(body)
            code = first17 + uscc_check_char(first17)
            if code in self.used_uscc:
                continue
            if want_check is not None and code[-1] != want_check:
                continue
            self.used_uscc.add(code)
            return code

    def person(self):
        r = self.r
        male = r.random() < 0.62
        chars = MALE_CHARS if male else FEMALE_CHARS
        s = r.choice(SURNAMES)
        given = [r.choice(chars) for _ in range(1 if r.random() < 0.3 else 2)]
        if len(given) == 2 and given[0] == given[1]:
            given = given[:1]
        name = s[0] + "".join(c for c, _ in given)
        pinyin = s[1] + "".join(p for _, p in given)
        return name, pinyin, male

    def birth_date(self, lo=1961, hi=2003):
        while True:
            d = self.rand_date(datetime.date(lo, 1, 1), datetime.date(hi, 12, 31))
            if d.year != 1997:   # Jinshan changed from 310228 to 310116 in 1997
                return d

    def resident_id(self, male, local, birth=None, forced_date_text=None):
        r = self.r
        birth = birth or self.birth_date()
        if forced_date_text:          # e.g. an impossible date; region follows its year
            birth = datetime.date(int(forced_date_text[:4]), 1, 1)
        if local:
            region = "310116" if birth.year >= 1998 else "310228"
        else:
            region = r.choice(STABLE_ID_REGIONS)
        date_text = forced_date_text or birth.strftime("%Y%m%d")
        while True:
            seq = 900 + r.randrange(100)               # synthetic: sequence 9xx
            if (seq % 2 == 1) != male:
                seq += 1 if seq < 999 else -1
            first17 = region + date_text + "%03d" % seq
            num = first17 + ric_check_char(first17)
            if num not in self.used_ids:
                self.used_ids.add(num)
                return num

    def fpr_id(self, country, male):
        # 2023 foreign permanent resident ID card: '9' + province + country + birth + seq + MOD 11-2
        birth = self.birth_date(1960, 1995)
        while True:
            seq = 900 + self.r.randrange(100)
            if (seq % 2 == 1) != male:
                seq += 1 if seq < 999 else -1
            first17 = "931" + country + birth.strftime("%Y%m%d") + "%03d" % seq
            num = first17 + ric_check_char(first17)
            if num not in self.used_ids:
                self.used_ids.add(num)
                return num

    def passport(self, style):
        r = self.r
        d = lambda n: "".join(r.choice("0123456789") for _ in range(n))
        if style == "US":
            return r.choice("56") + d(8)
        if style == "JP":
            return r.choice(["TK", "TR", "TZ", "MU"]) + d(7)
        if style == "DE":
            return "C" + "".join(r.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8))
        if style == "KR":
            return "M" + d(8)
        if style == "SG":
            return "E" + d(7) + r.choice("ABCDEFGHJK")
        return r.choice(["18", "19", "20", "21"]) + r.choice(["AA", "AB", "CD", "FF"]) + d(5)

    # ---- other fields ----------------------------------------------------
    def address(self, region, rural=False):
        r = self.r
        if region == JINSHAN:
            places = [p for p in JINSHAN_PLACES if not rural or p[0].endswith("镇")]
            town, roads, _ = self.weighted([(p, p[2]) for p in places])
            prefix = "上海市金山区" + town
        else:
            dist, towns = OTHER_DISTRICTS[region]
            town, roads = r.choice(towns)
            prefix = "上海市" + dist + town
        road = r.choice(roads)
        if road == "环东一路" and r.random() < 0.6:
            return prefix + "环东一路65弄%d号%d室" % (r.randrange(1, 16), r.randrange(1001, 1999))
        num = r.randrange(1, 3000) if "公路" in road else r.randrange(1, 900)
        tail = r.choice(["", "", "%d幢" % r.randrange(1, 12), "%d幢%d层" % (r.randrange(1, 8), r.randrange(1, 5)),
                         "%d室" % r.randrange(101, 520), "%d弄%d号%d室" % (r.randrange(1, 300), r.randrange(1, 40), r.randrange(101, 605))])
        if tail.startswith(tuple("0123456789")) and "弄" in tail:
            return prefix + road + tail
        return prefix + road + "%d号" % num + tail

    def phone(self, region):
        r = self.r
        if r.random() < 0.72:
            return r.choice(MOBILE_PREFIXES) + "".join(r.choice("0123456789") for _ in range(8))
        if region == JINSHAN:
            return "021-57" + "".join(r.choice("0123456789") for _ in range(6))
        return "021-5" + "".join(r.choice("0123456789") for _ in range(7))

    def capital(self, entity_type, currency):
        r = self.r
        if entity_type == "individual-business":
            return ""
        if entity_type == "foreign-invested":
            v = r.choice([50, 100, 150, 200, 300, 500, 800, 1200, 2000, 3500])
        elif entity_type in ("sole-proprietorship",):
            v = r.choice([1, 3, 5, 10, 20, 30, 50])
        elif entity_type == "farmer-cooperative":
            v = r.choice([10, 20, 50, 80, 100, 120, 200, 300])
        elif entity_type == "partnership":
            v = r.choice([100, 500, 1000, 3000, 5000, 10000])
        elif entity_type == "branch":
            v = r.choice([10, 20, 50, 100])
        else:
            v = r.choice([10, 50, 100, 100, 200, 300, 500, 500, 1000, 1000, 2000, 3000, 5000, 10000])
        x = r.random()
        if x < 0.08:          # odd amounts, e.g. after currency conversion / capital increase
            return "%.6f" % (v + r.randrange(1, 999999) / 1000000.0)
        if x < 0.14:
            return "%.4f" % (v + r.randrange(1, 9999) / 10000.0)
        if x < 0.22:
            return str(v + r.choice([0.5, 0.25]))
        if x < 0.40:
            return str(v)
        return "%.6f" % v     # DECIMAL(18,6) as exported by the registration system

    def scope(self, cluster, old_style, quoted):
        r = self.r
        c = CLUSTERS[cluster]
        if old_style:
            items = r.sample(c["old"], min(len(c["old"]), r.randrange(2, 4)))
            text = ",".join(items)   # clerk-typed ASCII commas
            text += "。【依法须经批准的项目，经相关部门批准后方可开展经营活动】"
        else:
            items = r.sample(c["general"], min(len(c["general"]), r.randrange(3, 6)))
            text = "一般项目：" + "；".join(items) + "。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"
            if c["licensed"] and r.random() < 0.4:
                lic = r.sample(c["licensed"], 1)
                text += LICENSED_PREFIX + "；".join(lic) + LICENSED_SUFFIX
        if quoted:   # an item with ASCII double quotes, placed after the first colon
            k = text.find("：") + 1
            text = text[:k] + QUOTED_PHRASES.get(cluster, QUOTED_PHRASES["*"]) + text[k:]
        return text


LICENSED_PREFIX = "许可项目："
LICENSED_SUFFIX = "。（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以相关部门批准文件或许可证件为准）"
QUOTED_PHRASES = {
    "agri": '组织收购、销售成员种植的"金山蜜梨"等农产品；',
    "software": '"互联网+"政务及企业信息化服务；',
    "catering": '"枫泾丁蹄"等地方特色食品销售；',
    "*": '"互联网+"相关技术咨询服务；',
}


def working_timestamps(gen, n):
    """n ascending filing timestamps in 2026 (weekday office hours, some online filings)."""
    r = gen.r
    out = []
    while len(out) < n:
        d = gen.rand_date(PERIOD_START, PERIOD_END)
        if d.weekday() >= 5 and r.random() < 0.85:
            continue
        if r.random() < 0.85:
            secs = r.randrange(8 * 3600 + 1800, 17 * 3600)
        else:
            secs = r.randrange(7 * 3600, 23 * 3600)
        t = datetime.datetime(d.year, d.month, d.day) + datetime.timedelta(seconds=secs)
        out.append(t)
    out.sort()
    return out


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + "+08:00"


def pick_filing_type(gen, when):
    if when.month <= 6:
        pairs = [("establish", 22), ("change", 22), ("deregister", 8), ("annual-report", 30),
                 ("address-declaration", 10), ("name-declaration", 8)]
    else:
        pairs = [("establish", 30), ("change", 30), ("deregister", 10), ("annual-report", 4),
                 ("address-declaration", 15), ("name-declaration", 11)]
    return gen.weighted(pairs)


def make_row(gen, filed_at, force=None):
    """Build one valid record (dict keyed by English column names)."""
    force = force or {}
    r = gen.r
    etype = force.get("entity_type") or gen.weighted([
        ("company", 55), ("individual-business", 14), ("sole-proprietorship", 5),
        ("partnership", 6), ("farmer-cooperative", 5), ("branch", 8), ("foreign-invested", 7)])
    ftype = force.get("filing_type") or pick_filing_type(gen, filed_at)
    if etype == "farmer-cooperative" and ftype == "name-declaration" and "filing_type" not in force:
        ftype = "change"

    if "region" in force:
        region = force["region"]
    elif etype in ("individual-business", "farmer-cooperative"):
        region = JINSHAN
    else:
        region = JINSHAN if r.random() < 0.9 else r.choice(sorted(OTHER_DISTRICTS))
    if region != JINSHAN and "filing_type" not in force and ftype in ("establish", "name-declaration"):
        ftype = r.choice(["address-declaration", "change"])   # cross-district moves

    # dates
    filed_day = filed_at.date()
    if ftype == "establish":
        established = filed_day - datetime.timedelta(days=r.randrange(0, 4))
    else:
        lo = datetime.date(1996, 1, 1) if etype in ("company", "foreign-invested") else datetime.date(2004, 1, 1)
        if etype == "farmer-cooperative":
            lo = datetime.date(2008, 1, 1)
        established = gen.rand_date(lo, datetime.date(2025, 12, 31))
        if r.random() < 0.5:   # most active filers are recent registrations
            established = gen.rand_date(datetime.date(2016, 1, 1), datetime.date(2025, 12, 31))
    deregistered = ""
    if ftype == "deregister":
        deregistered = (filed_day - datetime.timedelta(days=r.randrange(0, 3))).isoformat()

    category = {"individual-business": "92", "farmer-cooperative": "93"}.get(etype, "91")
    uscc_region = force.get("uscc_region") or (region if region != UNKNOWN_REGION else JINSHAN)
    uscc = gen.make_uscc(category, uscc_region, established, force.get("uscc_check"))

    # legal representative
    foreign_id = None
    if "id_type" in force:
        id_type = force["id_type"]
    elif etype == "foreign-invested":
        id_type = gen.weighted([("passport", 45), ("hk-macao-pass", 20), ("taiwan-pass", 15),
                                ("foreign-permanent-resident", 8), ("resident-id", 12)])
    else:
        id_type = "hk-macao-pass" if r.random() < 0.02 else "resident-id"
    if id_type in ("passport", "foreign-permanent-resident"):
        fname, style, country = r.choice(FOREIGNERS)
        rep, rep_pinyin, male = fname, fname.lower().replace(" ", "."), r.random() < 0.6
        foreign_id = gen.passport(style) if id_type == "passport" else gen.fpr_id(country, male)
    else:
        rep, rep_pinyin, male = gen.person()
        if id_type == "hk-macao-pass":
            foreign_id = r.choice("HHHM") + "".join(r.choice("0123456789") for _ in range(8))
        elif id_type == "taiwan-pass":
            foreign_id = "".join(r.choice("0123456789") for _ in range(8))
    if id_type == "resident-id":
        local = etype in ("individual-business", "farmer-cooperative") or r.random() < 0.45
        rep_id = gen.resident_id(male, local, forced_date_text=force.get("birth_text"))
    else:
        rep_id = foreign_id

    # name, industry, scope
    town_short = None
    address = gen.address(region, rural=(etype == "farmer-cooperative"))
    for t, _, _ in JINSHAN_PLACES:
        if t in address:
            town_short = t
    cluster = None
    if etype == "individual-business":
        shop, industry, items = r.choice(SHOPS)
        surname = rep[0]
        base = "上海市金山区" + (town_short or "朱泾镇") + r.choice([surname + "记", surname + "氏", gen.brand()[0]]) + shop
        name = base + ("（个体工商户）" if established.year >= 2023 else "")
        licensed = [i for i in items if i in SHOP_LICENSED]
        general = [i for i in items if i not in SHOP_LICENSED]
        scope = LICENSED_PREFIX + "；".join(licensed) + LICENSED_SUFFIX if licensed else ""
        if general:
            scope += "一般项目：" + "；".join(general) + "。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"
        brand_py = rep_pinyin.replace(".", "")
    elif etype == "farmer-cooperative":
        produce, industry = r.choice(PRODUCE)
        b, brand_py = gen.brand()
        place = (town_short or "廊下镇").replace("镇", "").replace("街道", "")
        name = "上海" + r.choice(["金山区" + place, place + b, b]) + produce + "专业合作社"
        cluster = "agri"
        scope = None
    else:
        cluster = force.get("cluster") or gen.weighted(ENTITY_CLUSTERS[etype])
        industry = r.choice(sorted(CLUSTERS[cluster]["codes"]))
        trade = r.choice(CLUSTERS[cluster]["codes"][industry])
        if etype == "foreign-invested":
            b, brand_py = r.choice(FOREIGN_BRANDS)
            name = b + "（上海）" + trade + "有限公司"
        else:
            b, brand_py = gen.brand()
            if etype == "company":
                name = r.choice(["上海", "上海", "上海金山" if region == JINSHAN else "上海"]) + b + trade + ("股份有限公司" if r.random() < 0.05 else "有限公司")
            elif etype == "partnership":
                name = "上海" + b + trade + "合伙企业（有限合伙）"
            elif etype == "sole-proprietorship":
                name = "上海" + b + trade + r.choice(["中心", "工作室", "经营部", "服务部"])
            else:  # branch
                parent = "上海" + b + trade + "有限公司"
                name = parent + (r.choice(["金山分公司", (town_short or "金山") + "分公司"]) if region == JINSHAN
                                 else OTHER_DISTRICTS[region][0].rstrip("区").replace("新", "") + "分公司")
        scope = None
    if name in gen.used_names:
        name = name.replace("有限公司", "发展有限公司", 1) if "有限公司" in name else name + "二部"
    gen.used_names.add(name)
    if scope is None:
        # pre-2021 registrations often keep the old free-text scope (ASCII commas typed by clerks)
        old = established.year < 2021 and r.random() < 0.2 and "newline" not in force
        scope = gen.scope(cluster, old_style=old,
                          quoted=r.random() < 0.04)
        if etype == "farmer-cooperative" and r.random() < 0.3 and '"' not in scope:
            k = scope.find("：") + 1
            scope = scope[:k] + '组织收购、销售成员种植的"金山%s"等农产品；' % produce + scope[k:]
    if force.get("newline"):
        lic = CLUSTERS[cluster]["licensed"]
        scope = ("一般项目：" + "；".join(CLUSTERS[cluster]["general"][:3])
                 + "。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"
                 + force["newline"] + LICENSED_PREFIX + lic[0] + LICENSED_SUFFIX)
    if "industry" not in force and r.random() < 0.3:
        industry = industry[1:]          # section letter is optional
    currency = "USD" if etype == "foreign-invested" and r.random() < 0.75 else "CNY"

    # contact
    if r.random() < 0.5 or etype == "individual-business":
        local_part = rep_pinyin + r.choice(["", str(r.randrange(1, 100)), str(r.randrange(60, 100))])
    else:
        local_part = r.choice(["", "info.", "hr.", "service.", "admin.", "finance."]) + brand_py
    email = local_part + "@" + r.choice(EMAIL_DOMAINS)

    return {
        "uscc": uscc, "name": name, "entity_type": etype, "legal_rep": rep,
        "legal_rep_id_type": id_type, "legal_rep_id": rep_id,
        "registered_capital": gen.capital(etype, currency), "currency": currency,
        "established_on": established.isoformat(), "region": region, "address": address,
        "industry": force.get("industry", industry), "business_scope": scope,
        "filing_type": ftype, "deregistered_on": deregistered, "filed_at": iso(filed_at),
        "phone": gen.phone(region), "email": email,
    }


def build(rows, seed):
    """Return (records, problems). records: list of dicts; problems: manifest entries."""
    gen = Gen(seed)
    times = working_timestamps(gen, rows)
    records, problems = [], []
    for i in range(1, rows + 1):
        plan = PROBLEM_PLAN.get(i)
        kind = plan[2] if plan else None
        force = {}
        if kind in ("id-check-digit", "id-birth-date"):
            force = {"entity_type": "company", "id_type": "resident-id", "region": JINSHAN}
        if kind == "id-birth-date":
            force["birth_text"] = "19910230"
        if kind == "uscc-invalid-char":
            force = {"uscc_check": "0", "entity_type": "company"}
        if kind == "uscc-fullwidth-digits":
            force = {"entity_type": "company", "region": JINSHAN}
        if kind == "region-unknown":
            force = {"region": UNKNOWN_REGION, "entity_type": "company", "filing_type": "change"}
        if kind == "industry-unknown":
            force = {"industry": UNKNOWN_INDUSTRY, "entity_type": "company"}
        if kind == "industry-section-mismatch":
            force = {"industry": MISMATCHED_INDUSTRY, "entity_type": "company"}
        if kind == "embedded-newline-lf":
            force = {"newline": "\n", "entity_type": "company", "cluster": "chem"}
        if kind == "embedded-newline-crlf":
            force = {"newline": "\r\n", "entity_type": "company", "cluster": "logistics"}
        if kind == "deregistered-on-missing":
            force = {"filing_type": "deregister", "entity_type": "company"}
        if i == DUPLICATE_SOURCE:
            force = {"filing_type": "change", "entity_type": "company"}

        if kind == "region-unknown":
            # address stays a Jinshan address; only the region code is wrong
            gen_region_backup = force.pop("region")
            row = make_row(gen, times[i - 1], dict(force, region=JINSHAN, uscc_region=JINSHAN))
            row["region"] = gen_region_backup
        elif kind == "duplicate-filing" and DUPLICATE_SOURCE < i:
            row = dict(records[DUPLICATE_SOURCE - 1])
        else:
            row = make_row(gen, times[i - 1], force)

        entry = None
        if plan:
            stage, column, kind = plan
            entry = {"record": i, "column": column, "column_zh": ZH_BY_EN[column],
                     "kind": kind, "stage": stage}
            good = row[column]
            if kind == "uscc-check-char":
                bad = good[:17] + USCC_ALPHABET[(USCC_ALPHABET.index(good[17]) + 7) % 31]
                entry.update(value=bad, correct=good,
                             detail="18th (check) character replaced; the check character for the first 17 is %s" % good[17])
            elif kind == "uscc-invalid-char":
                bad = good[:17] + "O"
                entry.update(value=bad, correct=good,
                             detail="check character typed as letter O instead of digit 0 (O is not in the GB 32100 alphabet)")
            elif kind == "uscc-length":
                bad = good[:11] + good[12:]
                entry.update(value=bad, correct=good,
                             detail="12th character dropped: 17 characters instead of 18")
            elif kind == "uscc-fullwidth-digits":
                bad = to_fullwidth_digits(good)
                assert unicodedata.normalize("NFKC", bad) == good
                entry.update(value=bad, correct=good,
                             detail="digits typed as full-width characters (U+FF10-U+FF19); valid after NFKC normalisation")
            elif kind == "id-check-digit":
                wrong = "10X98765432"[("10X98765432".index(good[17]) + 3) % 11]
                bad = good[:17] + wrong
                entry.update(value=bad, correct=good,
                             detail="check digit %s replaced by %s" % (good[17], wrong))
            elif kind == "id-birth-date":
                bad = good
                entry.update(value=bad, detail="birth date 19910230 (30 February) does not exist; check digit is consistent")
            elif kind == "region-unknown":
                bad = good
                entry.update(value=bad, detail="310199 is not a GB/T 2260 code (Jinshan is 310116); address and USCC are Jinshan")
            elif kind == "industry-unknown":
                bad = good
                entry.update(value=bad, detail="class 3598 does not exist in GB/T 4754-2017 (group 359 has 3591-3597, 3599)")
            elif kind == "industry-section-mismatch":
                bad = good
                entry.update(value=bad, detail="3511 (矿山机械制造) is in section C, not A")
            elif kind == "duplicate-filing":
                bad = good
                entry.update(value=bad, duplicate_of=DUPLICATE_SOURCE,
                             detail="exact copy of record %d (same uscc, filing_type, filed_at)" % DUPLICATE_SOURCE)
            elif kind == "deregistered-on-missing":
                bad = ""
                entry.update(value=bad, detail="filing_type is deregister but deregistered_on is empty")
            elif kind.startswith("embedded-newline"):
                bad = good
                entry.update(detail="business_scope contains an embedded %s line break (field is quoted)"
                             % ("LF" if kind == "embedded-newline-lf" else "CR LF"))
            row[column] = bad
        records.append(row)
        if entry:
            problems.append(entry)
    return records, problems


def render(records, headers):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow([zh if headers == "zh" else en for zh, en in COLUMNS])
    lines = [1]   # first physical line of each record; header is line 1
    line = 2
    for row in records:
        lines.append(line)
        vals = [row[c] for c in EN]
        w.writerow(vals)
        line += 1 + sum(v.count("\n") for v in vals)
    return buf.getvalue(), lines


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="output CSV file")
    ap.add_argument("--rows", type=int, default=DEFAULT_ROWS)
    ap.add_argument("--encoding", choices=["gb18030", "utf-8"], default="gb18030")
    ap.add_argument("--headers", choices=["zh", "en"], default="zh")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--manifest", help="write a JSON description of the injected problems")
    a = ap.parse_args(argv)
    if a.rows < 1:
        ap.error("--rows must be at least 1")

    records, problems = build(a.rows, a.seed)
    text, lines = render(records, a.headers)
    with open(a.out, "wb") as f:
        f.write(text.encode(a.encoding))
    if a.manifest:
        for p in problems:
            p["line"] = lines[p["record"]]
        manifest = {
            "generator": "samples/gen/make_sample.py",
            "seed": a.seed, "rows": a.rows, "encoding": a.encoding, "headers": a.headers,
            "line_endings": "CRLF", "header_lines": 1,
            "note": "record = 1-based data record number; line = 1-based physical line where the record starts",
            "problems": [p for p in problems if p["stage"] != "notable"],
            "notable": [p for p in problems if p["stage"] == "notable"],
        }
        with open(a.manifest, "w", encoding="utf-8", newline="\n") as f:
            json.dump(manifest, f, ensure_ascii=False, indent=2)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

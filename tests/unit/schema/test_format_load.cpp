// SPDX-License-Identifier: Apache-2.0
// Loading format specifications: the shipped ones load, and every kind of
// mistake is Exit::config with the spec's line and column.

#include "schema/format.hpp"
#include "schema/xsd.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace adx::schema;
using adx::core::Exit;

namespace {

const std::string k_head = R"([format]
name = "t"
version = "1"
zh = "测试"
en = "Test"

[[fields]]
key = "revenue"
zh = "营业收入"
en = "Revenue"
type = "decimal"

[[fields]]
key = "kind"
zh = "类型"
en = "Kind"
type = "enum"
codes = [{ code = "a", zh = "甲", en = "A" }]
)";

// The error of parsing k_head + extra; fails the test if it parses.
adx::core::Error error_of(const std::string& extra) {
    auto f = parse_format(k_head + extra, "t.toml");
    REQUIRE_FALSE(f);
    INFO(f.error().message);
    CHECK(f.error().code == Exit::config);
    CHECK(f.error().where.file == "t.toml");
    return f.error();
}

}  // namespace

TEST_CASE("the shipped specifications load") {
    for (const char* name : {"enterprise-filing", "e-license", "stat-report"}) {
        INFO(name);
        auto f = load_format(std::string(ADX_SOURCE_DIR) + "/formats/" + name + ".toml");
        if (!f) FAIL(f.error().message);
        CHECK(f->name == name);
        CHECK_FALSE(f->fields.empty());
        CHECK_FALSE(f->rules.empty());
        CHECK(derive_xsd(*f).find("<xs:schema") != std::string::npos);
    }
}

TEST_CASE("the sample export's Chinese and English headers map onto enterprise-filing") {
    auto f = load_format(std::string(ADX_SOURCE_DIR) + "/formats/enterprise-filing.toml");
    REQUIRE(f);
    const char* zh[] = {"统一社会信用代码", "主体名称", "主体类型", "法定代表人",   "证件类型", "证件号码",
                        "注册资本（万元）", "币种",     "成立日期", "住所行政区划", "住所",     "行业代码",
                        "经营范围",         "业务类型", "注销日期", "申报时间",     "联系电话", "电子邮箱"};
    const char* en[] = {"uscc",
                        "name",
                        "entity_type",
                        "legal_rep",
                        "legal_rep_id_type",
                        "legal_rep_id",
                        "registered_capital",
                        "currency",
                        "established_on",
                        "region",
                        "address",
                        "industry",
                        "business_scope",
                        "filing_type",
                        "deregistered_on",
                        "filed_at",
                        "phone",
                        "email"};
    for (std::size_t i = 0; i < 18; ++i) {
        INFO(zh[i]);
        CHECK(f->field_for_header(zh[i]) == i);
        CHECK(f->field_for_header(en[i]) == i);
    }
    CHECK(f->field_for_header("注册资本(万元)") == 6);  // ASCII parentheses
    CHECK(f->field_for_header(" Registered Capital (10,000) ") == 6);
    CHECK(f->field_for_header("Legal-Rep-Id") == 5);
    CHECK_FALSE(f->field_for_header("备注"));
    CHECK(f->match_field == 0);
}

TEST_CASE("a minimal specification loads, with defaults") {
    auto f = parse_format(k_head, "t.toml");
    REQUIRE(f);
    CHECK(f->xml_root == "records");
    CHECK(f->xml_record == "record");
    CHECK(f->fields[0].json_key == "revenue");
    CHECK(f->fields[0].csv_headers == std::vector<std::string>{"营业收入", "revenue", "Revenue"});
    CHECK(f->field("kind") == 1);
}

TEST_CASE("format loading errors name the place") {
    SECTION("invalid TOML") {
        auto e = error_of("[[rules]\n");
        CHECK(e.where.line == 19);
    }
    SECTION("unknown key, with a suggestion") {
        auto e = error_of("mx_length = 3\n");
        CHECK(e.where.line == 19);
        CHECK(e.where.column == 1);
        CHECK(e.hint.find("'max_length'") != std::string::npos);
    }
    SECTION("unknown top-level table") {
        auto e = error_of("[[rule]]\nid = \"x\"\n");
        CHECK(e.hint.find("'rules'") != std::string::npos);
    }
    SECTION("a key that does not apply to the type") {
        auto e = error_of("max_length = 3\n");
        CHECK(e.message.find("max_length") != std::string::npos);
    }
    SECTION("wrong value type") {
        auto e = error_of("[[fields]]\nkey = \"x\"\nzh = \"x\"\nen = \"x\"\ntype = \"text\"\nrequired = \"yes\"\n");
        CHECK(e.where.line == 24);
        CHECK(e.message.find("boolean") != std::string::npos);
    }
    SECTION("a name that, folded, is another field's") {
        // Case, spaces and full-width letters do not tell names apart.
        auto e = error_of(
            "[[fields]]\nkey = \"turnover\"\nzh = \"营业额\"\nen = \"Turnover\"\ntype = \"decimal\"\n"
            "csv = [\"turnover_cny\", \"ＲＥ VENUE\"]\n");
        CHECK(e.where.line == 19);
        CHECK(e.message == "field 'turnover': the name 'ＲＥ VENUE' also stands for field 'revenue'");
    }
    SECTION("unknown field type") {
        auto e = error_of("[[fields]]\nkey = \"x\"\nzh = \"x\"\nen = \"x\"\ntype = \"intger\"\n");
        CHECK(e.where.line == 23);
        CHECK(e.hint.find("'integer'") != std::string::npos);
    }
    SECTION("enum without codes") {
        auto e = error_of("[[fields]]\nkey = \"x\"\nzh = \"x\"\nen = \"x\"\ntype = \"enum\"\n");
        CHECK(e.message.find("codes") != std::string::npos);
    }
    SECTION("duplicate field key") {
        auto e = error_of("[[fields]]\nkey = \"revenue\"\nzh = \"x\"\nen = \"x\"\ntype = \"text\"\n");
        CHECK(e.where.line == 20);
    }
    SECTION("two fields answering to one header") {
        auto e = error_of("[[fields]]\nkey = \"income\"\nzh = \"营业收入\"\nen = \"Income\"\ntype = \"text\"\n");
        CHECK(e.message.find("revenue") != std::string::npos);
    }
    SECTION("missing label") {
        auto e = error_of("[[fields]]\nkey = \"x\"\nen = \"x\"\ntype = \"text\"\n");
        CHECK(e.message.find("'zh'") != std::string::npos);
    }
    SECTION("bad field key") {
        error_of("[[fields]]\nkey = \"Revenue2\"\nzh = \"x\"\nen = \"x\"\ntype = \"text\"\n");
        error_of("[[fields]]\nkey = \"and\"\nzh = \"x\"\nen = \"x\"\ntype = \"text\"\n");
    }
    SECTION("bad regex") {
        auto e = error_of("[[fields]]\nkey = \"x\"\nzh = \"x\"\nen = \"x\"\ntype = \"text\"\npattern = \"[a-\"\n");
        CHECK(e.where.line == 24);
    }
    SECTION("an invalid default") {
        auto e = error_of("[[fields]]\nkey = \"x\"\nzh = \"x\"\nen = \"x\"\ntype = \"currency\"\ndefault = \"RMB\"\n");
        CHECK(e.where.line == 24);
    }
    SECTION("expression error: the spec's line and the expression's column") {
        auto e = error_of("[[rules]]\nid = \"r\"\nexpr = 'revenue >= revnue'\nzh = \"x\"\nen = \"x\"\n");
        CHECK(e.where.line == 21);
        CHECK(e.where.column == 20);  // "expr = '" is 8 characters; revnue is at column 12 of the expression
        CHECK(e.message.find("revnue") != std::string::npos);
    }
    SECTION("expression error in a multi-line literal") {
        auto e =
            error_of("[[rules]]\nid = \"r\"\nexpr = '''\nrevenue >= 0\n  and kind = 1'''\nzh = \"x\"\nen = \"x\"\n");
        CHECK(e.where.line == 23);
    }
    SECTION("required_when must be an expression over fields") {
        auto e = error_of(
            "[[fields]]\nkey = \"x\"\nzh = \"x\"\nen = \"x\"\ntype = \"text\"\nrequired_when = 'kind = \"b\" and'\n");
        CHECK(e.where.line == 24);
    }
    SECTION("a rule must be boolean") {
        error_of("[[rules]]\nid = \"r\"\nexpr = 'revenue + 1'\nzh = \"x\"\nen = \"x\"\n");
    }
    SECTION("duplicate rule ids, across rules and unique") {
        auto e = error_of(
            "[[rules]]\nid = \"r\"\nexpr = 'revenue > 0'\nzh = \"x\"\nen = \"x\"\n"
            "[[unique]]\nid = \"r\"\nfields = [\"revenue\"]\nzh = \"x\"\nen = \"x\"\n");
        CHECK(e.where.line == 25);
    }
    SECTION("bad severity") {
        error_of("[[rules]]\nid = \"r\"\nexpr = 'revenue > 0'\nseverity = \"fatal\"\nzh = \"x\"\nen = \"x\"\n");
    }
    SECTION("a message quoting an unknown field") {
        auto e = error_of("[[rules]]\nid = \"r\"\nexpr = 'revenue > 0'\nzh = \"收入 {revnue}\"\nen = \"x\"\n");
        CHECK(e.where.line == 22);
        CHECK(e.where.column == 10);  // zh = " is 6 characters, then 收入 and a space
        CHECK(e.hint.find("{revenue}") != std::string::npos);
    }
    SECTION("unknown field in unique") {
        auto e = error_of("[[unique]]\nid = \"u\"\nfields = [\"revenue\", \"knd\"]\nzh = \"x\"\nen = \"x\"\n");
        CHECK(e.hint.find("'kind'") != std::string::npos);
    }
    SECTION("match must name a field") {
        auto f = parse_format(
            "[format]\nname = \"t\"\nversion = \"1\"\nzh = \"t\"\nen = \"t\"\nmatch = \"id\"\n"
            "[[fields]]\nkey = \"x\"\nzh = \"x\"\nen = \"x\"\ntype = \"text\"\n",
            "t.toml");
        REQUIRE_FALSE(f);
        CHECK(f.error().where.line == 6);
    }
    SECTION("no [format]") {
        auto f = parse_format("[[fields]]\nkey = \"x\"\nzh = \"x\"\nen = \"x\"\ntype = \"text\"\n", "t.toml");
        REQUIRE_FALSE(f);
        CHECK(f.error().code == Exit::config);
    }
}

TEST_CASE("find_format: by name on the search path, or a path") {
    auto f = find_format("stat-report");
    REQUIRE(f);
    CHECK(f->match_field);
    auto missing = find_format("stat-reprt");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == Exit::usage);
    CHECK(missing.error().hint.find("stat-report") != std::string::npos);
    CHECK(find_format("/nonexistent/x.toml").error().code == Exit::no_input);
    auto names = list_formats();
    CHECK(std::find(names.begin(), names.end(), "enterprise-filing") != names.end());
}

TEST_CASE("xsd_pattern translates what XSD regexes can say") {
    CHECK(xsd_pattern("^[A-Z]{2}\\d+$") == "[A-Z]{2}[0-9]+");
    CHECK(xsd_pattern("[\\dA-F]+") == "[0-9A-F]+");
    CHECK(xsd_pattern("(?:ab)+").empty());
    CHECK(xsd_pattern("a+?").empty());
    CHECK(xsd_pattern("\\bword").empty());
    CHECK(xsd_pattern("a|^b").empty());
}

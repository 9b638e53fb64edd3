// SPDX-License-Identifier: Apache-2.0
// adx id explain: identifiers decoded into their parts.

#include "ids/explain.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace adx::ids;
using namespace std::chrono;
using Catch::Contains;

namespace {

const year_month_day k_today{year{2026}, November, day{27}};

const Part& part(const Explanation& e, std::string_view key) {
    for (const auto& p : e.parts)
        if (p.key == key) return p;
    FAIL("no part '" << std::string(key) << "' in the explanation of " << e.normalized);
    throw;  // not reached
}

std::string keys(const Explanation& e) {
    std::string out;
    for (const auto& p : e.parts) out += (out.empty() ? "" : ",") + p.key;
    return out;
}

}  // namespace

TEST_CASE("explain: a Jinshan credit code part by part", "[ids][explain]") {
    Explanation e = explain("91310116052958608G", Type::unknown, k_today);
    CHECK(e.type == Type::uscc);
    CHECK(e.normalized == "91310116052958608G");
    CHECK(e.verdict.valid());
    CHECK(keys(e) == "authority,category,region,organization_code,check");
    for (const auto& p : e.parts) {
        INFO(p.key);
        CHECK(p.ok);
    }
    CHECK(part(e, "authority").value == "9");
    CHECK_THAT(part(e, "authority").meaning, Contains("工商"));
    CHECK(part(e, "category").value == "1");
    CHECK_THAT(part(e, "category").meaning, Contains("企业"));
    CHECK(part(e, "region").value == "310116");
    CHECK_THAT(part(e, "region").meaning, Contains("上海市金山区"));
    CHECK_THAT(part(e, "region").meaning, Contains("1997"));
    CHECK(part(e, "organization_code").value == "05295860-8");
    CHECK(part(e, "check").value == "G");
}

TEST_CASE("explain: the parts a finding is about are marked", "[ids][explain]") {
    Explanation wrong_check = explain("91310116052958608H", Type::uscc, k_today);
    CHECK_FALSE(wrong_check.verdict.valid());
    CHECK_FALSE(part(wrong_check, "check").ok);
    CHECK_THAT(part(wrong_check, "check").meaning, Contains("'G'"));
    CHECK(part(wrong_check, "organization_code").ok);

    Explanation wrong_org = explain("91310116052958606G", Type::uscc, k_today);
    CHECK_FALSE(part(wrong_org, "organization_code").ok);
    CHECK_THAT(part(wrong_org, "organization_code").meaning, Contains("'8'"));
    CHECK_FALSE(part(wrong_org, "check").ok);

    // Y1 is a known pair; region 999999 is not a GB/T 2260 code (a warning only).
    Explanation y = explain("Y1999999MA1K3BTP2" "0", Type::uscc, k_today);
    CHECK(part(y, "authority").ok);
    CHECK(part(y, "category").ok);
    CHECK_FALSE(part(y, "region").ok);

    Explanation unknown_pair = explain("Q1310116052958608G", Type::uscc, k_today);
    CHECK_FALSE(part(unknown_pair, "authority").ok);
    CHECK_FALSE(part(unknown_pair, "category").ok);

    CHECK(explain("12345", Type::uscc, k_today).parts.empty());
    CHECK_FALSE(explain("12345", Type::uscc, k_today).verdict.valid());
}

TEST_CASE("explain: identity numbers", "[ids][explain]") {
    Explanation e = explain("360426199101010071", Type::unknown, k_today);
    CHECK(e.type == Type::ric);
    CHECK(keys(e) == "region,birth_date,sequence,check");
    CHECK_THAT(part(e, "region").meaning, Contains("江西省") && Contains("德安县"));
    CHECK(part(e, "birth_date").value == "19910101");
    CHECK(part(e, "birth_date").meaning == "1991-01-01");
    CHECK(part(e, "sequence").value == "007");
    CHECK(part(e, "check").ok);
    // Odd and even sequence numbers read differently (male and female).
    Explanation even = explain("44011320141005001X", Type::ric, k_today);
    CHECK(part(even, "sequence").value == "001");
    Explanation female = explain("310116200002290028", Type::ric, k_today);
    CHECK(part(female, "sequence").meaning != part(e, "sequence").meaning);

    Explanation legacy = explain("360426910101007", Type::unknown, k_today);
    CHECK(legacy.type == Type::ric);
    CHECK(keys(legacy) == "region,birth_date,sequence");
    CHECK(part(legacy, "birth_date").value == "910101");
    CHECK(part(legacy, "birth_date").meaning == "1991-01-01");

    Explanation future = explain("110105202701010012", Type::ric, k_today);
    CHECK_FALSE(part(future, "birth_date").ok);
}

TEST_CASE("explain: organization, region, industry and license codes", "[ids][explain]") {
    Explanation org = explain("71526726X", Type::unknown, k_today);
    CHECK(org.type == Type::orgcode);
    CHECK(part(org, "body").meaning == "71526726-X");
    CHECK(part(org, "check").ok);
    CHECK_FALSE(part(explain("715267261", Type::orgcode, k_today), "check").ok);

    Explanation region = explain("310116", Type::unknown, k_today);
    CHECK(region.type == Type::region);
    CHECK(keys(region) == "province,prefecture,county");
    CHECK(part(region, "province").value == "310000");
    CHECK_THAT(part(region, "province").meaning, Contains("上海市"));
    CHECK(part(region, "prefecture").value == "310100");
    CHECK_THAT(part(region, "county").meaning, Contains("金山区"));
    CHECK(keys(explain("310000", Type::region, k_today)) == "province");

    Explanation industry = explain("C3511", Type::unknown, k_today);
    CHECK(industry.type == Type::industry);
    CHECK(keys(industry) == "section,division,group,class");
    CHECK(part(industry, "section").meaning == "制造业");
    CHECK(part(industry, "division").meaning == "专用设备制造业");
    CHECK(part(industry, "class").value == "3511");
    CHECK(part(industry, "class").meaning == "矿山机械制造");
    CHECK_FALSE(part(explain("A3511", Type::industry, k_today), "section").ok);

    Explanation lic = explain("1.2.156.3005.2.11100000000013338W050.91610800064834709T.2023000001.001.X",
                              Type::unknown, k_today);
    CHECK(lic.type == Type::license_id);
    CHECK(keys(lic) == "root,type,issuer,serial,version,check");
    CHECK(part(lic, "root").value == "1.2.156.3005.2");
    CHECK(part(lic, "issuer").value == "91610800064834709T");
    CHECK(part(lic, "serial").value == "2023000001");
    CHECK_THAT(part(lic, "type").meaning, Contains("11100000000013338W") && Contains("050"));
    CHECK_FALSE(part(lic, "check").ok);
    CHECK_THAT(part(lic, "check").meaning, Contains("'2'"));
}

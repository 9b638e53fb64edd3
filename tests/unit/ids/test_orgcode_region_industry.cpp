// SPDX-License-Identifier: Apache-2.0
// Organization codes (GB 11714), region codes (GB/T 2260) and industry codes
// (GB/T 4754-2017), and the code lists behind them.

#include "ids/checks.hpp"
#include "ids/checksum.hpp"
#include "ids/industry.hpp"
#include "ids/normalize.hpp"
#include "ids/region.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <random>
#include <string>

using namespace adx::ids;

namespace {

// A copy: the verdict is often a temporary.
std::optional<Finding> find(const Verdict& v, Rule r) {
    for (const auto& f : v.all())
        if (f.rule == r) return f;
    return std::nullopt;
}

// STANDARDS §3, written out independently of checksum.hpp.
char ref_orgcode_check(std::string_view body) {
    const unsigned w[8] = {3, 7, 9, 10, 5, 8, 4, 2};
    unsigned sum = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        char c = body[i];
        unsigned v = c <= '9' ? static_cast<unsigned>(c - '0') : static_cast<unsigned>(c - 'A') + 10u;
        sum += v * w[i];
    }
    switch (11 - sum % 11) {
    case 10: return 'X';
    case 11: return '0';
    default: return static_cast<char>('0' + (11 - sum % 11));
    }
}

}  // namespace

TEST_CASE("orgcode: STANDARDS §3 values pass", "[ids][orgcode]") {
    for (const char* v : {"71526726X", "710926094", "052958608", "076409427", "MA1K3BTP2", "L01510128", "401359081",
                          "000000000"}) {
        INFO(v);
        Verdict r = check_orgcode(v);
        CHECK(r.type == Type::orgcode);
        CHECK(r.valid());
        CHECK(r.count == 0);
    }
    std::string buf;
    CHECK(check_orgcode(normalize("71526726-X", buf)).valid());
    CHECK(check_orgcode(normalize("ma1k3btp-2", buf)).valid());
}

TEST_CASE("orgcode: wrong check, length and characters", "[ids][orgcode]") {
    auto f = find(check_orgcode("715267261"), Rule::orgcode_check);
    REQUIRE(f != std::nullopt);
    CHECK(f->expected == 'X');
    CHECK(f->found == '1');
    CHECK(f->pos == 9);
    CHECK(find(check_orgcode("05295860X"), Rule::orgcode_check)->expected == '8');
    CHECK(find(check_orgcode("00000000X"), Rule::orgcode_check)->expected == '0');
    CHECK(find(check_orgcode("71526726"), Rule::orgcode_length)->code == 8);
    CHECK(find(check_orgcode("71526726XX"), Rule::orgcode_length)->code == 10);
    auto a = find(check_orgcode("7152672aX"), Rule::orgcode_alphabet);
    REQUIRE(a != std::nullopt);
    CHECK(a->pos == 8);
    CHECK_FALSE(check_orgcode("7152-726X").valid());
    // GB 11714 uses all 26 letters, unlike the credit code: I, O, S, V, Z are fine.
    std::string body = "IOSVZ123";
    CHECK(check_orgcode(body + ref_orgcode_check(body)).valid());
}

TEST_CASE("orgcode: the check character agrees with an independent implementation", "[ids][orgcode][property]") {
    const std::string chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    std::mt19937 rng(11714);
    int x = 0, zero = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string body;
        for (int k = 0; k < 8; ++k) body += chars[rng() % chars.size()];
        char want = ref_orgcode_check(body);
        REQUIRE(orgcode_check_char(body) == want);
        x += want == 'X';
        zero += want == '0';
        // Any other check character is refused with the right expectation.
        char other = want == '5' ? '6' : '5';
        auto f = find(check_orgcode(body + other), Rule::orgcode_check);
        REQUIRE(f != std::nullopt);
        REQUIRE(f->expected == want);
    }
    CHECK(x > 0);
    CHECK(zero > 0);
    CHECK(orgcode_check_char("7152672a") == 0);
}

TEST_CASE("region: current, historic, unknown and malformed codes", "[ids][region]") {
    Verdict jinshan = check_region("310116");
    CHECK(jinshan.valid());
    REQUIRE(find(jinshan, Rule::region_name) != std::nullopt);
    CHECK(find(jinshan, Rule::region_name)->level == Level::info);
    CHECK(describe(*find(jinshan, Rule::region_name), "310116") == "上海市金山区 (since 1997)");

    Verdict county = check_region("310228");
    CHECK(county.valid());
    REQUIRE(find(county, Rule::region_historic) != std::nullopt);
    CHECK_THAT(describe(*find(county, Rule::region_historic), "310228"), Catch::Contains("金山县"));

    CHECK(find(check_region("999999"), Rule::region_unknown) != std::nullopt);
    CHECK_FALSE(check_region("999999").valid());
    CHECK(find(check_region("31011"), Rule::region_format) != std::nullopt);
    CHECK(find(check_region("31011A"), Rule::region_format) != std::nullopt);
    CHECK(find(check_region("3101160"), Rule::region_format) != std::nullopt);
    CHECK(region_number("310116") == 310116);
    CHECK(region_number("31O116") == -1);
}

TEST_CASE("region: the compiled-in list", "[ids][region]") {
    const Regions& r = Regions::get();
    CHECK(r.size() > 7000);
    CHECK(r.known(310116));
    CHECK(r.known(310228));
    CHECK_FALSE(r.known(310199));
    CHECK_FALSE(r.known(999999));
    CHECK_FALSE(r.known(1000000));
    REQUIRE(r.latest(310116) != nullptr);
    CHECK(r.latest(310116)->name == "金山区");
    CHECK(r.full_name(*r.latest(310116)) == "上海市金山区");
    // 120110 was 东郊区, then 东丽区: two periods, the current one last.
    auto periods = r.periods(120110);
    REQUIRE(periods.size() == 2);
    CHECK(periods[0].name == "东郊区");
    CHECK(r.latest(120110)->name == "东丽区");
    CHECK(r.years(periods[0]) == "until 1992");  // 1980: in the first list, maybe older
    CHECK(r.years(periods[1]) == "since 1992");
    CHECK(r.years(*r.latest(310101)) == "current");
    CHECK(r.first_year() == 1980);
}

TEST_CASE("region: years of use are read as formats/codes/README.md says", "[ids][region]") {
    auto list = Regions::parse("code\tname\tfrom\tuntil\n"
                               "310000\t上海市\t1980\t\n"
                               "310116\t金山区\t1997\t\n"
                               "310228\t金山县\t1980\t1997\n"
                               "120110\t东郊区\t1980\t1992\n"
                               "120110\t东丽区\t1992\t\n"
                               "bad\tline\n");
    CHECK(list->size() == 5);
    // until is inclusive: Jinshan county was still in use during 1997.
    CHECK(list->valid_in(310228, 1997));
    CHECK_FALSE(list->valid_in(310228, 1998));
    // from 1980 means "in the first list (1980) or earlier".
    CHECK(list->valid_in(310228, 1960));
    CHECK(list->valid_in(310116, 1997));
    CHECK_FALSE(list->valid_in(310116, 1996));
    CHECK(list->valid_in(120110, 1985));
    CHECK(list->valid_in(120110, 2020));
    CHECK_FALSE(list->valid_in(999999, 2000));
    CHECK(list->full_name(list->periods(310228)[0]) == "上海市金山县");
    CHECK(list->years(list->periods(310228)[0]) == "until 1997");

    // A list that starts later: its first year is the open start.
    auto later = Regions::parse("code\tname\tfrom\tuntil\n310116\t金山区\t1997\t\n310117\t松江区\t1998\t\n");
    CHECK(later->first_year() == 1997);
    CHECK(later->valid_in(310116, 1990));
    CHECK_FALSE(later->valid_in(310117, 1997));
    CHECK(later->years(later->periods(310117)[0]) == "since 1998");
}

TEST_CASE("region: every code of the compiled list is valid in the years its periods say", "[ids][region]") {
    // valid_in answers most codes from a bit set; the periods decide.
    const Regions& r = Regions::get();
    std::size_t codes = 0, always = 0;
    for (std::uint32_t code = 100000; code < 1000000; ++code) {
        auto ps = r.periods(code);
        if (ps.empty()) continue;
        ++codes;
        bool every = true;
        for (int year = 1900; year <= 2030; ++year) {
            bool want = false;
            for (const auto& p : ps) want = want || p.valid_in(year) || (p.from == r.first_year() && year < p.from);
            every = every && want;
            if (r.valid_in(code, year) != want) FAIL_CHECK(code << " in " << year << ": expected " << want);
        }
        always += every;
    }
    CHECK(codes > 3000);
    CHECK(always > 0);
    CHECK(always < codes);
}

TEST_CASE("industry: sections, divisions, groups and classes", "[ids][industry]") {
    for (const char* v : {"C", "35", "351", "3511", "C35", "C351", "C3511", "I6311", "A"}) {
        INFO(v);
        Verdict r = check_industry(v);
        CHECK(r.type == Type::industry);
        CHECK(r.valid());
        REQUIRE(find(r, Rule::industry_name) != std::nullopt);
    }
    CHECK(find(check_industry("C3511"), Rule::industry_name)->code == 4);
    CHECK(find(check_industry("35"), Rule::industry_name)->code == 2);
    CHECK(find(check_industry("C"), Rule::industry_name)->code == 1);
    CHECK_THAT(describe(*find(check_industry("C3511"), Rule::industry_name), "C3511"),
               Catch::Contains("矿山机械制造") && Catch::Contains("制造业"));

    auto wrong = find(check_industry("A3511"), Rule::industry_section);
    REQUIRE(wrong != std::nullopt);
    CHECK(wrong->expected == 'C');
    CHECK(wrong->found == 'A');
    CHECK_FALSE(check_industry("A3511").valid());
    for (const char* v : {"3", "C3", "C35111", "35111", "CC35", "3A", ""}) {
        INFO(v);
        CHECK(find(check_industry(v), Rule::industry_format) != std::nullopt);
    }
    CHECK(find(check_industry("9999"), Rule::industry_unknown) != std::nullopt);
    CHECK(find(check_industry("Z"), Rule::industry_unknown) != std::nullopt);
}

TEST_CASE("industry: the compiled-in list", "[ids][industry]") {
    const Industries& list = Industries::get();
    CHECK(list.size() == 1971);
    CHECK(list.section_of_division(35) == 'C');
    CHECK(list.section_of_division(1) == 'A');
    CHECK(list.section_of_division(63) == 'I');
    CHECK(list.section_of_division(99) == '\0');
    CHECK(list.section_of_division(-1) == '\0');
    REQUIRE(list.find("3511") != nullptr);
    CHECK(list.find("3511")->level == 4);
    CHECK(list.find("3511")->section == 'C');
    CHECK(list.find("3741") != nullptr);  // the corrected row of the source
    CHECK(list.find("372") != nullptr);   // an added single-class group
    CHECK(list.find("C3511") == nullptr);
}

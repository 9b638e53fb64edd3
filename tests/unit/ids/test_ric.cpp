// SPDX-License-Identifier: Apache-2.0
// Resident identity numbers (GB 11643-1999): STANDARDS.md §2, python-stdnum's
// cases, birth-date rules, the legacy 15-digit form and lower-case x.

#include "ids/check.hpp"
#include "ids/checks.hpp"
#include "ids/explain.hpp"
#include "ids/region.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace adx::ids;
using namespace std::chrono;

namespace {

const year_month_day k_today{year{2026}, November, day{27}};

// Independent of checksum.hpp: weights 2^(17-i) mod 11, check (12 - S) mod 11.
char ref_check(std::string_view first17) {
    unsigned sum = 0;
    for (std::size_t i = 0; i < 17; ++i) {
        unsigned w = 1;
        for (std::size_t k = 0; k < 17 - i; ++k) w = w * 2 % 11;
        sum += static_cast<unsigned>(first17[i] - '0') * w;
    }
    unsigned v = (12 - sum % 11) % 11;
    return v == 10 ? 'X' : static_cast<char>('0' + v);
}

// A number with the right check character for region, birth date and sequence.
std::string make(std::string_view region, std::string_view yyyymmdd, std::string_view seq = "001") {
    std::string s = std::string(region) + std::string(yyyymmdd) + std::string(seq);
    return s + ref_check(s);
}

// A copy: the verdict is often a temporary.
std::optional<Finding> find(const Verdict& v, Rule r) {
    for (const auto& f : v.all())
        if (f.rule == r) return f;
    return std::nullopt;
}

std::vector<std::vector<std::string>> corpus_rows(const std::string& name) {
    const char* env = std::getenv("ADX_SHARED_DIR");
    std::string path = std::string(env && *env ? env : ADX_SHARED_DIR) + "/corpora/python-stdnum-cn/" + name;
    std::ifstream in(path);
    if (!in) FAIL("corpus missing: " << path << " (set ADX_SHARED_DIR to the shared folder)");
    std::vector<std::vector<std::string>> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> f;
        std::istringstream fields(line);
        std::string field;
        while (std::getline(fields, field, '\t')) f.push_back(field);
        out.push_back(f);
    }
    return out;
}

const Part* part(const Explanation& e, std::string_view key) {
    for (const auto& p : e.parts)
        if (p.key == key) return &p;
    return nullptr;
}

}  // namespace

TEST_CASE("ric: the values of STANDARDS §2", "[ids][ric]") {
    for (const char* v : {"360426199101010071", "44011320141005001X", "412723199010050012", "110102199101010078",
                          "120110198012010073", "120110199212010072", "11010519491231002X",
                          "310116200002290028"}) {
        INFO(v);
        Verdict r = check_ric(v, k_today);
        CHECK(r.type == Type::ric);
        CHECK(r.valid());
        CHECK(r.count == 0);  // no warnings either: each region was in use in the birth year
    }
    // Synthetic Jinshan number born 1990: 310116 exists only from 1997 (310228 before).
    Verdict jinshan = check_ric("310116199001010017", k_today);
    CHECK(jinshan.valid());
    REQUIRE(find(jinshan, Rule::ric_region_at_birth) != std::nullopt);
    CHECK(find(jinshan, Rule::ric_region_at_birth)->level == Level::warning);
    CHECK(find(jinshan, Rule::ric_region_at_birth)->year == 1990);

    auto chk = find(check_ric("36042619910102009X", k_today), Rule::ric_check);
    REQUIRE(chk != std::nullopt);
    CHECK(chk->expected == '3');
    CHECK(chk->found == 'X');
    auto fmt = find(check_ric("T60426199101010078", k_today), Rule::ric_format);
    REQUIRE(fmt != std::nullopt);
    CHECK(fmt->pos == 1);
    CHECK(find(check_ric("360426199113010079", k_today), Rule::ric_birth_date) != std::nullopt);
    CHECK(find(check_ric("990426199112010074", k_today), Rule::ric_region) != std::nullopt);
    CHECK_FALSE(check_ric("990426199112010074", k_today).valid());
}

TEST_CASE("ric: python-stdnum's cases", "[ids][ric][corpus]") {
    auto table = corpus_rows("cn_ric_cases.tsv");
    REQUIRE(table.size() == 19);
    Checker checker(Type::ric, k_today);
    for (const auto& row : table) {
        REQUIRE(row.size() >= 4);
        const std::string& value = row[0];
        const std::string& fn = row[1];
        std::string comment = row.size() > 4 ? row[4] : "";
        INFO(value << " " << fn << " " << row[3] << " " << comment);
        Verdict r = checker.check(value);
        std::string normalized(checker.normalized());
        if (row[2] == "ok") {
            CHECK(r.valid());
            CHECK(find(r, Rule::ric_region_at_birth) == std::nullopt);
            Explanation e = explain(normalized, Type::ric, k_today);
            if (fn == "validate" || fn == "format") {
                CHECK(row[3] == "'" + normalized + "'");
            } else if (fn == "get_birth_date") {
                // datetime.date(1991, 1, 1)
                int y = 0, m = 0, d = 0;
                REQUIRE(std::sscanf(row[3].c_str(), "datetime.date(%d, %d, %d)", &y, &m, &d) == 3);
                char want[16];
                std::snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
                REQUIRE(part(e, "birth_date") != nullptr);
                CHECK(part(e, "birth_date")->meaning == want);
            } else if (fn == "get_birth_place") {
                std::size_t at = row[3].find("'county': '");
                REQUIRE(at != std::string::npos);
                std::string county = row[3].substr(at + 11, row[3].find('\'', at + 11) - at - 11);
                REQUIRE(part(e, "region") != nullptr);
                CHECK_THAT(part(e, "region")->meaning, Catch::Contains(county));
            }
            continue;
        }
        REQUIRE(row[2] == "error");
        if (fn == "get_birth_place" && comment.find("not registered yet") != std::string::npos) {
            // A region code not yet in use in the birth year is only a warning here.
            CHECK(r.valid());
            CHECK(find(r, Rule::ric_region_at_birth) != std::nullopt);
        } else if (fn == "get_birth_place" && comment.find("deregistered") != std::string::npos) {
            // 110201 was retired in 1982 (stdnum's loc.dat); adx's GB/T 2260 data starts with
            // the 1980 MCA list, which does not have it: unknown, so an error here.
            CHECK_FALSE(r.valid());
            CHECK(find(r, Rule::ric_region) != std::nullopt);
        } else if (row[3] == "InvalidFormat") {
            CHECK(find(r, Rule::ric_format) != std::nullopt);
        } else if (row[3] == "InvalidChecksum") {
            CHECK(find(r, Rule::ric_check) != std::nullopt);
        } else {
            REQUIRE(row[3] == "InvalidComponent");
            CHECK_FALSE(r.valid());
            CHECK((find(r, Rule::ric_birth_date) != std::nullopt || find(r, Rule::ric_region) != std::nullopt));
        }
    }
}

TEST_CASE("ric: birth dates must be real and not in the future", "[ids][ric]") {
    // 110105 (朝阳区) has been in use since the first list of 1980 ("1980 or earlier").
    struct Case {
        const char* date;
        Rule rule;  // Rule::empty: valid
    };
    const Case cases[] = {
        {"20000229", Rule::empty},          {"20040229", Rule::empty},         {"19000229", Rule::ric_birth_date},
        {"20010229", Rule::ric_birth_date}, {"19991301", Rule::ric_birth_date}, {"19990001", Rule::ric_birth_date},
        {"19990100", Rule::ric_birth_date}, {"19990431", Rule::ric_birth_date}, {"19991232", Rule::ric_birth_date},
        {"18491231", Rule::ric_birth_date}, {"18500101", Rule::empty},         {"20261127", Rule::empty},
        {"20261128", Rule::ric_future},     {"20270101", Rule::ric_future},    {"99990101", Rule::ric_future},
    };
    for (const auto& c : cases) {
        std::string v = make("110105", c.date);
        INFO(v);
        Verdict r = check_ric(v, k_today);
        if (c.rule == Rule::empty) {
            CHECK(r.valid());
            CHECK(r.count == 0);
        } else {
            CHECK_FALSE(r.valid());
            REQUIRE(find(r, c.rule) != std::nullopt);
            CHECK(find(r, c.rule)->pos == 7);
            CHECK(find(r, Rule::ric_check) == std::nullopt);
        }
    }
    // The day before "today" is fine, whatever the real date is.
    CHECK(check_ric(make("110105", "20261128"), year_month_day{year{2026}, November, day{28}}).valid());
}

TEST_CASE("ric: legacy 15-digit numbers", "[ids][ric]") {
    Verdict r = check_ric("360426910101007", k_today);
    CHECK(r.valid());
    auto legacy = find(r, Rule::ric_legacy);
    REQUIRE(legacy != std::nullopt);
    CHECK(legacy->level == Level::warning);
    CHECK_THAT(describe(*legacy, "360426910101007"), Catch::Contains("360426199101010071"));
    CHECK_THAT(describe(*find(check_ric("110105491231002", k_today), Rule::ric_legacy), "110105491231002"),
               Catch::Contains("11010519491231002X"));
    CHECK(std::string(rule_id(Rule::ric_legacy)) == "ric-legacy");

    CHECK(find(check_ric("360426911301007", k_today), Rule::ric_birth_date) != std::nullopt);
    CHECK_FALSE(check_ric("360426911301007", k_today).valid());
    CHECK(find(check_ric("36042691010100X", k_today), Rule::ric_format) != std::nullopt);
    CHECK(find(check_ric("990426910101007", k_today), Rule::ric_region) != std::nullopt);
    CHECK(find(check_ric("3604269101010071", k_today), Rule::ric_length)->code == 16);
}

TEST_CASE("ric: lower-case x is accepted once normalized", "[ids][ric]") {
    Checker checker(Type::ric, k_today);
    CHECK(checker.check("44011320141005001x").valid());
    CHECK(checker.normalized() == "44011320141005001X");
    // The checkers themselves take normalized values only.
    auto f = find(check_ric("44011320141005001x", k_today), Rule::ric_format);
    REQUIRE(f != std::nullopt);
    CHECK(f->pos == 18);
    CHECK(find(check_ric("4401132014100500X1", k_today), Rule::ric_format)->pos == 17);
    CHECK(find(check_ric("44011320141005001", k_today), Rule::ric_length)->code == 17);
}

TEST_CASE("ric: every single-digit substitution of a valid number is caught", "[ids][ric][property]") {
    std::vector<std::uint32_t> codes;
    const Regions& regions = Regions::get();
    for (std::uint32_t c = 110000; c < 660000; ++c)
        if (regions.known(c) && c % 100 != 0) codes.push_back(c);
    REQUIRE(codes.size() > 2000);
    std::mt19937 rng(11643);
    std::vector<std::string> failures;
    for (int i = 0; i < 3000 && failures.size() < 10; ++i) {
        char date[32];
        auto draw = [&](unsigned n) { return static_cast<unsigned>(rng() % n); };
        std::snprintf(date, sizeof date, "%04u%02u%02u", 1950 + draw(70), 1 + draw(12), 1 + draw(28));
        char seq[16];
        std::snprintf(seq, sizeof seq, "%03u", draw(1000));
        std::string v = make(std::to_string(codes[rng() % codes.size()]), date, seq);
        if (!check_ric(v, k_today).valid()) failures.push_back("valid rejected: " + v);
        for (std::size_t pos = 0; pos < 18; ++pos) {
            for (char c : std::string("0123456789X")) {
                if (c == v[pos] || (c == 'X' && pos != 17)) continue;
                std::string bad = v;
                bad[pos] = c;
                Verdict r = check_ric(bad, k_today);
                auto f = find(r, Rule::ric_check);
                bool caught = !r.valid() && f != std::nullopt && (pos < 17 || f->expected == v[17]);
                if (!caught) failures.push_back("substitution accepted: " + bad + " (from " + v + ")");
            }
        }
    }
    INFO((failures.empty() ? std::string() : failures.front()));
    CHECK(failures.empty());
}

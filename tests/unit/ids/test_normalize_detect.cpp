// SPDX-License-Identifier: Apache-2.0
// Identifiers as people type them (normalize) and the guess of their type
// from their shape (detect), including the 18-character ambiguity between
// credit codes and identity numbers.

#include "ids/check.hpp"
#include "ids/checks.hpp"
#include "ids/checksum.hpp"
#include "ids/normalize.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <random>
#include <string>

using namespace adx::ids;
using namespace std::chrono;

namespace {

const year_month_day k_today{year{2026}, November, day{27}};

std::string norm(std::string_view in) {
    std::string buf;
    return std::string(normalize(in, buf));
}

}  // namespace

TEST_CASE("normalize: already normal input is returned as it is", "[ids][normalize]") {
    std::string buf = "untouched";
    std::string_view in = "91310116052958608G";
    std::string_view out = normalize(in, buf);
    CHECK(out.data() == in.data());
    CHECK(out == in);
    CHECK(buf == "untouched");
    std::string_view dotted = "1.2.156.3005.2.A.B.C.001.X";
    CHECK(normalize(dotted, buf).data() == dotted.data());
}

TEST_CASE("normalize: full-width, spaces, hyphens and lower case", "[ids][normalize]") {
    // Full-width digits and letters (U+FF10.., U+FF21.., U+FF41..).
    CHECK(norm("９１３１０１１６０５２９５８６０８Ｇ") == "91310116052958608G");
    CHECK(norm("９１３１０１１６０５２９５８６０８ｇ") == "91310116052958608G");
    CHECK(norm("ＡＢＣＸＹＺａｂｃｘｙｚ") == "ABCXYZABCXYZ");
    // Ideographic space U+3000, no-break space U+00A0, ASCII white space.
    CHECK(norm("9131\xE3\x80\x80"
               "0116\xC2\xA0"
               "0529 5860\t8G\r\n") == "91310116052958608G");
    // Hyphens: ASCII, U+2010..U+2015, U+2212 minus, full-width U+FF0D.
    CHECK(norm("71526726-X") == "71526726X");
    CHECK(norm("71526726\xE2\x80\x90X") == "71526726X");
    CHECK(norm("71526726\xE2\x80\x95X") == "71526726X");
    CHECK(norm("71526726\xE2\x88\x92X") == "71526726X");
    CHECK(norm("71526726－X") == "71526726X");
    // Lower case, and the full-width full stop of license identifiers.
    CHECK(norm("44011320141005001x") == "44011320141005001X");
    CHECK(norm("ma1k3btp2") == "MA1K3BTP2");
    CHECK(norm("1．2．156") == "1.2.156");
    // Empty and all-space input.
    CHECK(norm("") == "");
    CHECK(norm(" \xE3\x80\x80 ") == "");
}

TEST_CASE("normalize: other characters are kept for the checker to name", "[ids][normalize]") {
    CHECK(norm("9131中") == "9131中");
    CHECK(norm("913101\xE2\x80\x96X") == "913101\xE2\x80\x96X");  // U+2016 is not a dash
    CHECK(norm("1234\xEF\xBC") == "1234\xEF\xBC");                // cut-off sequence
    CHECK(norm("ab\xFF") == "AB\xFF");
    Verdict r = check_uscc(norm("91310116052958608中"));
    CHECK_FALSE(r.valid());
    CHECK(r.findings[0].rule == Rule::uscc_length);      // 20 bytes
    Verdict r2 = check_uscc(norm("913101160529586中"));  // 18 bytes
    REQUIRE(r2.count >= 1);
    CHECK(r2.findings[0].rule == Rule::uscc_alphabet);
    CHECK(r2.findings[0].pos == 16);
}

TEST_CASE("detect: one shape per type", "[ids][detect]") {
    struct Case {
        const char* value;
        Type type;
    };
    const Case cases[] = {
        {"91310116052958608G", Type::uscc},
        {"91310115MA1K3BTP2B", Type::uscc},
        {"91110000600037341N", Type::uscc},  // invalid, but only a credit code has letters there
        {"360426199101010071", Type::ric},
        {"44011320141005001X", Type::ric},
        {"360426910101007", Type::ric},
        {"71526726X", Type::orgcode},
        {"052958608", Type::orgcode},
        {"310116", Type::region},
        {"C", Type::industry},
        {"35", Type::industry},
        {"C3511", Type::industry},
        {"3511", Type::industry},
        {"1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F", Type::license_id},
        {"36042691010100A", Type::unknown},
        {"31011A", Type::unknown},
        {"1234567", Type::unknown},
        {"ABCDEFGHIJ", Type::unknown},
        {"", Type::unknown},
    };
    for (const auto& c : cases) {
        INFO(c.value);
        CHECK(detect(c.value, k_today) == c.type);
    }
}

TEST_CASE("detect: eighteen digits, credit code or identity number", "[ids][detect]") {
    // Valid credit codes that are all digits: as identity numbers their region is unknown.
    for (const char* v : {"121200004013590816", "913101145852519045", "913101127033980359", "914403001922038216"}) {
        INFO(v);
        CHECK(detect(v, k_today) == Type::uscc);
        CHECK(check(Type::unknown, v, k_today).valid());
    }
    // A valid identity number stays one.
    CHECK(detect("110102199101010078", k_today) == Type::ric);
    // Invalid either way: an identity number with only a wrong check digit is still one.
    CHECK(detect("360426199101010072", k_today) == Type::ric);
    CHECK(check(Type::unknown, "360426199101010072", k_today).type == Type::ric);
    // A credit code with a wrong check character, whose ric reading has no real region.
    CHECK(detect("121200004013590817", k_today) == Type::uscc);
    CHECK(detect("91310116052958608X", k_today) == Type::uscc);  // X ends both; the region decides
}

TEST_CASE("detect: a value valid as both reads as an identity number", "[ids][detect]") {
    // Search deterministically for 18 digits that pass both checks.
    std::mt19937 rng(32100);
    std::string both;
    for (int i = 0; i < 2000000 && both.empty(); ++i) {
        char s[32];
        auto r = [&](unsigned n) { return static_cast<unsigned>(rng() % n); };
        std::snprintf(s, sizeof s, "1101051990%02u%02u%03u", 1 + r(12), 1 + r(28), r(1000));
        std::string v(s);
        REQUIRE(v.size() == 17);
        v += ric_check_char(v);
        if (check_ric(v, k_today).valid() && check_uscc(v).valid()) both = v;
    }
    REQUIRE_FALSE(both.empty());
    INFO(both);
    CHECK(detect(both, k_today) == Type::ric);
}

TEST_CASE("check: empty and unknown values", "[ids][detect]") {
    Verdict empty = check(Type::unknown, "", k_today);
    CHECK_FALSE(empty.valid());
    CHECK(empty.findings[0].rule == Rule::empty);
    Verdict empty_uscc = check(Type::uscc, "", k_today);
    CHECK(empty_uscc.type == Type::uscc);
    CHECK(empty_uscc.findings[0].rule == Rule::empty);
    Verdict unknown = check(Type::unknown, "1234567", k_today);
    CHECK_FALSE(unknown.valid());
    CHECK(unknown.type == Type::unknown);
    CHECK(unknown.findings[0].rule == Rule::unknown_type);
    CHECK(unknown.findings[0].code == 7);
    // A given type wins over the shape.
    CHECK(check(Type::orgcode, "91310116052958608G", k_today).findings[0].rule == Rule::orgcode_length);
    Type t = Type::uscc;
    CHECK(parse_type("auto", t));
    CHECK(t == Type::unknown);
    CHECK(parse_type("license-id", t));
    CHECK(t == Type::license_id);
    CHECK_FALSE(parse_type("USCC", t));
}

TEST_CASE("normalize: a character to fold is found at any place of a long value", "[ids][normalize]") {
    // Values already normal are passed through, 16 bytes at a time: a
    // character to fold or drop must be seen wherever it is.
    for (std::size_t n = 1; n <= 40; ++n) {
        for (std::size_t i = 0; i < n; ++i) {
            for (std::string odd : {"a", "z", " ", "-", "\t", "\xEF\xBC\x91"}) {
                std::string in(n, '7');
                in.replace(i, 1, odd);
                std::string want(n, '7');
                if (odd == "a" || odd == "z")
                    want[i] = static_cast<char>(odd[0] - 'a' + 'A');
                else if (odd == "\xEF\xBC\x91")
                    want[i] = '1';
                else
                    want.erase(i, 1);
                INFO(n << " bytes, '" << odd << "' at " << i);
                CHECK(norm(in) == want);
            }
        }
    }
    CHECK(norm("91310116MA1FL3XQ0B.ABCDEFGHIJ") == "91310116MA1FL3XQ0B.ABCDEFGHIJ");
}

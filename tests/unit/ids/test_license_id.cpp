// SPDX-License-Identifier: Apache-2.0
// Electronic license identifiers (GB/T 36904): STANDARDS.md §7.2.

#include "ids/checks.hpp"
#include "ids/checksum.hpp"
#include "ids/license_id.hpp"

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

// ISO/IEC 7064 MOD 37,36 as STANDARDS §7.2 words it, independent of checksum.hpp.
char ref_mod37_36(std::string_view s) {
    const std::string chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    int p = 36;
    for (char c : s) {
        int t = (p + static_cast<int>(chars.find(c))) % 36;
        if (t == 0) t = 36;
        p = 2 * t % 37;
    }
    return chars[static_cast<std::size_t>((37 - p) % 36)];
}

const char* const k_valid[] = {
    "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U",
    "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F",
    "1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0",
    "1.2.156.3005.2.11100000MB03271699022.340100.000000016.001.9",
};

}  // namespace

TEST_CASE("license-id: the four real identifiers pass", "[ids][license]") {
    for (const char* v : k_valid) {
        INFO(v);
        Verdict r = check_license_id(v);
        CHECK(r.type == Type::license_id);
        CHECK(r.valid());
        CHECK(find(r, Rule::license_check) == std::nullopt);
    }
    // The embedded credit codes of the first three are valid: no warnings.
    CHECK(check_license_id(k_valid[0]).count == 0);
    CHECK(check_license_id(k_valid[2]).count == 0);
}

TEST_CASE("license-id: the two API-doc examples fail with the computed character", "[ids][license]") {
    struct Case {
        const char* value;
        char expected;
        char found;
    };
    const Case cases[] = {
        {"1.2.156.3005.2.11100000000013661B006.113700000045046442.209FA4E88F9E4C878F3E9BED2CE7EA49.001.M", 'D', 'M'},
        {"1.2.156.3005.2.11100000000013338W050.91610800064834709T.2023000001.001.X", '2', 'X'},
    };
    for (const auto& c : cases) {
        INFO(c.value);
        Verdict r = check_license_id(c.value);
        CHECK_FALSE(r.valid());
        auto f = find(r, Rule::license_check);
        REQUIRE(f != std::nullopt);
        CHECK(f->expected == c.expected);
        CHECK(f->found == c.found);
        CHECK_THAT(describe(*f, c.value), Catch::Contains(std::string("'") + c.expected + "'"));
        // With the computed character the identifier passes.
        std::string fixed = c.value;
        fixed.back() = c.expected;
        CHECK(check_license_id(fixed).valid());
    }
}

TEST_CASE("license-id: splitting into parts", "[ids][license]") {
    LicenseIdParts p;
    REQUIRE(split_license_id(k_valid[1], p));
    CHECK(p.type == "11100000000013338W032");
    CHECK(p.issuer == "11220000013544541J");
    CHECK(p.serial == "2430599");
    CHECK(p.version == "001");
    CHECK(p.check == "F");
    CHECK(license_id_check_char(p) == 'F');
    CHECK_FALSE(split_license_id("1.2.156.3005.2.A.B.C.001", p));        // four parts
    CHECK_FALSE(split_license_id("1.2.156.3005.2.A.B.C.001.X.Y", p));    // six parts
    CHECK_FALSE(split_license_id("1.2.156.3005.2.A..C.001.X", p));       // an empty part
    CHECK_FALSE(split_license_id("1.2.156.3005.3.A.B.C.001.X", p));      // another root
}

TEST_CASE("license-id: structure, alphabet, version and embedded codes", "[ids][license]") {
    CHECK(find(check_license_id("1.2.156.3005.3.A.B.C.001.X"), Rule::license_prefix) != std::nullopt);
    CHECK(find(check_license_id("2.25.1"), Rule::license_prefix) != std::nullopt);
    CHECK(find(check_license_id("1.2.156.3005.2.A.B.C.001"), Rule::license_structure) != std::nullopt);
    CHECK(find(check_license_id("1.2.156.3005.2.A.B.C.001.XY"), Rule::license_structure) != std::nullopt);
    auto a = find(check_license_id("1.2.156.3005.2.A.b.C.001.X"), Rule::license_alphabet);
    REQUIRE(a != std::nullopt);
    CHECK(a->found == 'b');
    CHECK(a->pos == 18);  // 1-based position in the whole identifier
    CHECK(find(check_license_id("1.2.156.3005.2.A.B.C.01.X"), Rule::license_version) != std::nullopt);
    CHECK_FALSE(check_license_id("1.2.156.3005.2.A.B.C.01.X").valid());

    // A type code whose credit-code prefix is broken is only a warning.
    std::string body = "11100000000013338X011" "11430000006122244L" "20230000403" "001";
    std::string id = "1.2.156.3005.2.11100000000013338X011.11430000006122244L.20230000403.001.";
    id += ref_mod37_36(body);
    Verdict r = check_license_id(id);
    CHECK(r.valid());
    auto w = find(r, Rule::license_code);
    REQUIRE(w != std::nullopt);
    CHECK(w->level == Level::warning);
    CHECK(w->code == 1);
}

TEST_CASE("license-id: MOD 37,36 agrees with an independent implementation", "[ids][license][property]") {
    const std::string chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    std::mt19937 rng(36904);
    for (int i = 0; i < 5000; ++i) {
        std::string s;
        std::size_t n = 1 + rng() % 80;
        for (std::size_t k = 0; k < n; ++k) s += chars[rng() % chars.size()];
        char want = ref_mod37_36(s);
        REQUIRE(mod37_36_check_char(s) == want);
        // Single substitutions are always detected by MOD 37,36.
        std::size_t pos = rng() % n;
        std::string t = s;
        t[pos] = chars[(chars.find(t[pos]) + 1 + rng() % 35) % 36];
        REQUIRE(mod37_36_check_char(t) != want);
    }
    CHECK(mod37_36_check_char("abc") == 0);
}

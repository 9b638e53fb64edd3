// SPDX-License-Identifier: Apache-2.0
// Unified social credit codes (GB 32100-2015): the values of the shared
// STANDARDS.md §1.5, §1.6 and §10, the python-stdnum corpus, and a property
// test that every single-character substitution of a valid code is caught.

#include "ids/check.hpp"
#include "ids/checks.hpp"
#include "ids/normalize.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace adx::ids;

namespace {

const std::string k_alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// Independent of lib/ids/checksum.hpp: weights as powers of 3 mod 31.
char ref_check(std::string_view first17) {
    unsigned sum = 0, weight = 1;
    for (char c : first17.substr(0, 17)) {
        sum += static_cast<unsigned>(k_alphabet.find(c)) * weight;
        weight = weight * 3 % 31;
    }
    return k_alphabet[(31 - sum % 31) % 31];
}

char ref_orgcode_check(std::string_view body) {
    const unsigned w[8] = {3, 7, 9, 10, 5, 8, 4, 2};
    unsigned sum = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        char c = body[i];
        unsigned v = c <= '9' ? static_cast<unsigned>(c - '0') : static_cast<unsigned>(c - 'A' + 10);
        sum += v * w[i];
    }
    unsigned c = 11 - sum % 11;
    return c == 10 ? 'X' : c == 11 ? '0' : static_cast<char>('0' + c);
}

// A copy: the verdict is often a temporary.
std::optional<Finding> find(const Verdict& v, Rule r) {
    for (const auto& f : v.all())
        if (f.rule == r) return f;
    return std::nullopt;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) FAIL("cannot read " << path << " (corpus or code list missing; ADX_SHARED_DIR may point elsewhere)");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string corpus(const std::string& name) {
    const char* env = std::getenv("ADX_SHARED_DIR");
    std::string dir = env && *env ? env : ADX_SHARED_DIR;
    return read_file(dir + "/corpora/python-stdnum-cn/" + name);
}

// Data rows (not comments) of a TSV text, split on tabs.
std::vector<std::vector<std::string>> rows(const std::string& text) {
    std::vector<std::vector<std::string>> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> f;
        std::size_t start = 0;
        for (;;) {
            std::size_t tab = line.find('\t', start);
            f.push_back(line.substr(start, tab - start));
            if (tab == std::string::npos) break;
            start = tab + 1;
        }
        out.push_back(f);
    }
    return out;
}

}  // namespace

TEST_CASE("uscc: the valid values of STANDARDS §1.5 and §10 pass", "[ids][uscc]") {
    const char* values[] = {
        "121200004013590816", "91110000600037341L", "91110000710926094P", "91120224064012553U",
        "91310000631696382C", "91310000797046224D", "91310112087994932F", "913101127033980359",
        "913101145852519045", "913101153325803473", "91310115MA1K3BTP2B", "91310116052958608G",
        "91310116076409427L", "913101203509708598", "9131012056010553X5", "91320214745555318W",
        "91440300568520498A", "9144030071526726XG", "91620105L015101280", "92340602MA2PBMEM24",
        "914403001922038216", "91440300708461136T", "91520000214434146R", "91330100799655058B",
        "91110108551385082Q", "91440300192241158P",
    };
    for (const char* v : values) {
        INFO(v);
        Verdict r = check_uscc(v);
        CHECK(r.type == Type::uscc);
        CHECK(r.valid());
        CHECK(ref_check(v) == v[17]);
    }
}

TEST_CASE("uscc: the invalid values of STANDARDS §1.6 fail with the right rule", "[ids][uscc]") {
    struct Case {
        const char* value;
        Rule rule;
        std::uint8_t pos;
        char expected;
    };
    const Case cases[] = {
        {"91110000600037341N", Rule::uscc_check, 18, 'L'},
        {"A1110000600037341L", Rule::uscc_check, 18, 'K'},  // A1 is a known pair; the check is wrong
        {"9144030071526726XA", Rule::uscc_check, 18, 'G'},
        {"9144030071526726YG", Rule::uscc_check, 18, 'K'},
        {"91310116052958608H", Rule::uscc_check, 18, 'G'},
        {"91310116052958606G", Rule::uscc_check, 18, 'A'},
        {"9131011605295860BG", Rule::uscc_check, 18, 'R'},
        {"9111000060003IOZSV", Rule::uscc_alphabet, 14, 0},
        {"9I440300708461136T", Rule::uscc_alphabet, 2, 0},
        {"91440300708461136O", Rule::uscc_alphabet, 18, 0},
        {"913101160529586O8G", Rule::uscc_alphabet, 16, 0},
    };
    for (const auto& c : cases) {
        INFO(c.value);
        Verdict r = check_uscc(c.value);
        CHECK_FALSE(r.valid());
        auto f = find(r, c.rule);
        REQUIRE(f != std::nullopt);
        CHECK(f->level == Level::error);
        CHECK(f->pos == c.pos);
        if (c.expected) {
            CHECK(f->expected == c.expected);
            CHECK(f->found == c.value[17]);
        } else {
            CHECK(f->found == c.value[c.pos - 1]);
        }
    }
    // The organization-code part is checked on its own as well.
    auto org = find(check_uscc("91310116052958606G"), Rule::uscc_orgcode);
    REQUIRE(org != std::nullopt);
    CHECK(org->expected == '8');
    CHECK(find(check_uscc("9144030071526726YG"), Rule::uscc_orgcode) != std::nullopt);

    Verdict shorter = check_uscc("12345");
    REQUIRE(find(shorter, Rule::uscc_length) != std::nullopt);
    CHECK(find(shorter, Rule::uscc_length)->code == 5);
    CHECK(find(check_uscc("91110000600037341LL"), Rule::uscc_length)->code == 19);
    CHECK(describe(*find(check_uscc("91110000600037341N"), Rule::uscc_check), "91110000600037341N")
              .find("'L'") != std::string::npos);
    CHECK(std::string(rule_id(Rule::uscc_check)) == "uscc-check");
}

TEST_CASE("uscc: python-stdnum's cases, after normalizing", "[ids][uscc][corpus]") {
    auto table = rows(corpus("cn_uscc_cases.tsv"));
    REQUIRE(table.size() >= 200);
    std::size_t valid = 0, invalid = 0;
    std::string buf;
    for (const auto& row : table) {
        REQUIRE(row.size() >= 3);
        INFO(row[0]);
        std::string_view n = normalize(row[0], buf);
        Verdict r = check_uscc(n);
        if (row[1] == "valid") {
            ++valid;
            CHECK(r.valid());
            if (!row[2].empty()) CHECK(std::string(n) == row[2]);
            continue;
        }
        REQUIRE(row[1] == "invalid");
        ++invalid;
        CHECK_FALSE(r.valid());
        Rule want = row[2] == "InvalidLength"     ? Rule::uscc_length
                    : row[2] == "InvalidChecksum" ? Rule::uscc_check
                    // stdnum's InvalidFormat: letters in 1-8 (a checksum error here), or I O Z S V
                    : n[0] == 'A' ? Rule::uscc_check : Rule::uscc_alphabet;
        CHECK(find(r, want) != std::nullopt);
    }
    CHECK(valid >= 200);
    CHECK(invalid == 4);
}

TEST_CASE("uscc: the derived invalid corpus fails on the check character", "[ids][uscc][corpus]") {
    auto table = rows(corpus("cn_uscc_derived_invalid.tsv"));
    REQUIRE(table.size() == 200);
    for (const auto& row : table) {
        REQUIRE(row.size() >= 4);
        INFO(row[0] << " (" << row[3] << ")");
        Verdict r = check_uscc(row[0]);
        CHECK_FALSE(r.valid());
        auto f = find(r, Rule::uscc_check);
        REQUIRE(f != std::nullopt);
        // The note names the valid original: its check character is expected.
        std::size_t at = row[3].find("of ");
        REQUIRE(at != std::string::npos);
        std::string original = row[3].substr(at + 3, 18);
        CHECK(f->expected == original[17]);
        CHECK(check_uscc(original).valid());
    }
}

TEST_CASE("uscc: random valid codes pass, every single substitution fails", "[ids][uscc][property]") {
    const std::string src = ADX_SOURCE_DIR;
    std::vector<std::string> pairs, regions;
    for (const auto& row : rows(read_file(src + "/formats/codes/uscc-authorities.tsv")))
        if (row.size() >= 2 && row[1].size() == 2) pairs.push_back(row[1]);
    for (const auto& row : rows(read_file(src + "/formats/codes/gb2260.tsv")))
        if (!row.empty() && row[0].size() == 6 && row[0] != "code") regions.push_back(row[0]);
    REQUIRE(pairs.size() >= 30);
    REQUIRE(regions.size() >= 3000);

    std::mt19937_64 rng(20261127);
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    std::vector<std::string> failures;
    std::size_t letters_at_front = 0, checked = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string code = pairs[pick(pairs.size())] + regions[pick(regions.size())];
        for (int k = 0; k < 8; ++k) code += k_alphabet[pick(k_alphabet.size())];
        code += ref_orgcode_check(code.substr(8, 8));
        code += ref_check(code);
        if (code[0] > '9') ++letters_at_front;
        Verdict ok = check_uscc(code);
        if (!ok.valid() || ok.count != 0) failures.push_back("valid code rejected: " + code);
        for (std::size_t pos = 0; pos < 18; ++pos) {
            for (char c : k_alphabet) {
                if (c == code[pos]) continue;
                std::string bad = code;
                bad[pos] = c;
                Verdict r = check_uscc(bad);
                ++checked;
                auto f = find(r, Rule::uscc_check);
                if (r.valid() || !f || (pos == 17 && f->expected != code[17]))
                    failures.push_back("substitution accepted or misreported: " + bad + " (from " + code + ")");
            }
        }
        if (failures.size() > 20) break;
    }
    INFO((failures.empty() ? std::string() : failures.front()));
    CHECK(failures.empty());
    CHECK(checked == 20000u * 18u * 30u);
    CHECK(letters_at_front > 0);  // A1, N2, Y1 … were drawn too
}

TEST_CASE("uscc: excluded letters are reported where they are", "[ids][uscc][property]") {
    const std::string base = "91310116052958608G";
    for (char c : std::string("IOZSVi-")) {
        for (std::size_t pos = 0; pos < 18; ++pos) {
            std::string bad = base;
            bad[pos] = c;
            Verdict r = check_uscc(bad);
            auto f = find(r, Rule::uscc_alphabet);
            INFO(bad);
            REQUIRE(f != std::nullopt);
            CHECK(f->pos == pos + 1);
            CHECK(f->found == c);
        }
    }
}

TEST_CASE("uscc: Checker normalizes what people type", "[ids][uscc]") {
    std::chrono::year_month_day today{std::chrono::year{2026}, std::chrono::November, std::chrono::day{27}};
    Checker checker(Type::uscc, today);
    CHECK(checker.check("91 110000 600037341L").valid());
    CHECK(checker.normalized() == "91110000600037341L");
    CHECK(checker.check("9131-0116-0529-5860-8g").valid());
    CHECK(checker.normalized() == "91310116052958608G");
    CHECK_FALSE(checker.check("91310116052958608h").valid());
    Verdict auto_typed = Checker(Type::unknown, today).check("91310115MA1K3BTP2B");
    CHECK(auto_typed.type == Type::uscc);
    CHECK(auto_typed.valid());
}

// SPDX-License-Identifier: Apache-2.0
#include "ids/authority.hpp"
#include "ids/checks.hpp"
#include "ids/checksum.hpp"
#include "ids/region.hpp"

namespace adx::ids {

namespace {

// k_weighted[i][c]: the GB 32100 value of character c times the weight of
// position i, or k_not_in_alphabet. A valid code's sum of 17 is at most
// 17 * 30 * 30 = 15300, so a sum of k_not_in_alphabet or more means some
// character is outside the alphabet. (Table lookups, rather than a loop over
// uscc_value, keep the compiler from vectorizing it into something slower.)
constexpr std::uint16_t k_not_in_alphabet = 0x4000;
using WeightTable = std::array<std::array<std::uint16_t, 256>, 17>;
constexpr WeightTable make_weighted() {
    WeightTable t{};
    for (std::size_t i = 0; i < 17; ++i)
        for (std::size_t c = 0; c < 256; ++c) {
            int v = detail::k_uscc_values[c];
            t[i][c] = v < 0 ? k_not_in_alphabet : static_cast<std::uint16_t>(v * detail::k_uscc_weights[i]);
        }
    return t;
}
constexpr WeightTable k_weighted = make_weighted();

// k_org_weighted[i][c]: GB 11714 value of c (0-9, A-Z as 10-35) times the
// weight of body position i; looked up only for characters in the
// credit-code alphabet.
using OrgTable = std::array<std::array<std::uint16_t, 256>, 8>;
constexpr OrgTable make_org_weighted() {
    constexpr std::array<unsigned, 8> w = {3, 7, 9, 10, 5, 8, 4, 2};
    OrgTable t{};
    for (std::size_t i = 0; i < 8; ++i) {
        for (unsigned c = '0'; c <= '9'; ++c) t[i][c] = static_cast<std::uint16_t>((c - '0') * w[i]);
        for (unsigned c = 'A'; c <= 'Z'; ++c) t[i][c] = static_cast<std::uint16_t>((c - 'A' + 10) * w[i]);
    }
    return t;
}
constexpr OrgTable k_org_weighted = make_org_weighted();

}  // namespace

// The hot path of adx id check: one pass over the characters computes the
// alphabet check and the GB 32100 weighted sum together (the same arithmetic
// as uscc_check_char and orgcode_check_char in checksum.hpp, from tables).
Verdict check_uscc(std::string_view v) {
    Verdict r;
    r.type = Type::uscc;
    if (v.size() != 18) {
        r.add({.rule = Rule::uscc_length, .code = static_cast<std::uint32_t>(v.size())});
        return r;
    }
    const auto* p = reinterpret_cast<const unsigned char*>(v.data());
    unsigned sum = 0;
    for (std::size_t i = 0; i < 17; ++i) sum += k_weighted[i][p[i]];
    if (sum >= k_not_in_alphabet || detail::k_uscc_values[p[17]] < 0) {
        for (std::size_t i = 0; i < 18; ++i) {
            if (uscc_value(v[i]) < 0) {
                r.add({.rule = Rule::uscc_alphabet, .pos = static_cast<std::uint8_t>(i + 1), .found = v[i]});
                return r;
            }
        }
    }
    char expected = k_uscc_alphabet[(31 - sum % 31) % 31];
    if (expected != v[17])
        r.add({.rule = Rule::uscc_check, .pos = 18, .expected = expected, .found = v[17]});

    unsigned org_sum = 0;
    for (std::size_t i = 0; i < 8; ++i) org_sum += k_org_weighted[i][p[8 + i]];
    unsigned c = 11 - org_sum % 11;
    char org = c == 10 ? 'X' : c == 11 ? '0' : static_cast<char>('0' + c);
    if (org != v[16]) r.add({.rule = Rule::uscc_orgcode, .pos = 17, .expected = org, .found = v[16]});

    if (!Authorities::get().find(v[0], v[1])) r.add({.rule = Rule::uscc_authority, .pos = 1});

    // Positions 3-8: a region code of six digits (region_number), known to GB/T 2260.
    std::uint32_t region = 0;
    bool digits = true;
    for (std::size_t i = 2; i < 8; ++i) {
        unsigned d = p[i] - unsigned{'0'};
        digits = digits && d <= 9;
        region = region * 10 + d;
    }
    if (!digits || !Regions::get().known(region))
        r.add({.rule = Rule::uscc_region, .level = Level::warning, .pos = 3});
    return r;
}

}  // namespace adx::ids

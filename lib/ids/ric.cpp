// SPDX-License-Identifier: Apache-2.0
#include "ids/checks.hpp"
#include "ids/checksum.hpp"
#include "ids/region.hpp"

#include <array>

namespace adx::ids {

namespace {

// k_weighted[i][c]: the digit c times the GB 11643 weight of position i, or
// k_not_digit; a sum of 17 digits is at most 17 * 9 * 10 = 1530, so a sum of
// k_not_digit or more means a character is not a digit. One pass of table
// lookups checks the characters and sums them (every record of a filing
// carries a resident identity number).
constexpr std::uint16_t k_not_digit = 0x4000;
using WeightTable = std::array<std::array<std::uint16_t, 256>, 17>;
constexpr WeightTable make_weighted() {
    WeightTable t{};
    for (std::size_t i = 0; i < 17; ++i)
        for (unsigned c = 0; c < 256; ++c)
            t[i][c] =
                c >= '0' && c <= '9' ? static_cast<std::uint16_t>((c - '0') * detail::k_ric_weights[i]) : k_not_digit;
    return t;
}
constexpr WeightTable k_weighted = make_weighted();

// The number of the n digits at p (known to be digits).
unsigned digits_at(const char* p, std::size_t n) noexcept {
    unsigned v = 0;
    for (std::size_t i = 0; i < n; ++i) v = v * 10 + static_cast<unsigned>(p[i] - '0');
    return v;
}

// Region and birth date, shared by the 18- and 15-digit forms (whose
// characters are known to be digits by then): the region's six digits at v,
// the birth year y, and the month's and day's four digits at mmdd.
void check_region_and_date(Verdict& r, const char* v, int y, const char* mmdd, std::chrono::year_month_day today) {
    using namespace std::chrono;
    const std::uint32_t code = digits_at(v, 6);
    const Regions& regions = Regions::get();
    const unsigned mo = digits_at(mmdd, 2), d = digits_at(mmdd + 2, 2);
    year_month_day birth{year{y}, month{mo}, day{d}};
    bool date_ok = birth.ok() && y >= 1850;
    if (!regions.known(code))
        r.add({.rule = Rule::ric_region, .pos = 1, .code = code});
    else if (date_ok && !regions.valid_in(code, y))
        r.add({.rule = Rule::ric_region_at_birth, .level = Level::warning, .pos = 1, .code = code, .year = y});
    if (!date_ok)
        r.add({.rule = Rule::ric_birth_date, .pos = 7});
    else if (birth > today)  // both valid dates: compared as (year, month, day)
        r.add({.rule = Rule::ric_future, .pos = 7});
}

}  // namespace

Verdict check_ric(std::string_view v, std::chrono::year_month_day today) {
    Verdict r;
    r.type = Type::ric;
    if (v.size() == 15) {
        for (std::size_t i = 0; i < 15; ++i) {
            if (v[i] < '0' || v[i] > '9') {
                r.add({.rule = Rule::ric_format, .pos = static_cast<std::uint8_t>(i + 1), .found = v[i]});
                return r;
            }
        }
        r.add({.rule = Rule::ric_legacy, .level = Level::warning});
        check_region_and_date(r, v.data(), 1900 + static_cast<int>(digits_at(v.data() + 6, 2)), v.data() + 8, today);
        return r;
    }
    if (v.size() != 18) {
        r.add({.rule = Rule::ric_length, .code = static_cast<std::uint32_t>(v.size())});
        return r;
    }
    const auto* p = reinterpret_cast<const unsigned char*>(v.data());
    unsigned sum = 0;
    for (std::size_t i = 0; i < 17; ++i) sum += k_weighted[i][p[i]];
    if (sum >= k_not_digit || ((p[17] < '0' || p[17] > '9') && p[17] != 'X')) {
        for (std::size_t i = 0; i < 18; ++i) {
            char c = v[i];
            bool ok = (c >= '0' && c <= '9') || (i == 17 && c == 'X');
            if (!ok) {
                r.add({.rule = Rule::ric_format, .pos = static_cast<std::uint8_t>(i + 1), .found = c});
                return r;
            }
        }
    }
    // The first 17 are digits now.
    check_region_and_date(r, v.data(), static_cast<int>(digits_at(v.data() + 6, 4)), v.data() + 10, today);
    const char expected = ric_check_from_sum(sum);
    if (expected != v[17]) r.add({.rule = Rule::ric_check, .pos = 18, .expected = expected, .found = v[17]});
    return r;
}

}  // namespace adx::ids

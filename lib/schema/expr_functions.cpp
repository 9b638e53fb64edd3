// SPDX-License-Identifier: Apache-2.0
// Small pure helpers of the rule language: characters, civil dates, rounding,
// and the place of an error.

#include "schema/expr_impl.hpp"

#include <charconv>
#include <cmath>
#include <cstring>

namespace adx::schema {

namespace {

bool continuation(char c) noexcept { return (static_cast<unsigned char>(c) & 0xc0) == 0x80; }

// Howard Hinnant's days_from_civil.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

core::Error expr_error(std::string_view text, std::size_t pos, const char* rule, std::string message) {
    core::Error e{core::Exit::config, std::move(message)};
    e.where.column = char_column(text, pos);
    e.rule = rule;
    return e;
}

std::uint64_t char_column(std::string_view text, std::size_t pos) noexcept {
    if (pos > text.size()) pos = text.size();
    std::uint64_t column = 1;
    for (std::size_t i = 0; i < pos; ++i)
        if (!continuation(text[i])) ++column;
    return column;
}

std::size_t utf8_length(std::string_view s) noexcept {
    std::size_t n = 0;
    for (char c : s)
        if (!continuation(c)) ++n;
    return n;
}

std::string_view utf8_substr(std::string_view s, std::size_t start, std::size_t len) noexcept {
    std::size_t i = 0;
    for (std::size_t skipped = 0; i < s.size() && skipped < start; ++skipped)
        do ++i;
        while (i < s.size() && continuation(s[i]));
    std::size_t j = i;
    for (std::size_t taken = 0; j < s.size() && taken < len; ++taken)
        do ++j;
        while (j < s.size() && continuation(s[j]));
    return s.substr(i, j - i);
}

bool parse_date(std::string_view s, std::int64_t& days) noexcept {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    unsigned v[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
    for (std::size_t k = 0; k < 3; ++k) {
        for (std::size_t i = starts[k]; i < starts[k] + lens[k]; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            v[k] = v[k] * 10 + static_cast<unsigned>(s[i] - '0');
        }
    }
    unsigned y = v[0], m = v[1], d = v[2];
    if (m < 1 || m > 12 || d < 1) return false;
    static constexpr unsigned k_month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    unsigned last = m == 2 && leap ? 29 : k_month_days[m - 1];
    if (d > last) return false;
    days = days_from_civil(y, m, d);
    return true;
}

void civil_from_days(std::int64_t days, std::int64_t& year, unsigned& month) noexcept {
    // Howard Hinnant's civil_from_days.
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2);
}

double round_half_away(double x, int decimals) noexcept {
    // Rounds the shortest decimal form of x (what was written: 2.675, not
    // 2.67499999…), so that round(2.675, 2) is 2.68 as on paper.
    if (!std::isfinite(x) || x == 0) return x;
    double ax = std::fabs(x);
    if (ax >= 4503599627370496.0) return x;  // 2^52: no fraction left
    if (ax < 1e-20) return 0;
    char digits[96];
    digits[0] = '0';  // room for a carry
    auto [end, ec] = std::to_chars(digits + 1, digits + sizeof digits, ax, std::chars_format::fixed);
    if (ec != std::errc{}) return x;
    // Drop the point: digits[0, n) with point integer digits.
    std::ptrdiff_t n = end - digits, point = n;
    for (std::ptrdiff_t i = 0; i < n; ++i) {
        if (digits[i] != '.') continue;
        point = i;
        std::memmove(digits + i, digits + i + 1, static_cast<std::size_t>(n - i - 1));
        --n;
        break;
    }
    std::ptrdiff_t keep = point + decimals;
    if (keep <= 0) return 0;  // never -0
    if (keep >= n) return x;
    bool up = digits[keep] >= '5';
    for (std::ptrdiff_t i = keep - 1; up && i >= 0; --i) {
        up = digits[i] == '9';
        digits[i] = up ? '0' : static_cast<char>(digits[i] + 1);
    }
    char text[128];
    std::ptrdiff_t len = 0;
    for (std::ptrdiff_t i = 0; i < keep; ++i) text[len++] = digits[i];
    for (std::ptrdiff_t i = keep; i < point; ++i) text[len++] = '0';
    if (keep > point) {
        std::memmove(text + point + 1, text + point, static_cast<std::size_t>(len - point));
        text[point] = '.';
        ++len;
    }
    double r = 0;
    std::from_chars(text, text + len, r);
    return x < 0 && r != 0 ? -r : r;
}

}  // namespace adx::schema

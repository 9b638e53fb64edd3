// SPDX-License-Identifier: Apache-2.0
#include "schema/field_syntax.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace adx::embedded {
extern const std::string_view k_iso4217_tsv;
}

namespace adx::schema {

namespace {

constexpr bool digit(char c) noexcept {
    return c >= '0' && c <= '9';
}
constexpr bool alpha(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool all_digits(std::string_view s) noexcept {
    return !s.empty() && std::all_of(s.begin(), s.end(), digit);
}

bool starts_with(std::string_view s, std::string_view p) noexcept {
    return s.substr(0, p.size()) == p;
}

bool mobile(std::string_view s) noexcept {
    char d[11];
    std::size_t n = 0;
    char last = '0';
    for (char c : s) {
        if (digit(c)) {
            if (n == 11) return false;
            d[n++] = c;
        } else if ((c != ' ' && c != '-') || !digit(last) || n == 0) {
            return false;  // a separator only between digits
        }
        last = c;
    }
    return n == 11 && digit(last) && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

bool landline(std::string_view s) noexcept {
    if (s.size() < 10 || s[0] != '0') return false;
    for (std::size_t area = 3; area <= 4; ++area) {
        if (s.size() <= area || !all_digits(s.substr(0, area))) continue;
        std::string_view rest = s.substr(area);
        if (rest[0] == '-') rest.remove_prefix(1);
        if ((rest.size() == 7 || rest.size() == 8) && all_digits(rest)) return true;
    }
    return false;
}

// Character classes of e-mail addresses, a table lookup per byte (every
// record of a filing has an address).
enum : std::uint8_t { k_atext = 1, k_label = 2 };
constexpr auto k_email_class = [] {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
        auto ch = static_cast<char>(c);
        if (alpha(ch) || digit(ch) || ch == '-') t[static_cast<std::size_t>(c)] = k_atext | k_label;
    }
    for (char c : std::string_view("!#$%&'*+/=?^_`{|}~")) t[static_cast<unsigned char>(c)] |= k_atext;
    return t;
}();

bool atext(char c) noexcept {
    return (k_email_class[static_cast<unsigned char>(c)] & k_atext) != 0;
}

bool local_part(std::string_view s) noexcept {
    if (s.empty() || s.size() > 64 || s.front() == '.' || s.back() == '.') return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '.') {
            if (s[i - 1] == '.') return false;
        } else if (!atext(s[i])) {
            return false;
        }
    }
    return true;
}

// One pass over the labels (every record of a filing has an address).
bool domain(std::string_view s) noexcept {
    int labels = 0;
    std::size_t start = 0, last = 0;  // the current label's start, and the last one's
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i < s.size() && s[i] != '.') {
            if ((k_email_class[static_cast<unsigned char>(s[i])] & k_label) == 0) return false;
            continue;
        }
        const std::size_t length = i - start;
        if (length == 0 || length > 63 || s[start] == '-' || s[i - 1] == '-') return false;
        ++labels;
        last = start;
        start = i + 1;
    }
    std::string_view top = s.substr(last);
    return labels >= 2 && top.size() >= 2 && std::all_of(top.begin(), top.end(), alpha);
}

// The alphabetic codes of the embedded list, sorted.
const std::vector<std::string>& currencies() {
    static const std::vector<std::string> codes = [] {
        std::vector<std::string> out;
        std::string_view text = embedded::k_iso4217_tsv;
        bool header = true;
        while (!text.empty()) {
            std::size_t nl = text.find('\n');
            std::string_view line = text.substr(0, nl);
            text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
            if (header) {
                header = false;
                continue;
            }
            std::string_view code = line.substr(0, line.find('\t'));
            if (code.size() == 3) out.emplace_back(code);
        }
        std::sort(out.begin(), out.end());
        return out;
    }();
    return codes;
}

}  // namespace

bool is_phone(std::string_view s) noexcept {
    for (std::string_view prefix : {"+86", "0086"}) {
        if (starts_with(s, prefix)) {
            s.remove_prefix(prefix.size());
            if (!s.empty() && (s[0] == ' ' || s[0] == '-')) s.remove_prefix(1);
            return mobile(s);
        }
    }
    return mobile(s) || landline(s);
}

bool is_email(std::string_view s) noexcept {
    if (s.size() > 254) return false;
    std::size_t at = s.rfind('@');
    if (at == std::string_view::npos) return false;
    return local_part(s.substr(0, at)) && domain(s.substr(at + 1));
}

bool is_period(std::string_view s) noexcept {
    if (s.size() < 4 || !all_digits(s.substr(0, 4))) return false;
    if (s.size() == 4) return true;
    if (s.size() != 7 || s[4] != '-') return false;
    if (s[5] == 'Q') return s[6] >= '1' && s[6] <= '4';
    return (s[5] == '0' && s[6] >= '1' && s[6] <= '9') || (s[5] == '1' && s[6] >= '0' && s[6] <= '2');
}

bool is_currency(std::string_view s) noexcept {
    if (s.size() != 3) return false;
    // The codes as three-byte numbers: a search without string compares.
    auto packed = [](std::string_view c) {
        return std::uint32_t{static_cast<unsigned char>(c[0])} << 16 |
               std::uint32_t{static_cast<unsigned char>(c[1])} << 8 | static_cast<unsigned char>(c[2]);
    };
    static const std::vector<std::uint32_t> numbers = [&] {
        std::vector<std::uint32_t> out;
        for (const auto& c : currencies())
            if (c.size() == 3) out.push_back(packed(c));
        return out;  // sorted, as the codes are
    }();
    return std::binary_search(numbers.begin(), numbers.end(), packed(s));
}

bool parse_civil_date(std::string_view s, std::int64_t& days) noexcept {
    using namespace std::chrono;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s.substr(0, 4)) || !all_digits(s.substr(5, 2)) ||
        !all_digits(s.substr(8, 2)))
        return false;
    auto num = [&](std::size_t pos, std::size_t n) {
        int v = 0;
        for (std::size_t i = 0; i < n; ++i) v = v * 10 + (s[pos + i] - '0');
        return v;
    };
    year_month_day ymd{year{num(0, 4)}, month{static_cast<unsigned>(num(5, 2))}, day{static_cast<unsigned>(num(8, 2))}};
    if (!ymd.ok() || ymd.year() < year{1}) return false;
    days = sys_days{ymd}.time_since_epoch().count();
    return true;
}

}  // namespace adx::schema

// SPDX-License-Identifier: Apache-2.0
#include "schema/field_syntax.hpp"

#include "core/clock.hpp"
#include "ids/tsv.hpp"

#include <algorithm>
#include <array>
#include <bitset>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
    bool ok = !s.empty();
    for (char c : s) ok &= digit(c);
    return ok;
}

bool starts_with(std::string_view s, std::string_view p) noexcept {
    if (s.size() < p.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i)
        if (s[i] != p[i]) return false;  // short prefixes: no call to memcmp
    return true;
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

// A code of three capitals as a number below 26 * 26 * 26, or k_no_code.
constexpr std::size_t k_no_code = ~std::size_t{0};
std::size_t currency_index(std::string_view c) noexcept {
    if (c.size() != 3) return k_no_code;
    std::size_t i = 0;
    for (char ch : c) {
        if (ch < 'A' || ch > 'Z') return k_no_code;
        i = i * 26 + static_cast<std::size_t>(ch - 'A');
    }
    return i;
}

// The alphabetic codes of the embedded list, one bit each (2.2 KB): a lookup
// for every record's currency (a bitset: std::vector<bool>'s indexing was a
// call, in every record).
using CurrencyBits = std::bitset<26 * 26 * 26>;
CurrencyBits currency_bitmap() {
    CurrencyBits known;
    ids::detail::for_each_row(embedded::k_iso4217_tsv, [&](const std::vector<std::string_view>& f) {
        if (std::size_t i = currency_index(f[0]); i != k_no_code) known.set(i);
    });
    return known;
}

}  // namespace

bool is_phone(std::string_view s) noexcept {
    // Views made at compile time (a loop over an initializer list of
    // pointers took a strlen for each, in every record).
    static constexpr std::string_view k_prefixes[] = {"+86", "0086"};
    for (std::string_view prefix : k_prefixes) {
        if (starts_with(s, prefix)) {
            s.remove_prefix(prefix.size());
            if (!s.empty() && (s[0] == ' ' || s[0] == '-')) s.remove_prefix(1);
            return mobile(s);
        }
    }
    // A mobile number starts with 1, a landline one with 0: one of the two.
    return !s.empty() && s[0] == '0' ? landline(s) : mobile(s);
}

bool is_email_bytewise(std::string_view s) noexcept {
    if (s.size() > 254) return false;
    // The local part, up to the first '@' (a second one fails the domain):
    // 1-64 characters, dots neither first, last nor doubled.
    std::size_t at = 0;
    char prev = '.';
    for (; at < s.size() && s[at] != '@'; ++at) {
        const char c = s[at];
        if (c == '.' ? prev == '.' : !atext(c)) return false;
        prev = c;
    }
    if (at == s.size() || at == 0 || at > 64 || prev == '.') return false;
    return domain(s.substr(at + 1));
}

bool is_email(std::string_view s) noexcept {
#if defined(__SSE2__)
    // Up to 64 bytes (almost every address), the rules of is_email_bytewise
    // as bit masks of the characters' classes (bit i: byte i), 16 bytes at a
    // time; a local part with a rarer character than these is read byte by
    // byte.
    const std::size_t n = s.size();
    if (n == 0 || n > 64) return is_email_bytewise(s);
    alignas(16) char buf[64] = {};
    std::memcpy(buf, s.data(), n);
    std::uint64_t alpha = 0, alnum = 0, dot = 0, hyphen = 0, at = 0, local_ok = 0;
    for (std::size_t k = 0; 16 * k < n; ++k) {
        const __m128i v = _mm_load_si128(reinterpret_cast<const __m128i*>(buf + 16 * k));
        // Signed compares: bytes from 0x80 are negative, in no range.
        auto range = [v](char lo, char hi) {
            return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(lo - 1))),
                                 _mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(hi + 1))));
        };
        auto is = [v](char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
        auto bits = [k](__m128i m) {
            return std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(m))} << (16 * k);
        };
        const __m128i letters = _mm_or_si128(range('A', 'Z'), range('a', 'z'));
        const __m128i letters_digits = _mm_or_si128(letters, range('0', '9'));
        const __m128i dots = is('.'), hyphens = is('-');
        alpha |= bits(letters);
        alnum |= bits(letters_digits);
        dot |= bits(dots);
        hyphen |= bits(hyphens);
        at |= bits(is('@'));
        local_ok |= bits(
            _mm_or_si128(_mm_or_si128(letters_digits, _mm_or_si128(dots, hyphens)), _mm_or_si128(is('_'), is('+'))));
    }
    const std::uint64_t all = n == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
    if (at == 0) return false;
    // The local part: bytes [0, first_at), 1-64 of them (first_at < 64 here).
    const auto first_at = static_cast<unsigned>(__builtin_ctzll(at));
    if (first_at == 0 || first_at + 1 >= n) return false;  // no local part, or no domain
    const std::uint64_t local = (std::uint64_t{1} << first_at) - 1;
    if ((local & ~local_ok) != 0) return is_email_bytewise(s);
    // Dots neither first, last nor doubled.
    const std::uint64_t local_dots = dot & local;
    if ((local_dots & 1) != 0 || ((local_dots >> (first_at - 1)) & 1) != 0 || (local_dots & (local_dots >> 1)) != 0)
        return false;
    // The domain: bytes after the '@', labels of letters, digits and
    // hyphens (a second '@' is none of them), at most 62 bytes here, so no
    // label is longer than 63.
    const std::uint64_t domain = all & ~((std::uint64_t{2} << first_at) - 1);
    if ((domain & ~(alnum | hyphen | dot)) != 0) return false;
    const std::uint64_t dots = dot & domain;
    const std::uint64_t first = std::uint64_t{1} << (first_at + 1), last = std::uint64_t{1} << (n - 1);
    // At least two labels, none empty.
    if (dots == 0 || (dots & (first | last)) != 0 || (dots & (dots >> 1)) != 0) return false;
    // No label starts or ends with a hyphen.
    if ((hyphen & domain & ((dots << 1) | first | (dots >> 1) | last)) != 0) return false;
    // The last label: two letters or more.
    const auto last_dot = static_cast<unsigned>(63 - __builtin_clzll(dots));
    if (n - 1 - last_dot < 2) return false;
    const std::uint64_t top = domain & ~((std::uint64_t{2} << last_dot) - 1);
    return (top & ~alpha) == 0;
#else
    return is_email_bytewise(s);
#endif
}

bool is_period(std::string_view s) noexcept {
    if (s.size() < 4 || !all_digits(s.substr(0, 4))) return false;
    if (s.size() == 4) return true;
    if (s.size() != 7 || s[4] != '-') return false;
    if (s[5] == 'Q') return s[6] >= '1' && s[6] <= '4';
    return (s[5] == '0' && s[6] >= '1' && s[6] <= '9') || (s[5] == '1' && s[6] >= '0' && s[6] <= '2');
}

bool is_currency(std::string_view s) noexcept {
    static const CurrencyBits known = currency_bitmap();
    const std::size_t i = currency_index(s);
    return i != k_no_code && known[i];
}

bool parse_civil_date(std::string_view s, std::int64_t& days) noexcept {
    using namespace std::chrono;
    const char* p = s.data();
    int y = 0, mo = 0, d = 0;
    if (s.size() != 10 || p[4] != '-' || p[7] != '-') return false;
    bool ok = core::fixed_digits<4>(p, y);
    ok &= core::fixed_digits<2>(p + 5, mo);
    ok &= core::fixed_digits<2>(p + 8, d);
    if (!ok) return false;
    year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok() || ymd.year() < year{1}) return false;
    days = sys_days{ymd}.time_since_epoch().count();
    return true;
}

}  // namespace adx::schema

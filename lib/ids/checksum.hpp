// SPDX-License-Identifier: Apache-2.0
#pragma once
// The check-character algorithms (facts: shared reference STANDARDS.md §1–3, §7.2).
// Pure functions over ASCII; 0 means "the input has a character outside the
// alphabet".

#include <array>
#include <cstdint>
#include <string_view>

namespace adx::ids {

// GB 32100: 0-9 A-H J-N P-R T U W-Y, values 0..30 (no I, O, Z, S, V).
inline constexpr std::string_view k_uscc_alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

namespace detail {
constexpr std::array<std::int8_t, 256> make_uscc_values() {
    std::array<std::int8_t, 256> t{};
    for (auto& v : t) v = -1;
    for (std::size_t i = 0; i < k_uscc_alphabet.size(); ++i)
        t[static_cast<unsigned char>(k_uscc_alphabet[i])] = static_cast<std::int8_t>(i);
    return t;
}
inline constexpr std::array<std::int8_t, 256> k_uscc_values = make_uscc_values();
// 3^i mod 31, i = 0..16
inline constexpr std::array<std::uint8_t, 17> k_uscc_weights = {1, 3, 9, 27, 19, 26, 16, 17, 20,
                                                                29, 25, 13, 8, 24, 10, 30, 28};
}  // namespace detail

// Value of c in the credit-code alphabet, or -1.
inline int uscc_value(char c) noexcept { return detail::k_uscc_values[static_cast<unsigned char>(c)]; }

// The check character for the first 17 characters of a credit code; 0 if one
// of them is outside the alphabet.
inline char uscc_check_char(std::string_view first17) noexcept {
    unsigned sum = 0;
    for (std::size_t i = 0; i < 17; ++i) {
        int v = uscc_value(first17[i]);
        if (v < 0) return 0;
        sum += static_cast<unsigned>(v) * detail::k_uscc_weights[i];
    }
    return k_uscc_alphabet[(31 - sum % 31) % 31];
}

// GB 11714: the check character ('0'-'9' or 'X') of an 8-character body of
// digits and upper-case letters; 0 if a character is outside that set.
inline char orgcode_check_char(std::string_view body8) noexcept {
    constexpr std::array<unsigned, 8> w = {3, 7, 9, 10, 5, 8, 4, 2};
    unsigned sum = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        char c = body8[i];
        unsigned v;
        if (c >= '0' && c <= '9')
            v = static_cast<unsigned>(c - '0');
        else if (c >= 'A' && c <= 'Z')
            v = static_cast<unsigned>(c - 'A') + 10;
        else
            return 0;
        sum += v * w[i];
    }
    unsigned c = 11 - sum % 11;
    if (c == 10) return 'X';
    if (c == 11) return '0';
    return static_cast<char>('0' + c);
}

namespace detail {
// GB 11643: 2^(17-i) mod 11, i = 0..16
inline constexpr std::array<std::uint8_t, 17> k_ric_weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
}  // namespace detail

// GB 11643 (ISO 7064 MOD 11-2): the check character for the weighted sum of
// the first 17 digits.
inline char ric_check_from_sum(unsigned sum) noexcept {
    unsigned v = (12 - sum % 11) % 11;
    return v == 10 ? 'X' : static_cast<char>('0' + v);
}

// GB 11643 (ISO 7064 MOD 11-2): check character of 17 digits; 0 if not digits.
inline char ric_check_char(std::string_view first17) noexcept {
    unsigned sum = 0;
    for (std::size_t i = 0; i < 17; ++i) {
        char c = first17[i];
        if (c < '0' || c > '9') return 0;
        sum += static_cast<unsigned>(c - '0') * detail::k_ric_weights[i];
    }
    return ric_check_from_sum(sum);
}

// ISO/IEC 7064 MOD 37,36 (hybrid, alphanumeric) over 0-9 A-Z; 0 if another
// character appears.
inline char mod37_36_check_char(std::string_view s) noexcept {
    unsigned p = 36;
    for (char c : s) {
        unsigned v;
        if (c >= '0' && c <= '9')
            v = static_cast<unsigned>(c - '0');
        else if (c >= 'A' && c <= 'Z')
            v = static_cast<unsigned>(c - 'A') + 10;
        else
            return 0;
        unsigned t = (p + v) % 36;
        if (t == 0) t = 36;
        p = (2 * t) % 37;
    }
    unsigned check = (37 - p) % 36;
    return check < 10 ? static_cast<char>('0' + check) : static_cast<char>('A' + check - 10);
}

}  // namespace adx::ids

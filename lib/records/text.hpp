// SPDX-License-Identifier: Apache-2.0
#pragma once
// Small helpers the readers share: ASCII and character counts over UTF-8
// (eight bytes at a time: they run over every byte of the input), and the
// one way a reader builds an error with its place.

#include "core/error.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace adx::records::detail {

bool is_ascii(std::string_view s) noexcept;

// Set bits of a 16-bit mask (baseline x86-64 has no popcount instruction).
inline std::size_t bits16(unsigned m) noexcept {
    static constexpr auto k_table = [] {
        std::array<std::uint8_t, 256> t{};
        for (unsigned i = 0; i < 256; ++i)
            for (unsigned b = i; b != 0; b &= b - 1) ++t[i];
        return t;
    }();
    return std::size_t{k_table[m & 0xFF]} + k_table[(m >> 8) & 0xFF];
}

// Characters in s, taken as UTF-8: the bytes that are not continuation bytes.
std::size_t count_chars(std::string_view s) noexcept;

// Exit::data at file:line:column with a rule id; message already translated.
core::Error error_at(std::string_view file, std::uint64_t line, std::uint64_t column, const char* rule,
                     std::string message);

// "limit": a value longer than max_field bytes.
core::Error field_too_long(std::string_view file, std::uint64_t line, std::uint64_t column, std::size_t limit);
// "limit": more than max_fields cells in one record.
core::Error too_many_fields(std::string_view file, std::uint64_t line, std::uint64_t column, std::size_t limit);
// "limit": a record longer than max_record_bytes.
core::Error record_too_long(std::string_view file, std::uint64_t line, std::uint64_t limit);
// "limit": nesting deeper than max_depth.
core::Error too_deep(std::string_view file, std::uint64_t line, std::uint64_t column, std::size_t limit);
// "record-shape": field 'name' is not a plain value.
core::Error not_plain(std::string_view file, std::uint64_t line, std::uint64_t column, std::string_view name);
// "record-shape": field 'name' given twice in one record.
core::Error duplicate_field(std::string_view file, std::uint64_t line, std::uint64_t column, std::string_view name);

}  // namespace adx::records::detail

// SPDX-License-Identifier: Apache-2.0
#include "records/text.hpp"

#include "core/i18n.hpp"
#include "records/reader.hpp"

#include <cstring>

namespace adx::records::detail {

namespace {

constexpr std::uint64_t k_high = 0x8080808080808080ULL;

std::uint64_t load8(const char* p) noexcept {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    return x;
}

}  // namespace

bool is_ascii(std::string_view s) noexcept {
    std::size_t n = s.size(), i = 0;
    std::uint64_t any = 0;
    for (; i + 8 <= n; i += 8) any |= load8(s.data() + i);
    for (; i < n; ++i) any |= static_cast<unsigned char>(s[i]);
    return (any & k_high) == 0;
}

std::size_t count_chars(std::string_view s) noexcept {
    // A continuation byte is 10xxxxxx: bit 7 set and bit 6 clear.
    std::size_t n = s.size(), i = 0, cont = 0;
    // One bit per continuation byte (bit 0 of the byte), summed across the
    // eight bytes by a multiplication (portable: no popcount instruction).
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t x = load8(s.data() + i);
        std::uint64_t marks = ((x & ~(x << 1)) & k_high) >> 7;
        cont += static_cast<std::size_t>((marks * ones) >> 56);
    }
    for (; i < n; ++i) cont += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
    return n - cont;
}

core::Error error_at(std::string_view file, std::uint64_t line, std::uint64_t column, const char* rule,
                     std::string message) {
    core::Error e{core::Exit::data, std::move(message)};
    e.where.file = std::string(file);
    e.where.line = line;
    e.where.column = column;
    e.rule = rule;
    return e;
}

core::Error field_too_long(std::string_view file, std::uint64_t line, std::uint64_t column, std::size_t limit) {
    return error_at(file, line, column, "limit",
                    core::trf("value is longer than {limit} bytes", fmt::arg("limit", limit)));
}

core::Error too_many_fields(std::string_view file, std::uint64_t line, std::uint64_t column, std::size_t limit) {
    return error_at(file, line, column, "limit",
                    core::trf("record has more than {limit} fields", fmt::arg("limit", limit)));
}

core::Error record_too_long(std::string_view file, std::uint64_t line, std::uint64_t limit) {
    return error_at(file, line, 0, "limit", core::trf("record is longer than {limit} bytes", fmt::arg("limit", limit)));
}

core::Error too_deep(std::string_view file, std::uint64_t line, std::uint64_t column, std::size_t limit) {
    return error_at(file, line, column, "limit",
                    core::trf("nesting is deeper than {limit} levels", fmt::arg("limit", limit)));
}

core::Error not_plain(std::string_view file, std::uint64_t line, std::uint64_t column, std::string_view name) {
    core::Error e = error_at(file, line, column, "record-shape",
                             core::trf("field '{name}' is not a plain value", fmt::arg("name", name)));
    e.where.field = std::string(name);
    return e;
}

core::Error duplicate_field(std::string_view file, std::uint64_t line, std::uint64_t column, std::string_view name) {
    core::Error e = error_at(file, line, column, "record-shape",
                             core::trf("field '{name}' is given twice", fmt::arg("name", name)));
    e.where.field = std::string(name);
    return e;
}

}  // namespace adx::records::detail

namespace adx::records {

std::uint64_t Cell::char_column() const noexcept {
    return before.data() ? 1 + detail::count_chars(before) : column;
}

}  // namespace adx::records

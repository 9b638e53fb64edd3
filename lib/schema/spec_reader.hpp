// SPDX-License-Identifier: Apache-2.0
#pragma once
// Reading the tables of a format specification with toml++: typed keys,
// unknown keys (with a did-you-mean hint), and the first error, with the
// spec's file:line:column. Internal to lib/schema (toml++ is private to it).

#include "core/error.hpp"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <vector>

namespace adx::schema {

class SpecReader {
public:
    SpecReader(std::string file, std::string_view text) : m_file(std::move(file)), m_text(text) {}

    const std::string& file() const noexcept { return m_file; }
    bool failed() const noexcept { return m_failed; }
    core::Error take_error() { return std::move(m_error); }

    // Records an error at where, unless one is recorded already (the first
    // error is the one reported).
    void fail(const toml::source_region& where, std::string message, std::string hint = {});
    void fail_at(std::uint64_t line, std::uint64_t column, std::string message, std::string hint = {},
                 std::string rule = {});

    // Every key of t must be one of known; table names the table in messages
    // ("[format]", "[[fields]] 'uscc'").
    void check_keys(const toml::table& t, std::initializer_list<std::string_view> known, const std::string& table);

    // Typed values: absent gives nullopt (or fallback); a value of the wrong
    // type is an error. required: absence is an error at the table.
    std::optional<std::string> string(const toml::table& t, std::string_view key, const std::string& table,
                                      bool required = false);
    bool boolean(const toml::table& t, std::string_view key, bool fallback);
    std::optional<std::int64_t> integer(const toml::table& t, std::string_view key, std::int64_t min_value);
    std::optional<double> number(const toml::table& t, std::string_view key);
    std::vector<std::string> strings(const toml::table& t, std::string_view key);
    // The array of tables under key (absent: empty); anything else is an error.
    std::vector<const toml::table*> tables(const toml::table& t, std::string_view key);

    // Where the n-th (1-based) character of a one-line string value's
    // contents is in the spec, when the value is written without escapes;
    // else where the value starts (and false). Column is 1-based.
    bool text_position(const toml::node& value, std::uint64_t nth, std::uint64_t& line, std::uint64_t& column) const;

private:
    bool literal_block_position(const std::string& contents, const char* after_quotes, std::uint64_t nth,
                                std::uint64_t& line, std::uint64_t& column) const;
    void wrong_type(const toml::node& node, std::string_view key, const char* want);

    std::string m_file;
    std::string_view m_text;
    core::Error m_error;
    bool m_failed = false;
};

// "string", "integer", … for messages.
const char* toml_type_name(toml::node_type t) noexcept;

}  // namespace adx::schema

// SPDX-License-Identifier: Apache-2.0
#pragma once
// A streaming JSON tokenizer (RFC 8259, strict), written by hand: records
// must stream from a top-level array of any size with flat memory, one token
// at a time. nlohmann::json's DOM holds the whole document, and its SAX
// interface pushes events from inside one parse() call, which turns "give me
// the next record" into an inverted state machine with the parse suspended in
// between; a pull tokenizer over our Source is smaller and simpler.
//
// Strict: no trailing commas, no comments, no leading zeros, no NaN or
// Infinity, only the RFC's escapes, surrogate pairs paired, no raw control
// characters in strings, UTF-8 only, nesting up to Limits.max_depth. The
// grammar (commas, colons, brackets) is checked here, so that a caller sees
// only well-formed token sequences.

#include "records/reader.hpp"
#include "records/source.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace adx::records {

// True when text is exactly one JSON value (RFC 8259), nested at most
// max_depth deep. A byte order mark is not JSON text.
bool json_valid(std::string_view text, std::size_t max_depth = 64);

namespace detail {

enum class JsonToken : std::uint8_t {
    begin_object,
    end_object,
    begin_array,
    end_array,
    key,
    string,
    number,
    true_value,
    false_value,
    null,
    end,
};

class JsonTokenizer {
public:
    // multi: a sequence of top-level values (JSON Lines) instead of one.
    JsonTokenizer(Source& source, const Limits& limits, bool multi) noexcept
        : m_src(source), m_limits(limits), m_multi(multi) {}

    // The next token; end after the last value. After an error, the error
    // again.
    core::Expected<JsonToken> next();
    // Skips the rest of a value whose first token was first.
    core::Expected<void> skip(JsonToken first);

    // The last key or string (unescaped, UTF-8), or number (as written).
    std::string_view text() const noexcept { return m_text; }
    // Where the last token starts: line, column in characters, stream offset.
    std::uint64_t line() const noexcept { return m_token_line; }
    std::uint64_t column() const noexcept { return m_token_column; }
    std::uint64_t offset() const noexcept { return m_token_offset; }
    // Containers open after the last token.
    std::size_t depth() const noexcept { return m_stack.size(); }

private:
    enum class Expect : std::uint8_t { value, first_value, first_key, key, colon, comma, done };
    enum class Scan : std::uint8_t { ok, more, error };

    core::Expected<JsonToken> token();
    core::Expected<bool> skip_space();
    Scan scan_string(std::size_t& used);
    Scan scan_escape(const char* p, const char* end, std::size_t& used);
    Scan scan_number(std::size_t& used);
    Scan scan_literal(std::string_view word, std::size_t& used);
    // Scans a key, string, number or literal (word) token, reading on as needed.
    core::Expected<JsonToken> scanned(JsonToken token, std::string_view word = {});
    core::Expected<JsonToken> open(char kind, JsonToken token);
    JsonToken close(JsonToken token);
    void after_value() noexcept;
    void advance_one() noexcept;  // past a one-byte token
    std::uint64_t column_of(const char* p) const noexcept;
    core::Error fail(core::Error e);
    core::Error syntax(std::uint64_t column, std::string message);
    core::Error unexpected(const char* p);

    Source& m_src;
    Limits m_limits;
    bool m_multi;
    Expect m_expect = Expect::value;
    std::string m_stack;  // 'o' or 'a' per open container
    std::string m_text;
    std::uint64_t m_line = 1, m_column = 1;  // where the window's front is
    std::uint64_t m_token_line = 0, m_token_column = 0, m_token_offset = 0;
    std::size_t m_string_cont = 0;  // continuation bytes in the last string token
    std::optional<core::Error> m_failed;
};

}  // namespace detail
}  // namespace adx::records

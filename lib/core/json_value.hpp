// SPDX-License-Identifier: Apache-2.0
#pragma once
// A small, strict JSON document parser for the short documents adx reads
// whole and must not misread: JOSE headers, signed receipts. The records
// module has its own streaming tokenizer for data; this one builds a tree.
//
// Strict (RFC 8259 with the I-JSON rules of RFC 7493): one value and nothing
// after it but white space; no comments, trailing commas, leading zeros, NaN
// or Infinity; only the RFC's escapes; surrogate escapes must pair; strings
// are well-formed UTF-8 without raw control characters; a byte order mark is
// not JSON; an object never names a member twice (two "alg" members are how
// a header says one thing to one reader and another to the next).

#include "core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace adx::core {

struct JsonLimits {
    std::size_t max_size = 64 * 1024;  // bytes of text
    std::size_t max_depth = 16;        // nested arrays and objects
    std::size_t max_values = 4096;     // values in the whole document
};

struct JsonMember;

class JsonValue {
public:
    enum class Kind : std::uint8_t { null, boolean, number, string, array, object };

    JsonValue() = default;
    static JsonValue make_bool(bool b);
    static JsonValue make_number(std::string text);  // as written, already valid
    static JsonValue make_string(std::string s);
    static JsonValue make_array(std::vector<JsonValue> items);
    static JsonValue make_object(std::vector<JsonMember> members);

    Kind kind() const noexcept { return m_kind; }
    bool is_null() const noexcept { return m_kind == Kind::null; }
    bool is_bool() const noexcept { return m_kind == Kind::boolean; }
    bool is_number() const noexcept { return m_kind == Kind::number; }
    bool is_string() const noexcept { return m_kind == Kind::string; }
    bool is_array() const noexcept { return m_kind == Kind::array; }
    bool is_object() const noexcept { return m_kind == Kind::object; }

    bool as_bool() const noexcept { return m_bool; }
    // A string's value (unescaped UTF-8), or a number as written.
    const std::string& text() const noexcept { return m_text; }
    // A number without fraction or exponent that fits; nullopt otherwise.
    std::optional<std::int64_t> as_int() const noexcept;
    const std::vector<JsonValue>& items() const noexcept { return m_items; }
    // Members in document order.
    const std::vector<JsonMember>& members() const noexcept { return m_members; }
    // The member named key, or nullptr (also for a value that is no object).
    const JsonValue* find(std::string_view key) const noexcept;

    bool operator==(const JsonValue& other) const;

private:
    Kind m_kind = Kind::null;
    bool m_bool = false;
    std::string m_text;
    std::vector<JsonValue> m_items;
    std::vector<JsonMember> m_members;
};

struct JsonMember {
    std::string key;
    JsonValue value;
    bool operator==(const JsonMember& other) const = default;
};

// Parses text as one JSON value. Errors are Exit::data with Location{name, 1,
// byte column} and one of the rules:
//   json-syntax         not strict JSON (see above)
//   json-duplicate-key  an object names a member twice
//   json-limit          larger or deeper than limits
Expected<JsonValue> json_parse(std::string_view text, const JsonLimits& limits = {}, const std::string& name = {});

// Compact JSON text for v (no white space, members in their order); what
// json_parse reads back as an equal value.
std::string json_serialize(const JsonValue& v);

}  // namespace adx::core

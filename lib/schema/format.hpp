// SPDX-License-Identifier: Apache-2.0
#pragma once
// Format specifications: formats/NAME.toml, documented in adx-formats(5).
// A format is data: fields (types, limits, code lists, labels), record rules
// (expressions with an id, a severity and a message in both languages),
// uniqueness keys, and the mappings to CSV headers, JSON keys and XML names.

#include "core/error.hpp"
#include "schema/expr.hpp"

#include <cstdint>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace adx::schema {

enum class FieldType : std::uint8_t {
    text, integer, decimal, date, datetime, enumeration, boolean,
    uscc, ric, orgcode, region, industry, license_id, phone, email, currency,
    period,  // YYYY, YYYY-MM or YYYY-Qn (statistical reporting periods)
};

const char* field_type_name(FieldType t) noexcept;  // "text", "enum", "license-id", …
// The identifier types (lib/ids checks them, in their normal form).
constexpr bool is_identifier(FieldType t) noexcept {
    using enum FieldType;
    return t == uscc || t == ric || t == orgcode || t == region || t == industry || t == license_id;
}
// The rule-language type of a field's values (number for integer/decimal,
// date, datetime, boolean; text for everything else).
ValueType value_type_of(FieldType t) noexcept;

struct EnumCode {
    std::string code;  // as written in documents
    std::string zh, en;
};

struct FieldSpec {
    std::string key;   // English snake_case; the name in rules
    std::string zh;    // Chinese label (also accepted as CSV header)
    std::string en;    // English label
    FieldType type = FieldType::text;
    bool required = false;
    std::optional<Expr> required_when;  // boolean expression; null counts as false
    // A text field that must also be a valid identifier when check_when holds
    // (an ID document number is a resident identity number when its type
    // says so): checked like a field of type check_as, with the same rule ids.
    std::optional<FieldType> check_as;
    std::optional<Expr> check_when;
    std::optional<std::size_t> min_length, max_length;  // text: in characters
    std::string pattern;                 // text: ECMAScript regex, whole value
    std::optional<std::regex> pattern_re;
    int precision = 0, scale = -1;       // decimal: total and fractional digits (0/-1: unlimited)
    std::optional<double> min, max;      // integer, decimal
    std::vector<EnumCode> codes;         // enum
    std::string default_value;           // used when the value is absent
    bool personal = false;               // masked in reports (ric, phone: always)
    bool registered = false;             // --registry: must be a registered credit code
    std::vector<std::string> csv_headers;  // accepted CSV headers (zh, key, en by default)
    std::string json_key;                // default: key
    std::string xml_name;                // default: key
    std::uint64_t line = 0;              // line of the spec
};

enum class RuleSeverity : std::uint8_t { error, warning };

struct RuleSpec {
    std::string id;
    Expr expr;  // boolean: true means the record is fine
    RuleSeverity severity = RuleSeverity::error;
    std::string zh, en;  // messages; {field} is replaced by the field's value as written
    std::uint64_t line = 0;
};

// Records in one file must not share these fields' values.
struct UniqueSpec {
    std::string id;
    std::vector<std::size_t> fields;
    std::string zh, en;
    std::uint64_t line = 0;
};

struct Format {
    std::string name;  // "enterprise-filing"
    std::string version;
    std::string zh, en;  // titles
    std::string source;  // the spec file, for messages
    std::vector<FieldSpec> fields;
    std::vector<RuleSpec> rules;
    std::vector<UniqueSpec> unique;
    std::optional<std::size_t> match_field;  // matches a record with last period's (--previous)
    std::string xml_namespace, xml_root, xml_record;

    // The index of the field with this key, or of the field a CSV header /
    // JSON key / XML name maps to.
    std::optional<std::size_t> field(std::string_view key) const;
    std::optional<std::size_t> field_for_header(std::string_view header) const;
};

// Parses a specification; name is used in messages (file:line). Any problem
// (unknown key, wrong type, unknown field in a rule, a rule that does not
// type-check, duplicate ids) is Exit::config at the spec's file:line[:column].
core::Expected<Format> parse_format(std::string_view toml_text, const std::string& name);
core::Expected<Format> load_format(const std::string& path);

// The folders searched for NAME.toml, in order: $ADX_FORMATS_DIR, next to the
// executable (../share/adx/formats), the source tree's formats/.
std::vector<std::string> format_search_path();
// Finds and loads a format by name, or from a path ending in .toml.
core::Expected<Format> find_format(const std::string& name_or_path);
// The names of the formats found on the search path, sorted.
std::vector<std::string> list_formats();

}  // namespace adx::schema

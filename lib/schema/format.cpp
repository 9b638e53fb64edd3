// SPDX-License-Identifier: Apache-2.0
// The field types and the lookups of a loaded format. Parsing is in
// format_toml.cpp and format_rules.cpp, the search path in format_search.cpp.

#include "schema/format.hpp"

#include "core/i18n.hpp"
#include "schema/field_types.hpp"

#include <array>

namespace adx::schema {

using core::N_;

namespace {

constexpr std::array k_types{
    FieldTypeInfo{FieldType::text, "text", N_("text; length in characters, optional pattern")},
    FieldTypeInfo{FieldType::integer, "integer", N_("whole number")},
    FieldTypeInfo{FieldType::decimal, "decimal", N_("decimal number with a dot, no thousands separators")},
    FieldTypeInfo{FieldType::date, "date", N_("date, YYYY-MM-DD")},
    FieldTypeInfo{FieldType::datetime, "datetime", N_("date and time with offset, ISO 8601")},
    FieldTypeInfo{FieldType::enumeration, "enum", N_("one of a list of codes")},
    FieldTypeInfo{FieldType::boolean, "boolean", N_("true/false, 1/0 or 是/否")},
    FieldTypeInfo{FieldType::uscc, "uscc", N_("unified social credit code (GB 32100)")},
    FieldTypeInfo{FieldType::ric, "ric", N_("resident identity number (GB 11643)")},
    FieldTypeInfo{FieldType::orgcode, "orgcode", N_("organization code (GB 11714)")},
    FieldTypeInfo{FieldType::region, "region", N_("administrative division code (GB/T 2260)")},
    FieldTypeInfo{FieldType::industry, "industry", N_("industry code (GB/T 4754-2017)")},
    FieldTypeInfo{FieldType::license_id, "license-id", N_("electronic license identifier (GB/T 36904)")},
    FieldTypeInfo{FieldType::phone, "phone", N_("Chinese mobile or landline number")},
    FieldTypeInfo{FieldType::email, "email", N_("e-mail address")},
    FieldTypeInfo{FieldType::currency, "currency", N_("currency code (ISO 4217)")},
    FieldTypeInfo{FieldType::period, "period", N_("reporting period: YYYY, YYYY-MM or YYYY-Qn")},
};

// The length of the UTF-8 sequence a lead byte starts (1 for stray bytes).
std::size_t sequence_length(unsigned char c) noexcept {
    if (c >= 0xF0) return 4;
    if (c >= 0xE0) return 3;
    if (c >= 0xC0) return 2;
    return 1;
}

}  // namespace

std::span<const FieldTypeInfo> field_types() noexcept {
    return k_types;
}

bool parse_field_type(std::string_view name, FieldType& out) noexcept {
    for (const auto& t : k_types) {
        if (t.name == name) {
            out = t.type;
            return true;
        }
    }
    return false;
}

const char* field_type_name(FieldType t) noexcept {
    for (const auto& i : k_types)
        if (i.type == t) return i.name.data();
    return "text";
}

ValueType value_type_of(FieldType t) noexcept {
    switch (t) {
        case FieldType::integer:
        case FieldType::decimal:
            return ValueType::number;
        case FieldType::date:
            return ValueType::date;
        case FieldType::datetime:
            return ValueType::datetime;
        case FieldType::boolean:
            return ValueType::boolean;
        default:
            return ValueType::text;
    }
}

std::string fold_header(std::string_view header) {
    std::string out;
    out.reserve(header.size());
    for (std::size_t i = 0; i < header.size();) {
        auto c = static_cast<unsigned char>(header[i]);
        std::size_t n = std::min(sequence_length(c), header.size() - i);
        if (n == 3) {
            // U+FF01..U+FF5E is EF BC 81..EF BD 9E; U+3000 is E3 80 80.
            auto b1 = static_cast<unsigned char>(header[i + 1]), b2 = static_cast<unsigned char>(header[i + 2]);
            if (c == 0xE3 && b1 == 0x80 && b2 == 0x80) {
                i += 3;
                continue;
            }
            if (c == 0xEF && (b1 == 0xBC || b1 == 0xBD)) {
                unsigned cp = ((c & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
                if (cp >= 0xFF01 && cp <= 0xFF5E) {
                    c = static_cast<unsigned char>(cp - 0xFF01 + 0x21);
                    n = 1;
                    i += 2;  // the remaining byte is skipped below
                }
            }
        }
        if (n == 1) {
            if (c != ' ' && c != '\t' && c != '_' && c != '-')
                out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
            ++i;
            continue;
        }
        out.append(header.substr(i, n));
        i += n;
    }
    return out;
}

std::optional<std::size_t> Format::field(std::string_view key) const {
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i].key == key) return i;
    return std::nullopt;
}

std::optional<std::size_t> Format::field_for_header(std::string_view header) const {
    if (auto exact = field(header)) return exact;
    std::string want = fold_header(header);
    if (want.empty()) return std::nullopt;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const FieldSpec& f = fields[i];
        if (fold_header(f.key) == want || fold_header(f.json_key) == want || fold_header(f.xml_name) == want) return i;
        for (const auto& h : f.csv_headers)
            if (fold_header(h) == want) return i;
    }
    return std::nullopt;
}

}  // namespace adx::schema

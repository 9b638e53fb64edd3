// SPDX-License-Identifier: Apache-2.0
#pragma once
// The registry of field types: the names format specifications use, and a
// summary for adx formats show and adx-formats(5).

#include "schema/format.hpp"

#include <span>
#include <string>
#include <string_view>

namespace adx::schema {

struct FieldTypeInfo {
    FieldType type;
    std::string_view name;  // as written in specifications: "license-id"
    const char* summary;    // English msgid
};

std::span<const FieldTypeInfo> field_types() noexcept;
// Parses a type name; false if there is no such type.
bool parse_field_type(std::string_view name, FieldType& out) noexcept;

// A CSV header, JSON key or XML name folded for matching: surrounding and
// inner spaces, '_' and '-' dropped, full-width ASCII forms (U+FF01–U+FF5E)
// and the ideographic space folded, ASCII letters in lower case. So
// "注册资本(万元)" matches "注册资本（万元）" and "Legal rep ID" matches "legal_rep_id".
std::string fold_header(std::string_view header);

}  // namespace adx::schema

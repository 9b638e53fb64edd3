// SPDX-License-Identifier: Apache-2.0
#pragma once
// The steps of parse_format(), internal to lib/schema: each reads one part of
// the specification into the Format and records the first problem in the
// SpecReader.

#include "schema/format.hpp"
#include "schema/spec_reader.hpp"

namespace adx::schema {

// [format] and [xml]. *match is set to the node of [format] match, resolved
// once the fields are known.
void read_header(SpecReader& r, const toml::table& root, Format& f, const toml::node** match);
// [[fields]], without their expressions (required_when) and defaults.
void read_fields(SpecReader& r, const std::vector<const toml::table*>& tables, Format& f);
// The fields' required_when expressions and default values, once all fields are known.
void compile_fields(SpecReader& r, const std::vector<const toml::table*>& tables, Format& f);
// [[rules]] and [[unique]].
void read_rules(SpecReader& r, const std::vector<const toml::table*>& tables, Format& f);
void read_unique(SpecReader& r, const std::vector<const toml::table*>& tables, Format& f);

// Field keys: English snake_case, not a word of the rule language.
bool valid_field_key(std::string_view key) noexcept;
// Format names and rule ids: lower case, digits and '-'.
bool valid_id(std::string_view id) noexcept;
// XML element names (ASCII NCName).
bool valid_xml_name(std::string_view name) noexcept;

}  // namespace adx::schema

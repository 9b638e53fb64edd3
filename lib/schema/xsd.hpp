// SPDX-License-Identifier: Apache-2.0
#pragma once
// The XML Schema (XSD 1.0) derived from a format: one source of truth for the
// XML shape (adx formats xsd, and the XML validation of adx validate).
//
//   <ROOT xmlns="NAMESPACE"><RECORD><FIELD>value</FIELD>…</RECORD>…</ROOT>
//
// Fields may come in any order (xs:all); required fields must be there,
// other fields may be absent, empty or xsi:nil. Each field has a simple type
// restricted by the facets its specification gives (length, pattern,
// enumeration, digits, range). The checks XSD cannot express (check
// characters, code lists, rules) stay adx's.

#include "schema/format.hpp"

#include <string>

namespace adx::schema {

std::string derive_xsd(const Format& format);

// The XSD regular expression for an ECMAScript pattern of a text field, or
// empty when the pattern uses what XSD regexes lack (anchors inside, lazy
// or possessive quantifiers, look-around, back-references, \b, (?:…)).
std::string xsd_pattern(std::string_view ecmascript);

}  // namespace adx::schema

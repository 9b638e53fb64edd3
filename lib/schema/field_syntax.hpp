// SPDX-License-Identifier: Apache-2.0
#pragma once
// The shapes of the field types that are not identifiers or numbers, as
// plain predicates (no allocation): adx-formats(5) "FIELD TYPES" documents them.

#include <cstdint>
#include <string_view>

namespace adx::schema {

// A Chinese mobile number, 1[3-9] and nine more digits, optionally after +86
// or 0086 (and a space or '-'), with optional spaces or '-' between digit
// groups; or a landline number, 0, a 2–3 digit area code, an optional '-' and
// a 7–8 digit number.
bool is_phone(std::string_view s) noexcept;

// An e-mail address, the common subset of RFC 5322: a dot-atom local part
// (at most 64 characters) of letters, digits and !#$%&'*+/=?^_`{|}~- ; '@';
// a domain of at least two dot-separated labels of letters, digits and
// inner '-' (each at most 63), the last of two or more letters. At most 254
// characters. No quoted local parts, comments or address literals; ASCII only.
bool is_email(std::string_view s) noexcept;
// The same rules, byte by byte (what is_email does for long addresses).
bool is_email_bytewise(std::string_view s) noexcept;

// YYYY, YYYY-MM (01–12) or YYYY-Qn (Q1–Q4).
bool is_period(std::string_view s) noexcept;

// An ISO 4217 alphabetic code of formats/codes/iso4217.tsv ("CNY").
bool is_currency(std::string_view s) noexcept;

// YYYY-MM-DD, a real date (years 0001–9999): days since 1970-01-01.
bool parse_civil_date(std::string_view s, std::int64_t& days) noexcept;

}  // namespace adx::schema

// SPDX-License-Identifier: Apache-2.0
#pragma once
// Checking one field's text against its specification, and turning it into
// the typed Value rules see.

#include "schema/format.hpp"

#include <array>
#include <chrono>
#include <string>
#include <string_view>

namespace adx::schema {

struct FieldProblem {
    std::string rule;      // "field-required", "field-type", "field-length", "field-pattern",
                           // "field-enum", "field-range", "field-scale", or an identifier rule
                           // id from lib/ids ("uscc-check", …)
    std::string message;   // translated, without the field name (the caller adds the place)
    bool warning = false;  // identifier warnings (unknown region part) stay warnings
};

class FieldChecker {
public:
    explicit FieldChecker(std::chrono::year_month_day today);
    // Checks text (already trimmed of surrounding whitespace? no: as
    // written) against spec. An empty text is "absent": no problem here
    // (required-ness is checked by the caller, who knows required_when).
    // Appends problems to out; returns the typed value (null when absent or
    // unparseable). The returned text view points into text.
    Value check(const FieldSpec& spec, std::string_view text, std::vector<FieldProblem>& out);
    // The same for a text already in normal form where spec's type is an
    // identifier (ids::normalize()): validate normalizes once per field.
    Value check_normalized(const FieldSpec& spec, std::string_view text, std::vector<FieldProblem>& out);

private:
    Value check_code(const FieldSpec& spec, std::string_view text, std::vector<FieldProblem>& out);

    std::chrono::year_month_day m_today;
    std::string m_buf;
    // Region and industry codes found clean (valid, nothing to say), by a
    // key made of their type and text: a district's export repeats a few of
    // them in every record, and each check looks in a large table.
    std::array<std::uint64_t, 256> m_clean_codes{};
};

// Replaces all but the first and last characters with '*' (for resident
// identity numbers and phone numbers in reports).
std::string mask(std::string_view text);

}  // namespace adx::schema

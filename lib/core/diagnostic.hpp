// SPDX-License-Identifier: Apache-2.0
#pragma once
// The one message shape (STYLE.md §5):
//   adx validate: error: filings.csv:17: record 16: field 'uscc': check
//   character should be 'G', found 'H' [uscc-check]

#include "core/error.hpp"

#include <string>
#include <string_view>

namespace adx::core {

enum class Severity { debug, info, warning, error };

const char* severity_name(Severity s) noexcept;  // "error", untranslated

// "FILE:LINE:COL: record N: field 'F': " for the parts that are set.
std::string format_location(const Location& where);

// The whole line, without a trailing newline. component is e.g. "adx id".
std::string format_diagnostic(std::string_view component, Severity severity, const Error& error);

}  // namespace adx::core

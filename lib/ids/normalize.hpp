// SPDX-License-Identifier: Apache-2.0
#pragma once
// Identifiers the way users type them: spaces (ASCII, ideographic U+3000,
// no-break) and hyphens stripped, full-width digits, letters and punctuation
// (U+FF01–U+FF5E, common in Chinese input methods) folded to ASCII, lower case
// folded to upper case.

#include <string>
#include <string_view>

namespace adx::ids {

// Writes the normalized form of in to out and returns a view of it. Returns
// in itself (no copy) when it is already normal, the common case.
std::string_view normalize(std::string_view in, std::string& out);

}  // namespace adx::ids

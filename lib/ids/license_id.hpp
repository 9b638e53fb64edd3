// SPDX-License-Identifier: Apache-2.0
#pragma once
// GB/T 36904 electronic license identifiers:
//   1.2.156.3005.2.<type>.<issuer>.<serial>.<version>.<check>

#include <string_view>

namespace adx::ids {

inline constexpr std::string_view k_license_root = "1.2.156.3005.2.";

struct LicenseIdParts {
    std::string_view type, issuer, serial, version, check;
};

// Splits a normalized identifier into its five parts after the root; false if
// the root is missing or there are not exactly five non-empty parts.
bool split_license_id(std::string_view v, LicenseIdParts& out) noexcept;

// The MOD 37,36 check character over type, issuer, serial and version; 0 if
// a part holds a character outside 0-9 A-Z.
char license_id_check_char(const LicenseIdParts& p) noexcept;

}  // namespace adx::ids

// SPDX-License-Identifier: Apache-2.0
#pragma once
// Byte strings and their text forms: hex, base64 (RFC 4648 §4) and base64url
// without padding (§5, as JOSE uses it).

#include "core/error.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace adx::crypto {

using Bytes = std::vector<std::uint8_t>;

inline std::string_view as_view(const Bytes& b) noexcept {
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}
inline Bytes to_bytes(std::string_view s) { return {s.begin(), s.end()}; }

std::string hex(const Bytes& b, bool upper = false);
// Whitespace is not allowed; odd length or a non-hex digit: Exit::data.
core::Expected<Bytes> from_hex(std::string_view s);

std::string base64(const Bytes& b);
// Standard alphabet with padding; whitespace (as in XML) is skipped.
// Anything else out of place: Exit::data.
core::Expected<Bytes> from_base64(std::string_view s);

std::string base64url(std::string_view b);
inline std::string base64url(const Bytes& b) { return base64url(as_view(b)); }
// URL-safe alphabet, no padding, no whitespace (RFC 7515 §2). Otherwise Exit::data.
core::Expected<Bytes> from_base64url(std::string_view s);

}  // namespace adx::crypto

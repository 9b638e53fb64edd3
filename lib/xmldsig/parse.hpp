// SPDX-License-Identifier: Apache-2.0
#pragma once
// The one way lib/xmldsig reads XML: a libxml2 tree built under the security
// rules of DESIGN.md. No network (XML_PARSE_NONET), no DTD loading, no entity
// substitution, no default attributes from a DTD; a DOCTYPE is refused the
// moment the parser meets it, before its internal subset is read, so no
// entity is ever declared. UTF-16 is refused (adx reads UTF-8 or GB18030, and
// the signer writes ASCII markup into the original bytes). Limits: the
// document size (max_bytes) and libxml2's own nesting limit (256 levels;
// XML_PARSE_HUGE is never set, so its text-node and name limits hold too).
// libxml2 never prints: its first error becomes an Exit::data error with
// rule "malformed-xml", the file name, line and libxml2's message.
//
// Internal to lib/xmldsig (and its tests): the types are libxml2's.

#include "core/error.hpp"

#include <cstdint>
#include <libxml/tree.h>
#include <memory>
#include <string>
#include <string_view>

namespace adx::xmldsig::detail {

struct DocFree {
    void operator()(xmlDoc* doc) const noexcept { xmlFreeDoc(doc); }
};
using Doc = std::unique_ptr<xmlDoc, DocFree>;

struct ParseLimits {
    std::size_t max_bytes = std::size_t{1} << 30;  // 1 GiB
};

core::Expected<Doc> parse(std::string_view name, std::string_view bytes, const ParseLimits& limits = {});

// An Exit::data error at FILE:LINE (line 0: no line).
core::Error error_at(std::string_view name, std::uint64_t line, std::string rule, std::string message);

// The line of a node (0 when unknown).
std::uint64_t line_of(const xmlNode* node) noexcept;

inline std::string_view sv(const xmlChar* s) noexcept {
    return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}
inline const xmlChar* xc(const char* s) noexcept {
    return reinterpret_cast<const xmlChar*>(s);
}

// Is the document UTF-16 (a UTF-16 byte order mark, or "<" next to a NUL)?
bool looks_utf16(std::string_view head) noexcept;

}  // namespace adx::xmldsig::detail

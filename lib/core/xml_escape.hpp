// SPDX-License-Identifier: Apache-2.0
#pragma once
// Escaping text for XML output, in the four ways adx writes XML: plain text
// and attribute values (derived schemas, documents made for re-parsing), and
// Canonical XML's text and attribute nodes (W3C C14N 1.0 §2.3, the same in
// 1.1 and exclusive), whose exact bytes are signed.

#include <string>
#include <string_view>

namespace adx::core {

enum class XmlEscape {
    text,            // & < >
    attribute,       // & < > " and TAB LF CR as &#9; &#10; &#13; (kept through attribute-value normalisation)
    c14n_text,       // & < > CR (&#xD;)
    c14n_attribute,  // & < " TAB LF CR (&#x9; &#xA; &#xD;)
};

// Appends s to out, each character that mode escapes replaced by its
// reference; runs of other bytes are appended whole (UTF-8 passes through).
void append_xml_escaped(std::string& out, std::string_view s, XmlEscape mode);

}  // namespace adx::core

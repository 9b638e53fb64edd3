// SPDX-License-Identifier: Apache-2.0
#pragma once
// Canonical XML with libxml2's xmlC14NExecute: Canonical XML 1.0, 1.1 and
// Exclusive XML Canonicalization 1.0, each with or without comments. The
// output streams to a sink in libxml2's buffer-sized chunks (a digest, say),
// so a 100 MB document is never held twice.
//
// What is canonicalized (the XPath node-set of XML-DSig):
//   whole document            Selection{}
//   one subtree               Selection{.subtree = node} (SignedInfo)
//   the document minus one    Selection{.exclude = node} (the enveloped-
//     subtree                   signature transform: the Signature element,
//                               its attributes, namespaces and descendants
//                               leave the node-set; everything else stays)
//   an explicit node-set      Selection{.nodes = set} (tests: XPath results)
//
// Internal to lib/xmldsig (and its tests).

#include "core/error.hpp"

#include <functional>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace adx::xmldsig::detail {

enum class C14nAlg { c14n10, c14n10_comments, c14n11, c14n11_comments, exc, exc_comments };

// The W3C algorithm URIs (CanonicalizationMethod and Transform Algorithm).
std::string_view c14n_uri(C14nAlg alg) noexcept;
std::optional<C14nAlg> c14n_from_uri(std::string_view uri) noexcept;
bool c14n_with_comments(C14nAlg alg) noexcept;
bool c14n_exclusive(C14nAlg alg) noexcept;

struct Selection {
    const xmlNode* subtree = nullptr;
    const xmlNode* exclude = nullptr;
    xmlNodeSet* nodes = nullptr;
};

using Sink = std::function<void(std::string_view)>;

// comments: nullopt follows the algorithm; false drops comments whatever the
// algorithm says (a same-document Reference URI="" names the document
// without its comments, XML-DSig §4.4.3.3). prefixes: the InclusiveNamespaces
// PrefixList of exclusive c14n ("#default" for the default namespace).
// A document libxml2 cannot canonicalize (a relative namespace URI, say):
// Exit::data, rule "malformed-xml".
core::Expected<void> canonicalize(xmlDoc* doc, C14nAlg alg, const Selection& sel, const Sink& sink,
                                  std::span<const std::string> prefixes = {},
                                  std::optional<bool> comments = std::nullopt);

core::Expected<std::string> canonical_string(xmlDoc* doc, C14nAlg alg, const Selection& sel,
                                             std::span<const std::string> prefixes = {},
                                             std::optional<bool> comments = std::nullopt);

}  // namespace adx::xmldsig::detail

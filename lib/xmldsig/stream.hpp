// SPDX-License-Identifier: Apache-2.0
#pragma once
// The reference digest in one streaming pass (libxml2 SAX2, no tree): the
// canonical form of the whole document, comments dropped (Reference URI=""),
// minus the ds:Signature element that is a child of the document element
// (the enveloped-signature transform), in exclusive c14n 1.0 (with an
// optional InclusiveNamespaces PrefixList) or c14n 1.0/1.1 (identical for a
// whole document). Byte for byte the same as libxml2's xmlC14NExecute on the
// parsed tree (tests/unit/xmldsig/test_stream.cpp checks it on the corpora,
// and fuzz_xmldsig on arbitrary input), at a fraction of the time and with
// flat memory: a 100 MB document is never held as a tree.
//
// The same parser options and refusals as parse.hpp (DOCTYPE, UTF-16, size).
// The pass also gathers what the strict profile checks about the whole
// document (signature count and place, Manifest, duplicate Id, comments
// splitting text), so that sign and verify can take this fast path and fall
// back to the tree only to report a refusal.
//
// Internal to lib/xmldsig (and its tests).

#include "core/error.hpp"
#include "xmldsig/c14n.hpp"
#include "xmldsig/parse.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace adx::xmldsig::detail {

struct StreamFacts {
    std::size_t signatures = 0;  // ds:Signature elements anywhere
    std::size_t manifests = 0;   // ds:Manifest elements anywhere
    bool duplicate_id = false;
    bool comment_in_text = false;
    // The ds:Signature that is a child of the document element (the first
    // one), as bytes of the input: [first, second).
    std::optional<std::pair<std::size_t, std::size_t>> signature_span;
    // The document element: its qualified name, namespace declarations
    // (prefix, URI; "" for the default) and attributes (qualified name,
    // value), UTF-8, to rebuild the Signature's context.
    std::string root_name;
    std::vector<std::pair<std::string, std::string>> root_namespaces;
    std::vector<std::pair<std::string, std::string>> root_attributes;
    bool utf8 = true;  // the input is UTF-8 (or ASCII)
};

struct StreamOptions {
    C14nAlg alg = C14nAlg::exc;         // comments are dropped whatever it says, unless keep_comments
    std::vector<std::string> prefixes;  // exclusive c14n only
    bool exclude_signature = true;      // the enveloped-signature transform
    bool keep_comments = false;         // tests: compare with libxml2's c14n "with comments"
    ParseLimits limits;
};

// Canonicalizes document into sink; malformed input: Exit::data with the
// parser's message (rules as parse.hpp).
core::Expected<StreamFacts> stream_c14n(std::string_view name, std::string_view document, const StreamOptions& opts,
                                        const Sink& sink);

}  // namespace adx::xmldsig::detail

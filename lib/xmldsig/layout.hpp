// SPDX-License-Identifier: Apache-2.0
#pragma once
// Where the Signature stands in a document's bytes (the document has been
// parsed: it is well-formed). Internal to lib/xmldsig.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace adx::xmldsig::detail {

// Where adx sign inserts the Signature: before the document element's end
// tag, or, for an empty-element root "<r .../>", in place of its "/>"
// (replaced by ">", the Signature and "</r>"). Only white space, comments and
// processing instructions may follow the document element.
struct Insertion {
    std::size_t at = 0;      // insert here
    std::size_t resume = 0;  // original bytes resume here
    std::string before;      // written before the Signature (empty root: ">")
    std::string after;       // and after it (empty root: "</r>")
};
std::optional<Insertion> find_insertion(std::string_view bytes);

// The bytes [first, second) of a "<P:Signature ...>...</P:Signature>" that
// ends right before the document element's end tag (white space between
// allowed), as adx sign and xmlsec1 place it; nullopt when there is none.
// A guess: the streaming pass confirms it (stream.hpp).
std::optional<std::pair<std::size_t, std::size_t>> guess_signature(std::string_view bytes);

}  // namespace adx::xmldsig::detail

// SPDX-License-Identifier: Apache-2.0
// Names of the profile: digest URIs, shape rule ids, XML sniffing.
#include "xmldsig/xmldsig.hpp"

#include <array>

namespace adx::xmldsig {

namespace {

struct DigestName {
    crypto::DigestAlg alg;
    std::string_view uri;
};

// RFC 6931/9231 §2.1; SM3: see xmldsig.hpp.
constexpr std::array<DigestName, 4> k_digests{{
    {crypto::DigestAlg::sha256, "http://www.w3.org/2001/04/xmlenc#sha256"},
    {crypto::DigestAlg::sha384, "http://www.w3.org/2001/04/xmldsig-more#sha384"},
    {crypto::DigestAlg::sha512, "http://www.w3.org/2001/04/xmlenc#sha512"},
    {crypto::DigestAlg::sm3, "http://www.w3.org/2021/04/xmldsig-more#sm3"},
}};

constexpr std::array<std::string_view, 13> k_shape_rules{
    "multiple-signatures",
    "signature-placement",
    "unexpected-element",
    "unexpected-attribute",
    "object",
    "manifest",
    "reference-count",
    "reference-uri",
    "transforms",
    "key-info",
    "hmac-output-length",
    "comment-in-text",
    "duplicate-id",
};

bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

}  // namespace

std::string_view digest_uri(crypto::DigestAlg alg) noexcept {
    for (const auto& d : k_digests) {
        if (d.alg == alg) return d.uri;
    }
    return {};
}

std::optional<crypto::DigestAlg> digest_from_uri(std::string_view uri) noexcept {
    for (const auto& d : k_digests) {
        if (d.uri == uri) return d.alg;
    }
    return std::nullopt;
}

bool is_shape_rule(std::string_view rule) noexcept {
    for (auto r : k_shape_rules) {
        if (r == rule) return true;
    }
    return false;
}

bool looks_like_xml(std::string_view head) noexcept {
    if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
    while (!head.empty() && is_space(head.front())) head.remove_prefix(1);
    if (head.size() < 2 || head[0] != '<') return false;
    char c = head[1];
    return c == '?' || c == '!' || c == '_' || c == ':' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace adx::xmldsig

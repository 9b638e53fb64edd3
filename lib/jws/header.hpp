// SPDX-License-Identifier: Apache-2.0
#pragma once
// The JOSE protected header of adx's JWS profile and the compact
// serialization's three parts (RFC 7515 §7.1). Parsing here checks shape
// only: which members, of which types, each at most once, in a header of
// bounded size. What the values must be (algorithm allowed, "b64" and "crit"
// as the profile wants, a certificate that chains) is verify.cpp's business.

#include "core/error.hpp"
#include "crypto/bytes.hpp"

#include <cstddef>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace adx::jws {

// Limits on what a verifier reads, before any cryptography.
inline constexpr std::size_t k_max_jws_size = 256 * 1024;    // whole compact text
inline constexpr std::size_t k_max_header_size = 64 * 1024;  // decoded header JSON
inline constexpr std::size_t k_max_x5c = 8;                  // certificates in x5c
inline constexpr std::size_t k_max_signature_size = 1024;    // RSA-8192

struct Header {
    std::string alg;          // "alg", as written
    std::optional<bool> b64;  // "b64" (RFC 7797); absent means true
    std::optional<std::vector<std::string>> crit;
    std::vector<crypto::Bytes> x5c;         // "x5c": DER certificates, leaf first
    std::optional<crypto::Bytes> x5t_s256;  // "x5t#S256": SHA-256 of the leaf's DER
    std::optional<std::time_t> sig_t;       // "sigT" (ETSI JAdES): claimed signing time, UTC
    std::string typ;                        // "typ", "" when absent
    std::string cty;                        // "cty", "" when absent
    std::string kid;                        // "kid", "" when absent
};

// The header as compact JSON, members in a fixed order: alg, b64, crit, typ,
// cty, kid, sigT, x5t#S256, x5c. Empty strings and absent optionals are left out.
std::string write_header(const Header& h);

// Parses the header JSON. Any problem is Exit::data, rule "malformed-signature",
// except an "alg" that is not a string (also malformed). Members other than
// those above are refused: adx's profile accepts the shapes adx writes.
core::Expected<Header> parse_header(std::string_view json);

// "2026-11-27T10:00:00Z" and back; only that form is read (JAdES sigT).
std::string format_sig_t(std::time_t t);
std::optional<std::time_t> parse_sig_t(std::string_view s);

// The three base64url parts of a compact JWS, as written.
struct CompactParts {
    std::string_view header;
    std::string_view payload;
    std::string_view signature;
};

// Splits "H.P.S", allowing one final "\n" or "\r\n". More or fewer than three
// parts, a character outside the base64url alphabet, or more than
// k_max_jws_size bytes: Exit::data, rule "malformed-signature".
core::Expected<CompactParts> split_compact(std::string_view text);

// base64url (no padding) decoding that refuses non-canonical text (stray bits
// in the last character), so that one value has one spelling.
core::Expected<crypto::Bytes> decode_b64url_strict(std::string_view s, std::string_view what);

// An Error of Exit::data with the rule and message.
core::Error jws_error(std::string rule, std::string message);

}  // namespace adx::jws

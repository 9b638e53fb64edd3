// SPDX-License-Identifier: Apache-2.0
#pragma once
// The submission protocol's small pieces, shared by adx serve (and usable by
// adx send): header syntax, problem bodies, receipt payloads. adx-serve(1)
// documents the protocol; these functions are its reference.

#include "core/error.hpp"
#include "crypto/bytes.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace adx::transport {

// The protocol's request headers.
inline constexpr std::string_view k_hdr_format = "Adx-Format";
inline constexpr std::string_view k_hdr_idempotency = "Idempotency-Key";
inline constexpr std::string_view k_hdr_digest = "Content-Digest";
inline constexpr std::string_view k_hdr_filename = "Adx-Filename";
inline constexpr std::string_view k_hdr_signature = "Adx-Signature";
// Response headers.
inline constexpr std::string_view k_hdr_submission_id = "Adx-Submission-Id";

inline constexpr std::string_view k_receipt_typ = "adx-receipt+jwt";
inline constexpr std::size_t k_max_listed_problems = 100;

// A request's header fields in the order received (names as sent).
using Headers = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive ASCII comparison of header names.
bool header_name_equal(std::string_view a, std::string_view b) noexcept;
// The fields named name (any case), in order.
std::vector<std::string_view> header_values(const Headers& headers, std::string_view name);

// RFC 9530 Content-Digest, an RFC 8941 dictionary of byte sequences:
//   sha-256=:BASE64:, sha-512=:BASE64:
// Other algorithms are ignored; sha-256 is required. Errors (Exit::data,
// rule "content-digest"): not a dictionary of byte sequences, a member
// named twice, sha-256 missing, a digest of the wrong length.
struct ContentDigest {
    crypto::Bytes sha256;
    std::optional<crypto::Bytes> sha512;
};
core::Expected<ContentDigest> parse_content_digest(std::string_view value);
// "sha-256=:BASE64:" for a digest.
std::string format_content_digest(const crypto::Bytes& sha256);

// 64 lowercase hex digits.
bool valid_idempotency_key(std::string_view key) noexcept;
// 32 lowercase hex digits (a submission id).
bool valid_submission_id(std::string_view id) noexcept;
// A new submission id: 16 random bytes (getrandom), lowercase hex.
std::string new_submission_id();

// RFC 9457 problem details: {"type":"about:blank","title","status","detail","rule"}.
std::string problem_json(int status, std::string_view detail, std::string_view rule);
// The reason phrase for a status ("Unprocessable Content").
std::string_view status_title(int status) noexcept;

struct ReceiptProblem {
    std::string rule;
    std::string message;
    std::uint64_t line = 0;
    std::uint64_t record = 0;
    std::string field;
};

struct ReceiptFacts {
    std::string submission_id;
    std::string sender;
    std::string format;
    std::string digest_hex;  // SHA-256 of the body
    std::uint64_t size = 0;
    std::uint64_t records = 0;
    std::string received_at;  // RFC 3339 UTC
    bool accepted = true;
    std::vector<ReceiptProblem> problems;  // at most k_max_listed_problems are written
    std::uint64_t problem_count = 0;
};

// The receipt's JSON payload (key order as adx-serve(1) lists it).
std::string receipt_payload(const ReceiptFacts& facts);

// The target of a request: "/v1/submissions" → Route::submit,
// "/v1/submissions/ID" → Route::status (id set), "/v1/health" → health.
// A query string is not accepted.
enum class Route { unknown, submit, status, health };
Route route_of(std::string_view path, std::string* id = nullptr);

}  // namespace adx::transport

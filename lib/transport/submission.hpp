// SPDX-License-Identifier: Apache-2.0
#pragma once
// What a submission carries and what comes back for it (adx-serve(1)):
// the document's SHA-256 (Idempotency-Key, Content-Digest) and the signed
// receipt, checked against the document it answers. The header syntax and
// the receipt payload's writer are in protocol.hpp (shared with adx serve).

#include "core/error.hpp"
#include "crypto/bytes.hpp"
#include "crypto/trust.hpp"
#include "jws/jws.hpp"
#include "transport/protocol.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace adx::transport {

// A file to deliver, digested before the first byte is sent.
struct Document {
    std::string path;    // as given
    std::string name;    // its base name (Adx-Filename, SFTP target name)
    std::string format;  // Adx-Format
    std::uint64_t size = 0;
    crypto::Bytes sha256;   // of the whole file
    std::string key;        // Idempotency-Key: lowercase hex of sha256
    std::string signature;  // Adx-Signature: the detached JWS of FILE.jws, when there is one
};

// Reads path to its end in 1 MiB blocks: size and SHA-256 (flat memory).
// Missing: Exit::no_input; read failure: Exit::io.
core::Expected<Document> digest_file(const std::string& path, std::string format);

// Reads path.jws into doc.signature when it exists (adx sign's detached
// JWS: one line "HEADER..SIGNATURE"). Not one line of that shape, or larger
// than a JWS may be: Exit::data, rule "malformed-signature".
core::Expected<void> load_detached_signature(Document& doc);

// The receipt's form of the digest: "sha-256:<lowercase hex>".
std::string receipt_digest(const crypto::Bytes& sha256);

// Where the receipt for file goes: FILE.receipt.jws beside it, or
// DIR/BASENAME.receipt.jws when dir is not empty.
std::string receipt_path(const std::string& file, const std::string& dir);

// Is s a well-formed format name ([a-z0-9][a-z0-9-]{0,63})?
bool valid_format_name(std::string_view s) noexcept;

// A receipt's payload (adx-serve(1), RECEIPTS).
struct Receipt {
    std::string submission_id;  // 32 lowercase hex
    std::string sender;
    std::string format;
    std::string digest;  // "sha-256:<hex>"
    std::uint64_t size = 0;
    std::uint64_t records = 0;
    std::string received_at;
    std::string status;  // "accepted" or "rejected"
    std::vector<ReceiptProblem> problems;
    std::uint64_t problem_count = 0;
    crypto::SignerInfo signer;
};

// Receipts are short; a longer answer is not one.
inline constexpr std::size_t k_max_receipt = 256 * 1024;

// Checks a compact JWS receipt for doc: the signature and chain against the
// trust store (jws::verify_compact), the typ, the payload's shape, and that
// it names doc's digest, size and format (any format when doc.format is
// empty: adx verify --receipt learns it from the receipt). Every failure is
// Exit::data with rule "receipt-invalid"; the message says what is wrong.
core::Expected<Receipt> check_receipt(std::string_view jws_text, const Document& doc, const jws::VerifyOptions& opts);

}  // namespace adx::transport

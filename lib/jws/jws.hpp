// SPDX-License-Identifier: Apache-2.0
#pragma once
// JSON Web Signatures in adx's strict profile.
//
// Detached (adx sign FILE → FILE.jws): RFC 7515 compact serialization with
// the unencoded, detached payload of RFC 7797. The .jws file is one line,
//     BASE64URL(UTF8(header)) ".." BASE64URL(signature) "\n"
// with the protected header
//     {"alg":A,"b64":false,"crit":["b64"],"sigT":"2026-11-27T10:00:00Z",
//      "x5t#S256":THUMBPRINT,"x5c":[LEAF,INTERMEDIATE...]}
// and the signature over ASCII(BASE64URL(UTF8(header))) || "." || the file's
// bytes, streamed (flat memory for any file size).
//
// Attached (signed receipts): the ordinary compact JWS H.P.S over a short
// JSON payload, the same header without "b64" and "crit".
//
// Algorithms (crypto/sig_algs.cpp): "ES256", "ES384" (raw r‖s, RFC 7518
// §3.4), "RS256" (RSASSA-PKCS1-v1_5), "PS256" (RSASSA-PSS, salt = 32), and
// "SM2": SM2 with SM3 (GM/T 0003.2) over Z_A ‖ signing input, Z_A computed
// with the signer's user ID — GM/T 0009's default "1234567812345678" unless
// SigOptions says otherwise — and the signature written raw r‖s, 64 bytes.
// JOSE registers no SM2 algorithm; "SM2" is adx's name.
//
// Verification rule ids (Exit::data): malformed-signature,
// algorithm-not-allowed, tampered, and the chain's unknown-signer, expired,
// not-yet-valid, revoked, key-usage, bad-chain (crypto/trust.hpp).

#include "core/input.hpp"
#include "crypto/cert.hpp"
#include "crypto/sign.hpp"
#include "crypto/trust.hpp"

#include <ctime>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace adx::jws {

struct SignRequest {
    const crypto::PrivateKey& key;
    std::vector<crypto::Certificate> chain{};  // leaf (the key's certificate) first, then intermediates
    std::optional<crypto::SigAlg> alg{};       // default: crypto::default_sig_alg(key.alg())
    crypto::SigOptions opts{};
    std::optional<std::time_t> signed_at{};  // "sigT"; default: core::now() (ADX_NOW)
    std::string typ{};                       // "typ", left out when empty
};

// The .jws text for payload, read to its end in 1 MiB blocks. The chain must
// not be empty and its leaf must hold key's public key (Exit::usage otherwise).
core::Expected<std::string> sign_detached(core::Input& payload, const SignRequest& req);
core::Expected<std::string> sign_detached(std::string_view payload, const SignRequest& req);

// How skew a signer's clock may be: a "sigT" further in the future than this
// is refused.
inline constexpr std::time_t k_max_clock_skew = 300;

struct VerifyOptions {
    const crypto::TrustStore& trust;
    // Time at which the chain must be valid; default: the claimed signing time "sigT".
    std::optional<std::time_t> at{};
    // Algorithms accepted; empty: all of crypto::sig_algs().
    std::span<const crypto::SigAlg> allowed{};
    crypto::SigOptions opts{};
    // Names the signature in error locations (Location::file).
    std::string name{};
};

// Checks jws_text (a detached b64=false JWS as sign_detached writes it)
// against payload, read to its end in 1 MiB blocks. The chain is checked
// before the payload is read. Returns who signed, with signed_at = "sigT".
core::Expected<crypto::SignerInfo> verify_detached(std::string_view jws_text, core::Input& payload,
                                                   const VerifyOptions& opts);
core::Expected<crypto::SignerInfo> verify_detached(std::string_view jws_text, std::string_view payload,
                                                   const VerifyOptions& opts);

// Attached compact JWS over payload (at most k_max_compact_payload bytes; a
// JSON text, by convention). No trailing newline.
inline constexpr std::size_t k_max_compact_payload = 64 * 1024;
core::Expected<std::string> sign_compact(std::string_view payload, const SignRequest& req);

struct CompactResult {
    std::string payload;
    std::string typ;  // "typ" of the header, "" when absent
    crypto::SignerInfo signer;
};
core::Expected<CompactResult> verify_compact(std::string_view jws_text, const VerifyOptions& opts);

}  // namespace adx::jws

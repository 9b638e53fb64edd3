// SPDX-License-Identifier: Apache-2.0
#pragma once
// The strict profile's shape checks (xmldsig.hpp lists them), shared by
// sign (which refuses input it could not verify) and verify.
// Internal to lib/xmldsig.

#include "crypto/bytes.hpp"
#include "crypto/cert.hpp"
#include "crypto/sign.hpp"
#include "xmldsig/c14n.hpp"
#include "xmldsig/xmldsig.hpp"

#include <functional>
#include <libxml/tree.h>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace adx::xmldsig::detail {

// One pass over the whole document: every ds:Signature and ds:Manifest
// element; a comment splitting text (comment-in-text) or two elements with
// the same Id/ID/xml:id (duplicate-id) is an error.
struct Scan {
    std::vector<xmlNode*> signatures;
    std::vector<xmlNode*> manifests;
};
core::Expected<Scan> scan_document(std::string_view name, xmlDoc* doc);

// A Signature that has the profile's shape, taken apart.
struct Parts {
    xmlNode* signature = nullptr;
    xmlNode* signed_info = nullptr;
    C14nAlg c14n = C14nAlg::exc;
    std::vector<std::string> c14n_prefixes;
    crypto::SigAlg alg{};
    xmlNode* signature_method = nullptr;
    xmlNode* reference = nullptr;
    std::optional<C14nAlg> ref_c14n;  // none: the enveloped transform alone (then c14n 1.0)
    std::vector<std::string> ref_prefixes;
    crypto::DigestAlg digest{};
    crypto::Bytes digest_value;
    xmlNode* digest_value_node = nullptr;
    crypto::Bytes signature_value;
    xmlNode* signature_value_node = nullptr;
    std::vector<crypto::Certificate> certs;  // KeyInfo order
    // KeyInfo names its key (ds:KeyName) instead of carrying certificates:
    // the signer must then be a certificate of the trust store itself.
    bool direct_trust = false;
    xmlNode* key_info = nullptr;
};

// The checks on the one Signature the scan found (placement, elements,
// attributes, algorithms against `allowed`; empty: all adx algorithms).
core::Expected<Parts> take_apart(std::string_view name, xmlDoc* doc, const Scan& scan,
                                 std::span<const crypto::SigAlg> allowed);

inline constexpr const char* k_ds = "http://www.w3.org/2000/09/xmldsig#";

bool is_ds(const xmlNode* n, std::string_view local) noexcept;

// Which way sign and verify go: the streaming pass where it can (any), or
// always the tree (tests compare the two; the tree is also what reports a
// refusal). taken: which way produced the result.
enum class Path { any, tree, stream };

// After take_apart: the signature over the canonical SignedInfo (doc holds
// p's nodes), then reference_digest() against the DigestValue, then the
// chain. Errors: signature-invalid, malformed-signature,
// algorithm-not-allowed, digest-mismatch, and the trust store's.
core::Expected<crypto::SignerInfo> conclude(std::string_view name, xmlDoc* doc, Parts& p, const VerifyOptions& opts,
                                            const std::function<core::Expected<crypto::Bytes>()>& reference_digest);
// The streaming path of verify (verify_stream.cpp); nullopt: take the tree.
std::optional<core::Expected<crypto::SignerInfo>> verify_streaming(std::string_view name, std::string_view document,
                                                                   const VerifyOptions& opts);
core::Expected<std::string> sign_with(std::string_view name, std::string_view document, const SignRequest& req,
                                      Path path);
core::Expected<crypto::SignerInfo> verify_with(std::string_view name, std::string_view document,
                                               const VerifyOptions& opts, Path path, Path* taken = nullptr);

}  // namespace adx::xmldsig::detail

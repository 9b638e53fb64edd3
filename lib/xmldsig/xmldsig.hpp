// SPDX-License-Identifier: Apache-2.0
#pragma once
// Enveloped XML signatures (XML-DSig 1.1) under adx's strict profile.
//
// What adx sign writes: the input bytes unchanged, with one ds:Signature
// inserted as the last child of the document element, right before its end
// tag (an empty root <r/> becomes <r>...</r>); nothing else is re-serialised:
//
//   <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
//     <ds:SignedInfo>
//       <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
//       <ds:SignatureMethod Algorithm="(crypto::info(alg).xmldsig_uri)"/>
//       <ds:Reference URI="">
//         <ds:Transforms>
//           <ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
//           <ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
//         </ds:Transforms>
//         <ds:DigestMethod Algorithm="(digest URI)"/>
//         <ds:DigestValue>base64</ds:DigestValue>
//       </ds:Reference>
//     </ds:SignedInfo>
//     <ds:SignatureValue>base64</ds:SignatureValue>
//     <ds:KeyInfo><ds:X509Data>
//       <ds:X509Certificate>leaf</ds:X509Certificate>
//       <ds:X509Certificate>intermediate</ds:X509Certificate> ...
//     </ds:X509Data></ds:KeyInfo>
//   </ds:Signature>
//
// Signature values: ECDSA and SM2 are raw r‖s, each left-padded to the
// curve size (XML-DSig 1.1 §6.4.3, RFC 4050; for SM2 adx does the same: 64
// bytes), RSA is the PKCS#1 v1.5 (or PSS) octet string. SM2 signs with the
// user ID of SigOptions (GM/T 0009's default "1234567812345678" unless the
// profile sets another). Digests: SHA-256/384/512 (URIs of RFC 6931/9231:
// xmlenc#sha256, xmldsig-more#sha384, xmlenc#sha512) and SM3
// ("http://www.w3.org/2021/04/xmldsig-more#sm3").
//
// What adx verify accepts, and nothing else (each refusal has its rule id):
//   - a well-formed document, UTF-8 or GB18030, no DOCTYPE, within the size
//     and depth limits                     malformed-xml, doctype, encoding, too-large
//   - exactly one ds:Signature element anywhere in the document
//                                          no-signature, multiple-signatures
//   - and it is a child of the document element
//                                          signature-placement
//   - Signature = SignedInfo, SignatureValue, KeyInfo, in that order; no
//     Object (and so no Manifest), no other element, no text but white
//     space; attributes: Id only             unexpected-element, object, manifest,
//                                            unexpected-attribute
//   - SignedInfo = CanonicalizationMethod (any of the six W3C c14n URIs:
//     1.0, 1.1, exclusive, each with or without comments; exclusive may
//     carry one InclusiveNamespaces PrefixList), SignatureMethod (no
//     children: no HMACOutputLength), exactly one Reference
//                                          algorithm-not-allowed, hmac-output-length,
//                                          reference-count
//   - Reference: URI="" (the whole document; "#id", XPointer or any other
//     URI is refused), no Type, Transforms = enveloped-signature optionally
//     followed by one c14n transform (the six above), DigestMethod
//     SHA-256/384/512/SM3, DigestValue of the digest's size
//                                          reference-uri, unexpected-attribute,
//                                          transforms, algorithm-not-allowed,
//                                          malformed-signature
//   - Transforms may instead end with the XPath filter
//     not(ancestor-or-self::P:Signature), P bound to the XML-DSig namespace,
//     which selects what enveloped-signature does (older signers write it)
//   - KeyInfo = one X509Data of one or more X509Certificate, or one KeyName:
//     then the signer must be a trust-store certificate itself, checked for
//     validity and key usage only (no KeyValue, RetrievalMethod,
//     X509IssuerSerial, ...)
//                                          key-info
//   - no comment splitting a text node anywhere (a comment is not signed, as
//     URI="" excludes comments whatever the c14n; "ab<!---->cd" would let
//     a naive reader see "ab")            comment-in-text
//   - no two elements with the same Id, ID or xml:id attribute
//                                          duplicate-id
//   - SignatureMethod in the allow-list, and of the key type of the
//     certificate                          algorithm-not-allowed
//   - the signature over the canonical SignedInfo verifies with one of the
//     KeyInfo certificates: that one is the signer (leaf); the others are
//     untrusted intermediates              signature-invalid, malformed-signature
//   - the reference digest matches         digest-mismatch
//   - the chain leads to an anchor of the trust store at the time given
//     (crypto::TrustStore::verify)         unknown-signer, expired, not-yet-valid,
//                                          revoked, key-usage, bad-chain
// Every error is Exit::data with FILE:LINE of the element concerned.
// Comments: Reference URI="" names the document without its comments
// (XML-DSig §4.4.3.3), whatever the c14n algorithm says, so comments are
// never signed (adx and xmlsec1 agree); hence the comment-in-text rule.
//
// Speed and memory: the reference digest is computed in one streaming SAX
// pass (stream.hpp), byte-identical to libxml2's c14n on the tree, so a
// large document is never held as a tree (sign always; verify when the
// Signature is the last child of the document element, as adx and xmlsec1
// place it). Anything else, and every refusal, goes through the tree.
// XML signatures in this profile carry no signing time: SignerInfo::signed_at
// is 0, and the chain is checked at VerifyOptions::at (default: now).

#include "core/error.hpp"
#include "core/output.hpp"
#include "crypto/cert.hpp"
#include "crypto/sign.hpp"
#include "crypto/trust.hpp"

#include <ctime>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace adx::xmldsig {

struct SignRequest {
    const crypto::PrivateKey& key;
    std::vector<crypto::Certificate> chain{};  // the signer's certificate first, then intermediates
    crypto::SigAlg alg{};
    std::optional<crypto::DigestAlg> digest{};  // default: the algorithm's own (SHA-256, SM3 for SM2-SM3)
    crypto::SigOptions opts{};
    std::size_t max_bytes = std::size_t{1} << 30;
};

// The signed document: the input bytes with the Signature inserted, written
// to out (the caller commits). Errors: the input is not XML adx can sign
// (Exit::data: malformed-xml, doctype, encoding, too-large, already-signed,
// comment-in-text, duplicate-id); the key does not suit the algorithm or the
// certificate is not the key's (Exit::usage, rule "key-mismatch").
core::Expected<void> sign(std::string_view name, std::string_view document, const SignRequest& req, core::Output& out);
core::Expected<std::string> sign(std::string_view name, std::string_view document, const SignRequest& req);

struct VerifyOptions {
    const crypto::TrustStore& trust;
    std::optional<std::time_t> at{};            // default: now
    std::span<const crypto::SigAlg> allowed{};  // empty: every algorithm adx knows
    crypto::SigOptions opts{};
    std::size_t max_bytes = std::size_t{1} << 30;
};

core::Expected<crypto::SignerInfo> verify(std::string_view name, std::string_view document, const VerifyOptions& opts);

// Is this the start of an XML document (optional BOM and white space, then
// "<?xml", "<!--" or a start tag)? adx sign and verify choose XML-DSig or JWS by it.
bool looks_like_xml(std::string_view head) noexcept;

// The rule ids that name a signature shape outside the profile
// (multiple-signatures, signature-placement, reference-uri, transforms, ...).
bool is_shape_rule(std::string_view rule) noexcept;

// URIs of the profile, for documentation and tests.
inline constexpr std::string_view k_ns_dsig = "http://www.w3.org/2000/09/xmldsig#";
inline constexpr std::string_view k_enveloped = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
inline constexpr std::string_view k_exc_c14n = "http://www.w3.org/2001/10/xml-exc-c14n#";
std::string_view digest_uri(crypto::DigestAlg alg) noexcept;
std::optional<crypto::DigestAlg> digest_from_uri(std::string_view uri) noexcept;

}  // namespace adx::xmldsig

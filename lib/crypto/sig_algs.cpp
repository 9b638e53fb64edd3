// SPDX-License-Identifier: Apache-2.0
// The one table of signature algorithms: adx's name, the JWS "alg" (RFC 7518
// §3.1) and the XML-DSig SignatureMethod URI (RFC 9231 / IANA "XML Security
// URIs"). JOSE has no registered name for SM2-with-SM3; adx uses "SM2"
// (raw r‖s, 64 bytes, SM3 over Z_A ‖ M) and documents it in adx-sign(1).
#include "crypto/sign.hpp"

#include <array>

namespace adx::crypto {

namespace {

constexpr std::array k_algs{
    SigAlgInfo{SigAlg::sm2_sm3, "SM2-SM3", "SM2", "http://www.w3.org/2021/04/xmldsig-more#sm2-sm3", KeyAlg::sm2,
               DigestAlg::sm3, 32},
    SigAlgInfo{SigAlg::es256, "ES256", "ES256", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", KeyAlg::p256,
               DigestAlg::sha256, 32},
    SigAlgInfo{SigAlg::es384, "ES384", "ES384", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384", KeyAlg::p384,
               DigestAlg::sha384, 48},
    SigAlgInfo{SigAlg::rs256, "RS256", "RS256", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", KeyAlg::rsa,
               DigestAlg::sha256, 0},
    SigAlgInfo{SigAlg::ps256, "PS256", "PS256", "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1", KeyAlg::rsa,
               DigestAlg::sha256, 0},
};

}  // namespace

std::span<const SigAlgInfo> sig_algs() noexcept { return k_algs; }

const SigAlgInfo& info(SigAlg alg) noexcept {
    for (const auto& a : k_algs) {
        if (a.alg == alg) return a;
    }
    return k_algs[0];
}

std::optional<SigAlg> sig_alg_from_name(std::string_view name) noexcept {
    for (const auto& a : k_algs) {
        if (a.name == name) return a.alg;
    }
    return std::nullopt;
}

std::optional<SigAlg> sig_alg_from_jws(std::string_view alg) noexcept {
    for (const auto& a : k_algs) {
        if (a.jws == alg) return a.alg;
    }
    return std::nullopt;
}

std::optional<SigAlg> sig_alg_from_uri(std::string_view uri) noexcept {
    for (const auto& a : k_algs) {
        if (a.xmldsig_uri == uri) return a.alg;
    }
    return std::nullopt;
}

SigAlg default_sig_alg(KeyAlg key) noexcept {
    switch (key) {
    case KeyAlg::sm2: return SigAlg::sm2_sm3;
    case KeyAlg::p256: return SigAlg::es256;
    case KeyAlg::p384: return SigAlg::es384;
    case KeyAlg::rsa: return SigAlg::rs256;
    }
    return SigAlg::sm2_sm3;
}

}  // namespace adx::crypto

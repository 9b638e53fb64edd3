// SPDX-License-Identifier: Apache-2.0
#pragma once
// Streaming signatures: SM2-with-SM3 (GM/T 0003.2, with the signer's user ID
// in Z_A), ECDSA with SHA-2, RSA PKCS#1 v1.5 and RSA-PSS. One table names each
// algorithm for JWS and XML-DSig, so that no caller spells a URI by hand.

#include "crypto/digest.hpp"
#include "crypto/key.hpp"

#include <optional>
#include <span>
#include <string_view>

namespace adx::crypto {

enum class SigAlg { sm2_sm3, es256, es384, rs256, ps256 };

struct SigAlgInfo {
    SigAlg alg;
    std::string_view name;         // "SM2-SM3", "ES256", ... (adx's own name, also the --alg value)
    std::string_view jws;          // JWS "alg" (RFC 7518, or adx's documented name for SM2)
    std::string_view xmldsig_uri;  // SignatureMethod Algorithm (RFC 9231 where registered)
    KeyAlg key;
    DigestAlg digest;
    std::size_t raw_size;          // r‖s size in bytes for EC algorithms; 0 for RSA
};

std::span<const SigAlgInfo> sig_algs() noexcept;
const SigAlgInfo& info(SigAlg alg) noexcept;
std::optional<SigAlg> sig_alg_from_name(std::string_view name) noexcept;
std::optional<SigAlg> sig_alg_from_jws(std::string_view alg) noexcept;
std::optional<SigAlg> sig_alg_from_uri(std::string_view uri) noexcept;
// The algorithm adx signs with for a key: SM2-SM3, ES256, ES384, RS256.
SigAlg default_sig_alg(KeyAlg key) noexcept;

// GM/T 0009's default SM2 user ID, used unless the profile sets another.
inline constexpr std::string_view k_sm2_default_id = "1234567812345678";

// How an EC or SM2 signature is written: DER SEQUENCE{r, s} (GM/T 0009, X.509)
// or raw fixed-size r‖s (JWS, XML-DSig 1.1, many SM2 peers). RSA ignores this.
enum class SigEncoding { der, raw };

struct SigOptions {
    std::string sm2_id{k_sm2_default_id};
};

class Signer {
public:
    // The key must suit the algorithm (Exit::usage otherwise).
    static core::Expected<Signer> start(const PrivateKey& key, SigAlg alg, const SigOptions& opts = {});
    Signer(Signer&&) noexcept;
    Signer& operator=(Signer&&) noexcept;
    ~Signer();

    void update(const void* data, std::size_t n);
    void update(std::string_view s) { update(s.data(), s.size()); }
    core::Expected<Bytes> finish(SigEncoding enc);

private:
    struct Impl;
    explicit Signer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

class Verifier {
public:
    static core::Expected<Verifier> start(const PublicKey& key, SigAlg alg, const SigOptions& opts = {});
    Verifier(Verifier&&) noexcept;
    Verifier& operator=(Verifier&&) noexcept;
    ~Verifier();

    void update(const void* data, std::size_t n);
    void update(std::string_view s) { update(s.data(), s.size()); }
    // true: the signature holds; false: it does not. A signature that cannot be
    // decoded (wrong length, bad DER, r or s out of range) is an Error with rule
    // "malformed-signature" (Exit::data).
    core::Expected<bool> finish(const Bytes& signature, SigEncoding enc);

private:
    struct Impl;
    explicit Verifier(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// Conversions between the two EC encodings; n is the size of r (and of s).
// Strict: non-minimal DER, trailing bytes or a value wider than n is an error.
core::Expected<Bytes> ec_der_to_raw(const Bytes& der, std::size_t n);
core::Expected<Bytes> ec_raw_to_der(const Bytes& raw);

}  // namespace adx::crypto

// SPDX-License-Identifier: Apache-2.0
#pragma once
// Private and public keys: SM2 (GM/T 0003), ECDSA P-256 and RSA. Private keys
// are PKCS#8 PEM files, optionally encrypted; a private key file readable by
// group or others is refused (Exit::no_perm), as DESIGN.md's security rules say.

#include "crypto/bytes.hpp"

#include <memory>
#include <optional>
#include <string>

using EVP_PKEY = struct evp_pkey_st;

namespace adx::crypto {

enum class KeyAlg { sm2, p256, p384, rsa };

// "SM2", "ECDSA P-256", "ECDSA P-384", "RSA".
std::string_view key_alg_name(KeyAlg alg) noexcept;

// Where a passphrase comes from: a file (first line) or an environment
// variable, never the command line. Both empty: no passphrase.
struct PassphraseSource {
    std::string file;
    std::string env;
};
// The passphrase, or nullopt when the source is empty. Missing file or unset
// variable: Exit::no_input / Exit::config; a file readable by others: Exit::no_perm.
core::Expected<std::optional<std::string>> read_passphrase(const PassphraseSource& src);

class PublicKey {
public:
    PublicKey() = default;
    explicit PublicKey(std::shared_ptr<EVP_PKEY> pkey);
    // A SubjectPublicKeyInfo in PEM or DER. Unsupported algorithm or curve: Exit::data.
    static core::Expected<PublicKey> from_pem(std::string_view pem);
    static core::Expected<PublicKey> from_der(const Bytes& der);

    KeyAlg alg() const noexcept { return m_alg; }
    int bits() const noexcept;
    Bytes spki_der() const;
    EVP_PKEY* get() const noexcept { return m_pkey.get(); }
    bool operator==(const PublicKey& other) const noexcept;

private:
    std::shared_ptr<EVP_PKEY> m_pkey;
    KeyAlg m_alg = KeyAlg::sm2;
};

class PrivateKey {
public:
    PrivateKey() = default;
    explicit PrivateKey(std::shared_ptr<EVP_PKEY> pkey);
    // rsa_bits only for KeyAlg::rsa (3072 unless told).
    static core::Expected<PrivateKey> generate(KeyAlg alg, int rsa_bits = 3072);
    // Reads a PKCS#8 (or traditional) PEM private key. Checks the file mode
    // first (Exit::no_perm). Wrong passphrase or not a key: Exit::data.
    static core::Expected<PrivateKey> load(const std::string& path, const std::optional<std::string>& passphrase);
    static core::Expected<PrivateKey> from_pem(std::string_view pem, const std::optional<std::string>& passphrase,
                                               const std::string& name = "-");

    // PKCS#8 PEM; encrypted with AES-256-CBC (PBKDF2) when a passphrase is given.
    core::Expected<std::string> to_pem(const std::optional<std::string>& passphrase) const;

    KeyAlg alg() const noexcept { return m_alg; }
    PublicKey public_key() const;
    EVP_PKEY* get() const noexcept { return m_pkey.get(); }

private:
    std::shared_ptr<EVP_PKEY> m_pkey;
    KeyAlg m_alg = KeyAlg::sm2;
};

}  // namespace adx::crypto

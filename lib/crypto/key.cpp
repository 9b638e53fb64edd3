// SPDX-License-Identifier: Apache-2.0
#include "crypto/key.hpp"

#include "core/config.hpp"
#include "core/i18n.hpp"
#include "crypto/ossl.hpp"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace adx::crypto {

using core::Error;
using core::Exit;
using core::Expected;
using core::trf;

namespace ossl {

std::string last_error() {
    unsigned long code = 0;
    unsigned long last = 0;
    while ((code = ERR_get_error()) != 0) last = code;
    if (!last) return {};
    const char* reason = ERR_reason_error_string(last);
    return reason ? reason : "unknown OpenSSL error";
}

Ptr<BIO> mem_bio(std::string_view s) { return Ptr<BIO>(BIO_new_mem_buf(s.data(), static_cast<int>(s.size()))); }

}  // namespace ossl

namespace {

// The algorithm of a key adx supports, or nullopt.
std::optional<KeyAlg> alg_of(EVP_PKEY* pkey) {
    if (EVP_PKEY_is_a(pkey, "SM2")) return KeyAlg::sm2;
    if (EVP_PKEY_is_a(pkey, "RSA")) return KeyAlg::rsa;
    if (EVP_PKEY_is_a(pkey, "EC")) {
        char group[64] = {};
        std::size_t len = 0;
        if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len) != 1) {
            return std::nullopt;
        }
        std::string_view g(group, len);
        if (g == "prime256v1" || g == "P-256") return KeyAlg::p256;
        if (g == "secp384r1" || g == "P-384") return KeyAlg::p384;
        if (g == "SM2") return KeyAlg::sm2;
    }
    return std::nullopt;
}

Error unsupported_key(const std::string& name) {
    Error e{Exit::data, trf("{name}: unsupported key type (adx uses SM2, ECDSA P-256/P-384 and RSA keys)",
                            fmt::arg("name", name))};
    e.rule = "algorithm-not-allowed";
    return e;
}

struct PassCtx {
    const std::optional<std::string>* pass;
    bool asked = false;
};

int pass_cb(char* buf, int size, int /*rwflag*/, void* u) {
    auto* ctx = static_cast<PassCtx*>(u);
    ctx->asked = true;
    if (!ctx->pass->has_value()) return -1;
    const std::string& p = **ctx->pass;
    if (static_cast<int>(p.size()) > size) return -1;
    std::memcpy(buf, p.data(), p.size());
    return static_cast<int>(p.size());
}

Expected<std::string> read_whole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Error{Exit::no_input,
                     trf("cannot read '{path}': {reason}", fmt::arg("path", path), fmt::arg("reason", std::strerror(errno)))};
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

std::string_view key_alg_name(KeyAlg alg) noexcept {
    switch (alg) {
    case KeyAlg::sm2: return "SM2";
    case KeyAlg::p256: return "ECDSA P-256";
    case KeyAlg::p384: return "ECDSA P-384";
    case KeyAlg::rsa: return "RSA";
    }
    return "?";
}

Expected<std::optional<std::string>> read_passphrase(const PassphraseSource& src) {
    if (!src.file.empty()) {
        if (auto ok = core::check_secret_file(src.file); !ok) return std::move(ok).error();
        auto text = read_whole(src.file);
        if (!text) return std::move(text).error();
        std::string p = text->substr(0, text->find('\n'));
        if (!p.empty() && p.back() == '\r') p.pop_back();
        return std::optional<std::string>(std::move(p));
    }
    if (!src.env.empty()) {
        const char* v = std::getenv(src.env.c_str());
        if (!v) {
            return Error{Exit::config, trf("the environment variable {var} that should hold the passphrase is not set",
                                           fmt::arg("var", src.env))};
        }
        return std::optional<std::string>(v);
    }
    return std::optional<std::string>();
}

// ---- PublicKey -------------------------------------------------------------

PublicKey::PublicKey(std::shared_ptr<EVP_PKEY> pkey) : m_pkey(std::move(pkey)) {
    if (m_pkey) m_alg = alg_of(m_pkey.get()).value_or(KeyAlg::rsa);
}

Expected<PublicKey> PublicKey::from_pem(std::string_view pem) {
    auto bio = ossl::mem_bio(pem);
    EVP_PKEY* p = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
    if (!p) return Error{Exit::data, trf("not a PEM public key: {reason}", fmt::arg("reason", ossl::last_error()))};
    auto owned = ossl::share(p);
    if (!alg_of(p)) return unsupported_key("-");
    return PublicKey(owned);
}

Expected<PublicKey> PublicKey::from_der(const Bytes& der) {
    const unsigned char* q = der.data();
    EVP_PKEY* p = d2i_PUBKEY(nullptr, &q, static_cast<long>(der.size()));
    if (!p || q != der.data() + der.size()) {
        if (p) EVP_PKEY_free(p);
        return Error{Exit::data, trf("not a DER public key: {reason}", fmt::arg("reason", ossl::last_error()))};
    }
    auto owned = ossl::share(p);
    if (!alg_of(p)) return unsupported_key("-");
    return PublicKey(owned);
}

int PublicKey::bits() const noexcept { return m_pkey ? EVP_PKEY_get_bits(m_pkey.get()) : 0; }

Bytes PublicKey::spki_der() const {
    unsigned char* buf = nullptr;
    int len = i2d_PUBKEY(m_pkey.get(), &buf);
    if (len <= 0) return {};
    Bytes out(buf, buf + len);
    OPENSSL_free(buf);
    return out;
}

bool PublicKey::operator==(const PublicKey& other) const noexcept {
    return m_pkey && other.m_pkey && EVP_PKEY_eq(m_pkey.get(), other.m_pkey.get()) == 1;
}

// ---- PrivateKey ------------------------------------------------------------

PrivateKey::PrivateKey(std::shared_ptr<EVP_PKEY> pkey) : m_pkey(std::move(pkey)) {
    if (m_pkey) m_alg = alg_of(m_pkey.get()).value_or(KeyAlg::rsa);
}

Expected<PrivateKey> PrivateKey::generate(KeyAlg alg, int rsa_bits) {
    EVP_PKEY* p = nullptr;
    switch (alg) {
    case KeyAlg::sm2: p = EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"); break;
    case KeyAlg::p256: p = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"); break;
    case KeyAlg::p384: p = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"); break;
    case KeyAlg::rsa: p = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(rsa_bits)); break;
    }
    if (!p) {
        return Error{Exit::software, trf("cannot generate a {alg} key: {reason}", fmt::arg("alg", key_alg_name(alg)),
                                         fmt::arg("reason", ossl::last_error()))};
    }
    return PrivateKey(ossl::share(p));
}

Expected<PrivateKey> PrivateKey::load(const std::string& path, const std::optional<std::string>& passphrase) {
    if (auto ok = core::check_secret_file(path); !ok) return std::move(ok).error();
    auto text = read_whole(path);
    if (!text) return std::move(text).error();
    return from_pem(*text, passphrase, path);
}

Expected<PrivateKey> PrivateKey::from_pem(std::string_view pem, const std::optional<std::string>& passphrase,
                                          const std::string& name) {
    auto bio = ossl::mem_bio(pem);
    PassCtx ctx{&passphrase};
    EVP_PKEY* p = PEM_read_bio_PrivateKey(bio.get(), nullptr, pass_cb, &ctx);
    if (!p) {
        std::string reason = ossl::last_error();
        if (ctx.asked && !passphrase) {
            Error e{Exit::data, trf("{name}: the private key is encrypted and no passphrase was given",
                                    fmt::arg("name", name))};
            e.hint = core::tr("give --passphrase-file FILE or --passphrase-env VAR");
            return e;
        }
        if (ctx.asked) {
            return Error{Exit::data, trf("{name}: cannot decrypt the private key (wrong passphrase?)", fmt::arg("name", name))};
        }
        return Error{Exit::data, trf("{name}: not a PEM private key: {reason}", fmt::arg("name", name),
                                     fmt::arg("reason", reason))};
    }
    auto owned = ossl::share(p);
    if (!alg_of(p)) return unsupported_key(name);
    return PrivateKey(owned);
}

Expected<std::string> PrivateKey::to_pem(const std::optional<std::string>& passphrase) const {
    ossl::Ptr<BIO> bio(BIO_new(BIO_s_mem()));
    int ok = 0;
    if (passphrase) {
        ok = PEM_write_bio_PKCS8PrivateKey(bio.get(), m_pkey.get(), EVP_aes_256_cbc(), passphrase->data(),
                                           static_cast<int>(passphrase->size()), nullptr, nullptr);
    } else {
        ok = PEM_write_bio_PKCS8PrivateKey(bio.get(), m_pkey.get(), nullptr, nullptr, 0, nullptr, nullptr);
    }
    if (ok != 1) {
        return Error{Exit::software, trf("cannot write the private key: {reason}", fmt::arg("reason", ossl::last_error()))};
    }
    char* data = nullptr;
    long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
}

PublicKey PrivateKey::public_key() const {
    // The public half, re-read through its SubjectPublicKeyInfo so that the
    // object holds no private material.
    unsigned char* buf = nullptr;
    int len = i2d_PUBKEY(m_pkey.get(), &buf);
    if (len <= 0) return PublicKey{};
    const unsigned char* q = buf;
    EVP_PKEY* p = d2i_PUBKEY(nullptr, &q, len);
    OPENSSL_free(buf);
    return PublicKey(ossl::share(p));
}

}  // namespace adx::crypto

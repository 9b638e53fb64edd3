// SPDX-License-Identifier: Apache-2.0
#include "crypto/digest.hpp"

#include "crypto/ossl.hpp"

#include <openssl/evp.h>

#include <cctype>
#include <stdexcept>

namespace adx::crypto {

namespace {

const EVP_MD* md_of(DigestAlg alg) {
    switch (alg) {
    case DigestAlg::sha256: return EVP_sha256();
    case DigestAlg::sha384: return EVP_sha384();
    case DigestAlg::sha512: return EVP_sha512();
    case DigestAlg::sm3: return EVP_sm3();
    }
    return EVP_sha256();
}

}  // namespace

namespace ossl {
const EVP_MD* evp_md(DigestAlg alg) { return md_of(alg); }
}  // namespace ossl

std::string_view digest_name(DigestAlg alg) noexcept {
    switch (alg) {
    case DigestAlg::sha256: return "SHA-256";
    case DigestAlg::sha384: return "SHA-384";
    case DigestAlg::sha512: return "SHA-512";
    case DigestAlg::sm3: return "SM3";
    }
    return "?";
}

std::optional<DigestAlg> digest_from_name(std::string_view name) noexcept {
    std::string n;
    for (char c : name) {
        if (c != '-') n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (n == "sha256") return DigestAlg::sha256;
    if (n == "sha384") return DigestAlg::sha384;
    if (n == "sha512") return DigestAlg::sha512;
    if (n == "sm3") return DigestAlg::sm3;
    return std::nullopt;
}

std::size_t digest_size(DigestAlg alg) noexcept {
    switch (alg) {
    case DigestAlg::sha384: return 48;
    case DigestAlg::sha512: return 64;
    default: return 32;
    }
}

struct Digest::Impl {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Impl() { EVP_MD_CTX_free(ctx); }
};

Digest::Digest(DigestAlg alg) : m_impl(std::make_unique<Impl>()), m_alg(alg) {
    if (!m_impl->ctx || EVP_DigestInit_ex(m_impl->ctx, md_of(alg), nullptr) != 1) {
        throw std::runtime_error("OpenSSL cannot start a digest");
    }
}
Digest::Digest(Digest&&) noexcept = default;
Digest& Digest::operator=(Digest&&) noexcept = default;
Digest::~Digest() = default;

void Digest::update(const void* data, std::size_t n) { EVP_DigestUpdate(m_impl->ctx, data, n); }

Bytes Digest::finish() {
    Bytes out(EVP_MAX_MD_SIZE);
    unsigned int len = 0;
    EVP_DigestFinal_ex(m_impl->ctx, out.data(), &len);
    out.resize(len);
    EVP_DigestInit_ex(m_impl->ctx, md_of(m_alg), nullptr);
    return out;
}

Bytes Digest::of(DigestAlg alg, std::string_view data) {
    Digest d(alg);
    d.update(data);
    return d.finish();
}

}  // namespace adx::crypto

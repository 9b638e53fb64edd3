// SPDX-License-Identifier: Apache-2.0
#pragma once
// Internal to lib/crypto: OpenSSL handles with owners, and OpenSSL's error
// queue as text. Not for use outside this module.

#include "crypto/digest.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

namespace adx::crypto::ossl {

struct Free {
    void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
    void operator()(EVP_PKEY_CTX* p) const noexcept { EVP_PKEY_CTX_free(p); }
    void operator()(EVP_MD_CTX* p) const noexcept { EVP_MD_CTX_free(p); }
    void operator()(BIO* p) const noexcept { BIO_free(p); }
    void operator()(X509* p) const noexcept { X509_free(p); }
};
template <class T>
using Ptr = std::unique_ptr<T, Free>;

inline std::shared_ptr<EVP_PKEY> share(EVP_PKEY* p) { return {p, Free{}}; }
inline std::shared_ptr<X509> share(X509* p) { return {p, Free{}}; }

const EVP_MD* evp_md(DigestAlg alg);

// The last reason in OpenSSL's error queue ("bad decrypt"), and clears the
// queue; "" when it is empty.
std::string last_error();

// A read-only memory BIO over s (valid while s lives).
Ptr<BIO> mem_bio(std::string_view s);

}  // namespace adx::crypto::ossl

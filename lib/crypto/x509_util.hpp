// SPDX-License-Identifier: Apache-2.0
#pragma once
// Internal to lib/crypto: owners for OpenSSL's X.509 objects and the small
// conversions cert.cpp, trust.cpp and issue.cpp share. Not for use outside.

#include "core/error.hpp"
#include "crypto/bytes.hpp"
#include "crypto/sign.hpp"

#include <ctime>
#include <memory>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#include <string>
#include <string_view>
#include <vector>

namespace adx::crypto::x509 {

struct Free {
    void operator()(X509* p) const noexcept { X509_free(p); }
    void operator()(X509_REQ* p) const noexcept { X509_REQ_free(p); }
    void operator()(X509_CRL* p) const noexcept { X509_CRL_free(p); }
    void operator()(X509_NAME* p) const noexcept { X509_NAME_free(p); }
    void operator()(X509_STORE* p) const noexcept { X509_STORE_free(p); }
    void operator()(X509_STORE_CTX* p) const noexcept { X509_STORE_CTX_free(p); }
    void operator()(X509_EXTENSION* p) const noexcept { X509_EXTENSION_free(p); }
    void operator()(X509_REVOKED* p) const noexcept { X509_REVOKED_free(p); }
    // ASN1_INTEGER, ASN1_TIME, ASN1_OCTET_STRING: all one type to C++
    void operator()(ASN1_STRING* p) const noexcept { ASN1_STRING_free(p); }
    void operator()(BIGNUM* p) const noexcept { BN_free(p); }
    void operator()(GENERAL_NAMES* p) const noexcept { GENERAL_NAMES_free(p); }
    void operator()(EXTENDED_KEY_USAGE* p) const noexcept { EXTENDED_KEY_USAGE_free(p); }
    void operator()(STACK_OF(X509) * p) const noexcept { sk_X509_pop_free(p, X509_free); }
};
template <class T>
using Ptr = std::unique_ptr<T, Free>;

// The whole of a file ("-": standard input). Missing or unreadable: Exit::no_input.
core::Expected<std::string> read_file(const std::string& path);

// True when text looks like PEM (has a "-----BEGIN " line).
bool is_pem(std::string_view text) noexcept;

// RFC 2253 form with UTF-8 kept as is: "CN=张三,O=...,C=CN".
std::string name_text(const X509_NAME* name);
// The value of an attribute as UTF-8, "" when absent (the last one if repeated).
std::string name_entry(const X509_NAME* name, int nid);

std::time_t to_time_t(const ASN1_TIME* t) noexcept;
// "2026-11-27T01:00:00Z"
std::string iso_utc(std::time_t t);

// Upper-case hex of an INTEGER, without separators ("0A1B...").
std::string integer_hex(const ASN1_INTEGER* i);

// The SM2 distinguishing ID set on a copy of cert or request, so that OpenSSL
// checks their SM2-with-SM3 signatures with the GM/T 0009 default user ID.
void set_sm2_id(X509* cert);
void set_sm2_id(X509_REQ* req);
bool is_sm2_signed(const X509_ALGOR* alg) noexcept;

// Signs the to-be-signed part with key: SM2-with-SM3 with the GM/T 0009 user
// ID for SM2 keys, ECDSA with SHA-256/384 for P-256/P-384, sha256WithRSA.
enum class Signable { cert, req, crl };
core::Expected<void> sign(void* obj, Signable kind, const PrivateKey& key);

// subjectAltName entries from "DNS:x", "IP:a", "email:e", "URI:u" or a bare
// host name or IP address. Not valid: Exit::usage.
core::Expected<Ptr<GENERAL_NAMES>> general_names(const std::vector<std::string>& san);

// Verifies an SM2-with-SM3 signature of a CRL with the GM/T 0009 user ID
// (OpenSSL 3.0 has no way to give a CRL an ID, and uses an empty one).
bool verify_crl_sm2(X509_CRL* crl, EVP_PKEY* issuer_key);

}  // namespace adx::crypto::x509

// SPDX-License-Identifier: Apache-2.0
#include "crypto/x509_util.hpp"

#include "core/i18n.hpp"
#include "core/input.hpp"
#include "crypto/ossl.hpp"

#include <fmt/format.h>
#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/objects.h>

namespace adx::crypto::x509 {

using core::Error;
using core::Exit;
using core::Expected;
using core::trf;

Expected<std::string> read_file(const std::string& path) {
    auto in = core::Input::open(path);
    if (!in) return std::move(in).error();
    std::string text;
    char buf[1 << 16];
    for (;;) {
        auto got = in->read(buf, sizeof buf);
        if (!got) return std::move(got).error();
        if (*got == 0) break;
        text.append(buf, *got);
        if (text.size() > (64u << 20)) {
            return Error{Exit::data,
                         trf("'{path}' is too large for a key, certificate or CRL", fmt::arg("path", path))};
        }
    }
    return text;
}

bool is_pem(std::string_view text) noexcept {
    return text.find("-----BEGIN ") != std::string_view::npos;
}

std::string name_text(const X509_NAME* name) {
    ossl::Ptr<BIO> bio(BIO_new(BIO_s_mem()));
    // RFC 2253 escaping, but UTF-8 kept readable instead of \XX escapes.
    unsigned long flags = XN_FLAG_RFC2253 & ~static_cast<unsigned long>(ASN1_STRFLGS_ESC_MSB);
    if (X509_NAME_print_ex(bio.get(), name, 0, flags) < 0) return {};
    char* data = nullptr;
    long len = BIO_get_mem_data(bio.get(), &data);
    return {data, static_cast<std::size_t>(len)};
}

std::string name_entry(const X509_NAME* name, int nid) {
    int i = -1;
    int last = -1;
    while ((i = X509_NAME_get_index_by_NID(name, nid, i)) >= 0) last = i;
    if (last < 0) return {};
    ASN1_STRING* s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, last));
    unsigned char* utf8 = nullptr;
    int len = ASN1_STRING_to_UTF8(&utf8, s);
    if (len < 0) return {};
    std::string out(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(len));
    OPENSSL_free(utf8);
    return out;
}

std::time_t to_time_t(const ASN1_TIME* t) noexcept {
    if (!t) return 0;
    struct tm tm {};
    if (ASN1_TIME_to_tm(t, &tm) != 1) return 0;
    return timegm(&tm);
}

std::string iso_utc(std::time_t t) {
    struct tm tm {};
    gmtime_r(&t, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                       tm.tm_min, tm.tm_sec);
}

std::string integer_hex(const ASN1_INTEGER* i) {
    Ptr<BIGNUM> bn(ASN1_INTEGER_to_BN(i, nullptr));
    if (!bn) return {};
    char* h = BN_bn2hex(bn.get());
    std::string out = h ? h : "";
    OPENSSL_free(h);
    if (out.size() % 2) out = "0" + out;
    return out;
}

namespace {

ASN1_OCTET_STRING* default_id() {
    ASN1_OCTET_STRING* id = ASN1_OCTET_STRING_new();
    if (id) {
        ASN1_OCTET_STRING_set(id, reinterpret_cast<const unsigned char*>(k_sm2_default_id.data()),
                              static_cast<int>(k_sm2_default_id.size()));
    }
    return id;
}

}  // namespace

void set_sm2_id(X509* cert) {
    if (is_sm2_signed(X509_get0_tbs_sigalg(cert))) X509_set0_distinguishing_id(cert, default_id());
}

void set_sm2_id(X509_REQ* req) {
    const X509_ALGOR* alg = nullptr;
    X509_REQ_get0_signature(req, nullptr, &alg);
    if (is_sm2_signed(alg)) X509_REQ_set0_distinguishing_id(req, default_id());
}

bool is_sm2_signed(const X509_ALGOR* alg) noexcept {
    if (!alg) return false;
    const ASN1_OBJECT* obj = nullptr;
    X509_ALGOR_get0(&obj, nullptr, nullptr, alg);
    return OBJ_obj2nid(obj) == NID_SM2_with_SM3;
}

Expected<void> sign(void* obj, Signable kind, const PrivateKey& key) {
    ossl::Ptr<EVP_MD_CTX> md(EVP_MD_CTX_new());
    ossl::Ptr<EVP_PKEY_CTX> sm2;
    const EVP_MD* digest = nullptr;
    switch (key.alg()) {
        case KeyAlg::sm2:
            digest = EVP_sm3();
            break;
        case KeyAlg::p384:
            digest = EVP_sha384();
            break;
        case KeyAlg::p256:
        case KeyAlg::rsa:
            digest = EVP_sha256();
            break;
    }
    if (key.alg() == KeyAlg::sm2) {
        // The ID goes into a PKEY context set before init (see sign.cpp).
        sm2.reset(EVP_PKEY_CTX_new(key.get(), nullptr));
        if (!sm2 || EVP_PKEY_CTX_set1_id(sm2.get(), k_sm2_default_id.data(), k_sm2_default_id.size()) <= 0) {
            return Error{Exit::software,
                         trf("cannot set the SM2 user ID: {reason}", fmt::arg("reason", ossl::last_error()))};
        }
        EVP_MD_CTX_set_pkey_ctx(md.get(), sm2.get());
    }
    int ok = EVP_DigestSignInit(md.get(), nullptr, digest, nullptr, key.get());
    if (ok == 1) {
        switch (kind) {
            case Signable::cert:
                ok = X509_sign_ctx(static_cast<X509*>(obj), md.get()) > 0;
                break;
            case Signable::req:
                ok = X509_REQ_sign_ctx(static_cast<X509_REQ*>(obj), md.get()) > 0;
                break;
            case Signable::crl:
                ok = X509_CRL_sign_ctx(static_cast<X509_CRL*>(obj), md.get()) > 0;
                break;
        }
    }
    md.reset();  // before the PKEY context it uses
    if (ok != 1) return Error{Exit::software, trf("cannot sign: {reason}", fmt::arg("reason", ossl::last_error()))};
    return {};
}

bool verify_crl_sm2(X509_CRL* crl, EVP_PKEY* issuer_key) {
    const ASN1_BIT_STRING* sig = nullptr;
    const X509_ALGOR* alg = nullptr;
    X509_CRL_get0_signature(crl, &sig, &alg);
    if (!sig || !is_sm2_signed(alg) || !issuer_key) return false;
    // The to-be-signed bytes as received: the first element of the outer
    // SEQUENCE (re-encoding would change a CRL that is not DER).
    unsigned char* der = nullptr;
    int der_len = i2d_X509_CRL(crl, &der);
    if (der_len <= 0) return false;
    std::string whole(reinterpret_cast<char*>(der), static_cast<std::size_t>(der_len));
    OPENSSL_free(der);
    const unsigned char* p = reinterpret_cast<const unsigned char*>(whole.data());
    long len = 0;
    int tag = 0;
    int cls = 0;
    if (ASN1_get_object(&p, &len, &tag, &cls, der_len) & 0x80) return false;
    const unsigned char* tbs_start = p;
    if (ASN1_get_object(&p, &len, &tag, &cls, der_len - (p - reinterpret_cast<const unsigned char*>(whole.data()))) &
        0x80) {
        return false;
    }
    std::string tbs_bytes(reinterpret_cast<const char*>(tbs_start), static_cast<std::size_t>(p - tbs_start + len));
    EVP_PKEY_up_ref(issuer_key);
    PublicKey pub(ossl::share(issuer_key));
    if (pub.alg() != KeyAlg::sm2) return false;
    auto v = Verifier::start(pub, SigAlg::sm2_sm3);
    if (!v) return false;
    v->update(tbs_bytes);
    Bytes sig_der(ASN1_STRING_get0_data(sig), ASN1_STRING_get0_data(sig) + ASN1_STRING_length(sig));
    auto ok = v->finish(sig_der, SigEncoding::der);
    return ok && *ok;
}

}  // namespace adx::crypto::x509

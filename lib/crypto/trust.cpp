// SPDX-License-Identifier: Apache-2.0
// Chain checking on OpenSSL's X509_STORE, with a strict profile:
// - every certificate in the trust store is an anchor (root or not: a store
//   may trust just one district CA), X509_V_FLAG_PARTIAL_CHAIN;
// - RFC 5280 strictness (X509_V_FLAG_X509_STRICT) and validity at `at`;
// - CRLs, when given, are checked for every certificate of the chain whose
//   issuer has one among them (CRL_CHECK | CRL_CHECK_ALL; "no CRL for this
//   issuer" is not an error, and a CRL issued after `at` still counts:
//   revocation is judged by the newest information given);
// - SM2-with-SM3 certificate signatures are checked with the GM/T 0009
//   default user ID "1234567812345678", as GM/T 0015 certificates are made
//   (and as adx key cert makes them). OpenSSL 3.0's own tools sign with an
//   empty ID unless told otherwise; such a signature is accepted too. CRLs
//   likewise, both ways (OpenSSL 3.0 cannot give a CRL an ID).
// - the leaf must allow digitalSignature when it has a keyUsage extension.
#include "crypto/trust.hpp"

#include "core/i18n.hpp"
#include "crypto/ossl.hpp"
#include "crypto/x509_util.hpp"

#include <algorithm>
#include <filesystem>
#include <openssl/err.h>
#include <openssl/pem.h>

namespace adx::crypto {

using core::Error;
using core::Exit;
using core::Expected;
using core::tr;
using core::trf;

namespace {

std::shared_ptr<void> share_crl(X509_CRL* crl) {
    return {crl, [](void* p) { X509_CRL_free(static_cast<X509_CRL*>(p)); }};
}

// What the verify callback saw first: the error it did not forgive.
struct Failure {
    int error = X509_V_OK;
    int depth = 0;
    x509::Ptr<X509> cert;
    std::string crl_issuer;
    std::time_t revoked_at = 0;
};

// A copy of cert that OpenSSL checks with the GM/T 0009 SM2 user ID.
X509* with_sm2_id(X509* cert) {
    X509* copy = X509_dup(cert);
    if (copy) x509::set_sm2_id(copy);
    return copy;
}

// The certificate that issued the one at depth in the chain being built.
X509* issuer_at(X509_STORE_CTX* ctx, int depth) {
    STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx);
    if (!chain) return nullptr;
    if (depth + 1 < sk_X509_num(chain)) return sk_X509_value(chain, depth + 1);
    return sk_X509_value(chain, depth);  // self-signed top
}

// An SM2 certificate signature made with OpenSSL 3.0's empty default ID.
bool sm2_signed_without_id(X509* cert, X509* issuer) {
    if (!cert || !issuer || !x509::is_sm2_signed(X509_get0_tbs_sigalg(cert))) return false;
    x509::Ptr<X509> plain(X509_dup(cert));  // a fresh copy has no ID set
    EVP_PKEY* key = X509_get0_pubkey(issuer);
    bool ok = plain && key && X509_verify(plain.get(), key) == 1;
    ERR_clear_error();
    return ok;
}

int verify_cb(int ok, X509_STORE_CTX* ctx) {
    if (ok) return 1;
    auto* f = static_cast<Failure*>(X509_STORE_CTX_get_app_data(ctx));
    int err = X509_STORE_CTX_get_error(ctx);
    int depth = X509_STORE_CTX_get_error_depth(ctx);
    X509* cert = X509_STORE_CTX_get_current_cert(ctx);
    switch (err) {
        case X509_V_ERR_UNABLE_TO_GET_CRL:
        case X509_V_ERR_CRL_NOT_YET_VALID:
            return 1;
        case X509_V_ERR_CERT_SIGNATURE_FAILURE:
            if (sm2_signed_without_id(cert, issuer_at(ctx, depth))) return 1;
            break;
        case X509_V_ERR_CRL_SIGNATURE_FAILURE: {
            X509* issuer = X509_STORE_CTX_get0_current_issuer(ctx);
            X509_CRL* crl = X509_STORE_CTX_get0_current_crl(ctx);
            if (crl && issuer && x509::verify_crl_sm2(crl, X509_get0_pubkey(issuer))) return 1;
            break;
        }
        default:
            break;
    }
    if (f && f->error == X509_V_OK) {
        f->error = err;
        f->depth = depth;
        if (cert && X509_up_ref(cert)) f->cert.reset(cert);
        if (X509_CRL* crl = X509_STORE_CTX_get0_current_crl(ctx)) {
            f->crl_issuer = x509::name_text(X509_CRL_get_issuer(crl));
            X509_REVOKED* rev = nullptr;
            if (cert && X509_CRL_get0_by_cert(crl, &rev, cert) == 1 && rev) {
                f->revoked_at = x509::to_time_t(X509_REVOKED_get0_revocationDate(rev));
            }
        }
    }
    return 0;
}

Error chain_error(const char* rule, std::string message, std::string hint = {}) {
    Error e{Exit::data, std::move(message)};
    e.rule = rule;
    e.hint = std::move(hint);
    return e;
}

Error describe(const Failure& f, const Certificate& leaf, std::time_t at) {
    Certificate cert = f.cert ? Certificate(ossl::share(X509_dup(f.cert.get()))) : leaf;
    std::string subject = cert.subject();
    std::string when = x509::iso_utc(at);
    switch (f.error) {
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
            return chain_error("unknown-signer",
                               trf("the certificate '{subject}' is self-signed and not in the trust store",
                                   fmt::arg("subject", subject)));
        case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
            return chain_error("unknown-signer",
                               trf("the certificate '{subject}' chains to '{root}', which is not in the trust store",
                                   fmt::arg("subject", leaf.subject()), fmt::arg("root", subject)));
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
        case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        case X509_V_ERR_CERT_UNTRUSTED:
            return chain_error("unknown-signer",
                               trf("the issuer '{issuer}' of the certificate '{subject}' is not in the trust store",
                                   fmt::arg("issuer", cert.issuer()), fmt::arg("subject", subject)),
                               tr("trust the issuing CA (or its root), and include any intermediate certificates"));
        case X509_V_ERR_CERT_HAS_EXPIRED:
            return chain_error("expired", trf("the certificate '{subject}' expired at {time} (checked at {at})",
                                              fmt::arg("subject", subject),
                                              fmt::arg("time", x509::iso_utc(cert.not_after())), fmt::arg("at", when)));
        case X509_V_ERR_CERT_NOT_YET_VALID:
            return chain_error("not-yet-valid",
                               trf("the certificate '{subject}' is not valid before {time} (checked at {at})",
                                   fmt::arg("subject", subject), fmt::arg("time", x509::iso_utc(cert.not_before())),
                                   fmt::arg("at", when)));
        case X509_V_ERR_CERT_REVOKED:
            return chain_error("revoked",
                               trf("the certificate '{subject}' (serial {serial}) was revoked at {time} by '{issuer}'",
                                   fmt::arg("subject", subject), fmt::arg("serial", cert.serial_hex()),
                                   fmt::arg("time", x509::iso_utc(f.revoked_at)), fmt::arg("issuer", f.crl_issuer)));
        case X509_V_ERR_CRL_HAS_EXPIRED:
            return chain_error("bad-chain",
                               trf("the CRL of '{issuer}' was out of date at {at}", fmt::arg("issuer", f.crl_issuer),
                                   fmt::arg("at", when)),
                               tr("get a current CRL from the issuer"));
        default:
            break;
    }
    std::string reason = X509_verify_cert_error_string(f.error);
    if (!f.crl_issuer.empty() &&
        (f.error == X509_V_ERR_CRL_SIGNATURE_FAILURE || f.error == X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE)) {
        return chain_error("bad-chain", trf("the CRL of '{issuer}' is not valid: {reason}",
                                            fmt::arg("issuer", f.crl_issuer), fmt::arg("reason", reason)));
    }
    return chain_error("bad-chain", trf("the certificate chain is not valid at '{subject}': {reason}",
                                        fmt::arg("subject", subject), fmt::arg("reason", reason)));
}

Error store_error(Error e, const std::string& path) {
    if (e.code == Exit::data) e.code = Exit::config;
    if (e.message.find(path) == std::string::npos) {
        e.message = trf("trust store '{path}': {reason}", fmt::arg("path", path), fmt::arg("reason", e.message));
    }
    return e;
}

}  // namespace

Expected<TrustStore> TrustStore::load(const std::string& bundle_or_dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::vector<std::string> files;
    if (fs::is_directory(bundle_or_dir, ec)) {
        for (const auto& entry : fs::directory_iterator(bundle_or_dir, ec)) {
            auto ext = entry.path().extension().string();
            if ((ext == ".pem" || ext == ".crt") && entry.is_regular_file(ec)) files.push_back(entry.path().string());
        }
        if (ec) {
            return Error{Exit::no_input, trf("cannot read '{path}': {reason}", fmt::arg("path", bundle_or_dir),
                                             fmt::arg("reason", ec.message()))};
        }
        std::sort(files.begin(), files.end());
    } else {
        files.push_back(bundle_or_dir);
    }
    std::vector<Certificate> anchors;
    for (const auto& file : files) {
        auto certs = Certificate::load(file);
        if (!certs) {
            if (certs.error().code == Exit::no_input) return std::move(certs).error();
            return store_error(std::move(certs).error(), file);
        }
        for (auto& c : *certs) anchors.push_back(std::move(c));
    }
    if (anchors.empty()) {
        return Error{Exit::config, trf("trust store '{path}': no certificate found", fmt::arg("path", bundle_or_dir))};
    }
    return from_certs(std::move(anchors));
}

TrustStore TrustStore::from_certs(std::vector<Certificate> anchors) {
    TrustStore s;
    s.m_anchors = std::move(anchors);
    return s;
}

Expected<void> TrustStore::add_crl(const std::string& path) {
    auto text = x509::read_file(path);
    if (!text) return std::move(text).error();
    std::size_t before = m_crls.size();
    if (x509::is_pem(*text)) {
        auto bio = ossl::mem_bio(*text);
        while (X509_CRL* crl = PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr)) {
            m_crls.push_back(share_crl(crl));
        }
        ERR_clear_error();
    } else {
        const auto* p = reinterpret_cast<const unsigned char*>(text->data());
        X509_CRL* crl = d2i_X509_CRL(nullptr, &p, static_cast<long>(text->size()));
        if (crl && p == reinterpret_cast<const unsigned char*>(text->data()) + text->size()) {
            m_crls.push_back(share_crl(crl));
        } else {
            X509_CRL_free(crl);
            ERR_clear_error();
        }
    }
    if (m_crls.size() == before) {
        Error e{Exit::data, trf("'{path}' holds no CRL (PEM or DER)", fmt::arg("path", path))};
        e.where.file = path;
        return e;
    }
    return {};
}

Expected<std::vector<Certificate>> TrustStore::verify(const Certificate& leaf, std::span<const Certificate> untrusted,
                                                      std::time_t at) const {
    x509::Ptr<X509_STORE> store(X509_STORE_new());
    x509::Ptr<X509_STORE_CTX> ctx(X509_STORE_CTX_new());
    x509::Ptr<STACK_OF(X509)> chain_in(sk_X509_new_null());
    if (!leaf.get()) return Error{Exit::software, tr("no certificate to check")};
    x509::Ptr<X509> target(with_sm2_id(leaf.get()));
    if (!store || !ctx || !chain_in || !target) return Error{Exit::software, tr("out of memory")};
    for (const auto& a : m_anchors) X509_STORE_add_cert(store.get(), a.get());
    for (const auto& c : m_crls) X509_STORE_add_crl(store.get(), static_cast<X509_CRL*>(c.get()));
    for (const auto& u : untrusted) {
        X509* copy = with_sm2_id(u.get());
        if (!copy || !sk_X509_push(chain_in.get(), copy)) {
            X509_free(copy);
            return Error{Exit::software, tr("out of memory")};
        }
    }
    ERR_clear_error();
    if (X509_STORE_CTX_init(ctx.get(), store.get(), target.get(), chain_in.get()) != 1) {
        return Error{Exit::software,
                     trf("cannot check a certificate chain: {reason}", fmt::arg("reason", ossl::last_error()))};
    }
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
    unsigned long flags = X509_V_FLAG_X509_STRICT | X509_V_FLAG_PARTIAL_CHAIN;
    if (!m_crls.empty()) flags |= X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL;
    X509_VERIFY_PARAM_set_flags(param, flags);
    X509_VERIFY_PARAM_set_time(param, at);
    Failure failure;
    X509_STORE_CTX_set_app_data(ctx.get(), &failure);
    X509_STORE_CTX_set_verify_cb(ctx.get(), verify_cb);
    int rc = X509_verify_cert(ctx.get());
    ERR_clear_error();
    if (rc != 1) {
        if (failure.error == X509_V_OK) failure.error = X509_STORE_CTX_get_error(ctx.get());
        if (failure.error == X509_V_OK) failure.error = X509_V_ERR_UNSPECIFIED;
        return describe(failure, leaf, at);
    }
    if (!leaf.allows_digital_signature()) {
        std::string usages;
        for (const auto& u : leaf.key_usage()) usages += (usages.empty() ? "" : ", ") + u;
        return chain_error("key-usage",
                           trf("the certificate '{subject}' may not make signatures: its key usage ({usage}) lacks "
                               "digitalSignature",
                               fmt::arg("subject", leaf.subject()), fmt::arg("usage", usages)));
    }
    std::vector<Certificate> chain;
    STACK_OF(X509)* built = X509_STORE_CTX_get0_chain(ctx.get());
    for (int i = 0; i < sk_X509_num(built); ++i) {
        X509* x = sk_X509_value(built, i);
        X509_up_ref(x);
        chain.emplace_back(ossl::share(x));
    }
    return chain;
}

}  // namespace adx::crypto

// SPDX-License-Identifier: Apache-2.0
// Issuing certificates and CRLs (see issue.hpp for the profiles).
#include "crypto/issue.hpp"

#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "crypto/ossl.hpp"
#include "crypto/x509_util.hpp"

#include <array>
#include <cctype>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

namespace adx::crypto {

using core::Error;
using core::Exit;
using core::Expected;
using core::N_;
using core::tr;
using core::trf;

namespace {

constexpr std::array<std::pair<CertProfile, std::string_view>, 6> k_profiles{{
    {CertProfile::root, "root"},
    {CertProfile::ca, "ca"},
    {CertProfile::sign, "sign"},
    {CertProfile::encrypt, "encrypt"},
    {CertProfile::server, "server"},
    {CertProfile::client, "client"},
}};

Error usage(std::string message) {
    return Error{Exit::usage, std::move(message)};
}

// what: a msgid marked with N_.
Error failed(const char* what) {
    return Error{Exit::software,
                 trf("{what}: {reason}", fmt::arg("what", tr(what)), fmt::arg("reason", ossl::last_error()))};
}

bool is_ca_profile(CertProfile p) {
    return p == CertProfile::root || p == CertProfile::ca;
}

Expected<std::time_t> now_or(std::time_t t) {
    if (t) return t;
    auto now = core::now();
    if (!now) return std::move(now).error();
    return static_cast<std::time_t>(now->time_since_epoch().count());
}

// Adds one extension written in OpenSSL's configuration syntax.
Expected<void> add_ext(X509* x, X509V3_CTX* ctx, int nid, const std::string& value) {
    x509::Ptr<X509_EXTENSION> ext(X509V3_EXT_nconf_nid(nullptr, ctx, nid, value.c_str()));
    if (!ext || X509_add_ext(x, ext.get(), -1) != 1) return failed(N_("cannot add a certificate extension"));
    return {};
}

std::string key_usage(CertProfile p, KeyAlg key) {
    switch (p) {
        case CertProfile::root:
        case CertProfile::ca:
            return "critical,keyCertSign,cRLSign";
        case CertProfile::sign:
            return "critical,digitalSignature,nonRepudiation";
        case CertProfile::encrypt:
            return "critical,keyEncipherment,dataEncipherment,keyAgreement";
        case CertProfile::server:
        case CertProfile::client:
            // keyEncipherment only means something for RSA key transport.
            return key == KeyAlg::rsa ? "critical,digitalSignature,keyEncipherment" : "critical,digitalSignature";
    }
    return {};
}

// The subjectAltName extension the request asked for, if any (a copy).
X509_EXTENSION* requested_san(X509_REQ* req) {
    STACK_OF(X509_EXTENSION)* exts = X509_REQ_get_extensions(req);
    X509_EXTENSION* found = nullptr;
    for (int i = 0; i < sk_X509_EXTENSION_num(exts); ++i) {
        X509_EXTENSION* e = sk_X509_EXTENSION_value(exts, i);
        if (OBJ_obj2nid(X509_EXTENSION_get_object(e)) == NID_subject_alt_name) {
            found = X509_EXTENSION_dup(e);
            break;
        }
    }
    sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
    ERR_clear_error();
    return found;
}

// 128 random bits, positive, always 16 bytes long (RFC 5280 §4.1.2.2).
Expected<x509::Ptr<ASN1_INTEGER>> random_serial() {
    unsigned char buf[16];
    if (RAND_bytes(buf, sizeof buf) != 1) return failed(N_("cannot draw a random serial number"));
    buf[0] = static_cast<unsigned char>((buf[0] & 0x7f) | 0x40);
    x509::Ptr<BIGNUM> bn(BN_bin2bn(buf, sizeof buf, nullptr));
    x509::Ptr<ASN1_INTEGER> serial(bn ? BN_to_ASN1_INTEGER(bn.get(), nullptr) : nullptr);
    if (!serial) return failed(N_("cannot make a serial number"));
    return serial;
}

Expected<void> check_ca(const Certificate& ca_cert, const PrivateKey& ca_key, std::uint32_t needed_usage) {
    if (!ca_cert.is_ca()) {
        return usage(trf("'{subject}' is not a CA certificate (no basicConstraints CA:TRUE)",
                         fmt::arg("subject", ca_cert.subject())));
    }
    X509* x = ca_cert.get();
    if ((X509_get_extension_flags(x) & EXFLAG_KUSAGE) && !(X509_get_key_usage(x) & needed_usage)) {
        return usage(trf("the key usage of '{subject}' does not allow this", fmt::arg("subject", ca_cert.subject())));
    }
    if (X509_check_private_key(x, ca_key.get()) != 1) {
        ERR_clear_error();
        return usage(
            trf("the CA key does not belong to the certificate '{subject}'", fmt::arg("subject", ca_cert.subject())));
    }
    return {};
}

}  // namespace

std::optional<CertProfile> cert_profile_from_name(std::string_view name) noexcept {
    for (auto [p, n] : k_profiles)
        if (n == name) return p;
    return std::nullopt;
}

std::string_view cert_profile_name(CertProfile p) noexcept {
    for (auto [q, n] : k_profiles)
        if (q == p) return n;
    return "?";
}

Expected<Certificate> issue_cert(const CertRequest& req, const PrivateKey& ca_key, const Certificate* ca_cert,
                                 const IssueOptions& opts) {
    if (opts.days < 1) return usage(tr("a certificate must be valid for at least one day"));
    if (!req.signature_ok()) return usage(tr("the request's signature does not hold: it was not made with its key"));
    PublicKey subject_key = req.public_key();
    if (ca_cert) {
        if (opts.profile == CertProfile::root) {
            return usage(tr("a root certificate is self-signed: issue it without a CA certificate"));
        }
        if (auto ok = check_ca(*ca_cert, ca_key, KU_KEY_CERT_SIGN); !ok) return std::move(ok).error();
    } else {
        if (opts.profile == CertProfile::ca) {
            return usage(tr("an intermediate CA certificate needs an issuing CA; a self-signed CA is a root"));
        }
        if (!(subject_key == ca_key.public_key())) {
            return usage(tr("a self-signed certificate must be signed with the request's own key"));
        }
    }
    auto not_before = now_or(opts.not_before);
    if (!not_before) return std::move(not_before).error();
    std::time_t not_after = *not_before + static_cast<std::time_t>(opts.days) * 86400;
    if (ca_cert && not_after > ca_cert->not_after()) {
        return usage(trf("the certificate would be valid until {until}, after its CA '{ca}' expires ({ca_until})",
                         fmt::arg("until", x509::iso_utc(not_after)), fmt::arg("ca", ca_cert->subject()),
                         fmt::arg("ca_until", x509::iso_utc(ca_cert->not_after()))));
    }

    ossl::Ptr<X509> x(X509_new());
    auto serial = random_serial();
    if (!serial) return std::move(serial).error();
    X509_NAME* subject = X509_REQ_get_subject_name(req.get());
    X509_NAME* issuer = ca_cert ? X509_get_subject_name(ca_cert->get()) : subject;
    if (!x || X509_set_version(x.get(), X509_VERSION_3) != 1 || X509_set_serialNumber(x.get(), serial->get()) != 1 ||
        X509_set_subject_name(x.get(), subject) != 1 || X509_set_issuer_name(x.get(), issuer) != 1 ||
        X509_set_pubkey(x.get(), subject_key.get()) != 1 || !ASN1_TIME_set(X509_getm_notBefore(x.get()), *not_before) ||
        !ASN1_TIME_set(X509_getm_notAfter(x.get()), not_after)) {
        return failed(N_("cannot make the certificate"));
    }

    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, ca_cert ? ca_cert->get() : x.get(), x.get(), nullptr, nullptr, 0);
    std::string basic = is_ca_profile(opts.profile) ? "critical,CA:TRUE" : "critical,CA:FALSE";
    if (is_ca_profile(opts.profile) && opts.path_len >= 0) basic += ",pathlen:" + std::to_string(opts.path_len);
    std::vector<std::pair<int, std::string>> exts{
        {NID_basic_constraints, basic},
        {NID_key_usage, key_usage(opts.profile, subject_key.alg())},
        {NID_subject_key_identifier, "hash"},
        {NID_authority_key_identifier, "keyid:always"},
    };
    if (opts.profile == CertProfile::server) exts.emplace_back(NID_ext_key_usage, "serverAuth");
    if (opts.profile == CertProfile::client) exts.emplace_back(NID_ext_key_usage, "clientAuth");
    for (const auto& [nid, value] : exts)
        if (auto ok = add_ext(x.get(), &ctx, nid, value); !ok) return std::move(ok).error();

    x509::Ptr<X509_EXTENSION> san;
    if (!opts.san.empty()) {
        auto names = x509::general_names(opts.san);
        if (!names) return std::move(names).error();
        san.reset(X509V3_EXT_i2d(NID_subject_alt_name, 0, names->get()));
    } else {
        san.reset(requested_san(req.get()));
    }
    if (san && X509_add_ext(x.get(), san.get(), -1) != 1) return failed(N_("cannot add a certificate extension"));
    if (!san && opts.profile == CertProfile::server) {
        return usage(tr("a server certificate needs its names: give --san DNS:host or --san IP:address"));
    }

    if (auto ok = x509::sign(x.get(), x509::Signable::cert, ca_key); !ok) return std::move(ok).error();
    return Certificate(ossl::share(x.release()));
}

Expected<std::string> issue_crl(const PrivateKey& ca_key, const Certificate& ca_cert,
                                std::span<const Revocation> revoked, const CrlOptions& opts) {
    if (opts.days < 1) return usage(tr("a CRL must be valid for at least one day"));
    if (auto ok = check_ca(ca_cert, ca_key, KU_CRL_SIGN); !ok) return std::move(ok).error();
    auto this_update = now_or(opts.this_update);
    if (!this_update) return std::move(this_update).error();
    x509::Ptr<X509_CRL> crl(X509_CRL_new());
    x509::Ptr<ASN1_TIME> last(ASN1_TIME_set(nullptr, *this_update));
    x509::Ptr<ASN1_TIME> next(ASN1_TIME_set(nullptr, *this_update + static_cast<std::time_t>(opts.days) * 86400));
    if (!crl || !last || !next || X509_CRL_set_version(crl.get(), X509_CRL_VERSION_2) != 1 ||
        X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(ca_cert.get())) != 1 ||
        X509_CRL_set1_lastUpdate(crl.get(), last.get()) != 1 || X509_CRL_set1_nextUpdate(crl.get(), next.get()) != 1) {
        return failed(N_("cannot make the CRL"));
    }
    for (const auto& r : revoked) {
        std::string hex;
        for (char c : r.serial_hex)
            if (c != ':' && c != ' ') hex += c;
        BIGNUM* raw = nullptr;
        bool ok = !hex.empty() && hex.size() <= 40 && BN_hex2bn(&raw, hex.c_str()) == static_cast<int>(hex.size());
        x509::Ptr<BIGNUM> bn(raw);
        if (!ok) {
            ERR_clear_error();
            return usage(trf("'{serial}' is not a serial number in hex", fmt::arg("serial", r.serial_hex)));
        }
        x509::Ptr<ASN1_INTEGER> serial(BN_to_ASN1_INTEGER(bn.get(), nullptr));
        x509::Ptr<ASN1_TIME> when(ASN1_TIME_set(nullptr, r.when ? r.when : *this_update));
        x509::Ptr<X509_REVOKED> entry(X509_REVOKED_new());
        if (!serial || !when || !entry || X509_REVOKED_set_serialNumber(entry.get(), serial.get()) != 1 ||
            X509_REVOKED_set_revocationDate(entry.get(), when.get()) != 1 ||
            X509_CRL_add0_revoked(crl.get(), entry.get()) != 1) {
            return failed(N_("cannot make the CRL"));
        }
        entry.release();  // now the CRL's
    }
    X509_CRL_sort(crl.get());
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, ca_cert.get(), nullptr, nullptr, crl.get(), 0);
    x509::Ptr<X509_EXTENSION> aki(X509V3_EXT_nconf_nid(nullptr, &ctx, NID_authority_key_identifier, "keyid:always"));
    std::uint64_t number = opts.number ? opts.number : static_cast<std::uint64_t>(*this_update);
    x509::Ptr<ASN1_INTEGER> crl_number(ASN1_INTEGER_new());
    if (!aki || X509_CRL_add_ext(crl.get(), aki.get(), -1) != 1 || !crl_number ||
        ASN1_INTEGER_set_uint64(crl_number.get(), number) != 1 ||
        X509_CRL_add1_ext_i2d(crl.get(), NID_crl_number, crl_number.get(), 0, 0) != 1) {
        return failed(N_("cannot make the CRL"));
    }
    if (auto ok = x509::sign(crl.get(), x509::Signable::crl, ca_key); !ok) return std::move(ok).error();
    ossl::Ptr<BIO> bio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_X509_CRL(bio.get(), crl.get()) != 1) return failed(N_("cannot write the CRL"));
    char* data = nullptr;
    long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
}

namespace {

CrlInfo crl_info(X509_CRL* crl) {
    CrlInfo info;
    info.issuer = x509::name_text(X509_CRL_get_issuer(crl));
    info.this_update = x509::to_time_t(X509_CRL_get0_lastUpdate(crl));
    info.next_update = x509::to_time_t(X509_CRL_get0_nextUpdate(crl));
    const char* alg = OBJ_nid2ln(X509_CRL_get_signature_nid(crl));
    info.signature_algorithm = alg ? alg : "unknown";
    x509::Ptr<ASN1_INTEGER> number(
        static_cast<ASN1_INTEGER*>(X509_CRL_get_ext_d2i(crl, NID_crl_number, nullptr, nullptr)));
    if (number) {
        x509::Ptr<BIGNUM> bn(ASN1_INTEGER_to_BN(number.get(), nullptr));
        char* dec = bn ? BN_bn2dec(bn.get()) : nullptr;
        if (dec) info.number = dec;
        OPENSSL_free(dec);
    }
    STACK_OF(X509_REVOKED)* revoked = X509_CRL_get_REVOKED(crl);
    for (int i = 0; i < sk_X509_REVOKED_num(revoked); ++i) {
        const X509_REVOKED* r = sk_X509_REVOKED_value(revoked, i);
        info.revoked.push_back({x509::integer_hex(X509_REVOKED_get0_serialNumber(r)),
                                x509::to_time_t(X509_REVOKED_get0_revocationDate(r))});
    }
    return info;
}

}  // namespace

Expected<std::vector<CrlInfo>> read_crls(std::string_view text, const std::string& name) {
    std::vector<CrlInfo> out;
    if (x509::is_pem(text)) {
        auto bio = ossl::mem_bio(text);
        while (X509_CRL* crl = PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr)) {
            x509::Ptr<X509_CRL> owned(crl);
            out.push_back(crl_info(crl));
        }
    } else {
        const auto* p = reinterpret_cast<const unsigned char*>(text.data());
        x509::Ptr<X509_CRL> crl(d2i_X509_CRL(nullptr, &p, static_cast<long>(text.size())));
        if (crl && p == reinterpret_cast<const unsigned char*>(text.data()) + text.size())
            out.push_back(crl_info(crl.get()));
    }
    ERR_clear_error();
    if (out.empty()) return Error{Exit::data, trf("{name}: no CRL found", fmt::arg("name", name))};
    return out;
}

}  // namespace adx::crypto

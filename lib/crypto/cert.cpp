// SPDX-License-Identifier: Apache-2.0
#include "crypto/cert.hpp"

#include "core/i18n.hpp"
#include "crypto/ossl.hpp"
#include "crypto/x509_util.hpp"
#include "ids/checks.hpp"
#include "ids/normalize.hpp"

#include <arpa/inet.h>
#include <array>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <utility>

namespace adx::crypto {

using core::Error;
using core::Exit;
using core::Expected;
using core::trf;

Certificate::Certificate(std::shared_ptr<X509> x509) : m_x509(std::move(x509)) {}

Expected<Certificate> Certificate::from_der(const Bytes& der) {
    const unsigned char* p = der.data();
    X509* x = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
    if (!x || p != der.data() + der.size()) {
        X509_free(x);
        return Error{Exit::data, trf("not a DER certificate: {reason}", fmt::arg("reason", ossl::last_error()))};
    }
    return Certificate(ossl::share(x));
}

Expected<std::vector<Certificate>> Certificate::from_pem(std::string_view pem, const std::string& name) {
    auto bio = ossl::mem_bio(pem);
    std::vector<Certificate> certs;
    for (;;) {
        X509* x = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
        if (!x) break;
        certs.emplace_back(ossl::share(x));
    }
    unsigned long err = ERR_peek_last_error();
    bool clean_end = ERR_GET_LIB(err) == ERR_LIB_PEM && ERR_GET_REASON(err) == PEM_R_NO_START_LINE;
    std::string reason = ossl::last_error();
    if (!clean_end) {
        return Error{Exit::data, trf("{name}: a certificate in the PEM text cannot be read: {reason}",
                                     fmt::arg("name", name), fmt::arg("reason", reason))};
    }
    if (certs.empty()) return Error{Exit::data, trf("{name}: no certificate found", fmt::arg("name", name))};
    return certs;
}

Expected<std::vector<Certificate>> Certificate::load(const std::string& path) {
    auto text = x509::read_file(path);
    if (!text) return std::move(text).error();
    if (x509::is_pem(*text)) return from_pem(*text, path);
    auto one = from_der(to_bytes(*text));
    if (!one) {
        core::Error e = std::move(one).error();
        e.message = trf("{name}: {reason}", fmt::arg("name", path), fmt::arg("reason", e.message));
        return e;
    }
    return std::vector<Certificate>{std::move(*one)};
}

Bytes Certificate::der() const {
    unsigned char* buf = nullptr;
    int len = i2d_X509(m_x509.get(), &buf);
    if (len <= 0) return {};
    Bytes out(buf, buf + len);
    OPENSSL_free(buf);
    return out;
}

std::string Certificate::pem() const {
    ossl::Ptr<BIO> bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), m_x509.get());
    char* data = nullptr;
    long len = BIO_get_mem_data(bio.get(), &data);
    return {data, static_cast<std::size_t>(len)};
}

std::string Certificate::subject() const {
    return x509::name_text(X509_get_subject_name(m_x509.get()));
}
std::string Certificate::issuer() const {
    return x509::name_text(X509_get_issuer_name(m_x509.get()));
}

std::string Certificate::common_name() const {
    return x509::name_entry(X509_get_subject_name(m_x509.get()), NID_commonName);
}

std::string Certificate::credit_code() const {
    const X509_NAME* name = X509_get_subject_name(m_x509.get());
    constexpr std::array k_nids{NID_serialNumber, NID_organizationalUnitName, NID_organizationName, NID_commonName};
    for (int nid : k_nids) {
        for (int i = -1; (i = X509_NAME_get_index_by_NID(name, nid, i)) >= 0;) {
            unsigned char* utf8 = nullptr;
            int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i)));
            if (len < 0) continue;
            std::string value(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(len));
            OPENSSL_free(utf8);
            std::string buf;
            std::string_view code = ids::normalize(value, buf);
            if (code.size() == 18 && ids::check_uscc(code).valid()) return std::string(code);
        }
    }
    return {};
}

std::string Certificate::serial_hex() const {
    return x509::integer_hex(X509_get0_serialNumber(m_x509.get()));
}

std::time_t Certificate::not_before() const {
    return x509::to_time_t(X509_get0_notBefore(m_x509.get()));
}
std::time_t Certificate::not_after() const {
    return x509::to_time_t(X509_get0_notAfter(m_x509.get()));
}

PublicKey Certificate::public_key() const {
    EVP_PKEY* p = X509_get_pubkey(m_x509.get());
    if (!p) return PublicKey{};
    return PublicKey(ossl::share(p));
}

bool Certificate::is_ca() const {
    return (X509_get_extension_flags(m_x509.get()) & EXFLAG_CA) != 0;
}

bool Certificate::allows_digital_signature() const {
    if (!(X509_get_extension_flags(m_x509.get()) & EXFLAG_KUSAGE)) return true;
    return (X509_get_key_usage(m_x509.get()) & KU_DIGITAL_SIGNATURE) != 0;
}

std::vector<std::string> Certificate::key_usage() const {
    std::vector<std::string> out;
    if (!(X509_get_extension_flags(m_x509.get()) & EXFLAG_KUSAGE)) return out;
    std::uint32_t ku = X509_get_key_usage(m_x509.get());
    constexpr std::array<std::pair<std::uint32_t, const char*>, 9> k_bits{{
        {KU_DIGITAL_SIGNATURE, "digitalSignature"},
        {KU_NON_REPUDIATION, "nonRepudiation"},
        {KU_KEY_ENCIPHERMENT, "keyEncipherment"},
        {KU_DATA_ENCIPHERMENT, "dataEncipherment"},
        {KU_KEY_AGREEMENT, "keyAgreement"},
        {KU_KEY_CERT_SIGN, "keyCertSign"},
        {KU_CRL_SIGN, "cRLSign"},
        {KU_ENCIPHER_ONLY, "encipherOnly"},
        {KU_DECIPHER_ONLY, "decipherOnly"},
    }};
    for (auto [bit, name] : k_bits)
        if (ku & bit) out.emplace_back(name);
    return out;
}

std::vector<std::string> Certificate::ext_key_usage() const {
    std::vector<std::string> out;
    x509::Ptr<EXTENDED_KEY_USAGE> eku(
        static_cast<EXTENDED_KEY_USAGE*>(X509_get_ext_d2i(m_x509.get(), NID_ext_key_usage, nullptr, nullptr)));
    if (!eku) return out;
    for (int i = 0; i < sk_ASN1_OBJECT_num(eku.get()); ++i) {
        const ASN1_OBJECT* obj = sk_ASN1_OBJECT_value(eku.get(), i);
        int nid = OBJ_obj2nid(obj);
        if (nid != NID_undef) {
            out.emplace_back(OBJ_nid2sn(nid));
        } else {
            char buf[128];
            OBJ_obj2txt(buf, sizeof buf, obj, 1);
            out.emplace_back(buf);
        }
    }
    return out;
}

std::vector<std::string> Certificate::subject_alt_names() const {
    std::vector<std::string> out;
    x509::Ptr<GENERAL_NAMES> names(
        static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(m_x509.get(), NID_subject_alt_name, nullptr, nullptr)));
    if (!names) return out;
    for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
        const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names.get(), i);
        int type = 0;
        auto* value = static_cast<ASN1_STRING*>(GENERAL_NAME_get0_value(gn, &type));
        auto text = [&] {
            return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                               static_cast<std::size_t>(ASN1_STRING_length(value)));
        };
        switch (type) {
            case GEN_DNS:
                out.push_back("DNS:" + text());
                break;
            case GEN_EMAIL:
                out.push_back("email:" + text());
                break;
            case GEN_URI:
                out.push_back("URI:" + text());
                break;
            case GEN_IPADD: {
                char ip[INET6_ADDRSTRLEN] = "?";
                int len = ASN1_STRING_length(value);
                if (len == 4 || len == 16)
                    inet_ntop(len == 4 ? AF_INET : AF_INET6, ASN1_STRING_get0_data(value), ip, sizeof ip);
                out.push_back(std::string("IP:") + ip);
                break;
            }
            default:
                out.emplace_back("other");
                break;
        }
    }
    return out;
}

std::string Certificate::signature_algorithm() const {
    int nid = X509_get_signature_nid(m_x509.get());
    const char* ln = OBJ_nid2ln(nid);
    return ln ? ln : "unknown";
}

bool Certificate::self_signed() const {
    return X509_self_signed(m_x509.get(), 0) == 1;
}

std::string Certificate::fingerprint(DigestAlg alg) const {
    Bytes d = Digest::of(alg, as_view(der()));
    std::string h = hex(d, true);
    std::string out;
    for (std::size_t i = 0; i < h.size(); i += 2) {
        if (i) out += ':';
        out.append(h, i, 2);
    }
    return out;
}

bool Certificate::operator==(const Certificate& other) const noexcept {
    if (!m_x509 || !other.m_x509) return m_x509 == other.m_x509;
    return X509_cmp(m_x509.get(), other.m_x509.get()) == 0;
}

}  // namespace adx::crypto

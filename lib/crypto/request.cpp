// SPDX-License-Identifier: Apache-2.0
// Distinguished names from text, and certificate requests (PKCS#10).
#include "core/i18n.hpp"
#include "crypto/issue.hpp"
#include "crypto/ossl.hpp"
#include "crypto/x509_util.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <openssl/err.h>
#include <openssl/pem.h>

namespace adx::crypto {

using core::Error;
using core::Exit;
using core::Expected;
using core::tr;
using core::trf;

namespace {

Error usage(std::string message) {
    return Error{Exit::usage, std::move(message)};
}

std::string trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return std::string(s);
}

struct Attribute {
    std::string type;
    std::string value;
};

// Splits on unescaped sep; '\' escapes any character. Spaces around a type or
// a value are dropped unless escaped.
Expected<std::vector<Attribute>> split_name(std::string_view text, char sep) {
    std::vector<Attribute> out;
    std::string part;
    std::string type;
    bool in_value = false;
    bool escaped_tail = false;  // the value ends with an escaped character (keep its spaces)
    auto finish = [&]() -> Expected<void> {
        if (!in_value) {
            if (trim(part).empty() && type.empty()) return {};
            return usage(trf("'{part}' in the name has no '=': write TYPE=VALUE", fmt::arg("part", trim(part))));
        }
        std::string value = escaped_tail ? part : trim(part);
        if (value.empty()) return usage(trf("the name attribute '{type}' has no value", fmt::arg("type", type)));
        out.push_back({type, value});
        part.clear();
        type.clear();
        in_value = false;
        escaped_tail = false;
        return {};
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\\') {
            if (i + 1 == text.size()) return usage(tr("the name ends with a lone '\\'"));
            part += text[++i];
            escaped_tail = true;
            continue;
        }
        if (c == sep) {
            if (auto ok = finish(); !ok) return std::move(ok).error();
            continue;
        }
        if (c == '=' && !in_value) {
            type = trim(part);
            if (type.empty()) return usage(tr("a name attribute has no type before '='"));
            part.clear();
            in_value = true;
            escaped_tail = false;
            continue;
        }
        if (c != ' ') escaped_tail = false;
        part += c;
    }
    if (auto ok = finish(); !ok) return std::move(ok).error();
    return out;
}

int attribute_nid(const std::string& type) {
    int nid = OBJ_txt2nid(type.c_str());
    if (nid != NID_undef) return nid;
    std::string upper;
    for (char c : type) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    nid = OBJ_txt2nid(upper.c_str());
    if (nid != NID_undef) return nid;
    if (upper == "SERIALNUMBER") return NID_serialNumber;
    if (upper == "EMAILADDRESS" || upper == "EMAIL") return NID_pkcs9_emailAddress;
    return NID_undef;
}

}  // namespace

namespace x509 {

// GENERAL_NAMES from "DNS:x", "IP:a", "email:e", "URI:u" or a bare host or address.
Expected<Ptr<GENERAL_NAMES>> general_names(const std::vector<std::string>& san) {
    Ptr<GENERAL_NAMES> names(sk_GENERAL_NAME_new_null());
    for (const auto& entry : san) {
        std::string_view e = entry;
        int type = GEN_DNS;
        std::string value;
        auto colon = e.find(':');
        std::string prefix = colon == std::string_view::npos ? "" : std::string(e.substr(0, colon));
        for (auto& ch : prefix) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (prefix == "dns") {
            value = e.substr(colon + 1);
        } else if (prefix == "ip") {
            type = GEN_IPADD;
            value = e.substr(colon + 1);
        } else if (prefix == "email") {
            type = GEN_EMAIL;
            value = e.substr(colon + 1);
        } else if (prefix == "uri") {
            type = GEN_URI;
            value = e.substr(colon + 1);
        } else {
            value = entry;
            unsigned char buf[16];
            if (inet_pton(AF_INET, value.c_str(), buf) == 1 || inet_pton(AF_INET6, value.c_str(), buf) == 1) {
                type = GEN_IPADD;
            }
        }
        if (value.empty())
            return Error{Exit::usage, trf("the subject alternative name '{san}' is empty", fmt::arg("san", entry))};
        GENERAL_NAME* gn = a2i_GENERAL_NAME(nullptr, nullptr, nullptr, type, value.c_str(), 0);
        if (!gn) {
            ERR_clear_error();
            return Error{
                Exit::usage,
                trf("'{san}' is not a valid subject alternative name (DNS:name, IP:address, email:addr, URI:uri)",
                    fmt::arg("san", entry))};
        }
        sk_GENERAL_NAME_push(names.get(), gn);
    }
    return names;
}

}  // namespace x509

Expected<std::shared_ptr<X509_NAME>> parse_name(std::string_view text) {
    std::string_view body = text;
    while (!body.empty() && body.front() == ' ') body.remove_prefix(1);
    bool slash = !body.empty() && body.front() == '/';
    if (slash) body.remove_prefix(1);
    auto attrs = split_name(body, slash ? '/' : ',');
    if (!attrs) return std::move(attrs).error();
    if (attrs->empty()) return usage(tr("the name is empty: give at least CN=..."));
    if (!slash) std::reverse(attrs->begin(), attrs->end());  // RFC 4514 lists the most specific first
    std::shared_ptr<X509_NAME> name(X509_NAME_new(), X509_NAME_free);
    for (const auto& a : *attrs) {
        int nid = attribute_nid(a.type);
        if (nid == NID_undef) {
            return usage(trf("unknown name attribute '{type}' (use C, ST, L, O, OU, CN, serialNumber, ...)",
                             fmt::arg("type", a.type)));
        }
        if (X509_NAME_add_entry_by_NID(name.get(), nid, MBSTRING_UTF8,
                                       reinterpret_cast<const unsigned char*>(a.value.data()),
                                       static_cast<int>(a.value.size()), -1, 0) != 1) {
            std::string reason = ossl::last_error();
            return usage(trf("the name attribute {type}='{value}' is not valid: {reason}", fmt::arg("type", a.type),
                             fmt::arg("value", a.value), fmt::arg("reason", reason)));
        }
    }
    return name;
}

namespace {
void free_req(X509_REQ* r) {
    X509_REQ_free(r);
}
}  // namespace

CertRequest::CertRequest(std::shared_ptr<X509_REQ> req) : m_req(std::move(req)) {}

Expected<CertRequest> CertRequest::create(const PrivateKey& key, std::string_view subject,
                                          const std::vector<std::string>& san) {
    auto name = parse_name(subject);
    if (!name) return std::move(name).error();
    std::shared_ptr<X509_REQ> req(X509_REQ_new(), free_req);
    if (!req || X509_REQ_set_version(req.get(), X509_REQ_VERSION_1) != 1 ||
        X509_REQ_set_subject_name(req.get(), name->get()) != 1 || X509_REQ_set_pubkey(req.get(), key.get()) != 1) {
        return Error{Exit::software, trf("cannot make the request: {reason}", fmt::arg("reason", ossl::last_error()))};
    }
    if (!san.empty()) {
        auto names = x509::general_names(san);
        if (!names) return std::move(names).error();
        STACK_OF(X509_EXTENSION)* exts = sk_X509_EXTENSION_new_null();
        X509_EXTENSION* ext = X509V3_EXT_i2d(NID_subject_alt_name, 0, names->get());
        if (ext) sk_X509_EXTENSION_push(exts, ext);
        int ok = ext && X509_REQ_add_extensions(req.get(), exts) == 1;
        sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
        if (!ok) {
            return Error{Exit::software,
                         trf("cannot make the request: {reason}", fmt::arg("reason", ossl::last_error()))};
        }
    }
    if (auto ok = x509::sign(req.get(), x509::Signable::req, key); !ok) return std::move(ok).error();
    return CertRequest(req);
}

Expected<CertRequest> CertRequest::from_pem(std::string_view pem, const std::string& name) {
    auto bio = ossl::mem_bio(pem);
    X509_REQ* r = PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr);
    if (!r) {
        return Error{Exit::data, trf("{name}: not a certificate request: {reason}", fmt::arg("name", name),
                                     fmt::arg("reason", ossl::last_error()))};
    }
    return CertRequest(std::shared_ptr<X509_REQ>(r, free_req));
}

Expected<CertRequest> CertRequest::from_der(const Bytes& der, const std::string& name) {
    const unsigned char* p = der.data();
    X509_REQ* r = d2i_X509_REQ(nullptr, &p, static_cast<long>(der.size()));
    if (!r || p != der.data() + der.size()) {
        X509_REQ_free(r);
        return Error{Exit::data, trf("{name}: not a certificate request: {reason}", fmt::arg("name", name),
                                     fmt::arg("reason", ossl::last_error()))};
    }
    return CertRequest(std::shared_ptr<X509_REQ>(r, free_req));
}

Expected<CertRequest> CertRequest::load(const std::string& path) {
    auto text = x509::read_file(path);
    if (!text) return std::move(text).error();
    if (x509::is_pem(*text)) return from_pem(*text, path);
    return from_der(to_bytes(*text), path);
}

std::string CertRequest::pem() const {
    ossl::Ptr<BIO> bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509_REQ(bio.get(), m_req.get());
    char* data = nullptr;
    long len = BIO_get_mem_data(bio.get(), &data);
    return {data, static_cast<std::size_t>(len)};
}

Bytes CertRequest::der() const {
    unsigned char* buf = nullptr;
    int len = i2d_X509_REQ(m_req.get(), &buf);
    if (len <= 0) return {};
    Bytes out(buf, buf + len);
    OPENSSL_free(buf);
    return out;
}

std::string CertRequest::subject() const {
    return x509::name_text(X509_REQ_get_subject_name(m_req.get()));
}

PublicKey CertRequest::public_key() const {
    EVP_PKEY* p = X509_REQ_get_pubkey(m_req.get());
    return p ? PublicKey(ossl::share(p)) : PublicKey{};
}

std::string CertRequest::signature_algorithm() const {
    const char* ln = OBJ_nid2ln(X509_REQ_get_signature_nid(m_req.get()));
    return ln ? ln : "unknown";
}

bool CertRequest::signature_ok() const {
    // Checked on copies: with the GM/T 0009 SM2 user ID (adx's requests), then
    // with OpenSSL 3.0's empty default (openssl req without -sigopt distid).
    EVP_PKEY* key = X509_REQ_get0_pubkey(m_req.get());
    if (!key) return false;
    x509::Ptr<X509_REQ> with_id(X509_REQ_dup(m_req.get()));
    if (!with_id) return false;
    x509::set_sm2_id(with_id.get());
    bool ok = X509_REQ_verify(with_id.get(), key) == 1;
    if (!ok) {
        x509::Ptr<X509_REQ> plain(X509_REQ_dup(m_req.get()));
        ok = plain && X509_REQ_verify(plain.get(), key) == 1;
    }
    ERR_clear_error();
    return ok;
}

}  // namespace adx::crypto

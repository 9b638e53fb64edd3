// SPDX-License-Identifier: Apache-2.0
#pragma once
// A small CA for demos, tests and a district's own certificates: requests
// (CSRs), certificates from a request and a CA key, and CRLs.
//
// Every signature follows the signing key: SM2 → SM2-with-SM3
// (1.2.156.10197.1.501, with the GM/T 0009 default user ID, as GM/T 0015
// certificates are made), P-256 → ecdsa-with-SHA256, P-384 →
// ecdsa-with-SHA384, RSA → sha256WithRSAEncryption.

#include "crypto/cert.hpp"
#include "crypto/key.hpp"

#include <ctime>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

using X509_REQ = struct X509_req_st;
using X509_NAME = struct X509_name_st;

namespace adx::crypto {

// What a certificate is for:
//   root     self-signed CA: basicConstraints CA:TRUE, keyUsage keyCertSign, cRLSign (both critical)
//   ca       intermediate CA (a city or district CA): as root, issued by another CA
//   sign     end entity that signs documents: CA:FALSE, keyUsage digitalSignature, nonRepudiation
//   encrypt  end entity for encryption only (the other half of an SM2 dual
//            certificate): keyUsage keyEncipherment, dataEncipherment, keyAgreement
//   server   TLS server: keyUsage digitalSignature (+ keyEncipherment for RSA), EKU serverAuth, SAN required
//   client   TLS client: keyUsage digitalSignature (+ keyEncipherment for RSA), EKU clientAuth
enum class CertProfile { root, ca, sign, encrypt, server, client };

std::optional<CertProfile> cert_profile_from_name(std::string_view name) noexcept;
std::string_view cert_profile_name(CertProfile p) noexcept;

// Parses a distinguished name: "/C=CN/O=Org/CN=Name" (OpenSSL's -subj form,
// most significant first) or "CN=Name,O=Org,C=CN" (RFC 4514, most specific
// first). Values are UTF-8; '\' escapes the separator. Attribute names are
// OpenSSL's short or long names (C, ST, L, O, OU, CN, serialNumber, ...).
// Syntax error or unknown attribute: Exit::usage. An empty name is refused.
core::Expected<std::shared_ptr<X509_NAME>> parse_name(std::string_view text);

class CertRequest {
public:
    CertRequest() = default;
    explicit CertRequest(std::shared_ptr<X509_REQ> req);
    // A request for key's public half under subject, signed by key. san
    // entries as for IssueOptions::san are carried as a requested extension.
    static core::Expected<CertRequest> create(const PrivateKey& key, std::string_view subject,
                                              const std::vector<std::string>& san = {});
    static core::Expected<CertRequest> from_pem(std::string_view pem, const std::string& name = "-");
    static core::Expected<CertRequest> from_der(const Bytes& der, const std::string& name = "-");
    // PEM or DER. Missing: Exit::no_input; not a request: Exit::data.
    static core::Expected<CertRequest> load(const std::string& path);

    std::string pem() const;
    Bytes der() const;
    std::string subject() const;
    PublicKey public_key() const;
    std::string signature_algorithm() const;
    // The request's own signature holds (proof that its maker has the key).
    bool signature_ok() const;
    X509_REQ* get() const noexcept { return m_req.get(); }

private:
    std::shared_ptr<X509_REQ> m_req;
};

struct IssueOptions {
    CertProfile profile = CertProfile::sign;
    int days = 365;
    std::time_t not_before = 0;  // 0: now (core::now(), so ADX_NOW applies)
    // subjectAltName: "DNS:name", "IP:address", "email:addr", "URI:uri", or a
    // bare host name or IP address. Empty: those of the request, if any.
    std::vector<std::string> san;
    int path_len = -1;  // CA profiles: basicConstraints pathLenConstraint; -1: none
};

// A certificate for the request's subject and key, issued by ca_cert with
// ca_key, or self-signed when ca_cert is null (then the request must be for
// ca_key). Refused (Exit::usage): a request whose own signature fails, a CA
// certificate that is not a CA or does not match ca_key, a certificate that
// would outlive its CA, a server certificate without a name, days < 1.
// Serial: 128 random bits. Subject and authority key identifiers are set.
core::Expected<Certificate> issue_cert(const CertRequest& req, const PrivateKey& ca_key, const Certificate* ca_cert,
                                       const IssueOptions& opts);

struct Revocation {
    std::string serial_hex;  // as Certificate::serial_hex(); ':' and spaces allowed
    std::time_t when = 0;    // 0: this update
};

struct CrlOptions {
    std::time_t this_update = 0;  // 0: now
    int days = 30;                // next update after this many days
    std::uint64_t number = 0;     // cRLNumber; 0: this_update in seconds since 1970
};

// A version 2 CRL in PEM, signed by ca_key as ca_cert (which must be a CA
// allowed to sign CRLs), listing revoked. Bad serial: Exit::usage.
core::Expected<std::string> issue_crl(const PrivateKey& ca_key, const Certificate& ca_cert,
                                      std::span<const Revocation> revoked, const CrlOptions& opts);

// What a CRL says, for adx key show. Its signature is not checked here.
struct CrlInfo {
    std::string issuer;
    std::time_t this_update = 0;
    std::time_t next_update = 0;  // 0 when absent
    std::string number;           // cRLNumber in decimal; "" when absent
    std::string signature_algorithm;
    std::vector<Revocation> revoked;
};
// The CRLs in a PEM text (every "X509 CRL" block) or one DER CRL. None: Exit::data.
core::Expected<std::vector<CrlInfo>> read_crls(std::string_view text, const std::string& name = "-");

}  // namespace adx::crypto

// SPDX-License-Identifier: Apache-2.0
#pragma once
// X.509 certificates: reading, the facts a person or a receiver needs (who,
// issued by whom, valid when, for what), and issuing small ones (adx key cert).

#include "crypto/digest.hpp"
#include "crypto/key.hpp"

#include <ctime>
#include <memory>
#include <string>
#include <vector>

using X509 = struct x509_st;

namespace adx::crypto {

class Certificate {
public:
    Certificate() = default;
    explicit Certificate(std::shared_ptr<X509> x509);
    static core::Expected<Certificate> from_der(const Bytes& der);
    // Every certificate in a PEM text, in order; none: Exit::data.
    static core::Expected<std::vector<Certificate>> from_pem(std::string_view pem, const std::string& name = "-");
    static core::Expected<std::vector<Certificate>> load(const std::string& path);

    Bytes der() const;
    std::string pem() const;
    // RFC 2253 form, UTF-8: "CN=...,O=...,C=CN".
    std::string subject() const;
    std::string issuer() const;
    std::string common_name() const;
    // The Unified Social Credit Code the subject names (in serialNumber,
    // OU, O or CN, the first attribute that is a valid code), or "".
    std::string credit_code() const;
    std::string serial_hex() const;
    std::time_t not_before() const;
    std::time_t not_after() const;
    PublicKey public_key() const;
    bool is_ca() const;
    // The keyUsage extension: absent means "any" (RFC 5280 §4.2.1.3).
    bool allows_digital_signature() const;
    std::vector<std::string> key_usage() const;      // "digitalSignature", ...
    std::vector<std::string> ext_key_usage() const;  // "clientAuth", ...
    // subjectAltName entries as "DNS:name", "IP:addr", "email:addr", "URI:uri".
    std::vector<std::string> subject_alt_names() const;
    // OpenSSL's name of the signature algorithm: "SM2-with-SM3", "ecdsa-with-SHA256", ...
    std::string signature_algorithm() const;
    bool self_signed() const;
    std::string fingerprint(DigestAlg alg) const;  // hex, upper case, colon-separated
    X509* get() const noexcept { return m_x509.get(); }
    bool operator==(const Certificate& other) const noexcept;

private:
    std::shared_ptr<X509> m_x509;
};

}  // namespace adx::crypto

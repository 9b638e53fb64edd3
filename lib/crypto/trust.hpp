// SPDX-License-Identifier: Apache-2.0
#pragma once
// The trust store a verifier (or a TLS peer) checks chains against: a PEM
// bundle or a directory of PEM files, plus any CRLs given.

#include "crypto/cert.hpp"
#include "crypto/sign.hpp"

#include <ctime>
#include <span>
#include <string>
#include <vector>

namespace adx::crypto {

// What a verifier learned about who signed.
struct SignerInfo {
    Certificate cert;               // the end-entity certificate
    std::vector<Certificate> chain; // leaf first, up to the trust anchor
    std::string subject;
    std::string credit_code;        // "" when the subject names none
    SigAlg alg{};
    std::time_t signed_at = 0;      // claimed signing time; 0 when the signature carries none
};

class TrustStore {
public:
    // A PEM bundle, or a directory whose *.pem / *.crt files are read.
    // No certificate found: Exit::config. Unreadable: Exit::no_input.
    static core::Expected<TrustStore> load(const std::string& bundle_or_dir);
    static TrustStore from_certs(std::vector<Certificate> anchors);
    // A CRL in PEM or DER. Its signature is checked when the chain is built.
    core::Expected<void> add_crl(const std::string& path);

    // Builds and checks the chain of leaf at time `at` using `untrusted` as
    // intermediates. Errors (Exit::data), with these rule ids:
    //   unknown-signer   no chain to an anchor (a self-signed or embedded cert is not trust)
    //   expired / not-yet-valid   a certificate outside its validity at `at`
    //   revoked          a CRL lists a certificate of the chain
    //   key-usage        the leaf may not sign (no digitalSignature)
    //   bad-chain        any other chain failure (signature, CA flag, CRL unusable)
    // Every certificate of the store is an anchor, root or not. With CRLs
    // added, each certificate of the chain whose issuer has a CRL among them
    // is checked (no CRL for an issuer: not checked; a CRL past its next
    // update: bad-chain). RFC 5280 strict (a CA without keyUsage is refused).
    // SM2 signatures: GM/T 0009 default ID, or OpenSSL 3.0's empty one.
    core::Expected<std::vector<Certificate>> verify(const Certificate& leaf, std::span<const Certificate> untrusted,
                                                    std::time_t at) const;
    const std::vector<Certificate>& anchors() const noexcept { return m_anchors; }

private:
    std::vector<Certificate> m_anchors;
    std::vector<std::shared_ptr<void>> m_crls;  // X509_CRL
};

}  // namespace adx::crypto

// SPDX-License-Identifier: Apache-2.0
#pragma once
// A small PKI made in-process for the JWS tests: root → intermediate CA →
// signing leaf per key algorithm, with fixed validity periods, and a clock
// fixed by ADX_NOW. Keys are made once per test run.

#include "crypto/issue.hpp"
#include "crypto/trust.hpp"
#include "jws/jws.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>

namespace adx::jws::test {

inline constexpr std::time_t k_t0 = 1767225600;      // 2026-01-01T00:00:00Z: everything valid from here
inline constexpr std::time_t k_signed = 1795773600;  // 2026-11-27T10:00:00Z: sigT of the tests
inline constexpr const char* k_now = "2026-11-27T10:00:00Z";

// Sets ADX_NOW for one scope and restores the previous value.
class ScopedNow {
public:
    explicit ScopedNow(const char* value = k_now) {
        if (const char* old = std::getenv("ADX_NOW")) m_old = old;
        ::setenv("ADX_NOW", value, 1);
    }
    ~ScopedNow() {
        if (m_old)
            ::setenv("ADX_NOW", m_old->c_str(), 1);
        else
            ::unsetenv("ADX_NOW");
    }
    ScopedNow(const ScopedNow&) = delete;
    ScopedNow& operator=(const ScopedNow&) = delete;

private:
    std::optional<std::string> m_old;
};

inline crypto::PrivateKey new_key(crypto::KeyAlg alg) {
    auto k = crypto::PrivateKey::generate(alg, 2048);
    REQUIRE(k);
    return std::move(*k);
}

inline crypto::Certificate issue(const crypto::PrivateKey& key, const std::string& subject,
                                 const crypto::PrivateKey& ca_key, const crypto::Certificate* ca,
                                 crypto::CertProfile profile, std::time_t not_before, int days) {
    auto req = crypto::CertRequest::create(key, subject);
    REQUIRE(req);
    crypto::IssueOptions o;
    o.profile = profile;
    o.not_before = not_before;
    o.days = days;
    auto cert = crypto::issue_cert(*req, ca_key, ca, o);
    if (!cert) FAIL(cert.error().message);
    return std::move(*cert);
}

struct Pki {
    crypto::PrivateKey root_key, ca_key, leaf_key;
    crypto::Certificate root, ca, leaf;

    std::vector<crypto::Certificate> chain() const { return {leaf, ca}; }
    crypto::TrustStore trust() const { return crypto::TrustStore::from_certs({root}); }
    // Another signing certificate under the same CA.
    crypto::Certificate another_leaf(const crypto::PrivateKey& key, crypto::CertProfile profile, std::time_t not_before,
                                     int days) const {
        return issue(key, "CN=Another Signer,O=Test District,C=CN", ca_key, &ca, profile, not_before, days);
    }
};

// name distinguishes independent PKIs of the same algorithm ("other": a
// second root nobody trusts).
inline const Pki& pki(crypto::KeyAlg alg, const std::string& name = "main") {
    static std::map<std::pair<crypto::KeyAlg, std::string>, Pki> cache;
    auto it = cache.find({alg, name});
    if (it != cache.end()) return it->second;
    Pki p;
    p.root_key = new_key(alg);
    p.ca_key = new_key(alg);
    p.leaf_key = new_key(alg);
    p.root = issue(p.root_key, "CN=" + name + " Test Root,O=adx tests,C=CN", p.root_key, nullptr,
                   crypto::CertProfile::root, k_t0, 3650);
    p.ca = issue(p.ca_key, "CN=" + name + " City CA,O=adx tests,C=CN", p.root_key, &p.root, crypto::CertProfile::ca,
                 k_t0, 3000);
    p.leaf = issue(p.leaf_key, "CN=Test District Office,O=adx tests,C=CN", p.ca_key, &p.ca, crypto::CertProfile::sign,
                   k_t0, 730);
    return cache.emplace(std::make_pair(alg, name), std::move(p)).first->second;
}

}  // namespace adx::jws::test

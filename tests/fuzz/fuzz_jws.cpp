// SPDX-License-Identifier: Apache-2.0
// JWS verification (lib/jws): arbitrary bytes as a detached .jws over a fixed
// payload, as an attached compact JWS, and as a protected header's JSON.
// Trust: a fixed P-256 root (its leaf signed the seed corpus); the clock is
// fixed with ADX_NOW. Every refusal must be a data error (Exit::data) with a
// rule id; a header that parses must read back the same after writing.

#include "crypto/trust.hpp"
#include "jws/header.hpp"
#include "jws/jws.hpp"

#include <cstdint>
#include <cstdlib>

namespace {

// CN=Fuzz Root,O=adx fuzz,C=CN, valid 2026-11-27 .. 2036-11-24.
constexpr const char* k_root = R"(-----BEGIN CERTIFICATE-----
MIIBzTCCAXOgAwIBAgIUL80LSv3LMTBemIcv6bW5zrvS7igwCgYIKoZIzj0EAwIw
NDELMAkGA1UEBhMCQ04xETAPBgNVBAoMCGFkeCBmdXp6MRIwEAYDVQQDDAlGdXp6
IFJvb3QwHhcNMjYxMTI3MjAzNDA2WhcNMzYxMTI0MjAzNDA2WjA0MQswCQYDVQQG
EwJDTjERMA8GA1UECgwIYWR4IGZ1enoxEjAQBgNVBAMMCUZ1enogUm9vdDBZMBMG
ByqGSM49AgEGCCqGSM49AwEHA0IABM1tRC+tfNHyq7MlTP7He0ueD/zTY+t6jef0
VwvwxlibpcPnys9PTYCvUefwInHU3LdgYs4olzIxa8S5u8p83cqjYzBhMB0GA1Ud
DgQWBBRCTKVkMht/9ifRTW8XG8QBN1rDNDAfBgNVHSMEGDAWgBRCTKVkMht/9ifR
TW8XG8QBN1rDNDAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwIBBjAKBggq
hkjOPQQDAgNIADBFAiB/c1x9x4yYw8E+Hlo97SgGDGLWnFY0fI0MWg9WYknMdQIh
AI+M/2m/m2jhZ1PKbyG5mKCwrtvE/uVATW97V6p+7/HY
-----END CERTIFICATE-----)";

constexpr std::string_view k_payload = "adx fuzz payload\n";

const adx::crypto::TrustStore& trust() {
    static const adx::crypto::TrustStore store = [] {
        ::setenv("ADX_NOW", "2026-11-28T00:00:00Z", 1);
        return adx::crypto::TrustStore::from_certs(adx::crypto::Certificate::from_pem(k_root).value());
    }();
    return store;
}

void refused_as_data(const adx::core::Error& e) {
    if (e.code != adx::core::Exit::data || e.rule.empty() || e.message.empty()) std::abort();
}

bool same(const adx::jws::Header& a, const adx::jws::Header& b) {
    return a.alg == b.alg && a.b64 == b.b64 && a.crit == b.crit && a.x5c == b.x5c && a.x5t_s256 == b.x5t_s256 &&
           a.sig_t == b.sig_t && a.typ == b.typ && a.cty == b.cty && a.kid == b.kid;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    adx::jws::VerifyOptions opts{trust()};

    auto detached = adx::jws::verify_detached(text, k_payload, opts);
    if (detached) {
        if (detached->signed_at == 0 || detached->chain.empty()) std::abort();
    } else {
        refused_as_data(detached.error());
    }
    auto compact = adx::jws::verify_compact(text, opts);
    if (!compact) refused_as_data(compact.error());
    if (detached && compact) std::abort();  // one text cannot be both shapes

    auto header = adx::jws::parse_header(text);
    if (header) {
        auto again = adx::jws::parse_header(adx::jws::write_header(*header));
        if (!again || !same(*header, *again)) std::abort();
    } else {
        refused_as_data(header.error());
    }
    return 0;
}

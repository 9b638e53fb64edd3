// SPDX-License-Identifier: Apache-2.0
#include "crypto/trust.hpp"

#include "crypto/issue.hpp"
#include "pki.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <openssl/evp.h>
#include <openssl/x509.h>

using namespace adx::crypto;
using namespace adx::crypto::test;
using adx::core::Exit;

namespace {

struct Pki {
    explicit Pki(std::string a) : alg(std::move(a)) {}
    std::string alg;
    TrustStore store() const { return TrustStore::from_certs({pki_cert(alg, "root")}); }
    TrustStore store_with_crls() const {
        auto s = store();
        REQUIRE(s.add_crl(pki_path(alg, "district.crl")).has_value());
        REQUIRE(s.add_crl(pki_path(alg, "root.crl")).has_value());
        return s;
    }
    std::vector<Certificate> district() const { return {pki_cert(alg, "district")}; }
};

std::string rule_of(const adx::core::Expected<std::vector<Certificate>>& r) {
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == Exit::data);
    return r.error().rule;
}

}  // namespace

TEST_CASE("a leaf chains through the district CA to the root", "[crypto][trust]") {
    Pki p(GENERATE("sm2", "p256", "rsa"));
    auto leaf = pki_cert(p.alg, "leaf");
    auto chain = p.store().verify(leaf, p.district(), k_pki_now);
    REQUIRE(chain.has_value());
    REQUIRE(chain->size() == 3);
    CHECK((*chain)[0] == leaf);
    CHECK((*chain)[1] == pki_cert(p.alg, "district"));
    CHECK((*chain)[2] == pki_cert(p.alg, "root"));
    // with every CRL given, the good leaf still passes
    CHECK(p.store_with_crls().verify(leaf, p.district(), k_pki_now).has_value());
    // a certificate issued by the root directly needs no intermediate
    CHECK(p.store().verify(pki_cert(p.alg, "city"), {}, k_pki_now).has_value());
}

TEST_CASE("validity is judged at the time asked", "[crypto][trust]") {
    Pki p(GENERATE("sm2", "p256", "rsa"));
    auto store = p.store();
    auto expired = store.verify(pki_cert(p.alg, "expired"), p.district(), k_pki_now);
    CHECK(rule_of(expired) == "expired");
    CHECK_THAT(expired.error().message, Catch::Contains("已过期") && Catch::Contains("2026-01-31T00:00:00Z"));
    CHECK(store.verify(pki_cert(p.alg, "expired"), p.district(), utc(2026, 1, 15)).has_value());

    auto notyet = store.verify(pki_cert(p.alg, "notyet"), p.district(), k_pki_now);
    CHECK(rule_of(notyet) == "not-yet-valid");
    CHECK_THAT(notyet.error().message, Catch::Contains("2045-01-01T00:00:00Z"));
    CHECK(store.verify(pki_cert(p.alg, "notyet"), p.district(), utc(2045, 6, 1)).has_value());

    // before the CA itself was valid
    CHECK(rule_of(store.verify(pki_cert(p.alg, "leaf"), p.district(), utc(2025, 6, 1))) == "not-yet-valid");
}

TEST_CASE("a CRL revokes, and only when given", "[crypto][trust]") {
    Pki p(GENERATE("sm2", "p256", "rsa"));
    auto revoked = pki_cert(p.alg, "revoked");
    CHECK(p.store().verify(revoked, p.district(), k_pki_now).has_value());
    auto r = p.store_with_crls().verify(revoked, p.district(), k_pki_now);
    CHECK(rule_of(r) == "revoked");
    CHECK_THAT(r.error().message, Catch::Contains(revoked.serial_hex()) && Catch::Contains("2026-01-01T00:00:00Z"));
    // only the district's CRL given: the root's certificates go unchecked
    auto s = p.store();
    REQUIRE(s.add_crl(pki_path(p.alg, "district.crl")).has_value());
    CHECK(rule_of(s.verify(revoked, p.district(), k_pki_now)) == "revoked");
    CHECK(s.verify(pki_cert(p.alg, "leaf"), p.district(), k_pki_now).has_value());
}

TEST_CASE("a revoked intermediate CA revokes what it issued", "[crypto][trust]") {
    Pki p(GENERATE("p256", "sm2"));
    std::vector<Revocation> list{{pki_cert(p.alg, "district").serial_hex(), 0}};
    CrlOptions opts;
    opts.this_update = utc(2026, 6, 1);
    auto crl = issue_crl(pki_key(p.alg, "root"), pki_cert(p.alg, "root"), list, opts);
    REQUIRE(crl.has_value());
    auto path = std::filesystem::temp_directory_path() / ("adx-root-" + p.alg + ".crl");
    { std::ofstream(path) << *crl; }
    auto s = p.store();
    REQUIRE(s.add_crl(path.string()).has_value());
    std::filesystem::remove(path);
    auto r = s.verify(pki_cert(p.alg, "leaf"), p.district(), utc(2026, 6, 10));
    CHECK(rule_of(r) == "revoked");
    CHECK_THAT(r.error().message, Catch::Contains("示例区CA"));
    // a CRL past its next update is no longer evidence of anything
    auto stale = s.verify(pki_cert(p.alg, "leaf"), p.district(), utc(2026, 8, 1));
    CHECK(rule_of(stale) == "bad-chain");
    CHECK_THAT(stale.error().message, Catch::Contains("out of date"));
}

TEST_CASE("a leaf without digitalSignature may not sign", "[crypto][trust]") {
    Pki p(GENERATE("sm2", "p256", "rsa"));
    auto r = p.store().verify(pki_cert(p.alg, "nosig"), p.district(), k_pki_now);
    CHECK(rule_of(r) == "key-usage");
    CHECK_THAT(r.error().message, Catch::Contains("keyEncipherment"));
}

TEST_CASE("signers outside the trust store are unknown", "[crypto][trust]") {
    Pki p(GENERATE("sm2", "p256", "rsa"));
    auto store = p.store();
    SECTION("self-signed") {
        auto r = store.verify(pki_cert(p.alg, "stranger"), {}, k_pki_now);
        CHECK(rule_of(r) == "unknown-signer");
        CHECK_THAT(r.error().message, Catch::Contains("self-signed"));
    }
    SECTION("issued by a root with the trusted root's name but another key") {
        std::vector<Certificate> with_fake{pki_cert(p.alg, "fake-root")};
        CHECK(rule_of(store.verify(pki_cert(p.alg, "impostor"), with_fake, k_pki_now)) == "unknown-signer");
        CHECK(rule_of(store.verify(pki_cert(p.alg, "impostor"), {}, k_pki_now)) == "unknown-signer");
    }
    SECTION("the intermediate missing") {
        auto r = store.verify(pki_cert(p.alg, "leaf"), {}, k_pki_now);
        CHECK(rule_of(r) == "unknown-signer");
        CHECK_THAT(r.error().message, Catch::Contains("示例区CA"));
    }
    SECTION("another algorithm's root") {
        auto other = TrustStore::from_certs({pki_cert(p.alg == "sm2" ? "p256" : "sm2", "root")});
        CHECK(rule_of(other.verify(pki_cert(p.alg, "leaf"), p.district(), k_pki_now)) == "unknown-signer");
    }
}

TEST_CASE("any certificate in the store is an anchor", "[crypto][trust]") {
    auto store = TrustStore::from_certs({pki_cert("p256", "district")});
    auto chain = store.verify(pki_cert("p256", "leaf"), {}, k_pki_now);
    REQUIRE(chain.has_value());
    CHECK(chain->size() == 2);
}

TEST_CASE("a certificate with a broken signature is a bad chain", "[crypto][trust]") {
    Pki p(GENERATE("sm2", "p256", "rsa"));
    Bytes der = pki_cert(p.alg, "leaf").der();
    der[der.size() - 5] ^= 0x01;  // inside the signature value
    auto bent = Certificate::from_der(der);
    REQUIRE(bent.has_value());
    auto r = p.store().verify(*bent, p.district(), k_pki_now);
    CHECK(rule_of(r) == "bad-chain");
    CHECK_THAT(r.error().message, Catch::Contains("signature"));
}

TEST_CASE("a CRL with a broken signature is refused", "[crypto][trust]") {
    Pki p(GENERATE("sm2", "p256"));
    // a good CRL of the district, then one bit of its signature flipped
    std::vector<Revocation> none;
    CrlOptions opts;
    opts.this_update = utc(2026, 11, 1);
    auto bad = issue_crl(pki_key(p.alg, "district"), pki_cert(p.alg, "district"), none, opts);
    REQUIRE(bad.has_value());
    Bytes der;
    {
        auto pem = *bad;
        auto begin = pem.find('\n') + 1;
        auto end = pem.find("-----END");
        der = from_base64(pem.substr(begin, end - begin)).value();
    }
    der[der.size() - 3] ^= 0x01;
    auto path = std::filesystem::temp_directory_path() / ("adx-bent-" + p.alg + ".crl");
    {
        std::ofstream out(path, std::ios::binary);
        out.write(reinterpret_cast<const char*>(der.data()), static_cast<std::streamsize>(der.size()));
    }
    auto s = p.store();
    REQUIRE(s.add_crl(path.string()).has_value());  // DER is read too
    std::filesystem::remove(path);
    auto r = s.verify(pki_cert(p.alg, "leaf"), p.district(), k_pki_now);
    CHECK(rule_of(r) == "bad-chain");
    CHECK_THAT(r.error().message, Catch::Contains("CRL"));
}

TEST_CASE("trust stores load from a bundle or a directory", "[crypto][trust]") {
    auto bundle = TrustStore::load(pki_path("sm2", "root.pem"));
    REQUIRE(bundle.has_value());
    CHECK(bundle->anchors().size() == 1);
    auto chain = TrustStore::load(pki_path("sm2", "leaf-chain.pem"));
    REQUIRE(chain.has_value());
    CHECK(chain->anchors().size() == 2);

    auto dir = std::filesystem::temp_directory_path() / "adx-trust-dir";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(pki_path("p256", "root.pem"), dir / "a.pem");
    std::filesystem::copy_file(pki_path("sm2", "root.pem"), dir / "b.crt");
    { std::ofstream(dir / "notes.txt") << "not a certificate"; }
    auto from_dir = TrustStore::load(dir.string());
    REQUIRE(from_dir.has_value());
    CHECK(from_dir->anchors().size() == 2);
    CHECK(from_dir->verify(pki_cert("sm2", "city"), {}, k_pki_now).has_value());

    std::filesystem::remove(dir / "a.pem");
    std::filesystem::remove(dir / "b.crt");
    auto empty = TrustStore::load(dir.string());
    REQUIRE_FALSE(empty.has_value());
    CHECK(empty.error().code == Exit::config);
    { std::ofstream(dir / "bad.pem") << "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n"; }
    auto bad = TrustStore::load(dir.string());
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().code == Exit::config);
    std::filesystem::remove_all(dir);

    auto missing = TrustStore::load("/nonexistent/trust.pem");
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().code == Exit::no_input);

    auto s = TrustStore::from_certs({});
    auto not_crl = s.add_crl(pki_path("sm2", "root.pem"));
    REQUIRE_FALSE(not_crl.has_value());
    CHECK(not_crl.error().code == Exit::data);
}

TEST_CASE("SM2 certificates signed with OpenSSL's empty default ID verify too", "[crypto][trust]") {
    // What openssl x509 -req makes without -sigopt distid:...: the district
    // certificate re-signed by the root with no SM2 ID set.
    auto root_key = pki_key("sm2", "root");
    auto district = Certificate::from_der(pki_cert("sm2", "district").der()).value();
    REQUIRE(X509_sign(district.get(), root_key.get(), EVP_sm3()) > 0);
    CHECK_FALSE(district == pki_cert("sm2", "district"));
    auto store = TrustStore::from_certs({pki_cert("sm2", "root")});
    std::vector<Certificate> untrusted{district};
    CHECK(store.verify(pki_cert("sm2", "leaf"), untrusted, k_pki_now).has_value());

    // and a signature by another key still fails
    auto wrong = Certificate::from_der(pki_cert("sm2", "district").der()).value();
    REQUIRE(X509_sign(wrong.get(), pki_key("sm2", "fake-root").get(), EVP_sm3()) > 0);
    std::vector<Certificate> bad{wrong};
    CHECK(rule_of(store.verify(pki_cert("sm2", "leaf"), bad, k_pki_now)) == "bad-chain");
}

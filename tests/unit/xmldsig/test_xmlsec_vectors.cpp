// SPDX-License-Identifier: Apache-2.0
// The xmlsec test vectors (corpora/xmlsec-tests, README §4 there) under adx's
// strict profile. The enveloped ECDSA vector has the profile's shape once
// its XPath filter not(ancestor-or-self::dsig:Signature), which selects what
// enveloped-signature does, is read as that; its KeyName makes the signer a
// certificate of the trust store itself. It verifies with its certificate as
// the trust store, and is refused (unknown-signer) with any other. The
// others are enveloping, detached, KeyValue-only, SHA-1, DSA, HMAC or P-521,
// or carry an X509Digest: each is refused with a rule id, and the ones the
// README names for the reason that applies. Profile-conforming positives come from xmlsec1 itself,
// which signs templates in adx's profile with the corpus keys and the test
// PKI at test time (tests/interop/xmldsig_xmlsec1.sh).

#include "xmldsig/xmldsig.hpp"
#include "xmldsig_util.hpp"

#include <map>

namespace fs = std::filesystem;
using namespace adx;
using namespace xmldsig_test;

TEST_CASE("xmlsec vectors: each refused for its reason", "[xmldsig][corpus]") {
    fs::path dir = corpora() / "xmlsec-tests" / "tests";
    if (!fs::exists(dir)) FAIL("corpus missing: " << dir << " (set ADX_SHARED_DIR)");
    auto anchors = crypto::Certificate::load((dir / "keys" / "cacert.pem").string());
    REQUIRE(anchors);
    auto trust = crypto::TrustStore::from_certs(*anchors);
    xmldsig::VerifyOptions opts{trust, std::time_t{1798761600}};  // 2027-01-01

    const std::map<std::string, std::string> expected{
        {"aleksey-xmldsig-01/enveloped-sha256-ecdsa-sha256.xml", "unknown-signer"},      // KeyName, not in the store
        {"aleksey-xmldsig-01/enveloped-x509-digest-sha256.xml", "key-info"},             // ds:X509Digest
        {"aleksey-xmldsig-01/enveloped-ecdsa-java-bug.xml", "algorithm-not-allowed"},    // ecdsa-sha512, P-521
        {"aleksey-xmldsig-01/enveloping-sha256-rsa-sha256.xml", "signature-placement"},  // enveloping
        {"merlin-xmldsig-twenty-three/signature-enveloped-dsa.xml", "algorithm-not-allowed"},
        {"merlin-xmldsig-twenty-three/signature-external-dsa.xml", "signature-placement"},
        {"phaos-xmldsig-three/signature-rsa-enveloped.xml", "algorithm-not-allowed"},  // rsa-sha1
        {"xmldsig11-interop-2012/signature-enveloping-p256_sha256.xml", "signature-placement"},
    };
    std::size_t files = 0;
    std::map<std::string, int> rules;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.path().extension() != ".xml" || entry.path().string().find("/keys") != std::string::npos) continue;
        std::string rel = fs::relative(entry.path(), dir).string();
        std::string bytes = slurp(entry.path());
        if (bytes.find("Signature") == std::string::npos) continue;  // data files
        ++files;
        auto v = xmldsig::verify(rel, bytes, opts);
        INFO(rel);
        REQUIRE_FALSE(v);
        CHECK(v.error().code == core::Exit::data);
        CHECK_FALSE(v.error().rule.empty());
        CHECK(v.error().where.file == rel);
        ++rules[v.error().rule];
        if (auto it = expected.find(rel); it != expected.end()) CHECK(v.error().rule == it->second);
    }
    INFO(Catch::Detail::stringify(rules));
    CHECK(files > 200);
    CHECK(rules["signature-placement"] > 50);
}

TEST_CASE("xmlsec vectors: the enveloped ECDSA vector verifies with its certificate", "[xmldsig][corpus]") {
    fs::path dir = corpora() / "xmlsec-tests" / "tests";
    if (!fs::exists(dir)) FAIL("corpus missing: " << dir << " (set ADX_SHARED_DIR)");
    auto cert = crypto::Certificate::load((dir / "keys" / "ec" / "ec-prime256v1-pubkey.crt").string());
    REQUIRE(cert);
    auto trust = crypto::TrustStore::from_certs(*cert);
    xmldsig::VerifyOptions opts{trust, std::time_t{1798761600}};  // 2027-01-01
    std::string bytes = slurp(dir / "aleksey-xmldsig-01" / "enveloped-sha256-ecdsa-sha256.xml");
    auto v = xmldsig::verify("enveloped-sha256-ecdsa-sha256.xml", bytes, opts);
    REQUIRE(v);
    CHECK(v->alg == crypto::SigAlg::es256);
    CHECK(v->subject.find("CN=Test Key ec-prime256v1") != std::string::npos);

    // Its own bytes changed, or another XPath expression: refused.
    std::string changed = bytes;
    changed.replace(changed.find("Hello, World!"), 13, "Hello, world!");
    auto c = xmldsig::verify("changed.xml", changed, opts);
    REQUIRE_FALSE(c);
    CHECK(c.error().rule == "digest-mismatch");
    std::string other = bytes;
    other.replace(other.find("ancestor-or-self::"), 18, "ancestor::");
    auto o = xmldsig::verify("other.xml", other, opts);
    REQUIRE_FALSE(o);
    CHECK(o.error().rule == "transforms");
    // Valid at the time asked only: before the certificate's notBefore (2026-03-08).
    xmldsig::VerifyOptions early{trust, std::time_t{1767225600}};  // 2026-01-01
    auto e = xmldsig::verify("early.xml", bytes, early);
    REQUIRE_FALSE(e);
    CHECK(e.error().rule == "not-yet-valid");
}

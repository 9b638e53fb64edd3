// SPDX-License-Identifier: Apache-2.0
// The xmlsec test vectors (corpora/xmlsec-tests, README §4 there) under adx's
// strict profile. None of the 242 signed documents has the profile's shape
// (a lone enveloped-signature transform or one c14n after it, X509
// certificates in KeyInfo, an adx algorithm): the enveloped ECDSA and RSA
// vectors add an XPath transform, the others are enveloping, detached,
// KeyName/KeyValue-only, SHA-1, DSA, HMAC or P-521. So every one is refused,
// each with a rule id, and the ones the README names are refused for the
// reason that applies. Profile-conforming positives come from xmlsec1 itself,
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
        {"aleksey-xmldsig-01/enveloped-sha256-ecdsa-sha256.xml", "transforms"},          // + XPath transform
        {"aleksey-xmldsig-01/enveloped-x509-digest-sha256.xml", "transforms"},           // + XPath transform
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

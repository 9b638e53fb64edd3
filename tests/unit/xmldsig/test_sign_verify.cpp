// SPDX-License-Identifier: Apache-2.0
// Round trips with the committed test PKI (tests/data/pki): adx signs, adx
// verifies, for SM2-SM3, ECDSA P-256 and RSA; the signed bytes are the input
// plus the Signature; the trust failures come from the trust store.

#include "../crypto/pki.hpp"
#include "xmldsig/xmldsig.hpp"
#include "xmldsig_util.hpp"

#include <array>

using namespace adx;
using crypto::test::k_pki_now;
using crypto::test::pki_cert;
using crypto::test::pki_key;

namespace {

const std::string k_doc =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!-- exported by the district system -->\n"
    "<f:filings xmlns:f=\"urn:adx:filing\" xmlns=\"urn:adx:default\" xml:lang=\"zh-CN\">\n"
    "  <f:filing Id=\"a1\"><name>示例企业 &amp; Co.</name><code>91350100M000100Y43</code></f:filing>\n"
    "  <f:filing Id=\"a2\"><name attr='single \"quoted\"'>第二</name><![CDATA[raw <text>]]></f:filing>\n"
    "  <?pi data?>\n"
    "</f:filings>\n"
    "<!-- trailing comment -->\n";

struct Alg {
    const char* dir;
    crypto::SigAlg alg;
};
constexpr std::array<Alg, 3> k_algs{
    {{"sm2", crypto::SigAlg::sm2_sm3}, {"p256", crypto::SigAlg::es256}, {"rsa", crypto::SigAlg::rs256}}};

std::vector<crypto::Certificate> chain_of(const std::string& dir, const std::string& leaf) {
    return {pki_cert(dir, leaf), pki_cert(dir, "district")};
}

}  // namespace

TEST_CASE("sign then verify: SM2-SM3, ES256, RS256", "[xmldsig][sign]") {
    for (const auto& a : k_algs) {
        INFO(a.dir);
        auto key = pki_key(a.dir, "leaf");
        xmldsig::SignRequest req{key, chain_of(a.dir, "leaf"), a.alg};
        auto signed_doc = xmldsig::sign("doc.xml", k_doc, req);
        REQUIRE(signed_doc);
        // The input bytes, plus the Signature before the root's end tag.
        auto at = signed_doc->find("<ds:Signature ");
        REQUIRE(at != std::string::npos);
        auto end = signed_doc->find("</ds:Signature>") + std::string_view("</ds:Signature>").size();
        CHECK(signed_doc->substr(0, at) + signed_doc->substr(end) == k_doc);
        CHECK(signed_doc->substr(end).starts_with("</f:filings>"));
        CHECK(signed_doc->find(std::string(crypto::info(a.alg).xmldsig_uri)) != std::string::npos);
        CHECK(signed_doc->find(std::string(xmldsig::digest_uri(crypto::info(a.alg).digest))) != std::string::npos);

        auto trust = crypto::TrustStore::from_certs({pki_cert(a.dir, "root")});
        xmldsig::VerifyOptions opts{trust, k_pki_now};
        auto info = xmldsig::verify("doc.xml", *signed_doc, opts);
        INFO((info ? std::string() : info.error().rule + ": " + info.error().message));
        REQUIRE(info);
        CHECK(info->alg == a.alg);
        CHECK(info->cert == pki_cert(a.dir, "leaf"));
        CHECK(info->credit_code == "13230523PFTPADNB9K");
        CHECK(info->signed_at == 0);
        CHECK(info->chain.size() == 3);
    }
}

TEST_CASE("sign: digests, empty root, GB18030, refusals", "[xmldsig][sign]") {
    auto key = pki_key("p256", "leaf");
    auto trust = crypto::TrustStore::from_certs({pki_cert("p256", "root")});
    xmldsig::VerifyOptions opts{trust, k_pki_now};
    for (auto d :
         {crypto::DigestAlg::sha256, crypto::DigestAlg::sha384, crypto::DigestAlg::sha512, crypto::DigestAlg::sm3}) {
        xmldsig::SignRequest req{key, chain_of("p256", "leaf"), crypto::SigAlg::es256, d};
        auto s = xmldsig::sign("d.xml", "<a>x</a>", req);
        REQUIRE(s);
        CHECK(s->find(std::string(xmldsig::digest_uri(d))) != std::string::npos);
        CHECK(xmldsig::verify("d.xml", *s, opts));
    }
    xmldsig::SignRequest req{key, chain_of("p256", "leaf"), crypto::SigAlg::es256};
    SECTION("empty document element") {
        auto s = xmldsig::sign("d.xml", "<p:a xmlns:p=\"urn:p\" b=\"1/>\"/>\n", req);
        REQUIRE(s);
        CHECK(s->starts_with("<p:a xmlns:p=\"urn:p\" b=\"1/>\"><ds:Signature"));
        CHECK(s->ends_with("</ds:Signature></p:a>\n"));
        CHECK(xmldsig::verify("d.xml", *s, opts));
    }
    SECTION("GB18030 document, non-ASCII element names") {
        // <?xml ... encoding="GB18030"?><企业>名称</企业> in GB18030 bytes.
        std::string doc =
            "<?xml version=\"1.0\" encoding=\"GB18030\"?>\n<\xC6\xF3\xD2\xB5>\xC3\xFB\xB3\xC6</\xC6\xF3\xD2\xB5>";
        auto s = xmldsig::sign("d.xml", doc, req);
        REQUIRE(s);
        CHECK(s->ends_with("</ds:Signature></\xC6\xF3\xD2\xB5>"));
        CHECK(xmldsig::verify("d.xml", *s, opts));
    }
    SECTION("already signed") {
        auto s = xmldsig::sign("d.xml", "<a>x</a>", req);
        REQUIRE(s);
        auto again = xmldsig::sign("d.xml", *s, req);
        REQUIRE_FALSE(again);
        CHECK(again.error().rule == "already-signed");
    }
    SECTION("a certificate that is not the key's") {
        xmldsig::SignRequest wrong{key, chain_of("p256", "city"), crypto::SigAlg::es256};
        auto s = xmldsig::sign("d.xml", "<a>x</a>", wrong);
        REQUIRE_FALSE(s);
        CHECK(s.error().code == core::Exit::usage);
        CHECK(s.error().rule == "key-mismatch");
    }
    SECTION("a key that does not suit the algorithm") {
        xmldsig::SignRequest wrong{key, chain_of("p256", "leaf"), crypto::SigAlg::rs256};
        auto s = xmldsig::sign("d.xml", "<a>x</a>", wrong);
        REQUIRE_FALSE(s);
        CHECK(s.error().code == core::Exit::usage);
    }
    SECTION("DOCTYPE and broken XML") {
        auto s = xmldsig::sign("d.xml", "<!DOCTYPE a><a/>", req);
        REQUIRE_FALSE(s);
        CHECK(s.error().rule == "doctype");
        auto t = xmldsig::sign("d.xml", "<a>", req);
        REQUIRE_FALSE(t);
        CHECK(t.error().rule == "malformed-xml");
        CHECK(t.error().code == core::Exit::data);
    }
}

TEST_CASE("verify: trust failures come from the trust store", "[xmldsig][verify]") {
    const std::string doc = "<r><v>1</v></r>";
    for (const auto& a : k_algs) {
        INFO(a.dir);
        auto trust = crypto::TrustStore::from_certs({pki_cert(a.dir, "root")});
        xmldsig::VerifyOptions opts{trust, k_pki_now};
        auto rule_for = [&](const std::string& leaf, std::vector<crypto::Certificate> chain) {
            auto key = pki_key(a.dir, leaf);
            xmldsig::SignRequest req{key, std::move(chain), a.alg};
            auto s = xmldsig::sign("d.xml", doc, req);
            REQUIRE(s);
            auto v = xmldsig::verify("d.xml", *s, opts);
            REQUIRE_FALSE(v);
            CHECK(v.error().code == core::Exit::data);
            CHECK(v.error().where.file == "d.xml");
            return v.error().rule;
        };
        CHECK(rule_for("stranger", {pki_cert(a.dir, "stranger")}) == "unknown-signer");
        CHECK(rule_for("impostor", {pki_cert(a.dir, "impostor"), pki_cert(a.dir, "fake-root")}) == "unknown-signer");
        CHECK(rule_for("expired", chain_of(a.dir, "expired")) == "expired");
        CHECK(rule_for("nosig", chain_of(a.dir, "nosig")) == "key-usage");
        // Without the intermediate in KeyInfo, the chain cannot be built.
        CHECK(rule_for("leaf", {pki_cert(a.dir, "leaf")}) == "unknown-signer");
    }
}

TEST_CASE("verify: the algorithm allow-list", "[xmldsig][verify]") {
    auto key = pki_key("rsa", "leaf");
    xmldsig::SignRequest req{key, chain_of("rsa", "leaf"), crypto::SigAlg::rs256};
    auto s = xmldsig::sign("d.xml", "<r/>", req);
    REQUIRE(s);
    auto trust = crypto::TrustStore::from_certs({pki_cert("rsa", "root")});
    const std::array<crypto::SigAlg, 2> only_ec{crypto::SigAlg::sm2_sm3, crypto::SigAlg::es256};
    xmldsig::VerifyOptions opts{trust, k_pki_now, only_ec};
    auto v = xmldsig::verify("d.xml", *s, opts);
    REQUIRE_FALSE(v);
    CHECK(v.error().rule == "algorithm-not-allowed");
}

TEST_CASE("looks_like_xml", "[xmldsig]") {
    CHECK(xmldsig::looks_like_xml("<?xml version=\"1.0\"?><a/>"));
    CHECK(xmldsig::looks_like_xml("\xEF\xBB\xBF\n  <a/>"));
    CHECK(xmldsig::looks_like_xml("<!-- c --><a/>"));
    CHECK(xmldsig::looks_like_xml("<企业/>"));
    CHECK_FALSE(xmldsig::looks_like_xml("name,code\n"));
    CHECK_FALSE(xmldsig::looks_like_xml("{\"a\":1}"));
    CHECK_FALSE(xmldsig::looks_like_xml("< a"));
    CHECK_FALSE(xmldsig::looks_like_xml(""));
}

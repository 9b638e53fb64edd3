// SPDX-License-Identifier: Apache-2.0
// Attacks on signed XML, each refused for its own reason (rule id). The
// strict shape checks run before any cryptography, so a wrapped or
// re-pointed signature is named as what it is, not as a bad digest.

#include "../crypto/pki.hpp"
#include "xmldsig/xmldsig.hpp"
#include "xmldsig_util.hpp"

#include <map>

using namespace adx;
using crypto::test::k_pki_now;
using crypto::test::pki_cert;
using crypto::test::pki_key;

namespace {

const std::string k_doc =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<order xmlns=\"urn:adx:order\">\n"
    "  <item Id=\"i1\"><to>alice@example.com</to><amount>100</amount></item>\n"
    "</order>\n";

struct Fixture {
    crypto::TrustStore trust = crypto::TrustStore::from_certs({pki_cert("p256", "root")});
    std::string signed_doc;

    Fixture() {
        auto key = pki_key("p256", "leaf");
        xmldsig::SignRequest req{key, {pki_cert("p256", "leaf"), pki_cert("p256", "district")}, crypto::SigAlg::es256};
        auto s = xmldsig::sign("order.xml", k_doc, req);
        REQUIRE(s);
        signed_doc = *s;
    }

    core::Expected<crypto::SignerInfo> check(const std::string& doc) const {
        xmldsig::VerifyOptions opts{trust, k_pki_now};
        return xmldsig::verify("order.xml", doc, opts);
    }

    std::string rule(const std::string& doc) const {
        auto v = check(doc);
        if (v) return "ok";
        CHECK(v.error().code == core::Exit::data);
        CHECK(v.error().where.file == "order.xml");
        return v.error().rule;
    }

    std::string signature() const {
        auto a = signed_doc.find("<ds:Signature");
        auto b = signed_doc.find("</ds:Signature>") + std::string_view("</ds:Signature>").size();
        return signed_doc.substr(a, b - a);
    }
};

std::string replace(std::string s, std::string_view from, std::string_view to) {
    auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("attacks: signature wrapping", "[xmldsig][attack]") {
    Fixture f;
    REQUIRE(f.check(f.signed_doc));
    std::string body = f.signed_doc.substr(f.signed_doc.find("<order"));

    // The signed element moved: the original document element wrapped in a new one.
    CHECK(f.rule("<evil xmlns=\"urn:adx:order\"><item Id=\"i0\"><to>mallory@example.com</to></item>" + body +
                 "</evil>") == "signature-placement");
    // The signed element moved the other way: the Signature wrapped in an element of its own.
    CHECK(f.rule(replace(f.signed_doc, f.signature(), "<wrap>" + f.signature() + "</wrap>")) == "signature-placement");
    // A second element with the same ID (for a reader that resolves by ID).
    CHECK(f.rule(replace(f.signed_doc, "<item Id=\"i1\">",
                         "<item Id=\"i1\"><to>mallory@example.com</to></item><item Id=\"i1\">")) == "duplicate-id");
    // A second Signature, anywhere.
    CHECK(f.rule(replace(f.signed_doc, "</order>", f.signature() + "</order>")) == "multiple-signatures");
    CHECK(f.rule(replace(f.signed_doc, "<amount>", "<amount>" + f.signature())) == "multiple-signatures");
    // The reference pointing elsewhere.
    CHECK(f.rule(replace(f.signed_doc, "URI=\"\"", "URI=\"#i1\"")) == "reference-uri");
    CHECK(f.rule(replace(f.signed_doc, "URI=\"\"", "URI=\"#xpointer(/)\"")) == "reference-uri");
    CHECK(f.rule(replace(f.signed_doc, "URI=\"\"", "URI=\"http://example.com/other.xml\"")) == "reference-uri");
    CHECK(f.rule(replace(f.signed_doc, " URI=\"\"", "")) == "reference-uri");
}

TEST_CASE("attacks: comments injected into signed text", "[xmldsig][attack]") {
    Fixture f;
    // Reference URI="" names the document without its comments (XML-DSig
    // §4.4.3.3), whatever canonicalization follows: a comment is never
    // signed. One that splits a text node lets a reader that takes the first
    // text node see "alice@example.com.evil" as "alice@example.com": refused.
    CHECK(f.rule(replace(f.signed_doc, "alice@example.com", "alice@<!-- x -->example.com")) == "comment-in-text");
    CHECK(f.rule(replace(f.signed_doc, "alice@example.com", "alice@example.com<!---->.evil")) == "comment-in-text");
    // Text added next to a comment changes the signed text: a digest mismatch.
    CHECK(f.rule(replace(f.signed_doc, "<amount>", "<!-- note -->x<amount>")) == "digest-mismatch");
    // The same text, with a comment between elements: no text changes, and
    // the signature (which never covered comments) still holds.
    CHECK(f.rule(replace(f.signed_doc, "<amount>", "<!-- note --><amount>")) == "ok");
}

TEST_CASE("attacks: a certificate not in the trust store, embedded in KeyInfo", "[xmldsig][attack]") {
    Fixture f;
    // Mallory signs the altered document with her own key and embeds her
    // certificate: every digest and signature holds, the signer is unknown.
    auto key = pki_key("p256", "stranger");
    xmldsig::SignRequest req{key, {pki_cert("p256", "stranger")}, crypto::SigAlg::es256};
    auto s = xmldsig::sign("order.xml", replace(k_doc, "100", "100000"), req);
    REQUIRE(s);
    CHECK(f.rule(*s) == "unknown-signer");
    // Her certificate swapped into a genuine signature: it does not verify.
    std::string theirs = f.signature();
    std::string mine = s->substr(s->find("<ds:KeyInfo>"), s->find("</ds:KeyInfo>") - s->find("<ds:KeyInfo>"));
    std::string genuine =
        theirs.substr(theirs.find("<ds:KeyInfo>"), theirs.find("</ds:KeyInfo>") - theirs.find("<ds:KeyInfo>"));
    CHECK(f.rule(replace(f.signed_doc, genuine, mine)) == "signature-invalid");
    // A chain through a root with the genuine root's name but another key.
    auto ikey = pki_key("p256", "impostor");
    xmldsig::SignRequest ireq{
        ikey, {pki_cert("p256", "impostor"), pki_cert("p256", "fake-root")}, crypto::SigAlg::es256};
    auto i = xmldsig::sign("order.xml", k_doc, ireq);
    REQUIRE(i);
    CHECK(f.rule(*i) == "unknown-signer");
}

TEST_CASE("attacks: one flipped byte anywhere", "[xmldsig][attack]") {
    Fixture f;
    const std::string& doc = f.signed_doc;
    std::size_t root = doc.find("<order");
    std::size_t sig = doc.find("<ds:Signature");
    std::map<std::string, int> rules;
    for (std::size_t i = 0; i < doc.size(); ++i) {
        std::string bad = doc;
        bad[i] = static_cast<char>(bad[i] ^ 0x01);
        std::string r = f.rule(bad);
        INFO("byte " << i << " '" << doc[i] << "' -> " << r);
        CHECK(r != "ok");
        if (i >= root && i < sig) CHECK((r == "digest-mismatch" || r == "malformed-xml"));
        ++rules[r];
    }
    // A flip in the content shows as a changed digest; in the signature as
    // an invalid signature or malformed signature data.
    CHECK(rules["digest-mismatch"] > 0);
    CHECK(rules["signature-invalid"] > 0);
    CHECK(rules["malformed-signature"] > 0);
}

TEST_CASE("attacks: shapes outside the profile", "[xmldsig][attack]") {
    Fixture f;
    const std::string env = "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>";
    const std::string exc = "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>";
    const std::string xpath =
        "<ds:Transform "
        "Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\"><ds:XPath>1</ds:XPath></ds:Transform>";
    CHECK(f.rule(replace(f.signed_doc, exc, xpath)) == "transforms");
    CHECK(f.rule(replace(f.signed_doc, env, "")) == "transforms");
    CHECK(f.rule(replace(f.signed_doc, exc, exc + exc)) == "transforms");
    CHECK(f.rule(replace(f.signed_doc, "</ds:KeyInfo>", "</ds:KeyInfo><ds:Object><ds:Manifest/></ds:Object>")) ==
          "manifest");
    CHECK(f.rule(replace(f.signed_doc, "</ds:KeyInfo>", "</ds:KeyInfo><ds:Object>x</ds:Object>")) == "object");
    CHECK(f.rule(replace(f.signed_doc, "<ds:X509Data>",
                         "<ds:RetrievalMethod URI=\"http://example.com/key\"/><ds:X509Data>")) == "key-info");
    CHECK(f.rule(replace(f.signed_doc, "<ds:X509Data>", "<ds:KeyValue/><ds:X509Data>")) == "key-info");
    auto ki = f.signed_doc.find("<ds:KeyInfo>");
    auto ke = f.signed_doc.find("</ds:KeyInfo>");
    std::string keyvalue_only = f.signed_doc;
    keyvalue_only.replace(ki, ke - ki, "<ds:KeyInfo><ds:KeyValue><ds:ECKeyValue/></ds:KeyValue>");
    CHECK(f.rule(keyvalue_only) == "key-info");
    CHECK(f.rule(replace(f.signed_doc, "<ds:X509Certificate>",
                         "<ds:X509SubjectName>CN=x</ds:X509SubjectName><ds:X509Certificate>")) == "key-info");
    std::string sm = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256\"/>";
    CHECK(f.rule(replace(f.signed_doc, sm,
                         "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256\"><ds:HMACOutputLength>8</"
                         "ds:HMACOutputLength></ds:SignatureMethod>")) == "hmac-output-length");
    CHECK(f.rule(replace(f.signed_doc, "xmldsig-more#ecdsa-sha256", "xmldsig-more#hmac-sha256")) ==
          "algorithm-not-allowed");
    CHECK(f.rule(replace(f.signed_doc, "xmlenc#sha256", "xmldsig#sha1")) == "algorithm-not-allowed");
    CHECK(
        f.rule(replace(f.signed_doc, "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"",
                       "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#minimal\"")) ==
        "algorithm-not-allowed");
    CHECK(f.rule(replace(f.signed_doc, "<ds:Reference URI=\"\">", "<ds:Reference URI=\"\" Type=\"urn:t\">")) ==
          "unexpected-attribute");
    auto rs = f.signed_doc.find("<ds:Reference");
    auto re = f.signed_doc.find("</ds:Reference>") + std::string_view("</ds:Reference>").size();
    std::string ref = f.signed_doc.substr(rs, re - rs);
    CHECK(f.rule(replace(f.signed_doc, ref, ref + ref)) == "reference-count");
    CHECK(f.rule(replace(f.signed_doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE order>\n")) == "doctype");
    CHECK(f.rule(k_doc) == "no-signature");
    CHECK(f.rule(replace(f.signed_doc, "<ds:SignatureValue>", "<ds:SignatureValue>!")) == "malformed-signature");
}

// SPDX-License-Identifier: Apache-2.0
#include "crypto/issue.hpp"

#include "crypto/trust.hpp"
#include "pki.hpp"

#include <catch2/catch.hpp>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <set>

using namespace adx::crypto;
using namespace adx::crypto::test;
using adx::core::Exit;

namespace {

std::string name_of(const std::string& text) {
    auto n = parse_name(text);
    REQUIRE(n.has_value());
    char buf[512];
    X509_NAME_oneline(n->get(), buf, sizeof buf);  // "/C=CN/O=..." in DER order
    return buf;
}

Exit name_error(const std::string& text) {
    auto n = parse_name(text);
    REQUIRE_FALSE(n.has_value());
    return n.error().code;
}

CertRequest request(const PrivateKey& key, const std::string& subject, const std::vector<std::string>& san = {}) {
    auto r = CertRequest::create(key, subject, san);
    REQUIRE(r.has_value());
    return *r;
}

Certificate issue(const CertRequest& req, const PrivateKey& ca_key, const Certificate* ca, CertProfile profile,
                  int days = 365, std::vector<std::string> san = {}) {
    IssueOptions opts;
    opts.profile = profile;
    opts.days = days;
    opts.san = std::move(san);
    auto c = issue_cert(req, ca_key, ca, opts);
    INFO((c ? std::string() : c.error().message));
    REQUIRE(c.has_value());
    return *c;
}

KeyAlg key_alg(const std::string& alg) {
    return alg == "sm2" ? KeyAlg::sm2 : alg == "p256" ? KeyAlg::p256 : KeyAlg::rsa;
}

}  // namespace

TEST_CASE("names in both syntaxes", "[crypto][issue]") {
    CHECK(name_of("/C=CN/O=Org/CN=Name") == "/C=CN/O=Org/CN=Name");
    CHECK(name_of("CN=Name,O=Org,C=CN") == "/C=CN/O=Org/CN=Name");
    CHECK(name_of("CN=Name, O=Org, C=CN") == "/C=CN/O=Org/CN=Name");
    CHECK(name_of("cn=x,serialNumber=91310116052958608G") == "/serialNumber=91310116052958608G/CN=x");
    CHECK(name_of("CN=Smith\\, John,O=A/B") == "/O=A\\/B/CN=Smith, John");  // oneline escapes '/'
    CHECK(name_of("/O=A\\/B/CN=张三") == "/O=A\\/B/CN=\\xE5\\xBC\\xA0\\xE4\\xB8\\x89");
    CHECK(name_of("/CN=a=b") == "/CN=a=b");
    CHECK(name_error("") == Exit::usage);
    CHECK(name_error("CN") == Exit::usage);
    CHECK(name_error("XX=1") == Exit::usage);
    CHECK(name_error("CN=") == Exit::usage);
    CHECK(name_error("C=CHN,CN=x") == Exit::usage);
    CHECK(name_error("CN=x\\") == Exit::usage);
    CHECK(name_error("CN=\xff\xfe") == Exit::usage);  // not UTF-8
}

TEST_CASE("requests prove their key", "[crypto][issue]") {
    std::string alg = GENERATE("sm2", "p256", "rsa");
    auto key = pki_key(alg, "leaf");
    auto req = request(key, "/C=CN/O=某公司/CN=张三", {"DNS:example.org", "IP:10.0.0.1"});
    CHECK(req.signature_ok());
    CHECK(req.subject() == "CN=张三,O=某公司,C=CN");
    CHECK(req.public_key() == key.public_key());
    CHECK(req.signature_algorithm() == (alg == "sm2"    ? "SM2-with-SM3"
                                        : alg == "p256" ? "ecdsa-with-SHA256"
                                                        : "sha256WithRSAEncryption"));
    auto again = CertRequest::from_pem(req.pem());
    REQUIRE(again.has_value());
    CHECK(again->signature_ok());
    auto der = CertRequest::from_der(req.der());
    REQUIRE(der.has_value());
    CHECK(der->der() == req.der());

    Bytes bent = req.der();
    bent[bent.size() - 4] ^= 0x10;
    auto bad = CertRequest::from_der(bent);
    if (bad) CHECK_FALSE(bad->signature_ok());
    CHECK_FALSE(CertRequest::from_pem("nothing").has_value());
}

TEST_CASE("a three-level chain issued here verifies", "[crypto][issue]") {
    std::string alg = GENERATE("sm2", "p256", "rsa");
    auto root_key = PrivateKey::generate(key_alg(alg)).value();
    auto ca_key = PrivateKey::generate(key_alg(alg)).value();
    auto leaf_key = PrivateKey::generate(key_alg(alg)).value();
    auto root = issue(request(root_key, "/C=CN/CN=Root"), root_key, nullptr, CertProfile::root, 3650);
    auto ca = issue(request(ca_key, "/C=CN/CN=District"), root_key, &root, CertProfile::ca, 1000);
    auto leaf = issue(request(leaf_key, "/C=CN/CN=Leaf"), ca_key, &ca, CertProfile::sign, 100);

    CHECK(root.self_signed());
    CHECK(root.is_ca());
    CHECK(ca.is_ca());
    CHECK_FALSE(ca.self_signed());
    CHECK(leaf.issuer() == "CN=District,C=CN");
    CHECK(leaf.not_after() - leaf.not_before() == 100 * 86400);
    CHECK(leaf.signature_algorithm() == (alg == "sm2"    ? "SM2-with-SM3"
                                         : alg == "p256" ? "ecdsa-with-SHA256"
                                                         : "sha256WithRSAEncryption"));
    // subject and authority key identifiers link the chain
    CHECK(X509_get0_subject_key_id(leaf.get()) != nullptr);
    REQUIRE(X509_get0_authority_key_id(leaf.get()) != nullptr);
    CHECK(ASN1_OCTET_STRING_cmp(X509_get0_authority_key_id(leaf.get()), X509_get0_subject_key_id(ca.get())) == 0);

    auto store = TrustStore::from_certs({root});
    std::vector<Certificate> untrusted{ca};
    auto chain = store.verify(leaf, untrusted, leaf.not_before() + 60);
    INFO((chain ? "" : chain.error().message));
    REQUIRE(chain.has_value());
    CHECK(chain->size() == 3);
}

TEST_CASE("profiles set the extensions", "[crypto][issue]") {
    std::string alg = GENERATE("p256", "rsa");
    auto ca_key = pki_key(alg, "district");
    auto ca = pki_cert(alg, "district");
    auto key = pki_key(alg, "leaf");
    auto req = request(key, "/CN=host", {"DNS:requested.example"});

    auto server = issue(req, ca_key, &ca, CertProfile::server, 30, {"DNS:adx.example", "127.0.0.1"});
    CHECK(server.ext_key_usage() == std::vector<std::string>{"serverAuth"});
    CHECK(server.subject_alt_names() == std::vector<std::string>{"DNS:adx.example", "IP:127.0.0.1"});
    CHECK(server.key_usage() == (alg == "rsa" ? std::vector<std::string>{"digitalSignature", "keyEncipherment"}
                                              : std::vector<std::string>{"digitalSignature"}));
    auto from_request = issue(req, ca_key, &ca, CertProfile::server, 30);
    CHECK(from_request.subject_alt_names() == std::vector<std::string>{"DNS:requested.example"});

    auto client = issue(req, ca_key, &ca, CertProfile::client, 30);
    CHECK(client.ext_key_usage() == std::vector<std::string>{"clientAuth"});
    CHECK_FALSE(client.is_ca());

    auto enc = issue(req, ca_key, &ca, CertProfile::encrypt, 30);
    CHECK_FALSE(enc.allows_digital_signature());

    auto sub_ca = issue(req, ca_key, &ca, CertProfile::ca, 30);
    CHECK(sub_ca.is_ca());
    CHECK(sub_ca.key_usage() == std::vector<std::string>{"keyCertSign", "cRLSign"});

    std::set<std::string> serials{server.serial_hex(), from_request.serial_hex(), client.serial_hex(), enc.serial_hex(),
                                  sub_ca.serial_hex()};
    CHECK(serials.size() == 5);
    for (const auto& s : serials) CHECK(s.size() == 32);
}

TEST_CASE("what a CA refuses to issue", "[crypto][issue]") {
    auto ca_key = pki_key("p256", "district");
    auto ca = pki_cert("p256", "district");
    auto req = request(pki_key("p256", "leaf"), "/CN=x");
    auto refused = [&](const CertRequest& r, const PrivateKey& k, const Certificate* c, CertProfile p, int days = 30) {
        IssueOptions opts;
        opts.profile = p;
        opts.days = days;
        auto cert = issue_cert(r, k, c, opts);
        REQUIRE_FALSE(cert.has_value());
        CHECK(cert.error().code == Exit::usage);
        return cert.error().message;
    };
    CHECK_THAT(refused(req, ca_key, &ca, CertProfile::server), Catch::Contains("--san"));
    CHECK_THAT(refused(req, ca_key, &ca, CertProfile::sign, 100000), Catch::Contains("expires"));
    CHECK(refused(req, ca_key, &ca, CertProfile::sign, 0).size() > 0);
    auto leaf = pki_cert("p256", "leaf");
    CHECK_THAT(refused(req, pki_key("p256", "leaf"), &leaf, CertProfile::sign), Catch::Contains("not a CA"));
    CHECK_THAT(refused(req, pki_key("p256", "root"), &ca, CertProfile::sign), Catch::Contains("does not belong"));
    CHECK(refused(req, ca_key, nullptr, CertProfile::root).size() > 0);  // self-signed with another key
    CHECK(refused(req, ca_key, &ca, CertProfile::root).size() > 0);      // a root has no issuer
    CHECK(refused(req, pki_key("p256", "leaf"), nullptr, CertProfile::ca).size() > 0);
    auto nosig_ca = pki_cert("p256", "nosig");
    CHECK(refused(req, pki_key("p256", "nosig"), &nosig_ca, CertProfile::sign).size() > 0);

    // a request whose signature does not hold: another key's public half swapped in
    auto other = pki_key("p256", "city");
    auto forged = request(pki_key("p256", "leaf"), "/CN=x");
    REQUIRE(X509_REQ_set_pubkey(forged.get(), other.get()) == 1);
    CHECK_THAT(refused(forged, ca_key, &ca, CertProfile::sign), Catch::Contains("signature"));
}

TEST_CASE("CRLs list what they revoke", "[crypto][issue]") {
    std::string alg = GENERATE("sm2", "p256", "rsa");
    std::vector<Revocation> list{{pki_cert(alg, "revoked").serial_hex(), utc(2026, 3, 1)}, {"0a:bc", 0}};
    CrlOptions opts;
    opts.this_update = utc(2026, 4, 1);
    opts.days = 10;
    opts.number = 7;
    auto pem = issue_crl(pki_key(alg, "district"), pki_cert(alg, "district"), list, opts);
    REQUIRE(pem.has_value());
    auto crls = read_crls(*pem);
    REQUIRE(crls.has_value());
    REQUIRE(crls->size() == 1);
    const auto& c = crls->front();
    CHECK(c.issuer == pki_cert(alg, "district").subject());
    CHECK(c.this_update == utc(2026, 4, 1));
    CHECK(c.next_update == utc(2026, 4, 11));
    CHECK(c.number == "7");
    REQUIRE(c.revoked.size() == 2);
    std::set<std::string> serials{c.revoked[0].serial_hex, c.revoked[1].serial_hex};
    CHECK(serials.count("0ABC"));
    CHECK(serials.count(pki_cert(alg, "revoked").serial_hex()));

    auto fixture = read_crls(read_text(pki_path(alg, "district.crl")));
    REQUIRE(fixture.has_value());
    CHECK(fixture->front().revoked.size() == 1);

    std::vector<Revocation> bad{{"xyz", 0}};
    auto refused = issue_crl(pki_key(alg, "district"), pki_cert(alg, "district"), bad, opts);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == Exit::usage);
    auto not_ca = issue_crl(pki_key(alg, "leaf"), pki_cert(alg, "leaf"), {}, opts);
    REQUIRE_FALSE(not_ca.has_value());
    CHECK(not_ca.error().code == Exit::usage);
    CHECK_FALSE(read_crls("nothing").has_value());
}

TEST_CASE("profile names", "[crypto][issue]") {
    for (auto p : {CertProfile::root, CertProfile::ca, CertProfile::sign, CertProfile::encrypt, CertProfile::server,
                   CertProfile::client}) {
        CHECK(cert_profile_from_name(cert_profile_name(p)) == p);
    }
    CHECK_FALSE(cert_profile_from_name("leaf").has_value());
}

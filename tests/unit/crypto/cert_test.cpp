// SPDX-License-Identifier: Apache-2.0
#include "crypto/cert.hpp"

#include "pki.hpp"

#include <catch2/catch.hpp>

using namespace adx::crypto;
using namespace adx::crypto::test;
using adx::core::Exit;

TEST_CASE("certificate facts", "[crypto][cert]") {
    auto leaf = pki_cert("sm2", "leaf");
    CHECK(leaf.subject() == "CN=示例区交换节点 签名 SM2,serialNumber=13230523PFTPADNB9K,O=示例区数据交换节点,C=CN");
    CHECK(leaf.issuer() == "CN=示例区CA SM2,O=示例市示例区政务服务数据管理局,C=CN");
    CHECK(leaf.common_name() == "示例区交换节点 签名 SM2");
    CHECK(leaf.not_before() == utc(2026, 1, 1));
    CHECK(leaf.not_after() == utc(2045, 12, 27));
    CHECK(leaf.serial_hex().size() == 32);
    CHECK(leaf.public_key().alg() == KeyAlg::sm2);
    CHECK(leaf.public_key() == pki_key("sm2", "leaf").public_key());
    CHECK(leaf.signature_algorithm() == "SM2-with-SM3");
    CHECK_FALSE(leaf.is_ca());
    CHECK_FALSE(leaf.self_signed());
    CHECK(leaf.allows_digital_signature());
    CHECK(leaf.key_usage() == std::vector<std::string>{"digitalSignature", "nonRepudiation"});
    CHECK(leaf.ext_key_usage().empty());
    CHECK(leaf.subject_alt_names().empty());

    auto root = pki_cert("p256", "root");
    CHECK(root.is_ca());
    CHECK(root.self_signed());
    CHECK(root.key_usage() == std::vector<std::string>{"keyCertSign", "cRLSign"});
    CHECK_FALSE(root.allows_digital_signature());
    CHECK(root.signature_algorithm() == "ecdsa-with-SHA256");
    CHECK(pki_cert("rsa", "leaf").signature_algorithm() == "sha256WithRSAEncryption");
    CHECK(pki_cert("rsa", "leaf").public_key().bits() == 3072);

    auto nosig = pki_cert("sm2", "nosig");
    CHECK_FALSE(nosig.allows_digital_signature());
    CHECK(nosig.key_usage() == std::vector<std::string>{"keyEncipherment", "dataEncipherment", "keyAgreement"});
}

TEST_CASE("the credit code comes from the subject", "[crypto][cert]") {
    CHECK(pki_cert("sm2", "leaf").credit_code() == "13230523PFTPADNB9K");   // serialNumber
    CHECK(pki_cert("p256", "city").credit_code() == "31450703RWJ25UE91Q");  // OU
    CHECK(pki_cert("rsa", "root").credit_code().empty());
    CHECK(pki_cert("rsa", "stranger").credit_code().empty());
}

TEST_CASE("fingerprints are of the DER certificate", "[crypto][cert]") {
    auto c = pki_cert("p256", "leaf");
    auto fp = c.fingerprint(DigestAlg::sha256);
    CHECK(fp.size() == 32 * 3 - 1);
    std::string plain;
    for (char ch : fp)
        if (ch != ':') plain += ch;
    CHECK(plain == hex(Digest::of(DigestAlg::sha256, as_view(c.der())), true));
    CHECK(c.fingerprint(DigestAlg::sm3) != fp);
    CHECK(c.fingerprint(DigestAlg::sm3).size() == fp.size());
}

TEST_CASE("certificates from PEM and DER", "[crypto][cert]") {
    auto chain = Certificate::load(pki_path("sm2", "leaf-chain.pem"));
    REQUIRE(chain.has_value());
    REQUIRE(chain->size() == 2);
    CHECK((*chain)[0] == pki_cert("sm2", "leaf"));
    CHECK((*chain)[1] == pki_cert("sm2", "district"));
    CHECK_FALSE((*chain)[0] == (*chain)[1]);

    auto leaf = pki_cert("sm2", "leaf");
    auto again = Certificate::from_der(leaf.der());
    REQUIRE(again.has_value());
    CHECK(*again == leaf);
    auto from_pem = Certificate::from_pem(leaf.pem());
    REQUIRE(from_pem.has_value());
    CHECK(from_pem->front() == leaf);

    Bytes trailing = leaf.der();
    trailing.push_back(0);
    CHECK(Certificate::from_der(trailing).error().code == Exit::data);
    Bytes cut = leaf.der();
    cut.resize(cut.size() / 2);
    CHECK_FALSE(Certificate::from_der(cut).has_value());

    auto none = Certificate::from_pem("hello\n", "x.pem");
    REQUIRE_FALSE(none.has_value());
    CHECK(none.error().code == Exit::data);
    CHECK_THAT(none.error().message, Catch::Contains("x.pem"));
    auto broken = Certificate::from_pem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    REQUIRE_FALSE(broken.has_value());
    CHECK(broken.error().code == Exit::data);
    // keys and CRLs in the same file are passed over
    auto mixed = Certificate::from_pem(read_text(pki_path("sm2", "district.crl")) + leaf.pem());
    REQUIRE(mixed.has_value());
    CHECK(mixed->size() == 1);

    auto missing = Certificate::load("/nonexistent.pem");
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().code == Exit::no_input);
}

// SPDX-License-Identifier: Apache-2.0
#include "crypto/sign.hpp"

#include <catch2/catch.hpp>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>

using namespace adx::crypto;

namespace {

Bytes unhex(std::string_view s) { return from_hex(s).value(); }

// The GM/T 0003.5 Annex A public key (STANDARDS.md §6.5), built from its
// coordinates, without going through any adx parser.
PublicKey annex_a_public_key() {
    Bytes point = unhex(
        "04"
        "09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020"
        "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13");
    OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "SM2", 0);
    OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
    OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr);
    EVP_PKEY* pkey = nullptr;
    REQUIRE(EVP_PKEY_fromdata_init(ctx) == 1);
    REQUIRE(EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) == 1);
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    return PublicKey(std::shared_ptr<EVP_PKEY>(pkey, EVP_PKEY_free));
}

const Bytes k_annex_a_sig = unhex(
    "F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3"
    "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA");

bool verify(const PublicKey& key, SigAlg alg, std::string_view msg, const Bytes& sig, SigEncoding enc,
            const SigOptions& opts = {}) {
    auto v = Verifier::start(key, alg, opts);
    REQUIRE(v);
    v->update(msg);
    auto r = v->finish(sig, enc);
    REQUIRE(r);
    return *r;
}

}  // namespace

TEST_CASE("SM3 digests match GB/T 32905 vectors", "[crypto]") {
    CHECK(hex(Digest::of(DigestAlg::sm3, "abc")) ==
          "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    CHECK(hex(Digest::of(DigestAlg::sm3, "")) == "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b");
    Digest d(DigestAlg::sm3);
    for (int i = 0; i < 16; ++i) d.update("abcd");
    CHECK(hex(d.finish()) == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
}

TEST_CASE("the GM/T 0003.5 Annex A SM2 signature verifies", "[crypto]") {
    PublicKey key = annex_a_public_key();
    CHECK(key.alg() == KeyAlg::sm2);
    CHECK(verify(key, SigAlg::sm2_sm3, "message digest", k_annex_a_sig, SigEncoding::raw));
    // The same signature in DER (72 bytes: r and s both have the high bit set).
    Bytes der = ec_raw_to_der(k_annex_a_sig).value();
    CHECK(der.size() == 72);
    CHECK(verify(key, SigAlg::sm2_sm3, "message digest", der, SigEncoding::der));
    // Another message, another user ID, a flipped bit: no.
    CHECK_FALSE(verify(key, SigAlg::sm2_sm3, "message digesT", k_annex_a_sig, SigEncoding::raw));
    CHECK_FALSE(verify(key, SigAlg::sm2_sm3, "message digest", k_annex_a_sig, SigEncoding::raw, SigOptions{""}));
    Bytes flipped = k_annex_a_sig;
    flipped[40] ^= 1;
    CHECK_FALSE(verify(key, SigAlg::sm2_sm3, "message digest", flipped, SigEncoding::raw));
}

TEST_CASE("every algorithm signs and verifies, streaming, in both encodings", "[crypto]") {
    struct Case {
        KeyAlg key;
        SigAlg alg;
    };
    for (auto c : {Case{KeyAlg::sm2, SigAlg::sm2_sm3}, Case{KeyAlg::p256, SigAlg::es256},
                   Case{KeyAlg::p384, SigAlg::es384}, Case{KeyAlg::rsa, SigAlg::rs256}, Case{KeyAlg::rsa, SigAlg::ps256}}) {
        INFO(info(c.alg).name);
        auto key = PrivateKey::generate(c.key, 2048);
        REQUIRE(key);
        for (auto enc : {SigEncoding::raw, SigEncoding::der}) {
            auto s = Signer::start(*key, c.alg);
            REQUIRE(s);
            s->update("hello, ");
            s->update("district");
            auto sig = s->finish(enc);
            REQUIRE(sig);
            if (info(c.alg).raw_size && enc == SigEncoding::raw) CHECK(sig->size() == 2 * info(c.alg).raw_size);
            CHECK(verify(key->public_key(), c.alg, "hello, district", *sig, enc));
            CHECK_FALSE(verify(key->public_key(), c.alg, "hello, District", *sig, enc));
        }
    }
}

TEST_CASE("a key signs only with its own algorithm", "[crypto]") {
    auto key = PrivateKey::generate(KeyAlg::p256);
    REQUIRE(key);
    auto s = Signer::start(*key, SigAlg::sm2_sm3);
    REQUIRE_FALSE(s);
    CHECK(s.error().rule == "algorithm-not-allowed");
}

TEST_CASE("malformed signatures are errors, not mere failures", "[crypto]") {
    PublicKey key = annex_a_public_key();
    auto v = Verifier::start(key, SigAlg::sm2_sm3);
    REQUIRE(v);
    auto r = v->finish(Bytes(63, 1), SigEncoding::raw);
    REQUIRE_FALSE(r);
    CHECK(r.error().rule == "malformed-signature");
    // Non-canonical DER: a length in long form where short form fits.
    Bytes der = ec_raw_to_der(k_annex_a_sig).value();
    Bytes bad = der;
    bad[1] = 0x81;
    bad.insert(bad.begin() + 2, der[1]);
    CHECK_FALSE(ec_der_to_raw(bad, 32));
    Bytes trailing = der;
    trailing.push_back(0);
    CHECK_FALSE(ec_der_to_raw(trailing, 32));
}

TEST_CASE("base64 and base64url are strict", "[crypto]") {
    CHECK(base64(to_bytes("ab")) == "YWI=");
    CHECK(base64url(std::string_view("\xfb\xff")) == "-_8");
    CHECK(from_base64("YW\nI=").value() == to_bytes("ab"));
    CHECK_FALSE(from_base64("YWI"));
    CHECK_FALSE(from_base64("YWJ="));  // non-zero trailing bits
    CHECK_FALSE(from_base64("Y=WI"));
    CHECK(from_base64url("-_8").value() == Bytes{0xfb, 0xff});
    CHECK_FALSE(from_base64url("-_8="));
    CHECK_FALSE(from_base64url("+/8"));
    CHECK(hex(from_hex("00fF").value()) == "00ff");
    CHECK_FALSE(from_hex("0"));
}

TEST_CASE("private keys round-trip through PKCS#8 PEM, encrypted or not", "[crypto]") {
    auto key = PrivateKey::generate(KeyAlg::sm2);
    REQUIRE(key);
    auto plain = key->to_pem(std::nullopt);
    REQUIRE(plain);
    CHECK(plain->find("BEGIN PRIVATE KEY") != std::string::npos);
    auto back = PrivateKey::from_pem(*plain, std::nullopt);
    REQUIRE(back);
    CHECK(back->alg() == KeyAlg::sm2);
    CHECK(back->public_key() == key->public_key());

    auto enc = key->to_pem(std::string("s3cret"));
    REQUIRE(enc);
    CHECK(enc->find("BEGIN ENCRYPTED PRIVATE KEY") != std::string::npos);
    CHECK(PrivateKey::from_pem(*enc, std::string("s3cret")));
    auto wrong = PrivateKey::from_pem(*enc, std::string("guess"));
    REQUIRE_FALSE(wrong);
    auto none = PrivateKey::from_pem(*enc, std::nullopt);
    REQUIRE_FALSE(none);
    CHECK(none.error().message.find("no passphrase") != std::string::npos);
}

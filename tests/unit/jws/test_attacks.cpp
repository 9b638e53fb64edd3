// SPDX-License-Identifier: Apache-2.0
// Attacks on detached JWS verification, each failing with its own reason.
// Forged signatures are made correctly over the forged header, so that every
// refusal is the profile's doing, not a lucky signature failure.

#include "jws/header.hpp"
#include "jws_pki.hpp"

#include <catch2/catch.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>

using namespace adx;
using namespace adx::jws;
using namespace adx::jws::test;

namespace {

const std::string k_payload = "id,uscc\n1,91350100M000100Y43\n";

std::string x5c_json(const std::vector<crypto::Certificate>& chain) {
    std::string out = "[";
    for (const auto& c : chain) out += (out.size() > 1 ? ",\"" : "\"") + crypto::base64(c.der()) + "\"";
    return out + "]";
}

// A header with the usual members; extra is spliced in before x5c.
std::string header(const Pki& p, std::string_view alg, std::string_view extra = R"("b64":false,"crit":["b64"],)") {
    return std::string(R"({"alg":")") + std::string(alg) + "\"," + std::string(extra) +
           R"("sigT":"2026-11-27T10:00:00Z","x5c":)" + x5c_json(p.chain()) + "}";
}

// Header JSON and payload signed with key as alg (correctly).
std::string forge(std::string_view header_json, std::string_view payload, const crypto::PrivateKey& key,
                  crypto::SigAlg alg, bool detached = true) {
    std::string h = crypto::base64url(header_json);
    std::string p = detached ? std::string(payload) : crypto::base64url(payload);
    auto s = crypto::Signer::start(key, alg);
    REQUIRE(s);
    s->update(h + "." + p);
    auto sig = s->finish(crypto::SigEncoding::raw);
    REQUIRE(sig);
    return h + "." + (detached ? std::string() : p) + "." + crypto::base64url(*sig) + "\n";
}

core::Error refusal(std::string_view jws, std::string_view payload, const crypto::TrustStore& trust,
                    std::optional<std::time_t> at = std::nullopt) {
    VerifyOptions o{trust};
    o.at = at;
    o.name = "x.jws";
    auto r = verify_detached(jws, payload, o);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == core::Exit::data);
    CHECK(r.error().where.file == "x.jws");
    return r.error();
}

std::string hmac_sha256(const crypto::Bytes& secret, std::string_view data) {
    unsigned char out[32];
    unsigned int n = 0;
    REQUIRE(HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
                 reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &n) != nullptr);
    return crypto::base64url(std::string_view(reinterpret_cast<const char*>(out), n));
}

}  // namespace

TEST_CASE("jws attack: the forging helper makes JWS that verify", "[jws][attack]") {
    ScopedNow now;
    const Pki& p = pki(crypto::KeyAlg::p256);
    auto trust = p.trust();
    VerifyOptions o{trust};
    CHECK(verify_detached(forge(header(p, "ES256"), k_payload, p.leaf_key, crypto::SigAlg::es256), k_payload, o));
}

TEST_CASE("jws attack: alg none", "[jws][attack]") {
    ScopedNow now;
    const Pki& p = pki(crypto::KeyAlg::p256);
    auto trust = p.trust();
    std::string h = crypto::base64url(header(p, "none"));
    for (std::string jws : {h + "..", h + "..\n", h + "..AAAA"}) {
        auto e = refusal(jws, k_payload, trust);
        CHECK(e.rule == "algorithm-not-allowed");
        CHECK_THAT(e.message, Catch::Contains("\"none\""));
    }
}

TEST_CASE("jws attack: HS256 keyed with the signer's public key", "[jws][attack]") {
    ScopedNow now;
    const Pki& p = pki(crypto::KeyAlg::p256);
    auto trust = p.trust();
    const crypto::Bytes spki = p.leaf.public_key().spki_der();
    std::string pem = "-----BEGIN PUBLIC KEY-----\n" + crypto::base64(spki) + "\n-----END PUBLIC KEY-----\n";
    for (const crypto::Bytes& secret : {spki, crypto::to_bytes(pem), p.leaf.der()}) {
        for (std::string_view alg : {"HS256", "HS384", "HS512"}) {
            std::string h = crypto::base64url(header(p, alg));
            std::string jws = h + ".." + hmac_sha256(secret, h + "." + k_payload);
            auto e = refusal(jws, k_payload, trust);
            CHECK(e.rule == "algorithm-not-allowed");
            CHECK_THAT(e.message, Catch::Contains("HMAC"));
        }
    }
}

TEST_CASE("jws attack: algorithms outside the allow-list or unfit for the key", "[jws][attack]") {
    ScopedNow now;
    const Pki& ec = pki(crypto::KeyAlg::p256);
    const Pki& sm2 = pki(crypto::KeyAlg::sm2);
    auto trust = ec.trust();
    for (std::string_view alg : {"ES512", "EdDSA", "RS1", "es256", "SM2-SM3", ""}) {
        auto e = refusal(crypto::base64url(header(ec, alg)) + "..AAAA", k_payload, trust);
        CHECK(e.rule == "algorithm-not-allowed");
    }
    // ES256 claimed, but x5c holds an SM2 certificate (signed correctly as SM2).
    auto sm2_trust = sm2.trust();
    auto e =
        refusal(forge(header(sm2, "ES256"), k_payload, sm2.leaf_key, crypto::SigAlg::sm2_sm3), k_payload, sm2_trust);
    CHECK(e.rule == "algorithm-not-allowed");
    CHECK_THAT(e.message, Catch::Contains("does not fit"));
    // A valid ES256 signature, but the verifier allows SM2 only.
    std::string good = forge(header(ec, "ES256"), k_payload, ec.leaf_key, crypto::SigAlg::es256);
    const crypto::SigAlg sm2_only[] = {crypto::SigAlg::sm2_sm3};
    VerifyOptions o{trust};
    o.allowed = sm2_only;
    auto r = verify_detached(good, k_payload, o);
    REQUIRE_FALSE(r);
    CHECK(r.error().rule == "algorithm-not-allowed");
}

TEST_CASE("jws attack: b64 and crit not as the profile wants", "[jws][attack]") {
    ScopedNow now;
    const Pki& p = pki(crypto::KeyAlg::p256);
    auto trust = p.trust();
    auto reason = [&](std::string_view extra, std::string_view payload_part = "") {
        std::string jws = forge(header(p, "ES256", extra), k_payload, p.leaf_key, crypto::SigAlg::es256);
        if (!payload_part.empty()) jws.insert(jws.find('.') + 1, payload_part);
        auto e = refusal(jws, k_payload, trust);
        CHECK(e.rule == "malformed-signature");
        return e.message;
    };
    CHECK_THAT(reason(R"("b64":false,)"), Catch::Contains("does not list \"b64\" in \"crit\""));
    CHECK_THAT(reason(R"("b64":false,"crit":["sigT"],)"), Catch::Contains("does not list \"b64\" in \"crit\""));
    CHECK_THAT(reason(R"("b64":false,"crit":["b64","urn:example:x"],)"),
               Catch::Contains("\"urn:example:x\" is not understood"));
    CHECK_THAT(reason(R"("b64":true,"crit":["b64"],)"), Catch::Contains("\"b64\": false"));
    CHECK_THAT(reason(R"("crit":["b64"],)"), Catch::Contains("\"b64\": false"));
    CHECK_THAT(reason(""), Catch::Contains("\"b64\": false"));
    CHECK_THAT(reason(R"("b64":false,"crit":["b64"],)", crypto::base64url(k_payload)),
               Catch::Contains("carries its payload"));
    CHECK_THAT(reason(R"("b64":false,"crit":["b64"],"jku":"https://example.org/",)"),
               Catch::Contains("\"jku\" is not part of adx's profile"));
    // sigT may be critical too: adx understands it.
    VerifyOptions o{trust};
    CHECK(verify_detached(forge(header(p, "ES256", R"("b64":false,"crit":["b64","sigT"],)"), k_payload, p.leaf_key,
                                crypto::SigAlg::es256),
                          k_payload, o));
}

TEST_CASE("jws attack: duplicate alg in the header", "[jws][attack]") {
    ScopedNow now;
    const Pki& p = pki(crypto::KeyAlg::p256);
    auto trust = p.trust();
    for (std::string_view extra :
         {R"("alg":"none","b64":false,"crit":["b64"],)", R"("\u0061lg":"HS256","b64":false,"crit":["b64"],)"}) {
        auto e =
            refusal(forge(header(p, "ES256", extra), k_payload, p.leaf_key, crypto::SigAlg::es256), k_payload, trust);
        CHECK(e.rule == "malformed-signature");
        CHECK_THAT(e.message, Catch::Contains("duplicate member \"alg\""));
    }
}

TEST_CASE("jws attack: certificates", "[jws][attack]") {
    ScopedNow now;
    const Pki& p = pki(crypto::KeyAlg::p256);
    auto trust = p.trust();
    SECTION("no x5c") {
        std::string h = R"({"alg":"ES256","b64":false,"crit":["b64"],"sigT":"2026-11-27T10:00:00Z"})";
        auto e = refusal(forge(h, k_payload, p.leaf_key, crypto::SigAlg::es256), k_payload, trust);
        CHECK(e.rule == "malformed-signature");
        CHECK_THAT(e.message, Catch::Contains("x5c"));
    }
    SECTION("a signer from another PKI, its chain embedded in x5c") {
        const Pki& other = pki(crypto::KeyAlg::p256, "other");
        auto e =
            refusal(forge(header(other, "ES256"), k_payload, other.leaf_key, crypto::SigAlg::es256), k_payload, trust);
        CHECK(e.rule == "unknown-signer");
        // The same JWS verifies for whoever trusts that root.
        auto other_trust = other.trust();
        VerifyOptions o{other_trust};
        CHECK(verify_detached(forge(header(other, "ES256"), k_payload, other.leaf_key, crypto::SigAlg::es256),
                              k_payload, o));
    }
    SECTION("a self-signed leaf") {
        auto key = new_key(crypto::KeyAlg::p256);
        auto self =
            issue(key, "CN=Test District Office,O=adx tests,C=CN", key, nullptr, crypto::CertProfile::root, k_t0, 365);
        std::string h = R"({"alg":"ES256","b64":false,"crit":["b64"],"sigT":"2026-11-27T10:00:00Z","x5c":)" +
                        x5c_json({self}) + "}";
        CHECK(refusal(forge(h, k_payload, key, crypto::SigAlg::es256), k_payload, trust).rule == "unknown-signer");
    }
    SECTION("expired at the signing time") {
        auto key = new_key(crypto::KeyAlg::p256);
        auto leaf = p.another_leaf(key, crypto::CertProfile::sign, k_t0, 30);
        std::string h = R"({"alg":"ES256","b64":false,"crit":["b64"],"sigT":"2026-11-27T10:00:00Z","x5c":)" +
                        x5c_json({leaf, p.ca}) + "}";
        std::string jws = forge(h, k_payload, key, crypto::SigAlg::es256);
        CHECK(refusal(jws, k_payload, trust).rule == "expired");
        // Checked at a time of its validity (VerifyOptions::at), it holds.
        VerifyOptions o{trust};
        o.at = k_t0 + 86400;
        CHECK(verify_detached(jws, k_payload, o));
        // And a valid certificate checked at a time before it: not yet valid.
        CHECK(refusal(forge(header(p, "ES256"), k_payload, p.leaf_key, crypto::SigAlg::es256), k_payload, trust,
                      k_t0 - 86400)
                  .rule == "not-yet-valid");
    }
    SECTION("revoked") {
        crypto::Revocation rev{p.leaf.serial_hex(), k_t0 + 86400};
        crypto::CrlOptions co;
        co.this_update = k_signed - 86400;  // current at the signing time
        auto crl = crypto::issue_crl(p.ca_key, p.ca, std::span(&rev, 1), co);
        REQUIRE(crl);
        char name[] = "/tmp/adx-jws-crl-XXXXXX";
        int fd = ::mkstemp(name);
        REQUIRE(fd >= 0);
        REQUIRE(::write(fd, crl->data(), crl->size()) == static_cast<ssize_t>(crl->size()));
        ::close(fd);
        auto revoking = p.trust();
        auto added = revoking.add_crl(name);
        std::remove(name);
        REQUIRE(added);
        std::string jws = forge(header(p, "ES256"), k_payload, p.leaf_key, crypto::SigAlg::es256);
        CHECK(refusal(jws, k_payload, revoking).rule == "revoked");
    }
    SECTION("a certificate without digitalSignature") {
        auto key = new_key(crypto::KeyAlg::p256);
        auto leaf = p.another_leaf(key, crypto::CertProfile::encrypt, k_t0, 365);
        std::string h = R"({"alg":"ES256","b64":false,"crit":["b64"],"sigT":"2026-11-27T10:00:00Z","x5c":)" +
                        x5c_json({leaf, p.ca}) + "}";
        CHECK(refusal(forge(h, k_payload, key, crypto::SigAlg::es256), k_payload, trust).rule == "key-usage");
    }
    SECTION("x5t#S256 of another certificate") {
        std::string thumb =
            crypto::base64url(crypto::Digest::of(crypto::DigestAlg::sha256, crypto::as_view(p.ca.der())));
        auto e = refusal(forge(header(p, "ES256", R"("b64":false,"crit":["b64"],"x5t#S256":")" + thumb + "\","),
                               k_payload, p.leaf_key, crypto::SigAlg::es256),
                         k_payload, trust);
        CHECK(e.rule == "malformed-signature");
        CHECK_THAT(e.message, Catch::Contains("x5t#S256"));
    }
    SECTION("a signing time in the future") {
        std::string h = header(p, "ES256");
        h.replace(h.find("2026-11-27T10:00:00Z"), 20, "2026-11-27T10:06:00Z");
        auto e = refusal(forge(h, k_payload, p.leaf_key, crypto::SigAlg::es256), k_payload, trust);
        CHECK(e.rule == "malformed-signature");
        CHECK_THAT(e.message, Catch::Contains("future"));
        h.replace(h.find("2026-11-27T10:06:00Z"), 20, "2026-11-27T10:04:00Z");  // within the skew
        VerifyOptions o{trust};
        CHECK(verify_detached(forge(h, k_payload, p.leaf_key, crypto::SigAlg::es256), k_payload, o));
    }
}

TEST_CASE("jws attack: changed content, header or signature", "[jws][attack]") {
    ScopedNow now;
    for (crypto::KeyAlg key : {crypto::KeyAlg::sm2, crypto::KeyAlg::p256, crypto::KeyAlg::rsa}) {
        const Pki& p = pki(key);
        auto trust = p.trust();
        SignRequest req{p.leaf_key};
        req.chain = p.chain();
        req.signed_at = k_signed;
        auto jws = sign_detached(k_payload, req);
        REQUIRE(jws);
        for (std::size_t at : {std::size_t{0}, k_payload.size() / 2, k_payload.size() - 1}) {
            std::string changed = k_payload;
            changed[at] = static_cast<char>(changed[at] ^ 0x01);
            CHECK(refusal(*jws, changed, trust).rule == "tampered");
        }
        CHECK(refusal(*jws, k_payload + " ", trust).rule == "tampered");
        CHECK(refusal(*jws, k_payload.substr(1), trust).rule == "tampered");
        CHECK(refusal(*jws, "", trust).rule == "tampered");

        auto parts = split_compact(*jws);
        REQUIRE(parts);
        crypto::Bytes sig = *decode_b64url_strict(parts->signature, "signature");
        std::string head(parts->header);
        // One flipped bit in the middle of the signature.
        crypto::Bytes flipped = sig;
        flipped[sig.size() / 2 + 3] ^= 0x10;
        auto e = refusal(head + ".." + crypto::base64url(flipped), k_payload, trust);
        CHECK(e.rule == "tampered");
        // Truncated or extended signature.
        crypto::Bytes shorter(sig.begin(), sig.end() - 1);
        CHECK(refusal(head + ".." + crypto::base64url(shorter), k_payload, trust).rule == "malformed-signature");
        crypto::Bytes longer = sig;
        longer.push_back(0);
        CHECK(refusal(head + ".." + crypto::base64url(longer), k_payload, trust).rule == "malformed-signature");
        CHECK(refusal(head + "..", k_payload, trust).rule == "malformed-signature");
        // A header changed (another signing time) under the old signature.
        Header h = *parse_header(crypto::as_view(*decode_b64url_strict(parts->header, "header")));
        h.sig_t = k_signed - 3600;
        std::string moved = crypto::base64url(write_header(h)) + ".." + std::string(parts->signature);
        CHECK(refusal(moved, k_payload, trust).rule == "tampered");
    }
}

TEST_CASE("jws attack: malformed text", "[jws][attack]") {
    ScopedNow now;
    const Pki& p = pki(crypto::KeyAlg::p256);
    auto trust = p.trust();
    for (std::string_view bad :
         {"", "\n", "..", "a..b", "e30..AAAA", "bnVsbA..AAAA", "!..AAAA", "a.b.c.d", "eyJhbGciOiJFUzI1NiJ9.x.y.z"}) {
        INFO(bad);
        CHECK(refusal(bad, k_payload, trust).rule == "malformed-signature");
    }
}

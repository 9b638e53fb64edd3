// SPDX-License-Identifier: Apache-2.0
// Attached compact JWS over short JSON payloads (signed receipts).

#include "jws/header.hpp"
#include "jws_pki.hpp"

#include <catch2/catch.hpp>

using namespace adx;
using namespace adx::jws;
using namespace adx::jws::test;

namespace {

const std::string k_receipt = R"({"status":"accepted","id":"2026-11-27-0001","sha256":"00ff"})";

SignRequest request(const Pki& p) {
    SignRequest r{p.leaf_key};
    r.chain = p.chain();
    r.signed_at = k_signed;
    r.typ = "adx-receipt+jws";
    return r;
}

}  // namespace

TEST_CASE("jws compact: round trip", "[jws][compact]") {
    ScopedNow now;
    for (crypto::KeyAlg key : {crypto::KeyAlg::sm2, crypto::KeyAlg::p256, crypto::KeyAlg::rsa}) {
        const Pki& p = pki(key);
        auto jws = sign_compact(k_receipt, request(p));
        REQUIRE(jws);
        CHECK(std::count(jws->begin(), jws->end(), '.') == 2);
        CHECK(jws->back() != '\n');
        auto parts = split_compact(*jws);
        REQUIRE(parts);
        Header h = *parse_header(crypto::as_view(*decode_b64url_strict(parts->header, "header")));
        CHECK_FALSE(h.b64);
        CHECK_FALSE(h.crit);
        CHECK(h.typ == "adx-receipt+jws");
        auto trust = p.trust();
        VerifyOptions o{trust};
        auto r = verify_compact(*jws, o);
        if (!r) FAIL(r.error().rule + ": " + r.error().message);
        CHECK(r->payload == k_receipt);
        CHECK(r->typ == "adx-receipt+jws");
        CHECK(r->signer.cert == p.leaf);
        CHECK(r->signer.signed_at == k_signed);
    }
}

TEST_CASE("jws compact: refusals", "[jws][compact]") {
    ScopedNow now;
    const Pki& p = pki(crypto::KeyAlg::p256);
    auto trust = p.trust();
    VerifyOptions o{trust};
    auto jws = sign_compact(k_receipt, request(p));
    REQUIRE(jws);
    auto rule = [&](std::string_view text) {
        auto r = verify_compact(text, o);
        REQUIRE_FALSE(r);
        return r.error().rule;
    };
    auto parts = *split_compact(*jws);
    std::string h(parts.header), s(parts.signature);
    // Another payload under the same signature.
    CHECK(rule(h + "." + crypto::base64url(R"({"status":"rejected"})") + "." + s) == "tampered");
    // The payload part left out (a detached JWS given where a receipt is expected).
    CHECK(rule(h + ".." + s) == "tampered");
    // A detached adx signature is not a receipt.
    SignRequest d = request(p);
    auto detached = sign_detached(k_receipt, d);
    REQUIRE(detached);
    CHECK(rule(*detached) == "malformed-signature");
    // And a receipt is not a detached signature.
    auto as_detached = verify_detached(*jws, k_receipt, o);
    REQUIRE_FALSE(as_detached);
    CHECK(as_detached.error().rule == "malformed-signature");
    CHECK_THAT(as_detached.error().message, Catch::Contains("carries its payload"));
    // Non-canonical base64url in the payload part.
    std::string payload(parts.payload);
    CHECK(rule(h + "." + payload + "=" + "." + s) == "malformed-signature");
    // Too long to sign.
    auto big = sign_compact(std::string(k_max_compact_payload + 1, ' '), request(p));
    REQUIRE_FALSE(big);
    CHECK(big.error().code == core::Exit::usage);
}

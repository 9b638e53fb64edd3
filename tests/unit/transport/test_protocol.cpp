// SPDX-License-Identifier: Apache-2.0
// Header syntax of the submission protocol (protocol.hpp).

#include "crypto/digest.hpp"
#include "transport/protocol.hpp"

#include <catch2/catch.hpp>

using namespace adx;
using namespace adx::transport;

TEST_CASE("Content-Digest: RFC 9530 dictionaries", "[transport][protocol]") {
    auto sha = crypto::Digest::of(crypto::DigestAlg::sha256, "hello");
    auto sha512 = crypto::Digest::of(crypto::DigestAlg::sha512, "hello");
    std::string v = format_content_digest(sha);
    auto d = parse_content_digest(v);
    REQUIRE(d);
    CHECK(d->sha256 == sha);
    CHECK_FALSE(d->sha512);
    auto both = parse_content_digest("sha-512=:" + crypto::base64(sha512) + ":,  " + v + ";x=1");
    REQUIRE(both);
    CHECK(both->sha256 == sha);
    REQUIRE(both->sha512);
    CHECK(*both->sha512 == sha512);
    CHECK(parse_content_digest("md5=:AAAA:, " + v));  // unknown algorithms are ignored

    for (std::string bad :
         {std::string(""), std::string("sha-256"), std::string("sha-256=abc"), std::string("sha-256=:not base64!:"),
          std::string("sha-256=:AAAA:"), std::string("SHA-256=:") + crypto::base64(sha) + ":", v + "," + v, v + ",",
          std::string("md5=:AAAA:"), v + " x", std::string("sha-256=:") + crypto::base64(sha)}) {
        auto r = parse_content_digest(bad);
        INFO(bad);
        REQUIRE_FALSE(r);
        CHECK(r.error().rule == "content-digest");
    }
}

TEST_CASE("Idempotency keys and submission ids", "[transport][protocol]") {
    CHECK(valid_idempotency_key(std::string(64, 'a')));
    CHECK_FALSE(valid_idempotency_key(std::string(64, 'A')));
    CHECK_FALSE(valid_idempotency_key(std::string(63, 'a')));
    CHECK_FALSE(valid_idempotency_key(std::string(63, 'a') + "g"));
    CHECK_FALSE(valid_idempotency_key(std::string(63, 'a') + "/"));
    auto id = new_submission_id();
    CHECK(valid_submission_id(id));
    CHECK(id != new_submission_id());
}

TEST_CASE("routes", "[transport][protocol]") {
    std::string id;
    CHECK(route_of("/v1/health") == Route::health);
    CHECK(route_of("/v1/submissions") == Route::submit);
    CHECK(route_of("/v1/submissions/0123456789abcdef0123456789abcdef", &id) == Route::status);
    CHECK(id == "0123456789abcdef0123456789abcdef");
    CHECK(route_of("/v1/submissions/../../etc/passwd") == Route::unknown);
    CHECK(route_of("/v1/submissions/") == Route::unknown);
    CHECK(route_of("/v1/submissions?x=1") == Route::unknown);
    CHECK(route_of("/") == Route::unknown);
}

TEST_CASE("receipt payload and problem bodies", "[transport][protocol]") {
    ReceiptFacts f;
    f.submission_id = "0123456789abcdef0123456789abcdef";
    f.sender = "S1";
    f.format = "enterprise-filing";
    f.digest_hex = std::string(64, 'a');
    f.size = 12;
    f.records = 3;
    f.received_at = "2026-11-27T02:00:00Z";
    CHECK(receipt_payload(f) ==
          R"({"submission_id":"0123456789abcdef0123456789abcdef","sender":"S1","format":"enterprise-filing",)"
          R"("digest":"sha-256:)" +
              std::string(64, 'a') +
              R"(","size":12,"records":3,"received_at":"2026-11-27T02:00:00Z","status":"accepted"})");
    f.accepted = false;
    for (int i = 0; i < 150; ++i) f.problems.push_back({"r", "m", 2, 1, "uscc"});
    f.problem_count = 150;
    std::string p = receipt_payload(f);
    CHECK(p.find(R"("status":"rejected","problems":[{"rule":"r","message":"m","line":2,"record":1,"field":"uscc"})") !=
          std::string::npos);
    CHECK(p.find(R"("problem_count":150})") != std::string::npos);
    std::size_t listed = 0;
    for (std::size_t at = 0; (at = p.find("\"rule\"", at)) != std::string::npos; ++at) ++listed;
    CHECK(listed == k_max_listed_problems);
    CHECK(problem_json(413, "too big", "too-large") ==
          R"({"type":"about:blank","title":"Content Too Large","status":413,"detail":"too big","rule":"too-large"})"
          "\n");
}

// SPDX-License-Identifier: Apache-2.0
// Receipt checks of adx send: a receipt written by adx serve's payload
// writer (protocol.hpp) and signed with the test PKI's city certificate
// passes; every way of naming another document, or not being a receipt,
// fails with rule receipt-invalid.

#include "crypto/cert.hpp"
#include "crypto/digest.hpp"
#include "crypto/key.hpp"
#include "transport/protocol.hpp"
#include "transport/submission.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

using namespace adx;
using namespace adx::transport;

namespace {

const std::string k_pki = std::string(ADX_SOURCE_DIR) + "/tests/data/pki/p256/";

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Pki {
    crypto::PrivateKey city_key = *crypto::PrivateKey::from_pem(slurp(k_pki + "city.key"), std::nullopt);
    std::vector<crypto::Certificate> city = *crypto::Certificate::load(k_pki + "city.pem");
    crypto::PrivateKey stranger_key = *crypto::PrivateKey::from_pem(slurp(k_pki + "stranger.key"), std::nullopt);
    std::vector<crypto::Certificate> stranger = *crypto::Certificate::load(k_pki + "stranger.pem");
    crypto::TrustStore trust = *crypto::TrustStore::load(k_pki + "root.pem");
};

const Pki& pki() {
    static Pki p;
    return p;
}

Document doc_of(std::string_view body, std::string format = "enterprise-filing") {
    Document d;
    d.path = "filings.xml";
    d.name = "filings.xml";
    d.format = std::move(format);
    d.size = body.size();
    d.sha256 = crypto::Digest::of(crypto::DigestAlg::sha256, body);
    d.key = crypto::hex(d.sha256);
    return d;
}

ReceiptFacts facts_for(const Document& d) {
    ReceiptFacts f;
    f.submission_id = "0123456789abcdef0123456789abcdef";
    f.sender = "13230523PFTPADNB9K";
    f.format = d.format;
    f.digest_hex = crypto::hex(d.sha256);
    f.size = d.size;
    f.records = 3;
    f.received_at = "2026-11-27T02:00:00Z";
    return f;
}

std::string sign(const std::string& payload, bool stranger = false, std::string typ = std::string(k_receipt_typ)) {
    const Pki& p = pki();
    jws::SignRequest req{stranger ? p.stranger_key : p.city_key, stranger ? p.stranger : p.city};
    req.typ = std::move(typ);
    req.signed_at = 1795773600;  // 2026-11-27T10:00:00Z
    auto s = jws::sign_compact(payload, req);
    REQUIRE(s);
    return *s;
}

core::Expected<Receipt> check(const std::string& jws_text, const Document& d) {
    jws::VerifyOptions vo{pki().trust};
    return check_receipt(jws_text, d, vo);
}

void require_invalid(const core::Expected<Receipt>& r, std::string_view says) {
    REQUIRE_FALSE(r);
    CHECK(r.error().code == core::Exit::data);
    CHECK(r.error().rule == "receipt-invalid");
    INFO(r.error().message);
    CHECK(r.error().message.find(says) != std::string::npos);
}

}  // namespace

TEST_CASE("Content-Digest and receipt digest forms", "[transport][receipt]") {
    const auto d = doc_of("abc");
    CHECK(format_content_digest(d.sha256) == "sha-256=:ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=:");
    CHECK(receipt_digest(d.sha256) == "sha-256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(d.key.size() == 64);
}

TEST_CASE("receipt paths", "[transport][receipt]") {
    CHECK(receipt_path("out/a.xml", "") == "out/a.xml.receipt.jws");
    CHECK(receipt_path("out/a.xml", "receipts") == "receipts/a.xml.receipt.jws");
}

TEST_CASE("format names", "[transport][receipt]") {
    CHECK(valid_format_name("enterprise-filing"));
    CHECK(valid_format_name("stat-report2"));
    CHECK_FALSE(valid_format_name(""));
    CHECK_FALSE(valid_format_name("-x"));
    CHECK_FALSE(valid_format_name("Enterprise"));
    CHECK_FALSE(valid_format_name("a/b"));
    CHECK_FALSE(valid_format_name(std::string(65, 'a')));
}

TEST_CASE("an accepted receipt for the document passes", "[transport][receipt]") {
    const auto d = doc_of("<filing/>\n");
    auto r = check(sign(receipt_payload(facts_for(d))), d);
    if (!r) FAIL(r.error().message);
    CHECK(r->status == "accepted");
    CHECK(r->submission_id == "0123456789abcdef0123456789abcdef");
    CHECK(r->sender == "13230523PFTPADNB9K");
    CHECK(r->records == 3);
    CHECK(r->problems.empty());
    CHECK(r->signer.credit_code == "31450703RWJ25UE91Q");
}

TEST_CASE("a rejection receipt lists its problems", "[transport][receipt]") {
    const auto d = doc_of("bad");
    auto f = facts_for(d);
    f.accepted = false;
    f.problems = {{"uscc-check", "check character should be 'G'", 17, 16, "uscc"},
                  {"required", "missing", 20, 19, "name"}};
    f.problem_count = 250;
    auto r = check(sign(receipt_payload(f)), d);
    if (!r) FAIL(r.error().message);
    CHECK(r->status == "rejected");
    REQUIRE(r->problems.size() == 2);
    CHECK(r->problems[0].rule == "uscc-check");
    CHECK(r->problems[0].line == 17);
    CHECK(r->problems[0].record == 16);
    CHECK(r->problems[0].field == "uscc");
    CHECK(r->problem_count == 250);
}

TEST_CASE("a receipt for another document, size or format fails", "[transport][receipt]") {
    const auto d = doc_of("<filing/>\n");
    const auto other = doc_of("<filing/>\n ");
    require_invalid(check(sign(receipt_payload(facts_for(other))), d), "digest");
    auto f = facts_for(d);
    f.size = d.size + 1;
    require_invalid(check(sign(receipt_payload(f)), d), "size");
    f = facts_for(d);
    f.format = "stat-report";
    require_invalid(check(sign(receipt_payload(f)), d), "format");
}

TEST_CASE("a receipt that is not one fails", "[transport][receipt]") {
    const auto d = doc_of("<filing/>\n");
    const std::string good = receipt_payload(facts_for(d));
    // signed by a key the trust store does not know
    require_invalid(check(sign(good, true), d), "unknown-signer");
    // another JWS type
    require_invalid(check(sign(good, false, "JWT"), d), "type");
    // one flipped byte in the signature
    std::string flipped = sign(good);
    flipped[flipped.size() - 5] = flipped[flipped.size() - 5] == 'A' ? 'B' : 'A';
    require_invalid(check(flipped, d), "receipt is not valid");
    // not a JWS at all
    require_invalid(check("{\"status\":\"accepted\"}", d), "receipt is not valid");
    // payload shapes
    require_invalid(check(sign("[1,2]"), d), "object");
    require_invalid(check(sign("{\"status\":\"accepted\"}"), d), "lacks");
    std::string bad_id = good;
    bad_id.replace(bad_id.find("0123456789abcdef0123"), 4, "XYZ!");
    require_invalid(check(sign(bad_id), d), "submission_id");
    std::string bad_status = good;
    bad_status.replace(bad_status.find("\"accepted\""), 10, "\"maybe\"");
    require_invalid(check(sign(bad_status), d), "status");
    // a rejection that names no problem
    auto f = facts_for(d);
    f.accepted = false;
    require_invalid(check(sign(receipt_payload(f)), d), "no problem");
}

TEST_CASE("digest_file streams a file", "[transport][receipt]") {
    auto r = digest_file(k_pki + "root.pem", "x");
    REQUIRE(r);
    const std::string text = slurp(k_pki + "root.pem");
    CHECK(r->size == text.size());
    CHECK(r->sha256 == crypto::Digest::of(crypto::DigestAlg::sha256, text));
    CHECK(r->name == "root.pem");
    auto missing = digest_file(k_pki + "no-such-file", "x");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == core::Exit::no_input);
}

// SPDX-License-Identifier: Apache-2.0
// The receiver's protocol logic without HTTP: each answer of adx-serve(1)'s
// table, with real keys (tests/data/pki) and the real formats.

#include "crypto/digest.hpp"
#include "jws/jws.hpp"
#include "serve_fixture.hpp"
#include "transport/receiver.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace adx;
using namespace adx::transport;
using adx::transport::test::ScratchDir;
namespace fs = std::filesystem;

namespace {

const std::string k_src = ADX_SOURCE_DIR;
const std::string k_pki = k_src + "/tests/data/pki/sm2/";

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Lines first..last (and the header) of tests/data/validate/filings.csv:
// record 1 (lines 1-2) is valid, record 2 (line 3) has a bad check character.
std::string filings(int first, int last) {
    std::istringstream in(slurp(k_src + "/tests/data/validate/filings.csv"));
    std::string line, out;
    for (int i = 0; std::getline(in, line); ++i)
        if (i == 0 || (i >= first && i <= last)) out += line + "\n";
    return out;
}

struct Fixture {
    ScratchDir dir;
    std::unique_ptr<Receiver> receiver;

    explicit Fixture(bool require_signature = false) {
        fs::copy_file(k_pki + "city.key", dir / "city.key");
        fs::permissions(dir / "city.key", fs::perms::owner_read | fs::perms::owner_write);
        ReceiverConfig c;
        c.inbox = dir / "inbox";
        c.ledger = dir / "ledger.db";
        c.max_body = 1 << 20;
        auto key = crypto::PrivateKey::load(dir / "city.key", std::nullopt);
        REQUIRE(key);
        c.sign_key = std::move(*key);
        auto chain = crypto::Certificate::load(k_pki + "city.pem");
        REQUIRE(chain);
        c.sign_chain = *chain;
        auto trust = crypto::TrustStore::load(k_pki + "root.pem");
        REQUIRE(trust);
        c.trust = std::move(*trust);
        for (const char* name : {"enterprise-filing", "stat-report"}) {
            auto f = schema::find_format(name);
            REQUIRE(f);
            c.formats.emplace(name, std::move(*f));
        }
        c.senders["S1"] = SenderPolicy{{"enterprise-filing"}, require_signature};
        c.senders["S2"] = SenderPolicy{{"stat-report"}, false};
        auto r = Receiver::open(std::move(c));
        REQUIRE(r);
        receiver = std::move(*r);
    }

    RequestHead head(const std::string& body, const std::string& sender = "S1",
                     const std::string& format = "enterprise-filing") const {
        RequestHead h;
        h.method = "POST";
        h.path = "/v1/submissions";
        h.who = Identity{true, true, sender, "CN=" + sender, ""};
        auto sha = crypto::Digest::of(crypto::DigestAlg::sha256, body);
        h.headers = {{"Adx-Format", format},
                     {"Idempotency-Key", crypto::hex(sha)},
                     {"Content-Digest", format_content_digest(sha)},
                     {"Adx-Filename", "filings.csv"}};
        h.content_length = body.size();
        return h;
    }

    Response post(const RequestHead& h, const std::string& body) {
        if (auto refused = receiver->admit(h)) return *refused;
        auto spool = receiver->spool();
        REQUIRE(spool);
        REQUIRE(spool->write(body));
        REQUIRE(spool->finish());
        return receiver->submit(h, *spool);
    }

    std::size_t stored_files() const {
        std::size_t n = 0;
        std::error_code ec;
        for (const auto& e : fs::recursive_directory_iterator(dir / "inbox", ec))
            if (e.is_regular_file()) ++n;
        return n;
    }
};

std::string payload_of(const std::string& receipt) {
    auto trust = crypto::TrustStore::load(k_pki + "root.pem");
    REQUIRE(trust);
    auto r = jws::verify_compact(receipt, jws::VerifyOptions{*trust});
    if (!r) FAIL(r.error().message);
    CHECK(r->typ == "adx-receipt+jwt");
    return r->payload;
}

}  // namespace

TEST_CASE("receiver: accepted, then duplicate with the same receipt", "[transport][receiver]") {
    Fixture f;
    std::string body = filings(1, 2);
    auto r = f.post(f.head(body), body);
    INFO(r.body);
    REQUIRE(r.status == 201);
    CHECK(r.content_type == "application/jose");
    std::string payload = payload_of(r.body);
    CHECK(payload.find(R"("sender":"S1")") != std::string::npos);
    CHECK(payload.find(R"("records":1)") != std::string::npos);
    CHECK(payload.find(R"("status":"accepted")") != std::string::npos);
    CHECK(f.stored_files() == 3);
    auto dup = f.post(f.head(body), body);
    CHECK(dup.status == 200);
    CHECK(dup.body == r.body);
    CHECK(dup.submission_id == r.submission_id);
    CHECK(f.stored_files() == 3);

    RequestHead get;
    get.method = "GET";
    get.path = "/v1/submissions/" + r.submission_id;
    get.who = Identity{true, true, "S1", "CN=S1", ""};
    auto st = f.receiver->admit(get);
    REQUIRE(st);
    CHECK(st->status == 200);
    CHECK(st->body.find(r.body) != std::string::npos);
    get.who.sender = "S2";  // another sender's submission is not found
    auto other = f.receiver->admit(get);
    REQUIRE(other);
    CHECK(other->status == 404);
}

TEST_CASE("receiver: rejected by validation, same rejection on retry", "[transport][receiver]") {
    Fixture f;
    std::string body = filings(1, 3);
    auto r = f.post(f.head(body), body);
    REQUIRE(r.status == 422);
    std::string payload = payload_of(r.body);
    CHECK(payload.find(R"("status":"rejected")") != std::string::npos);
    CHECK(payload.find(R"("rule":"uscc-check")") != std::string::npos);
    CHECK(payload.find(R"("problem_count":1)") != std::string::npos);
    CHECK(f.stored_files() == 0);
    auto again = f.post(f.head(body), body);
    CHECK(again.status == 422);
    CHECK(again.body == r.body);
}

TEST_CASE("receiver: refusals before the body", "[transport][receiver]") {
    Fixture f;
    std::string body = filings(1, 2);
    auto h = f.head(body);
    h.who = Identity{};
    CHECK(f.post(h, body).status == 401);
    h.who = Identity{true, false, "", "CN=x", "unknown signer"};
    CHECK(f.post(h, body).rule == "untrusted-client-cert");
    h = f.head(body, "../x");
    auto traversal = f.post(h, body);
    CHECK(traversal.status == 403);
    CHECK(traversal.rule == "sender-name");
    h = f.head(body, "S3");
    CHECK(f.post(h, body).rule == "unknown-sender");
    CHECK(f.post(f.head(body, "S2"), body).status == 403);  // S2 may send stat-report only
    CHECK(f.post(f.head(body, "S1", "../../formats/x.toml"), body).rule == "unknown-format");
    h = f.head(body);
    h.headers.emplace_back("Idempotency-Key", std::string(64, 'a'));
    CHECK(f.post(h, body).rule == "header");
    h = f.head(body);
    h.headers[1].second = "ABC";
    CHECK(f.post(h, body).rule == "idempotency-key");
    h = f.head(body);
    h.headers[2].second = "sha-256=abc";
    CHECK(f.post(h, body).rule == "content-digest");
    h = f.head(body);
    h.content_length = (1 << 20) + 1;
    CHECK(f.post(h, body).status == 413);
    h = f.head(body);
    h.method = "GET";
    CHECK(f.post(h, body).status == 405);
    h = f.head(body);
    h.path = "/v1/../etc/passwd";
    CHECK(f.post(h, body).status == 404);
    CHECK(f.stored_files() == 0);
}

TEST_CASE("receiver: digests must match the body", "[transport][receiver]") {
    Fixture f;
    std::string body = filings(1, 2);
    auto h = f.head(body);
    auto wrong = f.post(h, body + "x");
    CHECK(wrong.status == 400);
    CHECK(wrong.rule == "content-digest");
    h = f.head(body);
    h.headers[1].second = std::string(64, 'a');
    auto key = f.post(h, body);
    CHECK(key.status == 400);
    CHECK(key.rule == "idempotency-key");
    CHECK(f.stored_files() == 0);
}

TEST_CASE("receiver: a hostile file name never becomes a path", "[transport][receiver]") {
    Fixture f;
    std::string body = filings(1, 2);
    auto h = f.head(body);
    h.headers[3].second = "../../x";
    auto r = f.post(h, body);
    REQUIRE(r.status == 201);
    std::string hex = crypto::hex(crypto::Digest::of(crypto::DigestAlg::sha256, body));
    bool found = false;
    for (const auto& e : fs::recursive_directory_iterator(f.dir / "inbox"))
        if (e.path().filename() == hex + ".bin") found = e.path().parent_path().parent_path().filename() == "S1";
    CHECK(found);
    CHECK_FALSE(fs::exists(f.dir / "x"));
}

TEST_CASE("receiver: signatures where required", "[transport][receiver]") {
    Fixture f(true);
    std::string body = filings(1, 2);
    auto unsigned_ = f.post(f.head(body), body);
    CHECK(unsigned_.status == 422);
    CHECK(unsigned_.rule == "no-signature");

    fs::copy_file(k_pki + "leaf.key", f.dir / "leaf.key");
    fs::permissions(f.dir / "leaf.key", fs::perms::owner_read | fs::perms::owner_write);
    auto key = crypto::PrivateKey::load(f.dir / "leaf.key", std::nullopt);
    REQUIRE(key);
    auto chain = crypto::Certificate::load(k_pki + "leaf-chain.pem");
    REQUIRE(chain);
    jws::SignRequest req{*key};
    req.chain = *chain;
    auto sig = jws::sign_detached(body, req);
    REQUIRE(sig);
    std::string compact = sig->substr(0, sig->find_last_not_of("\r\n") + 1);

    std::string other = filings(1, 2) + "\n";  // a different document: signature does not match
    auto h = f.head(other);
    h.headers.emplace_back("Adx-Signature", compact);
    auto tampered = f.post(h, other);
    CHECK(tampered.status == 422);
    CHECK(tampered.rule == "tampered");

    h = f.head(body);
    h.headers.emplace_back("Adx-Signature", compact);
    auto ok = f.post(h, body);  // the earlier rejection by signature was not recorded
    INFO(ok.body);
    CHECK(ok.status == 201);
}

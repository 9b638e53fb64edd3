// SPDX-License-Identifier: Apache-2.0
// Detached JWS with unencoded payload (RFC 7515 + RFC 7797): round trips per
// algorithm, streaming from files, and the file format.

#include "core/input.hpp"
#include "jws/header.hpp"
#include "jws_pki.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <regex>

using namespace adx;
using namespace adx::jws;
using namespace adx::jws::test;

namespace {

struct TempFile {
    std::string path;
    explicit TempFile(const std::string& content) {
        char name[] = "/tmp/adx-jws-XXXXXX";
        int fd = ::mkstemp(name);
        REQUIRE(fd >= 0);
        ::close(fd);
        path = name;
        std::ofstream(path, std::ios::binary) << content;
    }
    ~TempFile() { std::remove(path.c_str()); }
};

SignRequest request(const Pki& p, crypto::SigAlg alg) {
    SignRequest r{p.leaf_key};
    r.chain = p.chain();
    r.alg = alg;
    r.signed_at = k_signed;
    return r;
}

Header header_of(std::string_view jws) {
    auto parts = split_compact(jws);
    REQUIRE(parts);
    auto json = decode_b64url_strict(parts->header, "header");
    REQUIRE(json);
    auto h = parse_header(crypto::as_view(*json));
    REQUIRE(h);
    return *h;
}

}  // namespace

TEST_CASE("jws detached: round trip per algorithm", "[jws]") {
    ScopedNow now;
    struct Case {
        crypto::KeyAlg key;
        crypto::SigAlg alg;
        std::size_t sig_size;
    };
    for (Case c :
         {Case{crypto::KeyAlg::sm2, crypto::SigAlg::sm2_sm3, 64}, Case{crypto::KeyAlg::p256, crypto::SigAlg::es256, 64},
          Case{crypto::KeyAlg::p384, crypto::SigAlg::es384, 96}, Case{crypto::KeyAlg::rsa, crypto::SigAlg::rs256, 256},
          Case{crypto::KeyAlg::rsa, crypto::SigAlg::ps256, 256}}) {
        const std::string name(crypto::info(c.alg).name);
        SECTION(name) {
            const Pki& p = pki(c.key);
            const std::string payload = "district,uscc\n001,91350100M000100Y43\n\xE7\xAD\xBE";
            auto jws = sign_detached(payload, request(p, c.alg));
            REQUIRE(jws);
            // One line: header ".." signature, base64url only.
            CHECK(std::regex_match(*jws, std::regex("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+\n")));
            Header h = header_of(*jws);
            CHECK(h.alg == crypto::info(c.alg).jws);
            CHECK(h.b64 == false);
            CHECK(h.crit == std::vector<std::string>{"b64"});
            CHECK(h.sig_t == k_signed);
            REQUIRE(h.x5c.size() == 2);
            CHECK(h.x5c[0] == p.leaf.der());
            CHECK(h.x5c[1] == p.ca.der());
            CHECK(h.x5t_s256 == crypto::Digest::of(crypto::DigestAlg::sha256, crypto::as_view(p.leaf.der())));
            auto parts = split_compact(*jws);
            REQUIRE(parts);
            CHECK(decode_b64url_strict(parts->signature, "signature")->size() == c.sig_size);

            auto trust = p.trust();
            VerifyOptions o{trust};
            auto who = verify_detached(*jws, payload, o);
            if (!who) FAIL(who.error().rule + ": " + who.error().message);
            CHECK(who->cert == p.leaf);
            REQUIRE(who->chain.size() == 3);
            CHECK(who->chain[2] == p.root);
            CHECK(who->subject == p.leaf.subject());
            CHECK(who->alg == c.alg);
            CHECK(who->signed_at == k_signed);
        }
    }
}

TEST_CASE("jws detached: the header is the same for the same input", "[jws]") {
    ScopedNow now;
    const Pki& p = pki(crypto::KeyAlg::p256);
    auto a = sign_detached("x", request(p, crypto::SigAlg::es256));
    auto b = sign_detached("y", request(p, crypto::SigAlg::es256));
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->substr(0, a->find('.')) == b->substr(0, b->find('.')));
    // sigT from the clock (ADX_NOW) when not given.
    SignRequest r = request(p, crypto::SigAlg::es256);
    r.signed_at.reset();
    {
        ScopedNow later("2026-11-27T18:30:00+08:00");
        auto c = sign_detached("x", r);
        REQUIRE(c);
        CHECK(header_of(*c).sig_t == k_signed + 30 * 60);
    }
}

TEST_CASE("jws detached: default algorithm and sign-time refusals", "[jws]") {
    ScopedNow now;
    const Pki& p = pki(crypto::KeyAlg::sm2);
    SignRequest r{p.leaf_key};
    r.chain = p.chain();
    auto jws = sign_detached("abc", r);
    REQUIRE(jws);
    CHECK(header_of(*jws).alg == "SM2");

    r.chain.clear();
    auto none = sign_detached("abc", r);
    REQUIRE_FALSE(none);
    CHECK(none.error().code == core::Exit::usage);

    r.chain = pki(crypto::KeyAlg::p256).chain();  // someone else's certificate
    auto wrong = sign_detached("abc", r);
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().code == core::Exit::usage);
}

TEST_CASE("jws detached: streaming from files, empty and larger than a block", "[jws]") {
    ScopedNow now;
    const Pki& p = pki(crypto::KeyAlg::p256);
    auto trust = p.trust();
    VerifyOptions o{trust};
    std::string big((3u << 20) + 17, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>((i * 7919) >> 3);
    for (const std::string& content : {big, std::string()}) {
        TempFile f(content);
        auto in = core::Input::open(f.path);
        REQUIRE(in);
        auto jws = sign_detached(*in, request(p, crypto::SigAlg::es256));
        REQUIRE(jws);
        CHECK(verify_detached(*jws, content, o));
        auto again = core::Input::open(f.path);
        REQUIRE(again);
        auto who = verify_detached(*jws, *again, o);
        CHECK(who);
    }
}

TEST_CASE("jws detached: a file ending CRLF or without a newline still reads", "[jws]") {
    ScopedNow now;
    const Pki& p = pki(crypto::KeyAlg::p256);
    auto trust = p.trust();
    VerifyOptions o{trust};
    auto jws = sign_detached("data", request(p, crypto::SigAlg::es256));
    REQUIRE(jws);
    std::string bare = jws->substr(0, jws->size() - 1);
    CHECK(verify_detached(bare, "data", o));
    CHECK(verify_detached(bare + "\r\n", "data", o));
    CHECK_FALSE(verify_detached(bare + "\n\n", "data", o));
    CHECK_FALSE(verify_detached(" " + bare, "data", o));
}

TEST_CASE("jws detached: SM2 with another user ID", "[jws]") {
    ScopedNow now;
    const Pki& p = pki(crypto::KeyAlg::sm2);
    auto trust = p.trust();
    SignRequest r = request(p, crypto::SigAlg::sm2_sm3);
    r.opts.sm2_id = "district-0101";
    auto jws = sign_detached("payload", r);
    REQUIRE(jws);
    VerifyOptions o{trust};
    auto with_default = verify_detached(*jws, "payload", o);
    REQUIRE_FALSE(with_default);
    CHECK(with_default.error().rule == "tampered");
    o.opts.sm2_id = "district-0101";
    CHECK(verify_detached(*jws, "payload", o));
}

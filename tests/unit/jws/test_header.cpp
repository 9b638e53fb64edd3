// SPDX-License-Identifier: Apache-2.0
// The JOSE header of adx's profile and the compact serialization's parts.

#include "jws/header.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace adx;
using namespace adx::jws;

namespace {

std::string reason(std::string_view json) {
    auto h = parse_header(json);
    if (h) return "ok";
    CHECK(h.error().rule == "malformed-signature");
    CHECK(h.error().code == core::Exit::data);
    return h.error().message;
}

}  // namespace

TEST_CASE("jws header: written and read back", "[jws][header]") {
    Header h;
    h.alg = "ES256";
    h.b64 = false;
    h.crit = std::vector<std::string>{"b64"};
    h.sig_t = 1795773600;  // 2026-11-27T10:00:00Z
    h.x5t_s256 = crypto::Bytes(32, 0xAB);
    h.x5c = {crypto::Bytes{0x30, 0x03, 0x02, 0x01, 0x01}, crypto::Bytes{0x30, 0x00}};
    std::string json = write_header(h);
    CHECK(json == R"({"alg":"ES256","b64":false,"crit":["b64"],"sigT":"2026-11-27T10:00:00Z",)"
                  R"("x5t#S256":"q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s","x5c":["MAMCAQE=","MAA="]})");
    auto back = parse_header(json);
    REQUIRE(back);
    CHECK(back->alg == "ES256");
    CHECK(back->b64 == false);
    CHECK(back->crit == std::vector<std::string>{"b64"});
    CHECK(back->sig_t == h.sig_t);
    CHECK(back->x5t_s256 == h.x5t_s256);
    CHECK(back->x5c == h.x5c);
    CHECK(back->typ.empty());
}

TEST_CASE("jws header: sigT has exactly one form", "[jws][header]") {
    CHECK(parse_sig_t("2026-11-27T10:00:00Z") == 1795773600);
    CHECK(format_sig_t(1795773600) == "2026-11-27T10:00:00Z");
    CHECK_FALSE(parse_sig_t("2026-11-27T18:00:00+08:00"));
    CHECK_FALSE(parse_sig_t("2026-11-27"));
    CHECK_FALSE(parse_sig_t("2026-11-27t10:00:00z"));
    CHECK_FALSE(parse_sig_t("2026-13-27T10:00:00Z"));
    CHECK_FALSE(parse_sig_t("2026-11-27T10:00:00.5Z"));
}

TEST_CASE("jws header: shape errors, each with its reason", "[jws][header]") {
    CHECK(reason(R"({"alg":"ES256"})") == "ok");
    CHECK_THAT(reason(R"({"alg":"ES256","alg":"none"})"), Catch::Contains("duplicate member \"alg\""));
    CHECK_THAT(reason(R"({"alg":"ES256","\u0061lg":"none"})"), Catch::Contains("duplicate member \"alg\""));
    CHECK_THAT(reason(R"({"b64":false})"), Catch::Contains("no \"alg\""));
    CHECK_THAT(reason(R"({"alg":1})"), Catch::Contains("\"alg\" must be a string"));
    CHECK_THAT(reason(R"({"alg":"ES256","b64":"false"})"), Catch::Contains("\"b64\" must be true or false"));
    CHECK_THAT(reason(R"({"alg":"ES256","crit":[]})"), Catch::Contains("\"crit\" must be"));
    CHECK_THAT(reason(R"({"alg":"ES256","crit":"b64"})"), Catch::Contains("\"crit\" must be"));
    CHECK_THAT(reason(R"({"alg":"ES256","crit":["b64","b64"]})"), Catch::Contains("twice"));
    CHECK_THAT(reason(R"({"alg":"ES256","x5c":[]})"), Catch::Contains("\"x5c\" must be"));
    CHECK_THAT(reason(R"({"alg":"ES256","x5c":["MAA"]})"), Catch::Contains("not canonical base64"));
    CHECK_THAT(reason(R"({"alg":"ES256","x5c":["MA A="]})"), Catch::Contains("not canonical base64"));
    CHECK_THAT(reason(R"({"alg":"ES256","x5c":["MAB="]})"), Catch::Contains("not canonical base64"));
    CHECK_THAT(reason(R"({"alg":"ES256","x5t#S256":"AAAA"})"), Catch::Contains("SHA-256 thumbprint"));
    CHECK_THAT(reason(R"({"alg":"ES256","sigT":"2026-11-27"})"), Catch::Contains("\"sigT\" must be a UTC time"));
    CHECK_THAT(reason(R"({"alg":"ES256","jwk":{}})"), Catch::Contains("\"jwk\" is not part of adx's profile"));
    CHECK_THAT(reason(R"({"alg":"ES256","x5u":"https://example.org/"})"), Catch::Contains("\"x5u\""));
    CHECK_THAT(reason(R"(["alg"])"), Catch::Contains("not a JSON object"));
    CHECK_THAT(reason(R"({"alg":"ES256",})"), Catch::Contains("not valid JSON"));
    CHECK_THAT(reason(R"({"alg":"ES256","kid":[[[]]]})"), Catch::Contains("not valid JSON"));  // depth 2
    std::string big = R"({"alg":"ES256","kid":")" + std::string(k_max_header_size, 'a') + "\"}";
    CHECK_THAT(reason(big), Catch::Contains("exceeds the limit"));
}

TEST_CASE("jws compact: three base64url parts", "[jws][header]") {
    auto p = split_compact("eyJh..c2ln\n");
    REQUIRE(p);
    CHECK(p->header == "eyJh");
    CHECK(p->payload.empty());
    CHECK(p->signature == "c2ln");
    CHECK(split_compact("a.b.c\r\n"));
    CHECK(split_compact("a.b.c"));
    for (std::string_view bad :
         {"", "a.b", "a.b.c.d", "a..b.", "a. .b", "a..b\n\n", "a..b=", "a..b c", "a+b..c", "\na..b"}) {
        INFO(bad);
        auto r = split_compact(bad);
        REQUIRE_FALSE(r);
        CHECK(r.error().rule == "malformed-signature");
    }
    CHECK(split_compact("a.."));  // empty parts are the later checks' business
    std::string huge(k_max_jws_size + 1, 'a');
    CHECK_FALSE(split_compact(huge));
}

TEST_CASE("jws compact: base64url must be canonical", "[jws][header]") {
    CHECK(decode_b64url_strict("YQ", "x"));
    CHECK_FALSE(decode_b64url_strict("YR", "x"));  // stray low bits: another spelling of "a"
    CHECK_FALSE(decode_b64url_strict("YQ==", "x"));
    CHECK_FALSE(decode_b64url_strict("Y", "x"));
}

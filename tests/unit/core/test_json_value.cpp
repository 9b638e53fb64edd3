// SPDX-License-Identifier: Apache-2.0
// The strict JSON document parser (JOSE headers, receipts).

#include "core/json_value.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace adx::core;

namespace {

std::string rule_of(std::string_view text, const JsonLimits& limits = {}) {
    auto v = json_parse(text, limits);
    if (v) return "ok";
    CHECK(v.error().code == Exit::data);
    return v.error().rule;
}

}  // namespace

TEST_CASE("json_value: a header-shaped object", "[core][json]") {
    auto v = json_parse(R"( {"alg":"ES256","b64":false,"crit":["b64"],"n":-12,"x":1.5e3,"z":null} )");
    REQUIRE(v);
    REQUIRE(v->is_object());
    CHECK(v->members().size() == 6);
    CHECK(v->members()[0].key == "alg");
    CHECK(v->find("alg")->text() == "ES256");
    CHECK(v->find("b64")->is_bool());
    CHECK_FALSE(v->find("b64")->as_bool());
    REQUIRE(v->find("crit")->items().size() == 1);
    CHECK(v->find("crit")->items()[0].text() == "b64");
    CHECK(v->find("n")->as_int() == -12);
    CHECK_FALSE(v->find("x")->as_int());
    CHECK(v->find("x")->text() == "1.5e3");
    CHECK(v->find("z")->is_null());
    CHECK(v->find("missing") == nullptr);
    CHECK(json_serialize(*v) == R"({"alg":"ES256","b64":false,"crit":["b64"],"n":-12,"x":1.5e3,"z":null})");
}

TEST_CASE("json_value: escapes and UTF-8", "[core][json]") {
    auto v = json_parse(R"(["\u0041\n\/\"\\", "\ud83d\ude00", "签名", "\u7b7e"])");
    REQUIRE(v);
    CHECK(v->items()[0].text() == "A\n/\"\\");
    CHECK(v->items()[1].text() == "\xF0\x9F\x98\x80");
    CHECK(v->items()[2].text() == "签名");
    CHECK(v->items()[3].text() == "签");
    auto back = json_parse(json_serialize(*v));
    REQUIRE(back);
    CHECK(*back == *v);
}

TEST_CASE("json_value: duplicate members are refused, also when escaped", "[core][json]") {
    CHECK(rule_of(R"({"alg":"ES256","alg":"none"})") == "json-duplicate-key");
    CHECK(rule_of(R"({"alg":"ES256","\u0061lg":"none"})") == "json-duplicate-key");
    CHECK(rule_of(R"({"a":{"b":1,"b":2}})") == "json-duplicate-key");
    CHECK(rule_of(R"([{"a":1},{"a":1}])") == "ok");
    auto e = json_parse(R"({"alg":1,"alg":2})");
    REQUIRE_FALSE(e);
    CHECK(e.error().where.column == 10);
}

TEST_CASE("json_value: not strict JSON", "[core][json]") {
    for (std::string_view bad : {"",
                                 " ",
                                 "{",
                                 "{\"a\":1,}",
                                 "[1,]",
                                 "[01]",
                                 "[1.]",
                                 "[.5]",
                                 "[1e]",
                                 "[-]",
                                 "[+1]",
                                 "[NaN]",
                                 "[Infinity]",
                                 "{'a':1}",
                                 "{a:1}",
                                 "[1] x",
                                 "[1][2]",
                                 "/*c*/1",
                                 "[\"\\x\"]",
                                 "[\"\\u12\"]",
                                 "[\"\\ud800\"]",
                                 "[\"\\udc00\"]",
                                 "[\"\\ud800\\u0041\"]",
                                 "[\"a\tb\"]",
                                 "[\"\xC0\xAF\"]",
                                 "[\"\xED\xA0\x80\"]",
                                 "\xEF\xBB\xBF{}",
                                 "tru",
                                 "nul",
                                 "[true false]",
                                 "{\"a\" 1}",
                                 "{\"a\":}"}) {
        INFO(bad);
        CHECK(rule_of(bad) == "json-syntax");
    }
    for (std::string_view good : {"0", "-0", "1e+5", "-1.25E-3", "\"\"", "[]", "{}", " [ ] ", "true", "null"}) {
        INFO(good);
        CHECK(rule_of(good) == "ok");
    }
}

TEST_CASE("json_value: limits", "[core][json]") {
    JsonLimits limits;
    limits.max_depth = 3;
    CHECK(rule_of("[[[1]]]", limits) == "ok");
    CHECK(rule_of("[[[[1]]]]", limits) == "json-limit");
    CHECK(rule_of("{\"a\":{\"b\":{\"c\":{}}}}", limits) == "json-limit");
    limits = {};
    limits.max_size = 8;
    CHECK(rule_of("[1,2,3]", limits) == "ok");
    CHECK(rule_of("[1,2,3,4]", limits) == "json-limit");
    limits = {};
    limits.max_values = 3;
    CHECK(rule_of("[1,2]", limits) == "ok");
    CHECK(rule_of("[1,2,3]", limits) == "json-limit");
    // The default depth stops a deep document long before the stack would.
    std::string deep(10000, '[');
    CHECK(rule_of(deep) == "json-limit");
}

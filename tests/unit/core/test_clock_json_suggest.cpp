// SPDX-License-Identifier: Apache-2.0
// Small core pieces: the clock (ISO 8601, ADX_NOW), the JSON writer and
// "did you mean" suggestions.

#include "core/clock.hpp"
#include "core/json_writer.hpp"
#include "core/suggest.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>
#include <string>

using namespace adx::core;
using namespace std::chrono;

namespace {

std::optional<SysTime> parse(std::string_view s, int* offset = nullptr) {
    SysTime t;
    if (!parse_iso8601(s, t, offset)) return std::nullopt;
    return t;
}

// Sets ADX_NOW for one scope and restores the previous value.
class ScopedNow {
public:
    explicit ScopedNow(const char* value) {
        if (const char* old = std::getenv("ADX_NOW")) m_old = old;
        ::setenv("ADX_NOW", value, 1);
    }
    ~ScopedNow() {
        if (m_old)
            ::setenv("ADX_NOW", m_old->c_str(), 1);
        else
            ::unsetenv("ADX_NOW");
    }

private:
    std::optional<std::string> m_old;
};

std::string escaped(std::string_view s) {
    std::string out;
    json_escape(out, s);
    return out;
}

}  // namespace

TEST_CASE("clock: ISO 8601 dates and date-times", "[core][clock]") {
    int offset = -1;
    auto date = parse("2026-11-27", &offset);
    REQUIRE(date);
    CHECK(*date == sys_days{2026y / November / 27});
    CHECK(offset == 0);

    auto shanghai = parse("2026-11-27T09:00:00+08:00", &offset);
    REQUIRE(shanghai);
    CHECK(format_utc(*shanghai) == "2026-11-27T01:00:00Z");
    CHECK(offset == 480);
    CHECK(format_utc(*parse("2026-11-27T01:00:00Z")) == "2026-11-27T01:00:00Z");
    CHECK(format_utc(*parse("2026-11-27 23:30:00-05:30", &offset)) == "2026-11-28T05:00:00Z");
    CHECK(offset == -330);
    CHECK(format_utc(*parse("2026-11-27T09:00:00.123456+08:00")) == "2026-11-27T01:00:00Z");
    CHECK(format_utc(*parse("2024-02-29T00:00:00Z")) == "2024-02-29T00:00:00Z");
    CHECK(format_utc(*parse("2000-01-01T00:00:00+14:00")) == "1999-12-31T10:00:00Z");
    CHECK(format_utc(SysTime{}) == "1970-01-01T00:00:00Z");
}

TEST_CASE("clock: malformed values are refused", "[core][clock]") {
    for (const char* bad : {"", "2026", "2026-11", "20261127", "2026-11-27X", "2026-13-01", "2026-00-10", "2026-02-29",
                            "2026-11-31", "2026-11-27T09:00:00", "2026-11-27T09:00+08:00", "2026-11-27T24:00:00Z",
                            "2026-11-27T09:60:00Z", "2026-11-27T09:00:00+0800", "2026-11-27T09:00:00+08",
                            "2026-11-27T09:00:00+24:00", "2026-11-27T09:00:00.Z", "2026-11-27T09:00:00Zjunk",
                            "2026/11/27", "2026-1-27", "x026-11-27", "2026-11-27T09:00:00 +08:00"}) {
        INFO(bad);
        CHECK_FALSE(parse(bad));
    }
}

TEST_CASE("clock: ADX_NOW fixes now() and today()", "[core][clock]") {
    {
        // Late evening west of Greenwich: already the next day in UTC, but today()
        // is the civil date where ADX_NOW says.
        ScopedNow fixed("2026-11-27T23:30:00-02:00");
        auto now_value = now();
        REQUIRE(now_value);
        CHECK(format_utc(*now_value) == "2026-11-28T01:30:00Z");
        auto day = today();
        REQUIRE(day);
        CHECK(*day == 2026y / November / 27);
    }
    {
        ScopedNow date_only("2026-02-28");
        CHECK(*today() == 2026y / February / 28);
    }
    {
        ScopedNow bad("yesterday");
        auto n = now();
        REQUIRE_FALSE(n);
        CHECK(n.error().code == Exit::config);
        CHECK_THAT(n.error().message, Catch::Contains("yesterday"));
        CHECK(today().error().code == Exit::config);
    }
}

TEST_CASE("json: strings are escaped", "[core][json]") {
    CHECK(escaped("plain") == "\"plain\"");
    CHECK(escaped("") == "\"\"");
    CHECK(escaped("a\"b\\c") == R"("a\"b\\c")");
    CHECK(escaped("line\nfeed\r\ttab") == R"("line\nfeed\r\ttab")");
    CHECK(escaped(std::string_view("\x01\x1f\x7f", 3)) == R"("\u0001\u001f\u007f")");
    CHECK(escaped(std::string_view("nul\0x", 5)) == R"("nul\u0000x")");
    CHECK(escaped("金山区 𠀀") == "\"金山区 𠀀\"");
    CHECK(escaped("/") == "\"/\"");
    // Bytes that are not UTF-8 become U+FFFD, one per byte.
    CHECK(escaped("a\xC0\x80z") == "\"a\xEF\xBF\xBD\xEF\xBF\xBDz\"");
    CHECK(escaped("\xE4\xB8") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
    CHECK(escaped("\xED\xA0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

TEST_CASE("json: the writer places commas and nests", "[core][json]") {
    std::string out;
    JsonWriter w(out);
    w.begin_object()
        .field("input", "91310116052958608G")
        .field("valid", true)
        .field("line", std::uint64_t{18446744073709551615u})
        .field("delta", std::int64_t{-5})
        .field("n", 3);
    w.key("findings").begin_array();
    w.begin_object().field("rule", "uscc-check").end_object();
    w.begin_object().end_object();
    w.value("x").null().value(false);
    w.begin_array().end_array();
    w.end_array();
    w.key("none").null();
    w.end_object();
    CHECK(out == R"({"input":"91310116052958608G","valid":true,"line":18446744073709551615,"delta":-5,"n":3,)"
                 R"("findings":[{"rule":"uscc-check"},{},"x",null,false,[]],"none":null})");

    std::string two;
    JsonWriter a(two);
    a.begin_object().end_object();
    two += '\n';
    JsonWriter b(two);
    b.begin_array().value(1).end_array();
    CHECK(two == "{}\n[1]");
}

TEST_CASE("suggest: edit distance", "[core][suggest]") {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("abc", "") == 3);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("flaw", "lawn") == 2);
    CHECK(edit_distance("type", "tpye") == 1);  // a swap of neighbours is one edit
    CHECK(edit_distance("retries", "retires") == 1);
    CHECK(edit_distance("same", "same") == 0);
    CHECK(edit_distance("ab", "ba") == 1);
    CHECK(edit_distance("abc", "ca") == 3);  // optimal string alignment, not full Damerau
}

TEST_CASE("suggest: plausible typos only", "[core][suggest]") {
    const std::vector<std::string> keys = {"url", "client_cert", "client_key", "retries", "timeout",
                                           "connect_timeout", "log_format"};
    CHECK(closest("retires", keys) == "retries");
    CHECK(closest("timout", keys) == "timeout");
    CHECK(closest("client_kye", keys) == "client_key");
    CHECK(closest("log_fromat", keys) == "log_format");
    CHECK(closest("connect", keys) == "connect_timeout");  // a prefix
    CHECK(closest("urll", keys) == "url");
    CHECK(closest("x", keys).empty());
    CHECK(closest("password", keys).empty());
    CHECK(closest("anything", {}).empty());
    CHECK(closest("chek", {"check", "explain"}) == "check");
    CHECK(closest("chekc", {"check", "explain"}) == "check");
}

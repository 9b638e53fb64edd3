// SPDX-License-Identifier: Apache-2.0
// Text encodings: the UTF-8 and GB18030 validators, detection, and the
// GB18030 converters.

#include "core/encoding.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

using namespace adx::core;
using namespace std::string_literals;

namespace {

constexpr auto npos = std::string_view::npos;

}  // namespace

TEST_CASE("utf8: well-formed sequences and their lengths", "[core][encoding]") {
    CHECK(utf8_sequence_length("A") == 1);
    CHECK(utf8_sequence_length("\x7F") == 1);
    CHECK(utf8_sequence_length("\xC2\x80") == 2);          // U+0080
    CHECK(utf8_sequence_length("\xDF\xBF") == 2);          // U+07FF
    CHECK(utf8_sequence_length("\xE0\xA0\x80") == 3);      // U+0800
    CHECK(utf8_sequence_length("中") == 3);                 // U+4E2D
    CHECK(utf8_sequence_length("\xED\x9F\xBF") == 3);      // U+D7FF, last before the surrogates
    CHECK(utf8_sequence_length("\xEE\x80\x80") == 3);      // U+E000, first after them
    CHECK(utf8_sequence_length("\xEF\xBF\xBF") == 3);      // U+FFFF
    CHECK(utf8_sequence_length("\xF0\x90\x80\x80") == 4);  // U+10000
    CHECK(utf8_sequence_length("\xF4\x8F\xBF\xBF") == 4);  // U+10FFFF
    CHECK(utf8_sequence_length("𠀀abc") == 4);             // only the first character counts
}

TEST_CASE("utf8: overlongs, surrogates, beyond U+10FFFF, truncated", "[core][encoding]") {
    const char* bad[] = {
        "\xC0\x80",          // overlong NUL
        "\xC1\xBF",          // overlong U+007F
        "\xE0\x80\x80",      // overlong 3-byte
        "\xE0\x9F\xBF",      // overlong U+07FF
        "\xF0\x80\x80\x80",  // overlong 4-byte
        "\xF0\x8F\xBF\xBF",  // overlong U+FFFF
        "\xED\xA0\x80",      // U+D800
        "\xED\xBF\xBF",      // U+DFFF
        "\xF4\x90\x80\x80",  // U+110000
        "\xF5\x80\x80\x80",  // lead byte beyond the range
        "\xF8\x88\x80\x80",  // old 5-byte form
        "\xFE",
        "\xFF",
        "\x80",              // lone continuation
        "\xBF",
        "\xC2",              // truncated
        "\xE4\xB8",
        "\xF0\x90\x80",
        "\xC2\x41",          // continuation missing
        "\xE4\x41\xAD",
        "\xF0\x90\x41\x80",
    };
    for (const char* s : bad) {
        INFO(Catch::Detail::stringify(std::string(s)));
        CHECK(utf8_sequence_length(s) == 0);
        CHECK(utf8_invalid_offset(s) == 0);
    }
    CHECK(utf8_sequence_length("") == 0);
}

TEST_CASE("utf8: the offset of the first bad byte", "[core][encoding]") {
    CHECK(utf8_invalid_offset("") == npos);
    CHECK(utf8_invalid_offset("plain ASCII, longer than eight bytes") == npos);
    CHECK(utf8_invalid_offset("统一社会信用代码 91310116052958608G 𠀀") == npos);
    // Around the eight-byte ASCII fast path: a bad byte at every offset 0..20.
    for (std::size_t at = 0; at <= 20; ++at) {
        std::string s(at, 'a');
        s += "\xC0\x80";
        s += "tail after it";
        INFO(at);
        CHECK(utf8_invalid_offset(s) == at);
    }
    CHECK(utf8_invalid_offset("abcdefgh中\xED\xA0\x80") == 11);
    CHECK(utf8_invalid_offset("abcdefgh中\xE4\xB8") == 11);  // cut off at the end
    CHECK(utf8_invalid_offset("abc\0def\xFF"s) == 7);          // NUL is valid UTF-8
}

// utf8_invalid_offset against the definition (utf8_sequence_length, byte by
// byte), on text long enough for the vectorised check: every kind of
// sequence, valid and not, at every place in and around its 32- and 64-byte blocks.
TEST_CASE("utf8: the offset agrees with the byte-by-byte definition", "[core][encoding]") {
    auto reference = [](std::string_view s) {
        for (std::size_t i = 0; i < s.size();) {
            std::size_t len = utf8_sequence_length(s.substr(i));
            if (len == 0) return i;
            i += len;
        }
        return npos;
    };
    const std::vector<std::string> pieces = {
        "a", "\x7F", "\0"s, "\xC2\x80", "\xDF\xBF", "中", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEF\xBF\xBF",
        "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "𠀀",
        // not well-formed
        "\x80", "\xBF", "\xC0\x80", "\xC1\xBF", "\xE0\x9F\xBF", "\xED\xA0\x80", "\xF0\x8F\xBF\xBF",
        "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF", "\xE4\xB8", "\xF0\x90\x80", "\xC2", "\xE4"};
    const std::size_t valid = 12;
    // Every vector path this CPU has (AVX2 in 32-byte blocks, AVX-512 in
    // 64), and the byte-by-byte one, agree with the definition.
    auto agree = [&](const std::string& s) {
        INFO(Catch::Detail::stringify(s));
        REQUIRE(utf8_invalid_offset(s) == reference(s));
        REQUIRE(utf8_invalid_offset_bytewise(s) == reference(s));
        for (Simd level : {Simd::none, Simd::avx2, Simd::avx512}) {
            INFO("level " << static_cast<int>(simd_at_most(level)));
            REQUIRE(utf8_valid_with(s, level) == (reference(s) == npos));
        }
    };
    std::mt19937 rng(20240611);
    for (int round = 0; round < 20000; ++round) {
        std::string s;
        std::size_t len = rng() % 300;
        bool clean = rng() % 3 == 0;
        while (s.size() < len) s += pieces[rng() % (clean ? valid : pieces.size())];
        agree(s);
    }
    // One bad sequence at every offset of otherwise valid Chinese text.
    std::string text;
    while (text.size() < 200) text += "统一社会信用代码 ";
    for (std::size_t at = 0; at <= text.size(); ++at) {
        for (const char* bad : {"\xE4\xB8", "\x80", "\xF0\x90\x80", "\xED\xA0\x80"}) {
            INFO(at);
            agree(text.substr(0, at) + bad + text.substr(at));
            agree(text.substr(0, at) + bad);
        }
    }
}

TEST_CASE("gb18030: one-, two- and four-byte sequences", "[core][encoding]") {
    CHECK(gb18030_invalid_offset("") == npos);
    CHECK(gb18030_invalid_offset("ascii") == npos);
    CHECK(gb18030_invalid_offset("\xD6\xD0\xCE\xC4") == npos);          // 中文 (GBK)
    CHECK(gb18030_invalid_offset("\xBD\xF0\xC9\xBD\xC7\xF8") == npos);  // 金山区
    CHECK(gb18030_invalid_offset("\x81\x40\xFE\xFE\x81\x7E") == npos);  // edges of the 2-byte range
    CHECK(gb18030_invalid_offset("\x81\x30\x81\x30") == npos);          // U+0080, 4-byte
    CHECK(gb18030_invalid_offset("\x95\x32\x82\x36") == npos);          // U+20000
    CHECK(gb18030_invalid_offset("a\x80") == 1);                        // 0x80 is not a lead byte
    CHECK(gb18030_invalid_offset("ab\xFF\x40") == 2);
    CHECK(gb18030_invalid_offset("\xD6\xD0\xD6") == 2);                 // truncated 2-byte
    CHECK(gb18030_invalid_offset("\xD6\x7F") == 0);                     // bad trail byte
    CHECK(gb18030_invalid_offset("\xD6\xFF") == 0);
    CHECK(gb18030_invalid_offset("\x81\x30\x81") == 0);                 // truncated 4-byte
    CHECK(gb18030_invalid_offset("\x81\x30\x7F\x30") == 0);             // bad third byte
    CHECK(gb18030_invalid_offset("\x81\x30\x81\x7F") == 0);             // bad fourth byte
    CHECK(gb18030_invalid_offset("x\x81\x30") == 1);
}

TEST_CASE("detect: BOM, UTF-8, GBK and garbage", "[core][encoding]") {
    auto detect = [](std::string_view s, bool whole = true) { return detect_encoding(s, whole); };
    REQUIRE(detect("\xEF\xBB\xBF" "abc"));
    CHECK(*detect("\xEF\xBB\xBF" "abc") == Encoding::utf8);
    // A BOM decides even when what follows is not UTF-8.
    CHECK(*detect("\xEF\xBB\xBF\xD6\xD0") == Encoding::utf8);
    CHECK(*detect("plain ascii") == Encoding::utf8);
    CHECK(*detect("名称,统一社会信用代码\n金山,91310116052958608G\n") == Encoding::utf8);
    CHECK(*detect("\xC3\xFB\xB3\xC6,\xD6\xD0\xCE\xC4\n") == Encoding::gb18030);  // 名称,中文 in GBK

    // A sample cut inside a UTF-8 character is still UTF-8 when it is not the whole input.
    std::string cut = "中文中";
    cut.pop_back();
    CHECK(*detect(cut, false) == Encoding::utf8);
    // As a whole input the same bytes are no UTF-8 (they happen to be GB18030 pairs).
    auto whole = detect(cut, true);
    REQUIRE(whole);
    CHECK(*whole == Encoding::gb18030);

    auto garbage = detect("ok\x80\xFF\xFE\x80");
    REQUIRE_FALSE(garbage);
    CHECK(garbage.error().code == Exit::data);
    CHECK(garbage.error().rule == "encoding");
    CHECK_THAT(garbage.error().message, Catch::Contains("offset 2"));
}

TEST_CASE("encoding names", "[core][encoding]") {
    CHECK(*parse_encoding("UTF-8") == Encoding::utf8);
    CHECK(*parse_encoding("utf8") == Encoding::utf8);
    CHECK(*parse_encoding("GBK") == Encoding::gb18030);
    CHECK(*parse_encoding("gb2312") == Encoding::gb18030);
    CHECK(*parse_encoding("auto") == Encoding::auto_detect);
    auto bad = parse_encoding("latin1");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == Exit::usage);
    CHECK(std::string(encoding_name(Encoding::gb18030)) == "gb18030");
}

TEST_CASE("gb18030: converting to and from UTF-8", "[core][encoding]") {
    auto gb = utf8_to_gb18030("中文");
    REQUIRE(gb);
    CHECK(*gb == "\xD6\xD0\xCE\xC4");
    CHECK(*utf8_to_gb18030("金山区") == "\xBD\xF0\xC9\xBD\xC7\xF8");
    CHECK(*utf8_to_gb18030("\xF0\xA0\x80\x80") == "\x95\x32\x82\x36");  // U+20000: four bytes
    CHECK(*utf8_to_gb18030("\xC2\x80") == "\x81\x30\x81\x30");          // U+0080: four bytes
    CHECK(*utf8_to_gb18030("") == "");

    auto bad = utf8_to_gb18030("ab\xC0\x80");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == Exit::data);

    // Round trip: every kind of character, repeated so that sizes grow.
    std::string text = "ASCII 统一社会信用代码 ü é € — 𠀀𪚥 ";
    for (int i = 0; i < 6; ++i) text += text;
    auto encoded = utf8_to_gb18030(text);
    REQUIRE(encoded);
    CHECK(gb18030_invalid_offset(*encoded) == npos);
    Gb18030Decoder decoder;
    std::string back = "prefix:";
    std::size_t bad_offset = 12345;
    REQUIRE(decoder.decode(*encoded, back, &bad_offset));
    CHECK(back == "prefix:" + text);
    CHECK(bad_offset == 12345);  // untouched on success

    // The decoder is reusable after an error, and reports where the error was.
    std::string out;
    CHECK_FALSE(decoder.decode("\xD6\xD0" "ab\x80" "cd", out, &bad_offset));
    CHECK(bad_offset == 4);
    CHECK(out.empty());
    CHECK(decoder.decode("\xD6\xD0", out, nullptr));
    CHECK(out == "中");
}

TEST_CASE("gb18030: random text survives the round trip", "[core][encoding][property]") {
    std::mt19937 rng(18030);
    Gb18030Decoder decoder;
    for (int i = 0; i < 500; ++i) {
        std::u32string cps;
        std::string utf8;
        for (int k = 0; k < 40; ++k) {
            auto draw = [&](unsigned n) { return static_cast<char32_t>(rng() % n); };
            char32_t cp;
            switch (draw(4)) {
            case 0: cp = 0x20 + draw(0x5F); break;
            case 1: cp = 0x4E00 + draw(0x9FA5 - 0x4E00); break;
            case 2: cp = 0x80 + draw(0xD800 - 0x80); break;
            default: cp = 0x10000 + draw(0x10000); break;
            }
            // Encode as UTF-8 by hand.
            if (cp < 0x80) {
                utf8 += static_cast<char>(cp);
            } else if (cp < 0x800) {
                utf8 += static_cast<char>(0xC0 | (cp >> 6));
                utf8 += static_cast<char>(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                utf8 += static_cast<char>(0xE0 | (cp >> 12));
                utf8 += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                utf8 += static_cast<char>(0x80 | (cp & 0x3F));
            } else {
                utf8 += static_cast<char>(0xF0 | (cp >> 18));
                utf8 += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
                utf8 += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                utf8 += static_cast<char>(0x80 | (cp & 0x3F));
            }
        }
        REQUIRE(utf8_invalid_offset(utf8) == npos);
        auto gb = utf8_to_gb18030(utf8);
        REQUIRE(gb);
        REQUIRE(gb18030_invalid_offset(*gb) == npos);
        std::string back;
        REQUIRE(decoder.decode(*gb, back, nullptr));
        REQUIRE(back == utf8);
    }
}

// SPDX-License-Identifier: Apache-2.0
// The JSON tokenizer against JSONTestSuite (y_ accepted, n_ rejected, i_
// recorded without crashing), whole and streamed in small blocks, and its
// error places.

#include "records/json_tokenizer.hpp"
#include "records/source.hpp"
#include "records_util.hpp"

#include <filesystem>
#include <map>

using namespace records_test;
using adx::records::json_valid;
using adx::records::detail::JsonToken;
using adx::records::detail::JsonTokenizer;
using adx::records::detail::Source;
namespace fs = std::filesystem;

namespace {

// The tokenizer over a file read in blocks of the given size: the first error,
// or none.
std::optional<Error> stream_error(std::string_view text, std::size_t block, std::size_t max_depth = 64) {
    MemFile file(text);
    auto input = file.open();
    Limits limits;
    limits.block = block;
    limits.max_depth = max_depth;
    Source source(input, block, limits.max_record_bytes);
    JsonTokenizer tokens(source, limits, false);
    for (;;) {
        auto t = tokens.next();
        if (!t) return t.error();
        if (*t == JsonToken::end) return std::nullopt;
    }
}

std::optional<Error> error_of(std::string_view text) {
    return stream_error(text, 1 << 20);
}

}  // namespace

TEST_CASE("JSONTestSuite: y_ accepted, n_ rejected, i_ without crashing", "[records][json][corpus]") {
    fs::path dir = fs::path(shared_dir()) / "corpora" / "JSONTestSuite" / "test_parsing";
    if (!fs::exists(dir)) {
        WARN("no JSONTestSuite corpus in " << dir);
        return;
    }
    std::map<char, std::size_t> count, accepted;
    std::vector<std::string> i_accepted;
    for (const auto& entry : fs::directory_iterator(dir)) {
        std::string name = entry.path().filename().string();
        std::string text = slurp(entry.path().string());
        INFO(name);
        bool valid = json_valid(text);
        char kind = name[0];
        ++count[kind];
        accepted[kind] += valid;
        if (kind == 'y') CHECK(valid);
        if (kind == 'n') CHECK_FALSE(valid);
        if (kind == 'i' && valid) i_accepted.push_back(name);
        // Streamed through small blocks: the same verdict.
        if (text.size() < 20000) {
            for (std::size_t block : {1u, 2u, 3u, 7u}) {
                INFO("block " << block);
                CHECK(!stream_error(text, block).has_value() == valid);
            }
        }
    }
    CHECK(count['y'] == 95);
    CHECK(count['n'] == 188);
    CHECK(count['i'] == 35);
    CHECK(accepted['y'] == 95);
    CHECK(accepted['n'] == 0);
    // Implementation-defined cases: numbers of any size are accepted (they
    // are kept as text); lone surrogates, invalid UTF-8, UTF-16 and a BOM are
    // rejected; 500 nested arrays exceed the depth limit.
    std::sort(i_accepted.begin(), i_accepted.end());
    CHECK(i_accepted == std::vector<std::string>{"i_number_double_huge_neg_exp.json", "i_number_huge_exp.json",
                                                 "i_number_neg_int_huge_exp.json", "i_number_pos_double_huge_exp.json",
                                                 "i_number_real_neg_overflow.json", "i_number_real_pos_overflow.json",
                                                 "i_number_real_underflow.json", "i_number_too_big_neg_int.json",
                                                 "i_number_too_big_pos_int.json",
                                                 "i_number_very_big_negative_int.json"});
    std::string deep = slurp((dir / "n_structure_100000_opening_arrays.json").string());
    auto e = error_of(deep);
    REQUIRE(e);
    CHECK(e->rule == "limit");
    CHECK(json_valid(slurp((dir / "i_structure_500_nested_arrays.json").string()), 1000));
}

TEST_CASE("json tokenizer: strictness", "[records][json]") {
    CHECK(json_valid("[1,2]"));
    CHECK(json_valid(" {\"a\" : [true, false, null, -0.5e+10, \"\\u00e9\\ud834\\udd1e\"]} \n"));
    CHECK_FALSE(json_valid("[1,2,]"));
    CHECK_FALSE(json_valid("{\"a\":1,}"));
    CHECK_FALSE(json_valid("[01]"));
    CHECK_FALSE(json_valid("[NaN]"));
    CHECK_FALSE(json_valid("[1] // c"));
    CHECK_FALSE(json_valid("[\"\\ud800\"]"));
    CHECK_FALSE(json_valid("[\"\\udc00\\ud800\"]"));
    CHECK_FALSE(json_valid("[\"a\tb\"]"));
    CHECK_FALSE(json_valid("[\"\xC0\xAF\"]"));
    CHECK_FALSE(json_valid(""));
    CHECK_FALSE(json_valid("[1] [2]"));
    CHECK(json_valid("[[[]]]", 3));
    CHECK_FALSE(json_valid("[[[[]]]]", 3));
}

TEST_CASE("json tokenizer: errors name line and column", "[records][json]") {
    auto place = [](std::string_view text) {
        auto e = error_of(text);
        REQUIRE(e);
        INFO(e->message);
        return std::tuple{e->rule, e->where.line, e->where.column};
    };
    using P = std::tuple<std::string, std::uint64_t, std::uint64_t>;
    CHECK(place("[\n  1,\n  2,\n]") == P{"json-syntax", 4, 1});
    CHECK(place("[\"中文\", 012]") == P{"json-syntax", 1, 8});
    CHECK(place("{\"a\" 1}") == P{"json-syntax", 1, 6});
    CHECK(place("[\"ab\\x\"]") == P{"json-syntax", 1, 5});
    CHECK(place("[\"名\\ud800\"]") == P{"json-syntax", 1, 4});
    CHECK(place("[\"ab\x01\"]") == P{"json-syntax", 1, 5});
    CHECK(place("[\"中\xFF\"]") == P{"encoding", 1, 4});
    CHECK(place("[\"abc") == P{"json-syntax", 1, 2});
    CHECK(place("[true, tru]") == P{"json-syntax", 1, 11});
    CHECK(place("[[[") == P{"json-syntax", 1, 4});
    CHECK(error_of("[\"a\\ud800\"]")->message == "a \\u escape holds half of a surrogate pair without the other half");
}

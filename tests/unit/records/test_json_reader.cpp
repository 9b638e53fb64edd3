// SPDX-License-Identifier: Apache-2.0
// JSON and JSON Lines records: document shapes, values, places, shape errors
// that skip one record, encodings, limits, block boundaries.

#include "core/encoding.hpp"
#include "records_util.hpp"

using namespace records_test;

namespace {

using Rows = std::vector<std::vector<std::pair<std::string, std::string>>>;

Rows rows(const Result& r) {
    Rows out;
    for (const auto& rec : r.records) {
        out.emplace_back();
        for (const auto& c : rec) out.back().emplace_back(c.name, c.null ? "<null>" : c.value);
    }
    return out;
}

// The rule of the error that ended the reading, or "".
std::string fatal_rule(const Result& r) {
    return r.fatal() ? r.fatal()->rule : "";
}

Limits with_block(std::size_t block) {
    Limits l;
    l.block = block;
    return l;
}

}  // namespace

TEST_CASE("json: an array of objects, values as written", "[records][json]") {
    Result r = read_all("[{\"a\": \"x\", \"b\": 1.50, \"c\": true, \"d\": false, \"e\": null, \"f\": -0e1},\n {}]",
                        Syntax::json);
    REQUIRE(r.errors.empty());
    CHECK(rows(r) ==
          Rows{{{"a", "x"}, {"b", "1.50"}, {"c", "true"}, {"d", "false"}, {"e", "<null>"}, {"f", "-0e1"}}, {}});
    CHECK(r.records[0][4].null);
    CHECK_FALSE(r.records[0][3].null);
    CHECK(read_all("[]", Syntax::json).records.empty());
    CHECK(read_all("\xEF\xBB\xBF[]", Syntax::json).errors.empty());
}

TEST_CASE("json: an object holding the array of records", "[records][json]") {
    Result r = read_all("{\"format\": \"filings\", \"meta\": {\"n\": [1]}, \"filings\": [{\"a\": \"1\"}], \"v\": 2}",
                        Syntax::json);
    REQUIRE(r.errors.empty());
    CHECK(rows(r) == Rows{{{"a", "1"}}});
    CHECK(fatal_rule(read_all("{\"x\": [], \"y\": []}", Syntax::json)) == "document-shape");
    CHECK(fatal_rule(read_all("{\"x\": 1}", Syntax::json)) == "document-shape");
    CHECK(fatal_rule(read_all("\"text\"", Syntax::json)) == "document-shape");
    CHECK(fatal_rule(read_all("[{\"a\": 1}] x", Syntax::json)) == "json-syntax");
}

TEST_CASE("json: places of values, in characters", "[records][json]") {
    Result r = read_all("[\n  {\"名称\": \"中文\", \"b\": 2},\n  {\"b\":\n 3}\n]", Syntax::json);
    REQUIRE(r.errors.empty());
    CHECK(r.records[0][0].line == 2);
    CHECK(r.records[0][0].column == 10);
    CHECK(r.records[0][1].column == 21);
    CHECK(r.records[1][0].line == 4);
    CHECK(r.records[1][0].column == 2);
}

TEST_CASE("json: shape errors skip the record and go on", "[records][json]") {
    Result r =
        read_all("[{\"a\": 1, \"b\": {\"c\": [1]}, \"d\": 2}, 5, {\"a\": 1, \"a\": 2}, {\"a\": [\"x\"]}, {\"a\": 3}]",
                 Syntax::json);
    REQUIRE(r.errors.size() == 4);
    CHECK(r.errors[0].message == "field 'b' is not a plain value");
    CHECK(r.errors[0].where.record == 1);
    CHECK(r.errors[0].where.column == 16);
    CHECK(r.errors[0].where.field == "b");
    CHECK(r.errors[1].where.record == 2);
    CHECK(r.errors[2].message == "field 'a' is given twice");
    CHECK(r.errors[3].where.record == 4);
    for (const auto& e : r.errors) CHECK(e.rule == "record-shape");
    CHECK(rows(r) == Rows{{{"a", "3"}}});
}

TEST_CASE("json lines: one object per line", "[records][json]") {
    Result r = read_all("{\"a\": 1}\r\n\n  \n{\"a\": \"二\", \"b\": null}\n{\"a\": 3}", Syntax::jsonl);
    REQUIRE(r.errors.empty());
    CHECK(rows(r) == Rows{{{"a", "1"}}, {{"a", "二"}, {"b", "<null>"}}, {{"a", "3"}}});
    CHECK(r.records[1][0].line == 4);
    CHECK(read_all("", Syntax::jsonl).errors.empty());
    CHECK(fatal_rule(read_all("{\"a\": 1} {\"a\": 2}\n", Syntax::jsonl)) == "json-syntax");
    CHECK(fatal_rule(read_all("{\"a\":\n 1}\n", Syntax::jsonl)) == "json-syntax");
    Result shape = read_all("[1]\n{\"a\": {}}\n{\"a\": 2}\n", Syntax::jsonl);
    CHECK(shape.errors.size() == 2);
    CHECK(rows(shape) == Rows{{{"a", "2"}}});
}

TEST_CASE("json: GB18030 text is converted", "[records][json][encoding]") {
    std::string utf8 = "[{\"名称\": \"北京市\", \"备注\": \"𠀀\\u4e2d\"}]";
    auto gb = adx::core::utf8_to_gb18030(utf8);
    REQUIRE(gb);
    for (std::size_t block : {std::size_t{1} << 20, std::size_t{1}, std::size_t{3}}) {
        Result r = read_all(*gb, Syntax::json, Encoding::auto_detect, with_block(block));
        REQUIRE(r.errors.empty());
        CHECK(r.encoding == Encoding::gb18030);
        CHECK(rows(r) == Rows{{{"名称", "北京市"}, {"备注", "𠀀中"}}});
    }
    Result bad = read_all("[{\"a\": \"\xFF\"}]", Syntax::json);
    CHECK(fatal_rule(bad) == "encoding");
}

TEST_CASE("json: limits", "[records][json][limits]") {
    Limits l;
    l.max_field = 4;
    CHECK(read_all("[{\"a\": \"1234\", \"b\": 1234}]", Syntax::json, Encoding::auto_detect, l).errors.empty());
    CHECK(fatal_rule(read_all("[{\"a\": \"12345\"}]", Syntax::json, Encoding::auto_detect, l)) == "limit");
    CHECK(fatal_rule(read_all("[{\"a\": 12345}]", Syntax::json, Encoding::auto_detect, l)) == "limit");
    Limits f;
    f.max_fields = 2;
    CHECK(fatal_rule(read_all("[{\"a\": 1, \"b\": 2, \"c\": 3}]", Syntax::json, Encoding::auto_detect, f)) == "limit");
    Limits d;
    d.max_depth = 2;
    CHECK(fatal_rule(read_all("{\"x\": {\"y\": {\"z\": 1}}, \"r\": []}", Syntax::json, Encoding::auto_detect, d)) ==
          "limit");
    Limits rec;
    rec.max_record_bytes = 30;
    Result big =
        read_all("[{\"a\": 1}, {\"a\": \"" + std::string(40, 'x') + "\"}]", Syntax::json, Encoding::auto_detect, rec);
    CHECK(big.records.size() == 1);
    CHECK(fatal_rule(big) == "limit");
}

TEST_CASE("json: any block size gives the same records", "[records][json]") {
    std::string text = "{\"records\": [\n";
    for (int i = 0; i < 50; ++i) {
        text += "  {\"id\": " + std::to_string(i * 37) + ".25, \"名\": \"中文\\\"\\u00e9\\ud83d\\ude00 " +
                std::to_string(i) + "\", \"ok\": " + (i % 2 ? "true" : "null") + "}" + (i < 49 ? ",\n" : "\n");
    }
    text += "]}\n";
    Result want = read_all(text, Syntax::json);
    REQUIRE(want.errors.empty());
    REQUIRE(want.records.size() == 50);
    for (std::size_t block = 1; block < 20; ++block) {
        INFO("block " << block);
        Result got = read_all(text, Syntax::json, Encoding::auto_detect, with_block(block));
        REQUIRE(got.errors.empty());
        CHECK(rows(got) == rows(want));
        CHECK(got.records[49][1].line == want.records[49][1].line);
        CHECK(got.records[49][1].column == want.records[49][1].column);
    }
}

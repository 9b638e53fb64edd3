// SPDX-License-Identifier: Apache-2.0
// The XML reader: record shape, namespaces, xsi:nil, attributes, DOCTYPE and
// entity bombs refused, libxml2's errors with their places (and nothing on
// standard error), encodings, limits, and libxml2's own error corpus.

#include "core/encoding.hpp"
#include "records_util.hpp"

#include <fcntl.h>

#include <cstdio>
#include <filesystem>

using namespace records_test;
namespace fs = std::filesystem;

namespace {

using Rows = std::vector<std::vector<std::pair<std::string, std::string>>>;

const XmlNames k_names{"urn:adx:test", "filings", "filing"};

Rows rows(const Result& r) {
    Rows out;
    for (const auto& rec : r.records) {
        out.emplace_back();
        for (const auto& c : rec) out.back().emplace_back(c.name, c.null ? "<null>" : c.value);
    }
    return out;
}

Result read_xml(std::string_view text, const XmlNames& names = k_names, Limits limits = {},
                Encoding encoding = Encoding::auto_detect) {
    return read_all(text, Syntax::xml, encoding, limits, names);
}

std::string fatal_rule(const Result& r) {
    return r.fatal() ? r.fatal()->rule : "";
}

std::string doc(std::string_view records) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<filings xmlns=\"urn:adx:test\" "
           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n" +
           std::string(records) + "</filings>\n";
}

// Runs fn with standard error sent to a file; what was written there.
template <class Fn>
std::string stderr_of(Fn&& fn) {
    std::fflush(stderr);
    char path[] = "/tmp/adx-xml-stderr-XXXXXX";
    int fd = ::mkstemp(path);
    REQUIRE(fd >= 0);
    int saved = ::dup(2);
    ::dup2(fd, 2);
    fn();
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    ::close(fd);
    std::string out = slurp(path);
    std::remove(path);
    return out;
}

}  // namespace

TEST_CASE("xml: records, values, nulls, places", "[records][xml]") {
    Result r = read_xml(
        doc("  <filing>\n    <uscc>91110000600037341L</uscc>\n    <name>中文 &amp; &#x4E2D;<![CDATA[<x>]]></name>\n"
            "    <note xsi:nil=\"true\"/><empty/><space> </space><!-- c --><other>1</other>\n  </filing>\n"
            "  <filing/>\n  <filing><name xsi:nil=\"false\"></name></filing>\n"));
    REQUIRE(r.errors.empty());
    CHECK(rows(r) == Rows{{{"uscc", "91110000600037341L"},
                           {"name", "中文 & 中<x>"},
                           {"note", "<null>"},
                           {"empty", ""},
                           {"space", " "},
                           {"other", "1"}},
                          {},
                          {{"name", ""}}});
    CHECK(r.records[0][0].line == 4);
    CHECK(r.records[0][1].line == 5);
    CHECK(r.records[0][2].line == 6);
    CHECK(r.encoding == Encoding::utf8);
}

TEST_CASE("xml: names and namespaces", "[records][xml]") {
    CHECK(fatal_rule(read_xml("<other xmlns=\"urn:adx:test\"/>")) == "document-shape");
    CHECK(fatal_rule(read_xml("<filings xmlns=\"urn:other\"/>")) == "document-shape");
    CHECK(fatal_rule(read_xml("<filings/>")) == "document-shape");
    CHECK(read_xml("<filings xmlns=\"urn:adx:test\"/>").errors.empty());
    CHECK(read_xml("<t:filings xmlns:t=\"urn:adx:test\"><t:filing><t:a>1</t:a></t:filing></t:filings>").errors.empty());
    // Without names, any root and record element will do.
    Result any = read_xml("<a><b><c>1</c></b><d><c>2</c></d></a>", XmlNames{});
    CHECK(rows(any) == Rows{{{"c", "1"}}, {{"c", "2"}}});
    Result shape =
        read_xml(doc("<filing><a>1</a></filing><wrong><a>2</a></wrong><filing><a xmlns=\"urn:x\">3</a></filing>"
                     "<filing><a>4</a></filing>"));
    REQUIRE(shape.errors.size() == 2);
    CHECK(shape.errors[0].rule == "record-shape");
    CHECK(shape.errors[0].where.record == 2);
    CHECK(shape.errors[1].where.record == 3);
    CHECK(rows(shape) == Rows{{{"a", "1"}}, {{"a", "4"}}});
}

TEST_CASE("xml: an enveloped ds:Signature is not a record", "[records][xml]") {
    const std::string sig =
        "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo><ds:Reference URI=\"\">"
        "<ds:DigestValue>AAAA</ds:DigestValue></ds:Reference></ds:SignedInfo>"
        "<ds:SignatureValue>\nBBBB\n</ds:SignatureValue></ds:Signature>\n";
    Result r = read_xml(doc("<filing><a>1</a></filing>\n<filing><a>2</a></filing>\n" + sig));
    CHECK(r.errors.empty());
    CHECK(rows(r) == Rows{{{"a", "1"}}, {{"a", "2"}}});
    // The records after it are still records, numbered on.
    Result mid = read_xml(doc("<filing><a>1</a></filing>\n" + sig + "<filing><a>2</a></filing><wrong/>"));
    CHECK(rows(mid) == Rows{{{"a", "1"}}, {{"a", "2"}}});
    REQUIRE(mid.errors.size() == 1);
    CHECK(mid.errors[0].where.record == 3);
    // A Signature in no namespace, or another one, is a record of the wrong name.
    for (const char* other : {"<Signature><a>1</a></Signature>", "<Signature xmlns=\"urn:x\"/>"}) {
        Result wrong = read_xml(doc(std::string("<filing><a>1</a></filing>") + other));
        REQUIRE(wrong.errors.size() == 1);
        CHECK(wrong.errors[0].rule == "record-shape");
    }
}

TEST_CASE("xml: attributes and nested elements are shape errors", "[records][xml]") {
    Result r = read_xml(
        doc("<filing id=\"1\"><a>1</a></filing>\n<filing><a b=\"c\">2</a></filing>\n"
            "<filing><a><b>3</b></a><c>x</c></filing>\n<filing><a xsi:nil=\"maybe\"/></filing>\n"
            "<filing><a xsi:nil=\"true\">5</a></filing>\n<filing>text<a>6</a></filing>\n<filing><a>7</a></filing>"));
    REQUIRE(r.errors.size() == 6);
    for (const auto& e : r.errors) CHECK(e.rule == "record-shape");
    CHECK(r.errors[2].message == "field 'a' is not a plain value");
    CHECK(r.errors[2].where.line == 5);
    CHECK(rows(r) == Rows{{{"a", "7"}}});
    CHECK(fatal_rule(read_xml("<filings xmlns=\"urn:adx:test\" v=\"1\"/>")) == "document-shape");
    CHECK(fatal_rule(read_xml(doc("text"))) == "document-shape");
}

TEST_CASE("xml: DOCTYPE, entities and bombs are refused", "[records][xml][security]") {
    std::string laughs =
        "<?xml version=\"1.0\"?>\n<!-- <!DOCTYPE in a comment is fine --><?pi x?>\n<!DOCTYPE filings [\n"
        " <!ENTITY lol \"lol\">\n";
    for (int i = 1; i < 10; ++i) {
        laughs += " <!ENTITY lol" + std::to_string(i) + " \"";
        for (int k = 0; k < 10; ++k) laughs += "&lol" + (i > 1 ? std::to_string(i - 1) : std::string()) + ";";
        laughs += "\">\n";
    }
    laughs += "]>\n<filings xmlns=\"urn:adx:test\"><filing><a>&lol9;</a></filing></filings>\n";
    for (std::size_t block : {std::size_t{1} << 20, std::size_t{1}, std::size_t{5}}) {
        Limits l;
        l.block = block;
        Result r = read_xml(laughs, k_names, l);
        REQUIRE(r.fatal());
        CHECK(r.fatal()->rule == "xml-syntax");
        CHECK(r.fatal()->where.line == 3);
        CHECK(r.fatal()->message.find("DOCTYPE") != std::string::npos);
    }
    CHECK(fatal_rule(
              read_xml("<!DOCTYPE filings SYSTEM \"http://example.com/x.dtd\"><filings xmlns=\"urn:adx:test\"/>")) ==
          "xml-syntax");
    CHECK(fatal_rule(read_xml(doc("<filing><a>&undefined;</a></filing>"))) == "xml-syntax");
    CHECK(fatal_rule(read_xml("\xFF\xFE<\0a\0/\0>\0")) == "encoding");
}

TEST_CASE("xml: malformed XML is an error with libxml2's place, and nothing on stderr", "[records][xml]") {
    Result r;
    std::string err = stderr_of([&] { r = read_xml(doc("<filing>\n<a>1</a>\n<b>2</c>\n</filing>")); });
    CHECK(err.empty());
    REQUIRE(r.fatal());
    CHECK(r.fatal()->rule == "xml-syntax");
    CHECK(r.fatal()->where.line == 5);
    CHECK(r.fatal()->where.column > 0);
    CHECK(r.fatal()->message.find("malformed XML: ") == 0);
    CHECK(fatal_rule(read_xml("")) == "xml-syntax");
    CHECK(fatal_rule(read_xml(doc("<filing><a>1</a></filing>") + "<extra/>")) == "xml-syntax");
    CHECK(fatal_rule(read_xml(doc("<filing><a>1</a></filing>").substr(0, 150))) == "xml-syntax");
}

TEST_CASE("xml: the records before a syntax error are read, whatever the block size", "[records][xml]") {
    std::string text = doc("<filing><a>1</a></filing>\n<filing><a>2</a></filing>\n<filing><a>3</b></filing>\n");
    for (std::size_t block : {std::size_t{1} << 20, std::size_t{1}, std::size_t{7}}) {
        Limits l;
        l.block = block;
        Result r = read_xml(text, k_names, l);
        INFO(block);
        CHECK(rows(r) == Rows{{{"a", "1"}}, {{"a", "2"}}});
        REQUIRE(r.fatal());
        CHECK(r.fatal()->rule == "xml-syntax");
        CHECK(r.fatal()->where.line == 5);
    }
}

TEST_CASE("xml: GB18030 declared, detected or given", "[records][xml][encoding]") {
    std::string body = "<filings xmlns=\"urn:adx:test\"><filing><名称>北京市</名称></filing></filings>\n";
    auto declared = adx::core::utf8_to_gb18030("<?xml version=\"1.0\" encoding=\"GB18030\"?>\n" + body);
    auto bare = adx::core::utf8_to_gb18030(body);
    REQUIRE(declared);
    REQUIRE(bare);
    Rows want{{{"名称", "北京市"}}};
    CHECK(rows(read_xml(*declared)) == want);
    Result detected = read_xml(*bare);
    CHECK(rows(detected) == want);
    CHECK(detected.encoding == Encoding::gb18030);
    CHECK(rows(read_xml(*bare, k_names, {}, Encoding::gb18030)) == want);
    Result forced = read_xml(*bare, k_names, {}, Encoding::utf8);
    REQUIRE(forced.fatal());
    CHECK_FALSE(forced.fatal()->hint.empty());
    // Bytes that are not GB18030 at the very start: a data error, not a crash.
    Result bad = read_xml(std::string("\xD4\0<r>", 5), k_names, {}, Encoding::gb18030);
    REQUIRE(bad.fatal());
    CHECK(bad.fatal()->code == adx::core::Exit::data);
}

TEST_CASE("xml: limits", "[records][xml][limits]") {
    Limits l;
    l.max_field = 4;
    CHECK(read_xml(doc("<filing><a>1234</a></filing>"), k_names, l).errors.empty());
    CHECK(fatal_rule(read_xml(doc("<filing><a>12<!-- -->345</a></filing>"), k_names, l)) == "limit");
    Limits d;
    d.max_depth = 3;
    CHECK(fatal_rule(read_xml(doc("<filing><a><b><c><d/></c></b></a></filing>"), k_names, d)) == "limit");
    Limits f;
    f.max_fields = 2;
    CHECK(fatal_rule(read_xml(doc("<filing><a/><b/><c/></filing>"), k_names, f)) == "limit");
}

TEST_CASE("libxml2 error corpus: rejected, without crashing or printing", "[records][xml][corpus]") {
    fs::path dir = fs::path(shared_dir()) / "corpora" / "libxml2-tests" / "test" / "errors";
    if (!fs::exists(dir)) {
        WARN("no libxml2-tests corpus in " << dir);
        return;
    }
    std::size_t files = 0, rejected = 0;
    std::vector<std::string> accepted;
    std::string err = stderr_of([&] {
        for (const auto& entry : fs::directory_iterator(dir)) {
            if (entry.path().extension() != ".xml") continue;
            ++files;
            Result r = read_xml(slurp(entry.path().string()), XmlNames{});
            if (r.fatal()) {
                ++rejected;
                CHECK(r.fatal()->code == adx::core::Exit::data);
            } else {
                accepted.push_back(entry.path().filename().string());
            }
        }
    });
    CHECK(err.empty());
    CHECK(files == 45);
    INFO("accepted: " << Catch::Detail::stringify(accepted));
    CHECK(rejected == files);
}

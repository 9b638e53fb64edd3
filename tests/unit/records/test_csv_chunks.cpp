// SPDX-License-Identifier: Apache-2.0
// CSV in chunks (records/csv_chunks.hpp): the records, places and errors read
// chunk by chunk are those of the one reader over the whole input, whatever
// the chunk size, and where the cutter gives up the reader carries on.

#include "core/encoding.hpp"
#include "records/csv_chunks.hpp"
#include "records_util.hpp"

using namespace records_test;

namespace {

// Like read_all, through chunks of about target bytes; record numbers in
// errors made whole-input again.
Result read_chunked(std::string_view text, std::size_t target, Limits limits = {}, std::size_t* chunks = nullptr) {
    MemFile file(text);
    adx::core::Input input = file.open();
    Result r;
    auto reader = adx::records::open_reader(input, Syntax::csv, Encoding::auto_detect, {}, limits);
    if (!reader) {
        r.errors.push_back(reader.error());
        return r;
    }
    r.opened = true;
    adx::records::CsvCutter* cutter = adx::records::csv_cutter(**reader);
    REQUIRE(cutter);
    std::uint64_t number = 0;
    bool fatal = false;
    adx::records::CsvChunk chunk;
    adx::records::Record rec;
    while (!fatal && cutter->cut(chunk, target)) {
        if (chunks) ++*chunks;
        fatal = !read_on(*adx::records::open_csv_chunk(cutter->layout(), chunk), rec, r, number, number);
    }
    if (!fatal) {
        cutter->resume(number);
        read_on(**reader, rec, r, number);
    }
    r.encoding = (*reader)->encoding();
    return r;
}

void same(const Result& a, const Result& b) {
    REQUIRE(a.records.size() == b.records.size());
    for (std::size_t i = 0; i < a.records.size(); ++i) {
        INFO("record " << i + 1);
        REQUIRE(a.records[i].size() == b.records[i].size());
        for (std::size_t j = 0; j < a.records[i].size(); ++j) {
            const Cell& x = a.records[i][j];
            const Cell& y = b.records[i][j];
            CHECK(x.name == y.name);
            CHECK(x.value == y.value);
            CHECK(x.line == y.line);
            CHECK(x.column == y.column);
        }
    }
    REQUIRE(a.errors.size() == b.errors.size());
    for (std::size_t i = 0; i < a.errors.size(); ++i) {
        const Error& x = a.errors[i];
        const Error& y = b.errors[i];
        CHECK(x.rule == y.rule);
        CHECK(x.message == y.message);
        CHECK(x.where.line == y.where.line);
        CHECK(x.where.column == y.where.column);
        CHECK(x.where.record == y.where.record);
    }
    CHECK(a.encoding == b.encoding);
}

// Every chunk size from 1 byte up, and one chunk for everything; the file
// read, and mapped.
void same_in_chunks(const std::string& text, Limits limits = {}) {
    Result whole = read_all(text, Syntax::csv, Encoding::auto_detect, limits);
    for (std::size_t target : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7}, std::size_t{16},
                               std::size_t{40}, std::size_t{64}, std::size_t{100}, std::size_t{500}, std::size_t{4096},
                               std::size_t{1} << 20}) {
        for (std::uint64_t map_from : {limits.map_from, std::uint64_t{0}}) {
            INFO("chunks of " << target << " bytes, mapped from " << map_from << " bytes");
            Limits l = limits;
            l.map_from = map_from;
            same(read_chunked(text, target, l), whole);
        }
    }
}

}  // namespace

TEST_CASE("records in chunks: a quoted line break is never a cut, even across a chunk boundary", "[records][csv][chunks]") {
    std::string text = "a,b,c\n1,\"two\nlines\",3\n4,\"x\"\"\ny\"\"\",6\n7,8,9\n";
    same_in_chunks(text);
    std::size_t chunks = 0;
    Result r = read_chunked(text, 8, {}, &chunks);
    CHECK(chunks == 3);  // one per record
    REQUIRE(r.records.size() == 3);
    CHECK(r.value(0, 1) == "two\nlines");
    CHECK(r.value(1, 1) == "x\"\ny\"");
    CHECK(r.records[2][0].line == 6);
}

TEST_CASE("records in chunks: quotes and line breaks anywhere in 64-byte blocks", "[records][csv][chunks]") {
    // The cutter scans 64 bytes at a time: quoted line breaks, doubled
    // quotes and CRLFs at every offset of a block, and records longer than
    // a block, cut at every size.
    std::string text = "id,note,n\r\n";
    for (int i = 0; i < 400; ++i) {
        std::string note(static_cast<std::size_t>(i % 97), 'x');
        if (i % 3 == 0) note.insert(note.size() / 2, "\"\"");
        if (i % 5 == 0) note.insert(note.size() / 3, "\n");
        if (i % 7 == 0) note.insert(0, "\r\n");
        text += std::to_string(i) + ",\"" + note + "\"," + std::to_string(i % 11) + (i % 2 ? "\r\n" : "\n");
    }
    same_in_chunks(text);
    Limits limits;
    limits.max_record_bytes = 150;  // some records are longer: the cutter stops before the first of them
    same_in_chunks(text, limits);
}

TEST_CASE("records in chunks: CRLF, a BOM, blank lines and a last record without a line break", "[records][csv][chunks]") {
    same_in_chunks("\xEF\xBB\xBFid,name\r\n1,\xE5\xBC\xA0\xE4\xB8\x89\r\n\r\n2,\"a\r\nb\"\r\n\n3,c");
    same_in_chunks("id;name\n1;x\n2;y\n");
}

TEST_CASE("records in chunks: record-shape and syntax errors at the same places", "[records][csv][chunks]") {
    same_in_chunks("a,b\n1,2\n3\n4,5,6\n7,8\n");
    same_in_chunks("a,b\n1,2\n3,x\"y\n4,5\n6,7\n");           // quote in an unquoted field
    same_in_chunks("a,b\n1,2\n3,\"x\"y\n4,5\n");              // text after a closing quote
    same_in_chunks("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n");  // to the end of the input
    same_in_chunks("a,b\n1,2\n3,\xFF\xFE\n4,5\n");              // not UTF-8
}

TEST_CASE("records in chunks: UTF-8 is checked ahead in windows, and a bad byte is found where it is",
          "[records][csv][chunks]") {
    // More than four 16 KiB windows of Chinese text: three-byte sequences
    // cross window edges, and chunks of 4 KiB fall inside windows.
    std::string text = "id,name\n";
    for (int i = 0; text.size() < 70000; ++i)
        text += std::to_string(i) + "," + std::string(static_cast<std::size_t>(i % 7), 'x') + "统一社会信用代码\n";
    auto check = [](const std::string& t) {
        Result whole = read_all(t, Syntax::csv, Encoding::auto_detect);
        Limits mapped;
        mapped.map_from = 0;
        for (std::size_t target : {std::size_t{4096}, std::size_t{40000}, std::size_t{1} << 20}) {
            INFO("chunks of " << target << " bytes");
            same(read_chunked(t, target), whole);
            same(read_chunked(t, target, mapped), whole);
        }
        return whole;
    };
    Result clean = check(text);
    CHECK(clean.errors.empty());
    CHECK(clean.records.size() > 2000);
    for (std::size_t at : {std::size_t{9}, std::size_t{16383}, std::size_t{16384}, std::size_t{16385},
                           std::size_t{32770}, std::size_t{50001}, text.size() - 2}) {
        std::string bad = text;
        bad[at] = '\xFF';
        INFO("bad byte at " << at);
        Result r = check(bad);
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].rule == "encoding");
    }
}

TEST_CASE("records in chunks: GB18030 input is cut in its UTF-8 text", "[records][csv][chunks]") {
    std::string utf8 = "\xE5\x90\x8D,\xE5\x80\xBC\n\xE5\xBC\xA0,\"\xE4\xB8\x89\n\xE5\x9B\x9B\"\n\xE7\x8E\x8B,1\n";
    auto converted = adx::core::utf8_to_gb18030(utf8);
    REQUIRE(converted);
    std::string gb = *converted;
    Result whole = read_all(gb, Syntax::csv, Encoding::auto_detect);
    REQUIRE(whole.encoding == Encoding::gb18030);
    REQUIRE(whole.records.size() == 2);
    for (std::size_t target : {std::size_t{1}, std::size_t{5}, std::size_t{1} << 20}) same(read_chunked(gb, target), whole);
}

TEST_CASE("records in chunks: a record over the limit ends the chunks, the reader reports it", "[records][csv][chunks]") {
    Limits limits;
    limits.max_record_bytes = 24;
    limits.block = 8;
    std::string text = "a,b\n1,2\n3,4\n5,\"a long value that goes on\"\n7,8\n";
    same_in_chunks(text, limits);
    same_in_chunks("a,b\n1,2\n3,4\n5,a long last value without end", limits);
}

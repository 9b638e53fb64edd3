// SPDX-License-Identifier: Apache-2.0
// Reading lines: line endings, block boundaries, over-long lines (reported
// and skipped without being buffered), pipes; and text lines in UTF-8.

#include "core/input.hpp"
#include "core/text_reader.hpp"

#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace adx::core;
namespace fs = std::filesystem;

namespace {

struct Got {
    std::string text;
    std::uint64_t number, offset, length;
    bool too_long;
};

class TempFile {
public:
    explicit TempFile(const std::string& content) {
        char tmpl[] = "/tmp/adx-line-reader-XXXXXX";
        int fd = ::mkstemp(tmpl);
        REQUIRE(fd >= 0);
        ::close(fd);
        m_path = tmpl;
        std::ofstream(m_path, std::ios::binary) << content;
    }
    ~TempFile() { fs::remove(m_path); }
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

std::vector<Got> read_all(Input& in, std::size_t max_line, std::size_t block) {
    LineReader reader(in, max_line, block);
    std::vector<Got> out;
    Line line;
    for (;;) {
        auto more = reader.next(line);
        REQUIRE(more);
        if (!*more) break;
        out.push_back({std::string(line.text), line.number, line.offset, line.length, line.too_long});
    }
    CHECK(reader.at_eof());
    return out;
}

std::vector<Got> read_file(const std::string& content, std::size_t max_line = 1 << 20, std::size_t block = 1 << 16) {
    TempFile f(content);
    auto in = Input::open(f.path());
    REQUIRE(in);
    return read_all(*in, max_line, block);
}

// What the lines of content are, computed the plain way.
std::vector<Got> expected_lines(const std::string& content, std::size_t max_line) {
    std::vector<Got> out;
    std::size_t start = 0;
    std::uint64_t n = 0;
    while (start < content.size()) {
        std::size_t nl = content.find('\n', start);
        std::size_t end = nl == std::string::npos ? content.size() : nl;
        std::string text = content.substr(start, end - start);
        if (!text.empty() && text.back() == '\r') text.pop_back();
        bool too_long = text.size() > max_line;
        out.push_back({too_long ? text.substr(0, max_line) : text, ++n, start, text.size(), too_long});
        start = end + 1;
    }
    return out;
}

}  // namespace

TEST_CASE("lines: LF, CRLF, empty lines and no final newline", "[core][input]") {
    auto lines = read_file("a\r\nb\n\n\r\nc");
    REQUIRE(lines.size() == 5);
    const char* texts[] = {"a", "b", "", "", "c"};
    const std::uint64_t offsets[] = {0, 3, 5, 6, 8};
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(lines[i].text == texts[i]);
        CHECK(lines[i].number == i + 1);
        CHECK(lines[i].offset == offsets[i]);
        CHECK_FALSE(lines[i].too_long);
    }
    CHECK(read_file("x\ny\n").size() == 2);          // no empty line after the last newline
    CHECK(read_file("").empty());
    REQUIRE(read_file("\n").size() == 1);
    CHECK(read_file("\n")[0].text.empty());
    CHECK(read_file("lone\r")[0].text == "lone");    // a final CR without LF is a line ending too
    CHECK(read_file("mid\rdle\n")[0].text == "mid\rdle");  // a CR inside a line is kept
}

TEST_CASE("lines: over-long lines are reported, cut and skipped", "[core][input]") {
    std::string content = "short\n" + std::string(100, 'x') + "\nafter\n" + std::string(9, 'y');
    auto lines = read_file(content, 8, 4);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].text == "short");
    CHECK(lines[1].too_long);
    CHECK(lines[1].text == std::string(8, 'x'));
    CHECK(lines[1].number == 2);
    CHECK(lines[1].offset == 6);
    CHECK(lines[1].length > 8);
    CHECK(lines[2].text == "after");
    CHECK_FALSE(lines[2].too_long);
    CHECK(lines[2].number == 3);
    CHECK(lines[2].offset == 107);
    CHECK(lines[3].too_long);  // at the end of input, without a newline
    CHECK(lines[3].text == std::string(8, 'y'));
    CHECK(lines[3].number == 4);
}

TEST_CASE("lines: the limit counts the text, not the line ending", "[core][input]") {
    for (std::size_t block : {1u, 4u, 9u, 10u, 11u, 64u}) {
        INFO("block " << block);
        auto exact = read_file("12345678\n12345678\r\n12345678\r", 8, block);
        REQUIRE(exact.size() == 3);
        for (const auto& l : exact) {
            CHECK_FALSE(l.too_long);
            CHECK(l.text == "12345678");
        }
        auto over = read_file("123456789\n123456789\r\nz", 8, block);
        REQUIRE(over.size() == 3);
        CHECK(over[0].too_long);
        CHECK(over[1].too_long);
        CHECK(over[2].text == "z");
        CHECK(over[2].offset == 21);
    }
}

TEST_CASE("lines: every block size gives the same lines", "[core][input][property]") {
    std::mt19937 rng(4096);
    for (int round = 0; round < 40; ++round) {
        std::string content;
        int n = static_cast<int>(rng() % 30);
        for (int i = 0; i < n; ++i) {
            std::size_t len = rng() % 4 == 0 ? rng() % 80 : rng() % 20;
            for (std::size_t k = 0; k < len; ++k) content += static_cast<char>('a' + rng() % 26);
            content += rng() % 3 == 0 ? "\r\n" : "\n";
        }
        if (rng() % 2) content += "tail";
        for (std::size_t max_line : {16u, 64u}) {
            auto want = expected_lines(content, max_line);
            for (std::size_t block : {1u, 2u, 3u, 5u, 7u, 13u, 64u, 4096u}) {
                INFO("round " << round << " max_line " << max_line << " block " << block);
                auto got = read_file(content, max_line, block);
                REQUIRE(got.size() == want.size());
                for (std::size_t i = 0; i < got.size(); ++i) {
                    INFO("line " << i + 1);
                    REQUIRE(got[i].text == want[i].text);
                    REQUIRE(got[i].number == want[i].number);
                    REQUIRE(got[i].offset == want[i].offset);
                    REQUIRE(got[i].too_long == want[i].too_long);
                    if (!want[i].too_long) REQUIRE(got[i].length == want[i].length);
                }
            }
        }
    }
}

TEST_CASE("lines: a pipe that delivers one byte at a time", "[core][input]") {
    std::string content = "first\r\n\nthird line\n" + std::string(50, 'L') + "\nlast";
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    std::thread writer([&] {
        for (char c : content) {
            if (::write(fds[1], &c, 1) != 1) break;
        }
        ::close(fds[1]);
    });
    auto in = Input::open("/dev/fd/" + std::to_string(fds[0]));
    ::close(fds[0]);
    REQUIRE(in);
    auto got = read_all(*in, 16, 3);
    writer.join();
    auto want = expected_lines(content, 16);
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        CHECK(got[i].text == want[i].text);
        CHECK(got[i].offset == want[i].offset);
        CHECK(got[i].too_long == want[i].too_long);
    }
}

TEST_CASE("lines: a 64 MiB line is skipped in constant memory", "[core][input]") {
    constexpr std::size_t k_size = 64u << 20;
    rusage before{};
    ::getrusage(RUSAGE_SELF, &before);
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    std::thread writer([&] {
        std::string chunk(1 << 16, 'x');
        for (std::size_t sent = 0; sent < k_size; sent += chunk.size())
            if (::write(fds[1], chunk.data(), chunk.size()) < 0) break;
        const char tail[] = "\nafter\n";
        (void)!::write(fds[1], tail, sizeof tail - 1);
        ::close(fds[1]);
    });
    auto in = Input::open("/dev/fd/" + std::to_string(fds[0]));
    ::close(fds[0]);
    REQUIRE(in);
    auto got = read_all(*in, 1024, 1 << 16);
    writer.join();
    rusage after{};
    ::getrusage(RUSAGE_SELF, &after);
    REQUIRE(got.size() == 2);
    CHECK(got[0].too_long);
    CHECK(got[0].text.size() == 1024);
    CHECK(got[1].text == "after");
    CHECK(got[1].offset == k_size + 1);
    // ru_maxrss is in KiB: growth far below the line's 64 MiB.
    CHECK(after.ru_maxrss - before.ru_maxrss < 16 * 1024);
}

TEST_CASE("text lines: BOM, GB18030 and bad bytes", "[core][input]") {
    auto read_text = [](const std::string& content, Encoding enc) {
        TempFile f(content);
        auto in = Input::open(f.path());
        REQUIRE(in);
        TextReader reader(*in, enc, 64);
        std::vector<TextLine> lines;
        std::vector<std::string> texts;
        TextLine line;
        while (*reader.next(line)) {
            lines.push_back(line);
            texts.emplace_back(line.text);
        }
        return std::make_pair(lines, texts);
    };
    auto [bom, bom_text] = read_text("\xEF\xBB\xBF" "名称\n金山\n", Encoding::auto_detect);
    REQUIRE(bom_text.size() == 2);
    CHECK(bom_text[0] == "名称");
    CHECK(bom[0].offset == 3);
    CHECK(bom_text[1] == "金山");

    auto [gb, gb_text] = read_text("code\n\xBD\xF0\xC9\xBD\xC7\xF8\n", Encoding::auto_detect);
    REQUIRE(gb_text.size() == 2);
    CHECK(gb_text[1] == "金山区");
    CHECK_FALSE(gb[1].bad_bytes);

    auto [bad, bad_text] = read_text("ok\nab\xC0\x80\n", Encoding::utf8);
    REQUIRE(bad.size() == 2);
    CHECK_FALSE(bad[0].bad_bytes);
    CHECK(bad[1].bad_bytes);
    CHECK(bad[1].bad_offset == 5);

    auto missing = Input::open("/nonexistent/adx-input");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == Exit::no_input);
    auto dir = Input::open("/tmp");
    REQUIRE_FALSE(dir);
    CHECK(dir.error().code == Exit::no_input);
}

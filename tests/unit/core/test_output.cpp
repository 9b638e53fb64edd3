// SPDX-License-Identifier: Apache-2.0
// Output files are written whole or not at all: temporary file, fsync,
// rename; write errors are reported at commit.

#include "core/output.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace adx::core;
namespace fs = std::filesystem;

namespace {

class TempDir {
public:
    TempDir() {
        char tmpl[] = "/tmp/adx-output-XXXXXX";
        REQUIRE(::mkdtemp(tmpl) != nullptr);
        m_path = tmpl;
    }
    ~TempDir() { fs::remove_all(m_path); }
    std::string operator/(const std::string& name) const { return m_path + "/" + name; }
    std::vector<std::string> names() const {
        std::vector<std::string> out;
        for (const auto& e : fs::directory_iterator(m_path)) out.push_back(e.path().filename().string());
        std::sort(out.begin(), out.end());
        return out;
    }

private:
    std::string m_path;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

unsigned mode_of(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

}  // namespace

TEST_CASE("output: nothing is visible before commit", "[core][output]") {
    TempDir dir;
    auto out = Output::open(dir / "out.txt");
    REQUIRE(out);
    CHECK(out->name() == dir / "out.txt");
    CHECK_FALSE(out->is_stdout());
    out->write("hello\n");
    out->put('!');
    REQUIRE(out->flush());  // even flushed bytes stay in the temporary file
    auto names = dir.names();
    REQUIRE(names.size() == 1);
    CHECK(names[0].rfind(".out.txt.adx-", 0) == 0);
    CHECK_FALSE(fs::exists(dir / "out.txt"));

    REQUIRE(out->commit());
    CHECK(slurp(dir / "out.txt") == "hello\n!");
    CHECK(dir.names() == std::vector<std::string>{"out.txt"});
}

TEST_CASE("output: large writes stay hidden until commit", "[core][output]") {
    TempDir dir;
    std::string piece(1000, 'a');
    {
        auto out = Output::open(dir / "big");
        REQUIRE(out);
        for (int i = 0; i < 1024; ++i) out->write(piece);  // several buffer flushes
        out->buffer() += "end";
        out->maybe_flush();
        CHECK_FALSE(fs::exists(dir / "big"));
        REQUIRE(out->commit());
    }
    CHECK(fs::file_size(dir / "big") == 1024u * 1000u + 3u);
    CHECK(dir.names().size() == 1);
}

TEST_CASE("output: an existing file is replaced only at commit", "[core][output]") {
    TempDir dir;
    std::ofstream(dir / "report") << "old";
    {
        auto out = Output::open(dir / "report");
        REQUIRE(out);
        out->write("abandoned");
        // destroyed without commit
    }
    CHECK(slurp(dir / "report") == "old");
    CHECK(dir.names() == std::vector<std::string>{"report"});

    auto out = Output::open(dir / "report");
    REQUIRE(out);
    out->write("new");
    CHECK(slurp(dir / "report") == "old");
    REQUIRE(out->commit());
    CHECK(slurp(dir / "report") == "new");
}

TEST_CASE("output: the temporary file is removed when not committed", "[core][output]") {
    TempDir dir;
    {
        auto out = Output::open(dir / "never");
        REQUIRE(out);
        out->write(std::string(300000, 'z'));  // more than one buffer: bytes on disk
        CHECK(dir.names().size() == 1);
    }
    CHECK(dir.names().empty());
}

TEST_CASE("output: a moved output keeps its file", "[core][output]") {
    TempDir dir;
    auto opened = Output::open(dir / "moved");
    REQUIRE(opened);
    opened->write("data");
    Output moved(std::move(*opened));
    {
        Output gone(std::move(moved));
        REQUIRE(gone.commit());
    }
    CHECK(slurp(dir / "moved") == "data");
}

TEST_CASE("output: the mode is respected", "[core][output]") {
    TempDir dir;
    for (unsigned mode : {0600u, 0640u, 0644u, 0400u}) {
        INFO(std::oct << mode);
        std::string path = dir / ("m" + std::to_string(mode));
        auto out = Output::open(path, mode);
        REQUIRE(out);
        out->write("x");
        REQUIRE(out->commit());
        CHECK(mode_of(path) == mode);
    }
    auto plain = Output::open(dir / "default");
    REQUIRE(plain);
    REQUIRE(plain->commit());
    CHECK(mode_of(dir / "default") == 0644u);
}

TEST_CASE("output: cannot create", "[core][output]") {
    TempDir dir;
    auto missing = Output::open(dir / "no/such/dir/out");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == Exit::cant_create);
    fs::create_directory(dir / "sub");
    auto is_dir = Output::open(dir / "sub");
    REQUIRE_FALSE(is_dir);
    CHECK(is_dir.error().code == Exit::cant_create);
}

TEST_CASE("output: a full device fails at commit", "[core][output]") {
    REQUIRE(fs::exists("/dev/full"));
    auto out = Output::open("/dev/full");
    REQUIRE(out);
    out->write("this does not fit\n");
    auto r = out->commit();
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Exit::io);
    CHECK_THAT(r.error().message, Catch::Contains("/dev/full"));
    CHECK(fs::is_character_file("/dev/full"));  // not renamed over

    // Standard output on /dev/full: the error also comes at commit.
    std::fflush(stdout);
    int saved = ::dup(STDOUT_FILENO);
    int full = ::open("/dev/full", O_WRONLY);
    REQUIRE(saved >= 0);
    REQUIRE(full >= 0);
    ::dup2(full, STDOUT_FILENO);
    ::close(full);
    bool wrote_ok = false, committed_ok = true;
    Exit code = Exit::ok;
    {
        auto stdout_out = Output::open("-");
        wrote_ok = static_cast<bool>(stdout_out);
        if (stdout_out) {
            stdout_out->write("lost\n");
            auto c = stdout_out->commit();
            committed_ok = static_cast<bool>(c);
            if (!c) code = c.error().code;
        }
    }
    ::dup2(saved, STDOUT_FILENO);
    ::close(saved);
    CHECK(wrote_ok);
    CHECK_FALSE(committed_ok);
    CHECK(code == Exit::io);
}

TEST_CASE("output: a FIFO is written in place", "[core][output]") {
    TempDir dir;
    std::string fifo = dir / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string received;
    std::thread reader([&] { received = slurp(fifo); });
    {
        auto out = Output::open(fifo);
        REQUIRE(out);
        out->write("through the pipe\n");
        REQUIRE(out->commit());
    }
    reader.join();
    CHECK(received == "through the pipe\n");
    CHECK(fs::is_fifo(fifo));
    CHECK(dir.names() == std::vector<std::string>{"pipe"});
}

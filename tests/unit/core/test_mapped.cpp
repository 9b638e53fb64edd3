// SPDX-License-Identifier: Apache-2.0
// core::Mapping: a regular file's bytes from a reader's place on, pages given
// back behind it, and a clear exit (74) when the file shrinks under it.

#include "core/mapped.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>

using adx::core::Input;
using adx::core::Mapping;

namespace {

// A file of n bytes (byte i is 'a' + i % 26), removed at the end.
struct TempFile {
    std::string path;
    explicit TempFile(std::size_t n) {
        char name[] = "/tmp/adx-mapped-XXXXXX";
        int fd = ::mkstemp(name);
        REQUIRE(fd >= 0);
        path = name;
        std::string text(n, 'a');
        for (std::size_t i = 0; i < n; ++i) text[i] = static_cast<char>('a' + i % 26);
        REQUIRE(::write(fd, text.data(), n) == static_cast<ssize_t>(n));
        ::close(fd);
    }
    ~TempFile() { std::filesystem::remove(path); }
};

}  // namespace

TEST_CASE("mapping: from the bytes a reader holds to the end of the file", "[core][mapped]") {
    const std::size_t n = 3 * 4096 + 123;
    TempFile file(n);
    auto input = Input::open(file.path);
    REQUIRE(input);
    char buf[5000];
    REQUIRE(*input->read(buf, sizeof buf) == sizeof buf);
    // The reader used 4000 of the 5000 bytes it read: the mapping starts there.
    auto map = Mapping::of(*input, 1000, 0);
    REQUIRE(map);
    REQUIRE(map->size() == n - 4000);
    for (std::size_t i = 0; i < map->size(); ++i) REQUIRE(map->data()[i] == static_cast<char>('a' + (4000 + i) % 26));
    CHECK(map->populate(0, map->size()));
    // Pages given back read the same again.
    map->drop_before(map->size() - 10);
    for (std::size_t i = 0; i < map->size(); ++i) REQUIRE(map->data()[i] == static_cast<char>('a' + (4000 + i) % 26));
    // Too little left, or not a regular file: read instead.
    CHECK_FALSE(Mapping::of(*input, 1000, n));
    int pipe_fds[2];
    REQUIRE(::pipe(pipe_fds) == 0);
    REQUIRE(::write(pipe_fds[1], "x", 1) == 1);
    ::close(pipe_fds[1]);
    auto piped = Input::open("/proc/self/fd/" + std::to_string(pipe_fds[0]));
    REQUIRE(piped);
    CHECK_FALSE(Mapping::of(*piped, 0, 0));
    ::close(pipe_fds[0]);
}

TEST_CASE("mapping: a file that shrinks under it ends the process with exit 74 and says so", "[core][mapped]") {
    TempFile file(4 * 4096);
    int err[2];
    REQUIRE(::pipe(err) == 0);
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::dup2(err[1], STDERR_FILENO);
        auto input = Input::open(file.path);
        if (!input) ::_exit(1);
        auto map = Mapping::of(*input, 0, 0);
        if (!map || !map->populate(0, map->size())) ::_exit(2);
        if (::truncate(file.path.c_str(), 4096) != 0) ::_exit(3);
        // A page past the new end: SIGBUS, which the handler turns into exit 74.
        volatile char c = map->data()[3 * 4096];
        (void)c;
        ::_exit(4);
    }
    ::close(err[1]);
    std::string message;
    char buf[512];
    for (ssize_t got; (got = ::read(err[0], buf, sizeof buf)) > 0;) message.append(buf, static_cast<std::size_t>(got));
    ::close(err[0]);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 74);
    CHECK(
        message ==
        "adx: error: " + file.path +
            ": the file ended early while it was read (it shrank, or a read failed); nothing after that is checked\n");
}

TEST_CASE("mapping: a SIGBUS when nothing is mapped any more keeps its default action", "[core][mapped]") {
    TempFile file(4 * 4096);
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        auto input = Input::open(file.path);
        if (!input) ::_exit(1);
        // Arms the handler, then maps nothing.
        if (!Mapping::of(*input, 0, 0)) ::_exit(2);
        // A mapping that is not a Mapping, read past the file's new end (no core file).
        struct rlimit no_core {};
        ::setrlimit(RLIMIT_CORE, &no_core);
        void* raw = ::mmap(nullptr, 4 * 4096, PROT_READ, MAP_SHARED, input->fd(), 0);
        if (raw == MAP_FAILED) ::_exit(3);
        if (::truncate(file.path.c_str(), 4096) != 0) ::_exit(4);
        volatile char c = static_cast<const char*>(raw)[3 * 4096];
        (void)c;
        ::_exit(5);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGBUS);
}

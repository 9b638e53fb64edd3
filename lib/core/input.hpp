// SPDX-License-Identifier: Apache-2.0
#pragma once
// Input from a file or standard input ("-"), read in large blocks and split
// into lines without copying. Lines longer than the limit are reported, not
// buffered: memory stays flat whatever the input.

#include "core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace adx::core {

// An open input: a file descriptor and the name to use in messages.
class Input {
public:
    // Opens path, or standard input for "-". Missing or unreadable: Exit::no_input.
    static Expected<Input> open(const std::string& path);
    Input(Input&& other) noexcept;
    Input& operator=(Input&& other) noexcept;
    Input(const Input&) = delete;
    Input& operator=(const Input&) = delete;
    ~Input();

    const std::string& name() const noexcept { return m_name; }
    // The file descriptor (for Mapping::of).
    int fd() const noexcept { return m_fd; }
    // Reads up to n bytes; 0 at end of input. Read failure: Exit::io.
    Expected<std::size_t> read(char* buf, std::size_t n);

private:
    Input(int fd, std::string name, bool owned) : m_fd(fd), m_name(std::move(name)), m_owned(owned) {}
    int m_fd = -1;
    std::string m_name;
    bool m_owned = false;
};

struct Line {
    std::string_view text;     // without the line ending ("\n" or "\r\n")
    std::uint64_t number = 0;  // 1-based
    std::uint64_t offset = 0;  // byte offset of the line's start in the input
    bool too_long = false;     // text holds only the first max_line bytes
    std::uint64_t length = 0;  // length in bytes; when too_long and no newline was in sight, the bytes seen so far
};

class LineReader {
public:
    explicit LineReader(Input& input, std::size_t max_line = 1 << 20, std::size_t block = 1 << 20);
    // The next line; false at end of input. Errors: Exit::io.
    Expected<bool> next(Line& line);
    std::string_view peek_start();  // the first block, for encoding detection (reads it if needed)
    bool at_eof() const noexcept { return m_eof; }

private:
    Expected<bool> fill();
    Input& m_input;
    std::size_t m_max_line;
    std::vector<char> m_buf;
    std::size_t m_begin = 0;
    std::size_t m_end = 0;
    std::uint64_t m_offset = 0;  // input offset of m_buf[m_begin]
    std::uint64_t m_line = 0;
    bool m_eof = false;
    bool m_skipping = false;  // discarding the rest of a too-long line
};

}  // namespace adx::core

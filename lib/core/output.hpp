// SPDX-License-Identifier: Apache-2.0
#pragma once
// Output to standard output or to a file written atomically: a temporary file
// beside the target, fsync, rename, fsync of the directory. Until commit()
// nothing is visible; an Output destroyed without commit() removes its
// temporary file, so a failed run leaves nothing behind.

#include "core/error.hpp"

#include <string>
#include <string_view>

namespace adx::core {

class Output {
public:
    // "-" (or empty) is standard output; an existing device or FIFO is written
    // directly; anything else is a file written atomically.
    // Cannot create the temporary file: Exit::cant_create.
    static Expected<Output> open(const std::string& path, unsigned mode = 0644);
    Output(Output&& other) noexcept;
    Output& operator=(Output&&) = delete;
    Output(const Output&) = delete;
    Output& operator=(const Output&) = delete;
    ~Output();

    const std::string& name() const noexcept { return m_name; }
    bool is_stdout() const noexcept { return m_fd == 1 && !m_owned; }

    // Buffered writes; the buffer is flushed when large. Failures (disk full,
    // closed pipe) are remembered and reported by flush() and commit().
    void write(std::string_view s) {
        m_buf.append(s);
        if (m_buf.size() >= k_flush_at) flush_buffer();
    }
    void put(char c) {
        m_buf.push_back(c);
        if (m_buf.size() >= k_flush_at) flush_buffer();
    }
    // Direct access for hot loops: append, then call maybe_flush().
    std::string& buffer() noexcept { return m_buf; }
    void maybe_flush() {
        if (m_buf.size() >= k_flush_at) flush_buffer();
    }

    // Writes out the buffer (standard output: also useful before a long wait).
    Expected<void> flush();
    // Flush, fsync, rename into place. For standard output: flush.
    Expected<void> commit();

private:
    static constexpr std::size_t k_flush_at = 1 << 18;
    Output(int fd, std::string path, std::string tmp, std::string name)
        : m_fd(fd), m_path(std::move(path)), m_tmp(std::move(tmp)), m_name(std::move(name)) {}
    void flush_buffer();
    void discard() noexcept;

    int m_fd = -1;
    std::string m_path;  // empty for standard output
    std::string m_tmp;
    std::string m_name;
    std::string m_buf;
    int m_errno = 0;  // first write error
    bool m_done = false;
    bool m_owned = false;  // m_fd is a device or FIFO opened here (closed on destruction)
};

}  // namespace adx::core

// SPDX-License-Identifier: Apache-2.0
#include "core/input.hpp"

#include "core/i18n.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace adx::core {

Expected<Input> Input::open(const std::string& path) {
    if (path == "-") return Input(STDIN_FILENO, tr("<stdin>"), false);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        return Error{Exit::no_input, trf("cannot open '{path}': {reason}", fmt::arg("path", path),
                                         fmt::arg("reason", std::strerror(err)))};
    }
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        ::close(fd);
        return Error{Exit::no_input, trf("cannot read '{path}': it is a directory", fmt::arg("path", path))};
    }
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    return Input(fd, path, true);
}

Input::Input(Input&& other) noexcept
    : m_fd(other.m_fd), m_name(std::move(other.m_name)), m_owned(other.m_owned) {
    other.m_fd = -1;
    other.m_owned = false;
}

Input& Input::operator=(Input&& other) noexcept {
    if (this != &other) {
        if (m_owned && m_fd >= 0) ::close(m_fd);
        m_fd = other.m_fd;
        m_name = std::move(other.m_name);
        m_owned = other.m_owned;
        other.m_fd = -1;
        other.m_owned = false;
    }
    return *this;
}

Input::~Input() {
    if (m_owned && m_fd >= 0) ::close(m_fd);
}

Expected<std::size_t> Input::read(char* buf, std::size_t n) {
    for (;;) {
        ssize_t got = ::read(m_fd, buf, n);
        if (got >= 0) return static_cast<std::size_t>(got);
        if (errno == EINTR) continue;
        int err = errno;
        return Error{Exit::io, trf("cannot read '{path}': {reason}", fmt::arg("path", m_name),
                                   fmt::arg("reason", std::strerror(err)))};
    }
}

LineReader::LineReader(Input& input, std::size_t max_line, std::size_t block)
    : m_input(input), m_max_line(max_line), m_buf(std::max(block, max_line + 2) + block) {}

// Moves the unread bytes to the front and reads more behind them.
Expected<bool> LineReader::fill() {
    if (m_eof) return false;
    if (m_begin > 0) {
        std::memmove(m_buf.data(), m_buf.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    if (m_end == m_buf.size()) return true;  // full; caller handles
    auto got = m_input.read(m_buf.data() + m_end, m_buf.size() - m_end);
    if (!got) return std::move(got).error();
    if (*got == 0) {
        m_eof = true;
        return false;
    }
    m_end += *got;
    return true;
}

std::string_view LineReader::peek_start() {
    while (!m_eof && m_end < m_buf.size() / 2) {
        auto more = fill();
        if (!more || !*more) break;
    }
    return {m_buf.data() + m_begin, m_end - m_begin};
}

Expected<bool> LineReader::next(Line& line) {
    for (;;) {
        const char* start = m_buf.data() + m_begin;
        std::size_t avail = m_end - m_begin;
        const void* nl = avail ? std::memchr(start, '\n', avail) : nullptr;
        if (m_skipping) {
            // Drop the remainder of a too-long line up to its newline.
            if (nl) {
                std::size_t n = static_cast<std::size_t>(static_cast<const char*>(nl) - start) + 1;
                m_begin += n;
                m_offset += n;
                m_skipping = false;
                continue;
            }
            m_offset += avail;
            m_begin = m_end;
            auto more = fill();
            if (!more) return std::move(more).error();
            if (!*more) return false;
            continue;
        }
        if (nl) {
            std::size_t len = static_cast<std::size_t>(static_cast<const char*>(nl) - start);
            std::size_t text_len = (len > 0 && start[len - 1] == '\r') ? len - 1 : len;
            // The limit is on the text: a CRLF ending does not count.
            if (text_len > m_max_line) {
                line = Line{{start, m_max_line}, ++m_line, m_offset, true, text_len};
                m_begin += len + 1;
                m_offset += len + 1;
                return true;
            }
            line = Line{{start, text_len}, ++m_line, m_offset, false, text_len};
            m_begin += len + 1;
            m_offset += len + 1;
            return true;
        }
        // One byte over the limit may be the CR of a CRLF: read on to see.
        if (avail > m_max_line + 1 || (avail == m_max_line + 1 && start[m_max_line] != '\r')) {
            // No newline within the limit: report the prefix, skip the rest.
            line = Line{{start, m_max_line}, ++m_line, m_offset, true, avail};
            m_offset += avail;
            m_begin = m_end;
            m_skipping = true;
            return true;
        }
        if (m_eof) {
            if (avail == 0) return false;
            std::size_t text_len = (start[avail - 1] == '\r') ? avail - 1 : avail;
            line = Line{{start, text_len}, ++m_line, m_offset, false, text_len};
            m_begin = m_end;
            m_offset += avail;
            return true;
        }
        auto more = fill();
        if (!more) return std::move(more).error();
    }
}

}  // namespace adx::core

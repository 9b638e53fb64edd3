// SPDX-License-Identifier: Apache-2.0
#include "core/output.hpp"

#include "core/i18n.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace adx::core {

namespace {

Error write_error(const std::string& name, int err) {
    Exit code = Exit::io;
    return Error{code, trf("cannot write '{path}': {reason}", fmt::arg("path", name),
                           fmt::arg("reason", std::strerror(err)))};
}

}  // namespace

Expected<Output> Output::open(const std::string& path, unsigned mode) {
    if (path.empty() || path == "-") {
        Output out(STDOUT_FILENO, {}, {}, tr("<stdout>"));
        out.m_buf.reserve(k_flush_at + 4096);
        return out;
    }
    // A device, FIFO or socket (-o /dev/stdout, a named pipe) is written
    // directly: renaming over it would replace it with a regular file.
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode))
            return Error{Exit::cant_create, trf("cannot create '{path}': it is a directory", fmt::arg("path", path))};
        int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) {
            int err = errno;
            return Error{Exit::cant_create, trf("cannot create '{path}': {reason}", fmt::arg("path", path),
                                                fmt::arg("reason", std::strerror(err)))};
        }
        Output out(fd, {}, {}, path);
        out.m_owned = true;
        out.m_buf.reserve(k_flush_at + 4096);
        return out;
    }
    std::filesystem::path target(path);
    std::filesystem::path dir = target.parent_path();
    if (dir.empty()) dir = ".";
    std::string tmpl = (dir / ("." + target.filename().string() + ".adx-XXXXXX")).string();
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) {
        int err = errno;
        return Error{Exit::cant_create, trf("cannot create '{path}': {reason}", fmt::arg("path", path),
                                            fmt::arg("reason", std::strerror(err)))};
    }
    ::fchmod(fd, static_cast<mode_t>(mode));
    Output out(fd, path, tmpl, path);
    out.m_buf.reserve(k_flush_at + 4096);
    return out;
}

Output::Output(Output&& other) noexcept
    : m_fd(other.m_fd),
      m_path(std::move(other.m_path)),
      m_tmp(std::move(other.m_tmp)),
      m_name(std::move(other.m_name)),
      m_buf(std::move(other.m_buf)),
      m_errno(other.m_errno),
      m_done(other.m_done),
      m_owned(other.m_owned) {
    other.m_fd = -1;
    other.m_owned = false;
    other.m_done = true;
}

Output::~Output() {
    if (!m_done) {
        if (m_path.empty())
            flush_buffer();
        else
            discard();
    }
    if (m_owned && m_fd >= 0) ::close(m_fd);
}

void Output::flush_buffer() {
    std::size_t off = 0;
    while (off < m_buf.size() && m_errno == 0) {
        ssize_t n = ::write(m_fd, m_buf.data() + off, m_buf.size() - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            m_errno = errno;
            break;
        }
        off += static_cast<std::size_t>(n);
    }
    m_buf.clear();
}

Expected<void> Output::flush() {
    flush_buffer();
    if (m_errno) return write_error(m_name, m_errno);
    return {};
}

void Output::discard() noexcept {
    if (m_fd >= 0 && !m_path.empty()) {
        ::close(m_fd);
        ::unlink(m_tmp.c_str());
        m_fd = -1;
    }
    m_done = true;
}

Expected<void> Output::commit() {
    flush_buffer();
    if (m_errno) {
        int err = m_errno;
        discard();
        return write_error(m_name, err);
    }
    if (m_path.empty()) {
        m_done = true;
        if (m_owned) {
            int rc = ::close(m_fd);
            m_fd = -1;
            m_owned = false;
            if (rc != 0) return write_error(m_name, errno);
        }
        return {};
    }
    if (::fsync(m_fd) != 0 || ::close(m_fd) != 0) {
        int err = errno;
        m_fd = -1;
        ::unlink(m_tmp.c_str());
        m_done = true;
        return write_error(m_name, err);
    }
    m_fd = -1;
    if (::rename(m_tmp.c_str(), m_path.c_str()) != 0) {
        int err = errno;
        ::unlink(m_tmp.c_str());
        m_done = true;
        return Error{Exit::cant_create, trf("cannot create '{path}': {reason}", fmt::arg("path", m_path),
                                            fmt::arg("reason", std::strerror(err)))};
    }
    // Make the rename itself durable.
    std::filesystem::path dir = std::filesystem::path(m_path).parent_path();
    int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    m_done = true;
    return {};
}

}  // namespace adx::core

// SPDX-License-Identifier: Apache-2.0
#include "core/i18n.hpp"
#include "transport/senders.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace adx::transport::detail {

using core::Exit;

core::Expected<BodySource> BodySource::open(const std::string& path, std::uint64_t size) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return core::Error{Exit::no_input, core::trf("cannot open '{path}': {reason}", fmt::arg("path", path),
                                                     fmt::arg("reason", std::strerror(errno)))};
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || static_cast<std::uint64_t>(st.st_size) != size) {
        ::close(fd);
        return core::Error{Exit::io, core::trf("'{path}' changed while it was being sent", fmt::arg("path", path))};
    }
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    return BodySource(fd, size);
}

BodySource::BodySource(BodySource&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_size(other.m_size), m_pos(other.m_pos), m_errno(other.m_errno) {}

BodySource::~BodySource() {
    if (m_fd >= 0) ::close(m_fd);
}

std::size_t BodySource::read(char* buf, std::size_t size, std::size_t n, void* self) noexcept {
    auto* s = static_cast<BodySource*>(self);
    std::size_t want = size * n;
    if (s->m_size - s->m_pos < want) want = static_cast<std::size_t>(s->m_size - s->m_pos);
    std::size_t got = 0;
    while (got < want) {
        const ssize_t r = ::pread(s->m_fd, buf + got, want - got, static_cast<off_t>(s->m_pos + got));
        if (r < 0) {
            if (errno == EINTR) continue;
            s->m_errno = errno;
            return CURL_READFUNC_ABORT;
        }
        if (r == 0) {  // shorter than when it was digested
            s->m_errno = EIO;
            return CURL_READFUNC_ABORT;
        }
        got += static_cast<std::size_t>(r);
    }
    s->m_pos += got;
    return got;
}

int BodySource::seek(void* self, curl_off_t offset, int origin) noexcept {
    auto* s = static_cast<BodySource*>(self);
    if (origin != SEEK_SET || offset < 0 || static_cast<std::uint64_t>(offset) > s->m_size) return CURL_SEEKFUNC_FAIL;
    s->m_pos = static_cast<std::uint64_t>(offset);
    return CURL_SEEKFUNC_OK;
}

int ProgressState::callback(void* self, curl_off_t, curl_off_t, curl_off_t ultotal, curl_off_t ulnow) noexcept {
    auto* p = static_cast<ProgressState*>(self);
    if (!p->hooks || !p->hooks->on_progress || ulnow == p->last) return 0;
    p->last = ulnow;
    try {
        p->hooks->on_progress(*p->doc, static_cast<std::uint64_t>(ulnow),
                              static_cast<std::uint64_t>(ultotal > 0 ? ultotal : 0));
    } catch (...) {
    }
    return 0;
}

}  // namespace adx::transport::detail

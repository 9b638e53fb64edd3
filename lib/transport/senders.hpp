// SPDX-License-Identifier: Apache-2.0
#pragma once
// The transports' entry points, for the table in transports.cpp (internal).

#include "transport/curl_util.hpp"
#include "transport/transports.hpp"

namespace adx::transport::detail {

core::Expected<void> check_https(const Destination& dest);
core::Expected<std::unique_ptr<Sender>> open_https(const Destination& dest, Hooks hooks);

core::Expected<void> check_sftp(const Destination& dest);
core::Expected<std::unique_ptr<Sender>> open_sftp(const Destination& dest, Hooks hooks);

// A descriptor of path open for reading, and a read callback for libcurl
// that stops at `size` bytes (the size the digest was taken over).
class BodySource {
public:
    // Exit::no_input when it cannot be opened; Exit::io when its size is
    // no longer `size` (it changed after it was digested).
    static core::Expected<BodySource> open(const std::string& path, std::uint64_t size);
    BodySource(BodySource&& other) noexcept;
    BodySource& operator=(BodySource&&) = delete;
    BodySource(const BodySource&) = delete;
    BodySource& operator=(const BodySource&) = delete;
    ~BodySource();

    static std::size_t read(char* buf, std::size_t size, std::size_t n, void* self) noexcept;
    static int seek(void* self, curl_off_t offset, int origin) noexcept;
    int read_errno() const noexcept { return m_errno; }

private:
    BodySource(int fd, std::uint64_t size) : m_fd(fd), m_size(size) {}
    int m_fd = -1;
    std::uint64_t m_size = 0;
    std::uint64_t m_pos = 0;
    int m_errno = 0;
};

// Sets up progress reporting on c for doc through hooks (none when hooks has none).
struct ProgressState {
    const Hooks* hooks = nullptr;
    const Document* doc = nullptr;
    curl_off_t last = -1;
    static int callback(void* self, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                        curl_off_t ulnow) noexcept;
};

}  // namespace adx::transport::detail

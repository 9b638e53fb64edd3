// SPDX-License-Identifier: Apache-2.0
#pragma once
// adx serve's access log: one JSON object per request, one line each,
// appended with one write(2) (O_APPEND), so lines never interleave:
//   {"time":"2026-11-27T02:00:00.123Z","remote":"127.0.0.1:50412","sender":"...",
//    "method":"POST","path":"/v1/submissions","status":201,"bytes":10240,
//    "ms":12.5,"submission_id":"...","rule":""}
// status 0: no answer was sent (the client went away, or shutdown cut it off).

#include "core/error.hpp"

#include <cstdint>
#include <string>

namespace adx::transport {

struct AccessEntry {
    std::string remote, sender, method, path;
    int status = 0;
    std::uint64_t bytes = 0;
    double ms = 0;
    std::string submission_id, rule;
};

std::string access_line(const AccessEntry& e, std::string_view time);

class AccessLog {
public:
    // path empty or "-": standard error.
    static core::Expected<AccessLog> open(const std::string& path);
    AccessLog(AccessLog&& other) noexcept : m_fd(other.m_fd), m_owned(other.m_owned) { other.m_owned = false; }
    AccessLog& operator=(AccessLog&&) = delete;
    ~AccessLog();
    void write(const AccessEntry& e);

private:
    AccessLog(int fd, bool owned) : m_fd(fd), m_owned(owned) {}
    int m_fd = 2;
    bool m_owned = false;
};

}  // namespace adx::transport

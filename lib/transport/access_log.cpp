// SPDX-License-Identifier: Apache-2.0
#include "transport/access_log.hpp"

#include "core/i18n.hpp"
#include "core/json_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>

namespace adx::transport {

std::string access_line(const AccessEntry& e, std::string_view time) {
    std::string out;
    core::JsonWriter w(out);
    w.begin_object()
        .field("time", time)
        .field("remote", e.remote)
        .field("sender", e.sender)
        .field("method", e.method)
        .field("path", e.path)
        .field("status", e.status)
        .field("bytes", e.bytes);
    // Milliseconds with 3 decimals, written as a JSON number.
    out += fmt::format(",\"ms\":{:.3f}", std::isfinite(e.ms) ? e.ms : 0.0);
    w.field("submission_id", e.submission_id).field("rule", e.rule).end_object();
    out.push_back('\n');
    return out;
}

core::Expected<AccessLog> AccessLog::open(const std::string& path) {
    if (path.empty() || path == "-") return AccessLog(2, false);
    int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0)
        return core::Error{core::Exit::cant_create,
                           core::trf("cannot open access log '{path}': {reason}", fmt::arg("path", path),
                                     fmt::arg("reason", std::strerror(errno)))};
    return AccessLog(fd, true);
}

AccessLog::~AccessLog() {
    if (m_owned) ::close(m_fd);
}

void AccessLog::write(const AccessEntry& e) {
    auto now = std::chrono::system_clock::now();
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    std::string line = access_line(e, fmt::format("{}.{:03d}Z", buf, static_cast<int>(ms)));
    // One write: O_APPEND keeps concurrent lines whole.
    [[maybe_unused]] ssize_t n = ::write(m_fd, line.data(), line.size());
}

}  // namespace adx::transport

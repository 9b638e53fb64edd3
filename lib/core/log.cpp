// SPDX-License-Identifier: Apache-2.0
#include "core/log.hpp"

#include "core/clock.hpp"
#include "core/json_writer.hpp"

#include <unistd.h>

namespace adx::core {

namespace {

void write_stderr(const std::string& s) {
    std::size_t off = 0;
    while (off < s.size()) {
        ssize_t n = ::write(STDERR_FILENO, s.data() + off, s.size() - off);
        if (n <= 0) return;  // nowhere left to complain to
        off += static_cast<std::size_t>(n);
    }
}

}  // namespace

Log& log() {
    static Log instance;
    return instance;
}

void Log::configure(std::string component, LogFormat format, Severity threshold) {
    m_component = std::move(component);
    m_format = format;
    m_threshold = threshold;
}

void Log::report(Severity s, const Error& e) {
    if (s == Severity::error) ++m_errors;
    if (s == Severity::warning) ++m_warnings;
    if (!enabled(s)) return;
    write_stderr(line(s, e));
}

std::string Log::line(Severity s, const Error& e, bool with_time) const {
    std::string out;
    if (m_format == LogFormat::text) {
        out = format_diagnostic(m_component, s, e);
    } else {
        JsonWriter w(out);
        w.begin_object();
        if (with_time) {
            if (auto t = now()) w.field("time", format_utc(*t));
        }
        w.field("level", severity_name(s)).field("component", m_component);
        if (!e.where.file.empty()) w.field("file", e.where.file);
        if (e.where.line) w.field("line", e.where.line);
        if (e.where.column) w.field("column", e.where.column);
        if (e.where.record) w.field("record", e.where.record);
        if (!e.where.field.empty()) w.field("field", e.where.field);
        if (!e.rule.empty()) w.field("rule", e.rule);
        w.field("message", e.message);
        if (!e.hint.empty()) w.field("hint", e.hint);
        if (s == Severity::error) w.field("exit", static_cast<int>(e.code));
        w.end_object();
    }
    out += '\n';
    return out;
}

void Log::info(std::string_view message) {
    if (!enabled(Severity::info)) return;
    report(Severity::info, Error{Exit::ok, std::string(message)});
}

void Log::debug(std::string_view message) {
    if (!enabled(Severity::debug)) return;
    report(Severity::debug, Error{Exit::ok, std::string(message)});
}

}  // namespace adx::core

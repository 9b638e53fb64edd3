// SPDX-License-Identifier: Apache-2.0
#pragma once
// Diagnostics and logging, to standard error only. Text lines in the one
// message shape, or JSON lines (--log-format json) for log collectors.
// --quiet keeps errors only; --verbose adds info and debug.

#include "core/diagnostic.hpp"

#include <string>
#include <string_view>

namespace adx::core {

enum class LogFormat { text, json };

class Log {
public:
    Log() = default;
    void configure(std::string component, LogFormat format, Severity threshold);
    const std::string& component() const noexcept { return m_component; }
    bool enabled(Severity s) const noexcept { return s >= m_threshold; }

    void report(Severity s, const Error& e);
    // The line report() writes (with its line feed); with_time: JSON lines
    // say when (false for a line made ahead, for a signal handler).
    std::string line(Severity s, const Error& e, bool with_time = true) const;
    void error(const Error& e) { report(Severity::error, e); }
    void warning(const Error& e) { report(Severity::warning, e); }
    void info(std::string_view message);
    void debug(std::string_view message);

    std::uint64_t errors() const noexcept { return m_errors; }
    std::uint64_t warnings() const noexcept { return m_warnings; }

private:
    std::string m_component = "adx";
    LogFormat m_format = LogFormat::text;
    Severity m_threshold = Severity::warning;
    std::uint64_t m_errors = 0;
    std::uint64_t m_warnings = 0;
};

// The process's log, set up by main from the command line.
Log& log();

}  // namespace adx::core

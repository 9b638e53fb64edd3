// SPDX-License-Identifier: Apache-2.0
#pragma once
// What adx send prints: one line per file on standard output (text, or a
// JSON object per line with --report json), the receiver's problems on
// standard error, and a progress line on a terminal. Not a tool of its own.

#include "core/error.hpp"
#include "core/output.hpp"
#include "tools/tool.hpp"
#include "transport/transports.hpp"

#include <chrono>
#include <string>

namespace adx::tools {

class SendPrinter {
public:
    SendPrinter(Report report, const transport::Destination& dest);

    const transport::Destination& destination() const noexcept { return m_dest; }
    // Standard error is a terminal and --quiet was not given.
    bool progress_wanted() const noexcept { return m_progress; }
    void progress(const transport::Document& doc, std::uint64_t sent, std::uint64_t total);

    // The file's line; receipt is where its receipt was written ("" for none).
    // ms: how long the file took, from its first byte read to its receipt written.
    void result(const transport::Document& doc, const transport::Outcome& out, const std::string& receipt,
                std::int64_t ms);
    // A file that could not even be read.
    void failed(const std::string& file, const core::Error& e);
    // A file not tried after a failure that concerns the destination.
    void skipped(const std::string& file);
    // The problems a rejection receipt lists, as diagnostics on standard error.
    void problems(const transport::Document& doc, const transport::Receipt& r);

    core::Expected<void> finish();

private:
    void line(const std::string& s);
    void clear_progress();

    Report m_report;
    const transport::Destination& m_dest;
    core::Output m_out;
    bool m_progress = false;
    bool m_progress_shown = false;
    std::chrono::steady_clock::time_point m_started{};
    std::chrono::steady_clock::time_point m_last{};
    const transport::Document* m_progress_doc = nullptr;
};

}  // namespace adx::tools

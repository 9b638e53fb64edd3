// SPDX-License-Identifier: Apache-2.0
#pragma once
// The output of adx id: one line per value (text: VALUE TAB valid|invalid TAB
// TYPE TAB REASON; json: one object per line), and explanations.

#include "core/error.hpp"
#include "core/output.hpp"
#include "ids/check.hpp"
#include "ids/explain.hpp"
#include "ids/normalize.hpp"
#include "tools/tool.hpp"

namespace adx::tools {

class IdWriter {
public:
    IdWriter(core::Output& out, Report report, ids::Type forced) : m_out(out), m_report(report), m_forced(forced) {}
    void write(std::string_view raw, const ids::Verdict& v, std::string_view normalized);
    // A line that could not be read (not text, too long).
    void write_unreadable(std::string_view raw, const core::Error& e);
    std::uint64_t valid() const noexcept { return m_valid; }
    std::uint64_t invalid() const noexcept { return m_invalid; }

private:
    core::Output& m_out;
    Report m_report;
    ids::Type m_forced;
    std::uint64_t m_valid = 0;
    std::uint64_t m_invalid = 0;
};

void write_explanation(core::Output& out, std::string_view raw, const ids::Explanation& e, Report report);

// raw made safe for one TSV column: control characters and bytes that are
// not UTF-8 become \xNN, a backslash \\.
void append_display(std::string& out, std::string_view raw);

}  // namespace adx::tools

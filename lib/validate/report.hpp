// SPDX-License-Identifier: Apache-2.0
#pragma once
// What validation finds, and the report writers that present it: text (the
// one message shape, a summary line per file), JSON (one documented object)
// and JUnit XML (one testsuite per file, one testcase per rule).

#include "core/diagnostic.hpp"
#include "core/output.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace adx::schema {
struct Format;
}

namespace adx::validate {

struct Diagnostic {
    core::Severity severity = core::Severity::error;
    std::string file;
    std::uint64_t line = 0;
    std::uint64_t column = 0;
    std::uint64_t record = 0;  // 0: about the file (a missing column, a syntax error)
    std::string field;         // field key; empty for record and file problems
    std::string rule;          // rule id
    std::string message;       // translated; personal data already masked
};

struct FileSummary {
    std::string file;
    std::uint64_t records = 0;
    std::uint64_t errors = 0;
    std::uint64_t warnings = 0;
    double seconds = 0;
    bool complete = true;  // false: a syntax error stopped reading
};

class Report {
public:
    virtual ~Report() = default;
    virtual void begin_file(const std::string& file) = 0;
    // Only called for diagnostics within --max-errors.
    virtual void diagnostic(const Diagnostic& d) = 0;
    virtual void end_file(const FileSummary& s) = 0;
    // Writes whatever is left; failures of the output are reported by commit.
    virtual void finish(bool valid) = 0;
};

enum class ReportKind { text, json, junit };

// warnings_are_failures: JUnit lists warnings as failures (--warnings-as-errors).
std::unique_ptr<Report> make_report(ReportKind kind, core::Output& out, const schema::Format& format,
                                    bool warnings_are_failures);

}  // namespace adx::validate

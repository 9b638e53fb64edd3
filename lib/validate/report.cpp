// SPDX-License-Identifier: Apache-2.0
// The text and JSON reports; JUnit is in report_junit.cpp.
#include "core/i18n.hpp"
#include "core/json_writer.hpp"
#include "schema/format.hpp"
#include "validate/report.hpp"

namespace adx::validate {

using core::tr;
using core::trf;

std::unique_ptr<Report> make_junit_report(core::Output& out, const schema::Format& format, bool warnings_are_failures);

namespace {

core::Error as_error(const Diagnostic& d) {
    core::Error e{core::Exit::data, d.message};
    e.where = core::Location{d.file, d.line, d.column, d.record, d.field};
    e.rule = d.rule;
    return e;
}

// One line per problem in the one message shape, then a summary line per file.
class TextReport final : public Report {
public:
    explicit TextReport(core::Output& out) : m_out(out) {}
    void begin_file(const std::string&) override { m_shown = 0; }
    void diagnostic(const Diagnostic& d) override {
        ++m_shown;
        m_out.write(core::format_diagnostic("adx validate", d.severity, as_error(d)));
        m_out.put('\n');
    }
    void end_file(const FileSummary& s) override {
        ++m_files;
        m_records += s.records;
        m_errors += s.errors;
        m_warnings += s.warnings;
        m_seconds += s.seconds;
        m_shown_total += m_shown;
        m_out.write(summary_line(s.file, s.records, s.errors, s.warnings, s.seconds));
        if (!s.complete) m_out.write(tr("  (reading stopped at the syntax error above)\n"));
    }
    void finish(bool valid) override {
        if (m_files > 1)
            m_out.write(summary_line(tr("total"), m_records, m_errors, m_warnings, m_seconds));
        if (m_shown_total < m_errors + m_warnings)
            m_out.write(trf("only the first {n} problems are shown (--max-errors)\n", fmt::arg("n", m_shown_total)));
        m_out.write(valid ? tr("result: valid\n") : tr("result: invalid\n"));
    }

private:
    static std::string summary_line(const std::string& name, std::uint64_t records, std::uint64_t errors,
                                    std::uint64_t warnings, double seconds) {
        return trf("{file}: {records} records, {errors} errors, {warnings} warnings, {seconds:.3f} s\n",
                   fmt::arg("file", name), fmt::arg("records", records), fmt::arg("errors", errors),
                   fmt::arg("warnings", warnings), fmt::arg("seconds", seconds));
    }
    core::Output& m_out;
    std::uint64_t m_files = 0, m_records = 0, m_errors = 0, m_warnings = 0, m_shown = 0, m_shown_total = 0;
    double m_seconds = 0;
};

// {"format": …, "diagnostics": [...], "files": [...], "summary": {...}},
// written as it goes so that memory stays flat.
class JsonReport final : public Report {
public:
    JsonReport(core::Output& out, const schema::Format& format) : m_out(out) {
        std::string buf;
        core::JsonWriter w(buf);
        w.begin_object().field("format", format.name).field("version", format.version).key("diagnostics");
        buf += '[';
        m_out.write(buf);
    }
    void begin_file(const std::string&) override {}
    void diagnostic(const Diagnostic& d) override {
        std::string buf;
        if (m_any) buf += ',';
        m_any = true;
        buf += '\n';
        core::JsonWriter w(buf);
        w.begin_object()
            .field("severity", core::severity_name(d.severity))
            .field("file", d.file)
            .field("line", d.line)
            .field("column", d.column)
            .field("record", d.record)
            .field("field", d.field)
            .field("rule", d.rule)
            .field("message", d.message)
            .end_object();
        m_out.write(buf);
    }
    void end_file(const FileSummary& s) override {
        m_files.push_back(s);
        m_records += s.records;
        m_errors += s.errors;
        m_warnings += s.warnings;
        m_seconds += s.seconds;
    }
    void finish(bool valid) override {
        std::string buf = "],\n\"files\":[";
        bool first = true;
        for (const auto& s : m_files) {
            if (!first) buf += ',';
            first = false;
            core::JsonWriter w(buf);
            w.begin_object()
                .field("file", s.file)
                .field("records", s.records)
                .field("errors", s.errors)
                .field("warnings", s.warnings)
                .field("complete", s.complete)
                .key("seconds");
            buf += fmt::format("{:.6f}", s.seconds);
            buf += '}';
        }
        buf += "],\n\"summary\":";
        core::JsonWriter w(buf);
        w.begin_object()
            .field("valid", valid)
            .field("files", static_cast<std::uint64_t>(m_files.size()))
            .field("records", m_records)
            .field("errors", m_errors)
            .field("warnings", m_warnings)
            .key("seconds");
        buf += fmt::format("{:.6f}", m_seconds);
        buf += "}}\n";
        m_out.write(buf);
    }

private:
    core::Output& m_out;
    bool m_any = false;
    std::vector<FileSummary> m_files;
    std::uint64_t m_records = 0, m_errors = 0, m_warnings = 0;
    double m_seconds = 0;
};

}  // namespace

std::unique_ptr<Report> make_report(ReportKind kind, core::Output& out, const schema::Format& format,
                                    bool warnings_are_failures) {
    switch (kind) {
    case ReportKind::text: return std::make_unique<TextReport>(out);
    case ReportKind::json: return std::make_unique<JsonReport>(out, format);
    case ReportKind::junit: return make_junit_report(out, format, warnings_are_failures);
    }
    return std::make_unique<TextReport>(out);
}

}  // namespace adx::validate

// SPDX-License-Identifier: Apache-2.0
// JUnit XML, as CI systems display it: one testsuite per input file, one
// testcase per rule of the format (and per built-in check that fired), each
// failing testcase listing the offending records.
#include "core/i18n.hpp"
#include "schema/format.hpp"
#include "validate/report.hpp"

#include <map>

namespace adx::validate {

namespace {

std::string xml_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default:
            // Control characters other than tab and newline are not allowed in XML 1.0.
            if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n')
                out += ' ';
            else
                out += c;
        }
    }
    return out;
}

class JunitReport final : public Report {
public:
    JunitReport(core::Output& out, const schema::Format& format, bool warnings_are_failures)
        : m_out(out), m_format(format), m_warnings_fail(warnings_are_failures) {
        m_out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        m_out.write(fmt::format("<testsuites name=\"adx validate {}\">\n", xml_escape(format.name)));
    }
    void begin_file(const std::string&) override {
        m_cases.clear();
        for (const auto& r : m_format.rules) m_cases[r.id];
        for (const auto& u : m_format.unique) m_cases[u.id];
    }
    void diagnostic(const Diagnostic& d) override {
        Case& c = m_cases[d.rule];
        bool failure = d.severity == core::Severity::error || m_warnings_fail;
        (failure ? c.failures : c.warnings) += 1;
        std::string line = d.record ? core::trf("record {record}, line {line}", fmt::arg("record", d.record),
                                                fmt::arg("line", d.line))
                                    : core::trf("line {line}", fmt::arg("line", d.line));
        if (!d.field.empty()) line += core::trf(", field '{field}'", fmt::arg("field", d.field));
        line += ": " + d.message + "\n";
        (failure ? c.failure_text : c.warning_text) += line;
        if (c.first_message.empty() && failure) c.first_message = d.message;
    }
    void end_file(const FileSummary& s) override {
        std::uint64_t failures = 0;
        for (const auto& [id, c] : m_cases) failures += c.failures ? 1 : 0;
        std::string buf = fmt::format(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\" time=\"{:.3f}\">\n",
            xml_escape(s.file), m_cases.size(), failures, s.complete ? 0 : 1, s.seconds);
        buf += fmt::format("    <properties><property name=\"format\" value=\"{}\"/><property name=\"records\" "
                           "value=\"{}\"/></properties>\n",
                           xml_escape(m_format.name), s.records);
        for (const auto& [id, c] : m_cases) {
            buf += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\"", xml_escape(m_format.name),
                               xml_escape(id));
            if (!c.failures && c.warning_text.empty()) {
                buf += "/>\n";
                continue;
            }
            buf += ">\n";
            if (c.failures)
                buf += fmt::format("      <failure type=\"{}\" message=\"{}\">{}</failure>\n", xml_escape(id),
                                   xml_escape(core::trf("{n} records: {first}", fmt::arg("n", c.failures),
                                                        fmt::arg("first", c.first_message))),
                                   xml_escape(c.failure_text));
            if (!c.warning_text.empty())
                buf += fmt::format("      <system-out>{}</system-out>\n", xml_escape(c.warning_text));
            buf += "    </testcase>\n";
        }
        if (!s.complete) buf += "    <error type=\"syntax\" message=\"reading stopped at a syntax error\"/>\n";
        buf += "  </testsuite>\n";
        m_out.write(buf);
    }
    void finish(bool) override { m_out.write("</testsuites>\n"); }

private:
    struct Case {
        std::uint64_t failures = 0, warnings = 0;
        std::string failure_text, warning_text, first_message;
    };
    core::Output& m_out;
    const schema::Format& m_format;
    bool m_warnings_fail;
    std::map<std::string, Case> m_cases;
};

}  // namespace

std::unique_ptr<Report> make_junit_report(core::Output& out, const schema::Format& format, bool warnings_are_failures) {
    return std::make_unique<JunitReport>(out, format, warnings_are_failures);
}

}  // namespace adx::validate

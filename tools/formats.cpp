// SPDX-License-Identifier: Apache-2.0
// adx formats: list the document formats adx knows, show one (fields, types,
// rules), and derive its XML Schema.

#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/output.hpp"
#include "schema/xsd.hpp"
#include "tools/support/formats_output.hpp"
#include "tools/tool.hpp"

namespace adx::tools {

namespace {

using core::Exit;
using core::tr;
using core::trf;

class FormatsTool final : public Tool {
public:
    void setup(CLI::App& app) override {
        app.require_subcommand(1);
        m_list = app.add_subcommand("list", tr("list the formats found on the search path"));
        add_report_option(*m_list, m_report);
        m_show = app.add_subcommand("show", tr("show a format's fields, types, limits, code lists and rules"));
        add_report_option(*m_show, m_report);
        m_show->add_option("FORMAT", m_name, tr("format name, or the path of a specification (.toml)"))->required();
        m_xsd = app.add_subcommand("xsd", tr("print the XML Schema derived from a format"));
        m_xsd->add_option("-o,--output", m_out, tr("write the schema to FILE (atomically) instead of standard output"))
            ->option_text("FILE");
        m_xsd->add_option("FORMAT", m_name, tr("format name, or the path of a specification (.toml)"))->required();
        m_path = app.add_subcommand("path", tr("print the folders searched for formats, in order"));
    }

    Exit run(const Context&) override {
        if (m_list->parsed()) return list();
        auto out = core::unwrap(core::Output::open(m_xsd->parsed() ? m_out : "-"));
        if (m_path->parsed()) {
            for (const auto& d : schema::format_search_path()) out.write(d + "\n");
        } else {
            auto format = core::unwrap(schema::find_format(m_name));
            if (m_xsd->parsed())
                out.write(schema::derive_xsd(format));
            else
                out.write(m_report == Report::json ? format_json(format) : format_text(format));
        }
        core::unwrap(out.commit());
        return Exit::ok;
    }

private:
    // Lists every format; one that does not load is reported on standard
    // error, and the exit code says so (78), but the others are still listed.
    Exit list() {
        std::vector<schema::Format> loaded;
        std::vector<FormatSummary> rows;
        auto names = schema::list_formats();
        loaded.reserve(names.size());
        Exit code = Exit::ok;
        for (const auto& name : names) {
            auto f = schema::find_format(name);
            if (!f) {
                core::log().error(f.error());
                code = f.error().code;
                rows.push_back({name, nullptr});
                continue;
            }
            loaded.push_back(std::move(f).value());
            rows.push_back({name, &loaded.back()});
        }
        auto out = core::unwrap(core::Output::open("-"));
        out.write(m_report == Report::json ? formats_list_json(rows) : formats_list_text(rows));
        core::unwrap(out.commit());
        return code;
    }

    CLI::App* m_list = nullptr;
    CLI::App* m_show = nullptr;
    CLI::App* m_xsd = nullptr;
    CLI::App* m_path = nullptr;
    Report m_report = Report::text;
    std::string m_name;
    std::string m_out = "-";
};

}  // namespace

std::unique_ptr<Tool> make_formats_tool() {
    return std::make_unique<FormatsTool>();
}

}  // namespace adx::tools

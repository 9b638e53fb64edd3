// SPDX-License-Identifier: Apache-2.0
// adx id: check and explain identifiers.

#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/output.hpp"
#include "core/text_reader.hpp"
#include "tools/support/id_output.hpp"
#include "tools/tool.hpp"

namespace adx::tools {

namespace {

using core::Exit;
using core::tr;
using core::trf;

// Input lines that are not text are reported on standard error this many
// times; after that only counted.
constexpr std::uint64_t k_max_input_messages = 10;

class IdTool final : public Tool {
public:
    void setup(CLI::App& app) override {
        app.require_subcommand(1);
        m_check = app.add_subcommand("check", tr("check identifiers given as arguments, or one per line"));
        add_common(*m_check);
        m_check->add_option("-f,--file", m_file, tr("read values one per line from FILE ('-': standard input)"))
            ->option_text("FILE");
        m_check->add_option("-o,--output", m_out, tr("write results to FILE (atomically) instead of standard output"))
            ->option_text("FILE");
        m_encoding_opt = m_check->add_option("--encoding", m_encoding,
                                             tr("input encoding: auto, utf-8 or gb18030 (default: [defaults] encoding, else auto)"))
            ->check(CLI::IsMember({"auto", "utf-8", "utf8", "gb18030", "gbk"}))
            ->option_text("ENC");
        m_check->add_option("VALUE", m_values, tr("identifiers to check; none: read standard input"));
        m_explain = app.add_subcommand("explain", tr("decode identifiers into their parts, in words"));
        add_common(*m_explain);
        m_explain->add_option("VALUE", m_values, tr("identifiers to explain"))->required();
    }

    Exit run(const Context& ctx) override {
        auto today = core::unwrap(core::today());
        if (m_explain->parsed()) return explain(today);
        if (!m_values.empty() && !m_file.empty())
            throw core::Failure({Exit::usage, tr("give values as arguments or with --file, not both")});
        auto out = core::unwrap(core::Output::open(m_out));
        IdWriter writer(out, m_report, m_type);
        ids::Checker checker(m_type, today);
        if (!m_values.empty()) {
            for (const auto& v : m_values) {
                auto verdict = checker.check(v);
                writer.write(v, verdict, checker.normalized());
            }
        } else {
            if (m_encoding_opt->count() == 0)
                m_encoding = ctx.config.defaults().string("encoding").value_or(m_encoding);
            check_stream(m_file.empty() ? "-" : m_file, checker, writer);
        }
        core::unwrap(out.commit());
        core::log().info(trf("{n} values checked: {valid} valid, {invalid} invalid",
                             fmt::arg("n", writer.valid() + writer.invalid()), fmt::arg("valid", writer.valid()),
                             fmt::arg("invalid", writer.invalid())));
        return writer.invalid() ? Exit::data : Exit::ok;
    }

private:
    void add_common(CLI::App& app) {
        app.add_option("-t,--type", m_type_name,
                       tr("identifier type: auto, uscc, ric, orgcode, region, industry, license-id"))
            ->check(CLI::IsMember({"auto", "uscc", "ric", "orgcode", "region", "industry", "license-id"}))
            ->option_text("TYPE")
            ->each([this](const std::string& s) { ids::parse_type(s, m_type); });
        add_report_option(app, m_report);
    }

    void check_stream(const std::string& path, ids::Checker& checker, IdWriter& writer) {
        auto input = core::unwrap(core::Input::open(path));
        auto encoding = core::unwrap(core::parse_encoding(m_encoding));
        core::TextReader reader(input, encoding, k_max_line);
        core::TextLine line;
        std::uint64_t bad_lines = 0;
        auto& log = core::log();
        while (core::unwrap(reader.next(line))) {
            if (line.too_long || line.bad_bytes) {
                core::Error e = line.too_long ? reader.too_long_error(line) : reader.encoding_error(line);
                if (++bad_lines <= k_max_input_messages) log.error(e);
                writer.write_unreadable(line.text, e);
                continue;
            }
            if (blank(line.text)) continue;
            auto verdict = checker.check(line.text);
            writer.write(line.text, verdict, checker.normalized());
        }
        if (bad_lines > k_max_input_messages) {
            core::Error e{Exit::data, trf("{n} lines in all could not be read as identifiers",
                                          fmt::arg("n", bad_lines))};
            e.where.file = reader.name();
            log.error(e);
        }
    }

    static bool blank(std::string_view s) {
        for (char c : s)
            if (c != ' ' && c != '\t') return false;
        return true;
    }

    Exit explain(std::chrono::year_month_day today) {
        auto out = core::unwrap(core::Output::open("-"));
        bool all_valid = true;
        for (const auto& v : m_values) {
            std::string buf;
            auto e = ids::explain(ids::normalize(v, buf), m_type, today);
            all_valid = all_valid && e.verdict.valid();
            write_explanation(out, v, e, m_report);
        }
        core::unwrap(out.commit());
        return all_valid ? Exit::ok : Exit::data;
    }

    static constexpr std::size_t k_max_line = 4096;
    CLI::App* m_check = nullptr;
    CLI::App* m_explain = nullptr;
    CLI::Option* m_encoding_opt = nullptr;
    std::string m_type_name = "auto";
    ids::Type m_type = ids::Type::unknown;
    Report m_report = Report::text;
    std::string m_file;
    std::string m_out;
    std::string m_encoding = "auto";
    std::vector<std::string> m_values;
};

}  // namespace

std::unique_ptr<Tool> make_id_tool() { return std::make_unique<IdTool>(); }

}  // namespace adx::tools

// SPDX-License-Identifier: Apache-2.0
// adx validate: check documents against a format and report every problem.

#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/output.hpp"
#include "schema/format.hpp"
#include "tools/tool.hpp"
#include "validate/validator.hpp"

#include <cstdlib>

namespace adx::tools {

namespace {

using core::Exit;
using core::tr;
using core::trf;

class ValidateTool final : public Tool {
public:
    void setup(CLI::App& app) override {
        app.add_option("-f,--format", m_format, tr("format name (see adx formats list) or a specification file"))
            ->required()
            ->option_text("FORMAT");
        app.add_option("--from", m_from, tr("input syntax: csv, tsv, json, jsonl or xml (default: from the extension)"))
            ->check(CLI::IsMember({"csv", "tsv", "json", "jsonl", "xml"}))
            ->option_text("SYNTAX");
        app.add_option("--report", m_report, tr("report format: text, json or junit"))
            ->check(CLI::IsMember({"text", "json", "junit"}))
            ->option_text("text|json|junit");
        app.add_option("--max-errors", m_max_errors, tr("show at most N problems (all are counted; default 1000)"))
            ->check(CLI::NonNegativeNumber)
            ->option_text("N");
        app.add_flag("--warnings-as-errors", m_warnings_as_errors, tr("fail (exit 65) on warnings too"));
        app.add_option("--previous", m_previous, tr("last period's report, for period-over-period rules"))
            ->option_text("FILE");
        app.add_option("--registry", m_registry,
                       tr("enterprise filings whose credit codes count as registered (checks holders and reporters)"))
            ->option_text("FILE");
        app.add_option("--encoding", m_encoding, tr("input encoding: auto, utf-8 or gb18030"))
            ->check(CLI::IsMember({"auto", "utf-8", "utf8", "gb18030", "gbk"}))
            ->option_text("ENC");
        app.add_option("-o,--output", m_out, tr("write the report to FILE (atomically) instead of standard output"))
            ->option_text("FILE");
        app.add_option("FILE", m_files, tr("documents to validate; none or '-': standard input"));
    }

    Exit run(const Context& ctx) override {
        auto format = core::unwrap(schema::find_format(m_format));
        validate::Options options;
        options.max_errors = m_max_errors;
        options.warnings_as_errors = m_warnings_as_errors;
        std::string encoding = m_encoding.empty() ? ctx.config.defaults().string("encoding").value_or("auto") : m_encoding;
        options.encoding = core::unwrap(core::parse_encoding(encoding));
        options.today = core::unwrap(core::today());
        options.now = core::unwrap(core::now()).time_since_epoch().count();
        options.threads = threads_from_env();
        std::optional<validate::Registry> registry;
        if (!m_registry.empty()) {
            auto filings = core::unwrap(schema::find_format("enterprise-filing"));
            registry = core::unwrap(validate::Registry::load(m_registry, filings));
            options.registry = &*registry;
            core::log().info(trf("registry: {n} credit codes from {file}", fmt::arg("n", registry->size()),
                                 fmt::arg("file", m_registry)));
        }
        std::optional<validate::Previous> previous;
        if (!m_previous.empty()) {
            previous = core::unwrap(validate::Previous::load(m_previous, format));
            options.previous = &*previous;
        }
        auto out = core::unwrap(core::Output::open(m_out));
        auto kind = m_report == "json" ? validate::ReportKind::json
                    : m_report == "junit" ? validate::ReportKind::junit
                                          : validate::ReportKind::text;
        auto report = validate::make_report(kind, out, format, m_warnings_as_errors);
        validate::Validator validator(format, options, *report);
        bool missing = false;
        if (m_files.empty()) m_files.emplace_back("-");
        for (const auto& path : m_files) {
            auto input = core::Input::open(path);
            if (!input) {
                core::log().error(input.error());
                missing = true;
                continue;
            }
            records::Syntax syntax = validate::infer_syntax(path);
            if (!m_from.empty()) records::parse_syntax(m_from, syntax);
            core::unwrap(validator.validate(*input, syntax));
        }
        report->finish(validator.valid() && !missing);
        core::unwrap(out.commit());
        if (missing) return Exit::no_input;
        return validator.valid() ? Exit::ok : Exit::data;
    }

private:
    // Threads for CSV and TSV: $ADX_THREADS, a number from 1 to 256 (1: none
    // but this one); unset or empty: one per CPU (at most 8). Anything else is
    // a configuration error, as a malformed ADX_NOW is.
    static unsigned threads_from_env() {
        const char* env = std::getenv("ADX_THREADS");
        if (!env || !*env) return validate::default_threads();
        char* end = nullptr;
        unsigned long n = std::strtoul(env, &end, 10);
        if (env[0] >= '0' && env[0] <= '9' && *end == '\0' && n >= 1 && n <= 256) return static_cast<unsigned>(n);
        throw core::Failure({Exit::config, trf("ADX_THREADS is not a number from 1 to 256: '{value}'",
                                               fmt::arg("value", env))});
    }

    std::string m_format;
    std::string m_from;
    std::string m_report = "text";
    std::uint64_t m_max_errors = 1000;
    bool m_warnings_as_errors = false;
    std::string m_previous;
    std::string m_registry;
    std::string m_encoding;
    std::string m_out;
    std::vector<std::string> m_files;
};

}  // namespace

std::unique_ptr<Tool> make_validate_tool() { return std::make_unique<ValidateTool>(); }

}  // namespace adx::tools

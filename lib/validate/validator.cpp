// SPDX-License-Identifier: Apache-2.0
#include "validate/validator.hpp"

#include "core/i18n.hpp"
#include "schema/field_check.hpp"
#include "validate/chunked.hpp"
#include "validate/record_check.hpp"

#include <sched.h>

#include <algorithm>
#include <chrono>

namespace adx::validate {

using core::tr;
using core::trf;

unsigned default_threads() noexcept {
    cpu_set_t set;
    CPU_ZERO(&set);
    int n = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1;
    return static_cast<unsigned>(std::clamp(n, 1, 8));
}

struct Validator::Impl {
    Impl(const schema::Format& f, const Options& o, Report& r) : format(f), options(o), report(r), check(f, o) {}

    const schema::Format& format;
    Options options;
    Report& report;
    RecordCheck check;
    std::uint64_t errors = 0;
    std::uint64_t warnings = 0;
    std::uint64_t shown = 0;

    // Counts every diagnostic, passes the first max_errors on to the report.
    void emit(const Diagnostic& d, FileSummary& summary) {
        if (d.severity == core::Severity::error) {
            ++errors;
            ++summary.errors;
        } else {
            ++warnings;
            ++summary.warnings;
        }
        if (shown < options.max_errors) {
            ++shown;
            report.diagnostic(d);
        }
    }
};

Validator::Validator(const schema::Format& format, const Options& options, Report& report)
    : m_impl(std::make_unique<Impl>(format, options, report)) {}

Validator::~Validator() = default;

std::uint64_t Validator::errors() const noexcept { return m_impl->errors; }
std::uint64_t Validator::warnings() const noexcept { return m_impl->warnings; }
bool Validator::valid() const noexcept {
    return m_impl->errors == 0 && !(m_impl->options.warnings_as_errors && m_impl->warnings > 0);
}

core::Expected<FileSummary> Validator::validate(core::Input& input, records::Syntax syntax) {
    auto& impl = *m_impl;
    auto started = std::chrono::steady_clock::now();
    FileSummary summary;
    summary.file = input.name();
    impl.report.begin_file(summary.file);
    // One std::function for the whole file, not one made per record.
    const Emit emit = [&](const Diagnostic& d) { impl.emit(d, summary); };

    records::XmlNames xml{impl.format.xml_namespace, impl.format.xml_root, impl.format.xml_record};
    auto reader = records::open_reader(input, syntax, impl.options.encoding, xml);
    if (!reader) {
        if (reader.error().code == core::Exit::io || reader.error().code == core::Exit::no_input)
            return std::move(reader).error();
        emit(file_diagnostic(summary.file, reader.error()));
        summary.complete = false;
    } else {
        impl.check.begin_file(summary.file, syntax);
        records::Record record;
        bool header_done = false;  // the chunks said what there is to say about the columns
        bool go_on = true;
        records::CsvCutter* cutter = impl.options.threads > 1 ? records::csv_cutter(**reader) : nullptr;
        if (cutter) {
            ChunkRun run = check_chunks(*cutter, summary.file, syntax, impl.format, impl.options,
                                        impl.options.threads, impl.check, emit);
            summary.records += run.records;
            header_done = run.header_done;
            if (run.fatal) {
                summary.complete = false;
                go_on = false;
            } else {
                cutter->resume(run.records);
            }
        }
        const Emit ignore = [](const Diagnostic&) {};
        while (go_on) {
            auto more = (*reader)->next(record);
            if (!more) {
                if (more.error().code == core::Exit::io) return std::move(more).error();
                const core::Error& e = more.error();
                emit(file_diagnostic(summary.file, e));
                // One record of the wrong shape (a CSV row with too many
                // fields, a nested JSON value) is skipped; reading goes on.
                if (e.rule == "record-shape" && e.where.record) {
                    ++summary.records;
                    continue;
                }
                summary.complete = false;
                break;
            }
            if (!*more) break;
            ++summary.records;
            if (header_done && !impl.check.header_checked()) impl.check.map_cells(record, ignore);
            impl.check.record(record, emit);
        }
        impl.check.end_file(emit);
    }
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    impl.report.end_file(summary);
    return summary;
}

}  // namespace adx::validate

// SPDX-License-Identifier: Apache-2.0
// Validating CSV on several threads (validate/chunked.hpp): the report is the
// one a single thread makes, diagnostic for diagnostic, whatever the number of
// threads and the size of the chunks.

#include "../records/records_util.hpp"
#include "core/encoding.hpp"
#include "schema/format.hpp"
#include "validate/reference.hpp"
#include "validate/validator.hpp"

#include <fmt/format.h>

using namespace records_test;
using adx::validate::Diagnostic;
using adx::validate::FileSummary;

namespace {

// Every diagnostic and summary, as one string each.
class Capture final : public adx::validate::Report {
public:
    std::vector<std::string> lines;
    void begin_file(const std::string& file) override { lines.push_back("begin " + file); }
    void diagnostic(const Diagnostic& d) override {
        lines.push_back(fmt::format("{}:{}:{}: {} record {} field {} [{}] {}", d.file, d.line, d.column,
                                    d.severity == adx::core::Severity::error ? "error" : "warning", d.record, d.field,
                                    d.rule, d.message));
    }
    void end_file(const FileSummary& s) override {
        lines.push_back(fmt::format("end {}: {} records, {} errors, {} warnings, complete {}", s.file, s.records,
                                    s.errors, s.warnings, s.complete));
    }
    void finish(bool valid) override { lines.push_back(fmt::format("valid {}", valid)); }
};

const adx::schema::Format& filings() {
    static const adx::schema::Format f = [] {
        auto found = adx::schema::find_format("enterprise-filing");
        REQUIRE(found);
        return std::move(found).value();
    }();
    return f;
}

// Reference data for the next validations (none by default).
struct References {
    const adx::schema::Format* format = nullptr;
    const adx::validate::Registry* registry = nullptr;
    const adx::validate::Previous* previous = nullptr;
};
References g_refs;

std::vector<std::string> validate(const std::string& text, unsigned threads, std::size_t chunk,
                                  std::uint64_t max_errors = 1000) {
    adx::validate::Options options;
    options.registry = g_refs.registry;
    options.previous = g_refs.previous;
    options.today = std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{27}};
    options.now = 1795000000;
    options.max_errors = max_errors;
    options.threads = threads;
    options.chunk_bytes = chunk;
    Capture report;
    adx::validate::Validator validator(g_refs.format ? *g_refs.format : filings(), options, report);
    MemFile file(text);
    adx::core::Input input = file.open();
    auto summary = validator.validate(input, Syntax::csv);
    REQUIRE(summary);
    report.finish(validator.valid());
    return report.lines;
}

// One thread, and several with chunks of many sizes: the same lines.
std::vector<std::string> same_on_threads(const std::string& text, std::uint64_t max_errors = 1000) {
    auto one = validate(text, 1, 1 << 20, max_errors);
    for (unsigned threads : {2u, 3u, 5u}) {
        for (std::size_t chunk : {std::size_t{1}, std::size_t{700}, std::size_t{5000}, std::size_t{1} << 20}) {
            INFO(threads << " threads, chunks of " << chunk << " bytes");
            CHECK(validate(text, threads, chunk, max_errors) == one);
        }
    }
    return one;
}

// The sample district export (GB18030), and in UTF-8 for the tests that edit it.
std::string sample_gb18030() { return slurp(std::string(ADX_SOURCE_DIR) + "/samples/district-export.csv"); }
std::string sample() {
    std::string utf8;
    std::size_t bad = 0;
    adx::core::Gb18030Decoder decoder;
    REQUIRE(decoder.decode(sample_gb18030(), utf8, &bad));
    return utf8;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string::npos) nl = text.size();
        out.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return out;
}

bool has(const std::vector<std::string>& lines, std::string_view part) {
    for (const auto& l : lines)
        if (l.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("validate on threads: the sample export gives the same report on 1 and N threads", "[validate][chunked]") {
    auto lines = same_on_threads(sample());
    CHECK(lines.size() > 3);
}

TEST_CASE("validate on threads: --max-errors cuts at the same diagnostic across chunks", "[validate][chunked]") {
    for (std::uint64_t max : {0u, 1u, 5u, 17u}) {
        INFO("max errors " << max);
        same_on_threads(sample(), max);
    }
}

TEST_CASE("validate on threads: duplicates are found across chunks, at the same records", "[validate][chunked]") {
    auto rows = lines_of(sample());
    REQUIRE(rows.size() > 10);
    std::string text = sample();
    if (text.back() != '\n') text += '\n';
    text += rows[2] + "\n" + rows[7] + "\n" + rows[2] + "\n";  // late copies of early records
    auto lines = same_on_threads(text);
    CHECK(has(lines, "are the same as in record 2"));
}

TEST_CASE("validate on threads: CRLF, a BOM and a quoted line break", "[validate][chunked]") {
    auto rows = lines_of(sample());
    std::string text = "\xEF\xBB\xBF";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        std::string row = rows[i];
        // An address with a line break in it, every tenth record.
        if (i % 10 == 5) {
            std::size_t comma = 0;
            for (int k = 0; k < 10; ++k) comma = row.find(',', comma) + 1;
            std::size_t end = row.find(',', comma);
            row = row.substr(0, comma) + "\"" + row.substr(comma, end - comma) + "\n2\xE5\xB1\x82\"" + row.substr(end);
        }
        text += row + "\r\n";
    }
    same_on_threads(text);
}

TEST_CASE("validate on threads: bad records and a syntax error in the middle", "[validate][chunked]") {
    auto rows = lines_of(sample());
    std::string text;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i == 20) text += "only,three,fields\n";  // record-shape: reading goes on
        if (i == 150) text += rows[i].substr(0, 30) + "x\"y" + rows[i].substr(30) + "\n";  // csv-syntax: it stops
        text += rows[i] + "\n";
    }
    auto lines = same_on_threads(text);
    CHECK(has(lines, "[record-shape]"));
    CHECK(has(lines, "[csv-syntax]"));
    CHECK(has(lines, "complete false"));
}

TEST_CASE("validate on threads: unknown and missing columns are said once", "[validate][chunked]") {
    auto rows = lines_of(sample());
    std::string text = rows[0] + ",extra\n";
    for (std::size_t i = 1; i < rows.size(); ++i) text += rows[i] + ",x\n";
    auto lines = same_on_threads(text);
    CHECK(has(lines, "[unknown-column]"));
}

TEST_CASE("validate on threads: GB18030 input", "[validate][chunked]") {
    std::string gb = slurp(std::string(ADX_SOURCE_DIR) + "/tests/data/validate/filings-gb18030.csv");
    same_on_threads(gb);
    same_on_threads(sample_gb18030());
}

TEST_CASE("validate on threads: --registry and --previous lookups", "[validate][chunked]") {
    const std::string data = std::string(ADX_SOURCE_DIR) + "/tests/data/validate/";
    auto registry = adx::validate::Registry::load(data + "filings.csv", filings());
    REQUIRE(registry);
    auto reports = adx::schema::find_format("stat-report");
    REQUIRE(reports);
    auto previous = adx::validate::Previous::load(data + "reports-previous.csv", *reports);
    REQUIRE(previous);
    g_refs = References{&*reports, &*registry, &*previous};
    std::string text = slurp(data + "reports.csv");
    auto rows = lines_of(text);
    for (int copy = 0; copy < 20; ++copy)
        for (std::size_t i = 1; i < rows.size(); ++i) text += rows[i] + "\n";
    auto lines = same_on_threads(text);
    CHECK(has(lines, "[not-registered]"));
    g_refs = References{};
}

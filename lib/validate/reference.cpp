// SPDX-License-Identifier: Apache-2.0
#include "validate/reference.hpp"

#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "ids/normalize.hpp"
#include "schema/field_check.hpp"

namespace adx::validate {

using core::tr;
using core::trf;

namespace {

// Reads every record of path with fn(record, reader); errors name the file.
template <class Fn>
core::Expected<void> each_record(const std::string& path, const schema::Format& format, Fn&& fn) {
    auto input = core::Input::open(path);
    if (!input) return std::move(input).error();
    records::XmlNames xml{format.xml_namespace, format.xml_root, format.xml_record};
    auto reader = records::open_reader(*input, infer_syntax(path), core::Encoding::auto_detect, xml);
    if (!reader) return std::move(reader).error();
    records::Record rec;
    for (;;) {
        auto more = (*reader)->next(rec);
        if (!more) {
            core::Error e = std::move(more).error();
            if (e.where.file.empty()) e.where.file = path;
            return e;
        }
        if (!*more) return {};
        fn(rec);
    }
}

std::string normalized(std::string_view text) {
    std::string buf;
    return std::string(ids::normalize(text, buf));
}

}  // namespace

records::Syntax infer_syntax(const std::string& path) {
    records::Syntax s = records::Syntax::csv;
    if (path != "-") records::syntax_from_path(path, s);
    return s;
}

core::Expected<Registry> Registry::load(const std::string& path, const schema::Format& filings) {
    auto uscc = filings.field("uscc");
    if (!uscc) return core::Error{core::Exit::config, tr("the enterprise-filing format has no field 'uscc'")};
    Registry r;
    auto done = each_record(path, filings, [&](const records::Record& rec) {
        for (const auto& cell : rec.used()) {
            if (cell.value.empty() || filings.field_for_header(cell.name) != uscc) continue;
            r.m_codes.insert(normalized(cell.value));
        }
    });
    if (!done) return std::move(done).error();
    return r;
}

bool Registry::contains(std::string_view uscc) const {
    std::string buf;
    return m_codes.count(std::string(ids::normalize(uscc, buf))) > 0;
}

core::Expected<Previous> Previous::load(const std::string& path, const schema::Format& format) {
    if (!format.match_field)
        return core::Error{core::Exit::usage,
                           trf("format {format} has no match field, so --previous cannot pair records",
                               fmt::arg("format", format.name))};
    auto today = core::today();
    if (!today) return std::move(today).error();
    schema::FieldChecker checker(*today);
    Previous p;
    std::vector<schema::FieldProblem> problems;
    auto done = each_record(path, format, [&](const records::Record& rec) {
        std::vector<schema::Value> row(format.fields.size());
        for (const auto& cell : rec.used()) {
            auto f = format.field_for_header(cell.name);
            if (!f || cell.null || cell.value.empty()) continue;
            const std::string& text = p.m_text.emplace_back(cell.value);
            problems.clear();
            row[*f] = checker.check(format.fields[*f], text, problems);
        }
        const schema::Value& key = row[*format.match_field];
        if (key.is_null()) return;
        std::string k = normalized(key.s());
        if (p.m_index.count(k)) return;  // the first record of a key wins
        p.m_index.emplace(std::move(k), p.m_rows.size());
        p.m_rows.push_back(std::move(row));
    });
    if (!done) return std::move(done).error();
    return p;
}

std::span<const schema::Value> Previous::find(std::string_view key) const {
    std::string buf;
    auto it = m_index.find(std::string(ids::normalize(key, buf)));
    if (it == m_index.end()) return {};
    return m_rows[it->second];
}

}  // namespace adx::validate

// SPDX-License-Identifier: Apache-2.0
#include "validate/record_check.hpp"

#include "core/i18n.hpp"
#include "ids/normalize.hpp"
#include "validate/validator.hpp"

#include <algorithm>

namespace adx::validate {

using core::tr;
using core::trf;
using schema::FieldSpec;
using schema::Value;

namespace {

bool personal(const FieldSpec& f) {
    return f.personal || f.type == schema::FieldType::ric || f.type == schema::FieldType::phone;
}

std::string label(const FieldSpec& f) { return core::chinese() && !f.zh.empty() ? f.zh : f.key; }

}  // namespace

Diagnostic file_diagnostic(const std::string& file, const core::Error& e) {
    Diagnostic d;
    d.severity = core::Severity::error;
    d.file = file;
    d.line = e.where.line;
    d.column = e.where.column;
    d.record = e.where.record;
    d.field = e.where.field;
    d.rule = e.rule.empty() ? "syntax" : e.rule;
    d.message = e.message;
    return d;
}

RecordCheck::RecordCheck(const schema::Format& format, const Options& options)
    : m_format(format), m_options(options), m_checker(options.today) {
    m_unique.resize(format.unique.size());
    m_today = std::chrono::sys_days{options.today}.time_since_epoch().count();
    // The specs check_conditional checks with (an identifier check needs the
    // type only), built once rather than per record.
    m_check_as.resize(format.fields.size());
    for (std::size_t i = 0; i < format.fields.size(); ++i) {
        if (!format.fields[i].check_as) continue;
        m_check_as[i].key = format.fields[i].key;
        m_check_as[i].type = *format.fields[i].check_as;
        if (format.fields[i].check_when) m_conditional.push_back(i);
    }
}

void RecordCheck::begin_file(const std::string& file, records::Syntax syntax) {
    m_file = file;
    m_syntax = syntax;
    m_header_checked = false;
    m_position_names.clear();
    m_position_fields.clear();
    m_names_id = 0;
    m_unknown_reported.clear();
    m_missing_column.assign(m_format.fields.size(), 0);
    for (auto& u : m_unique) u.clear();
}

Diagnostic RecordCheck::at(const records::Record& rec, std::size_t field) const {
    Diagnostic d;
    d.file = m_file;
    d.record = rec.number;
    d.line = rec.line;
    if (field < m_format.fields.size()) {
        d.field = m_format.fields[field].key;
        if (const records::Cell* c = m_cells[field]; c && c->line) {
            d.line = c->line;
            d.column = c->char_column();
        }
    }
    return d;
}

std::uint32_t RecordCheck::field_of(std::size_t position, const std::string& name, const records::Record& rec,
                                    const Emit& emit) {
    if (position < m_position_names.size() && m_position_names[position] == name) return m_position_fields[position];
    if (position >= m_position_names.size()) {
        m_position_names.resize(position + 1);
        m_position_fields.resize(position + 1, k_no_field);
    }
    auto f = m_format.field_for_header(name);
    m_position_names[position] = name;
    m_position_fields[position] = f ? static_cast<std::uint32_t>(*f) : k_no_field;
    if (!f && std::find(m_unknown_reported.begin(), m_unknown_reported.end(), name) == m_unknown_reported.end()) {
        m_unknown_reported.push_back(name);
        Diagnostic d;
        d.severity = core::Severity::warning;
        bool header = m_syntax == records::Syntax::csv || m_syntax == records::Syntax::tsv;
        d.file = m_file;
        d.line = header ? 1 : rec.line;  // a CSV column is named in the header
        d.record = header ? 0 : rec.number;
        d.rule = "unknown-column";
        d.message = trf("'{name}' is not a field of {format}; ignored", fmt::arg("name", name),
                        fmt::arg("format", m_format.name));
        emit(d);
    }
    return m_position_fields[position];
}

// CSV and TSV name their columns once: a required field without a column is
// one error for the file, not one per record.
void RecordCheck::check_columns(const Emit& emit) {
    m_header_checked = true;
    if (m_syntax != records::Syntax::csv && m_syntax != records::Syntax::tsv) return;
    for (std::size_t i = 0; i < m_format.fields.size(); ++i) {
        const FieldSpec& f = m_format.fields[i];
        if (m_cells[i] || (!f.required && !f.required_when) || !f.default_value.empty()) continue;
        m_missing_column[i] = 1;
        if (!f.required) continue;  // required only sometimes: said per record, where it applies
        Diagnostic d;
        d.file = m_file;
        d.line = 1;
        d.field = f.key;
        d.rule = "missing-column";
        d.message = trf("the required column '{label}' ({key}) is missing", fmt::arg("label", f.zh),
                        fmt::arg("key", f.key));
        emit(d);
    }
}

void RecordCheck::record(const records::Record& rec, const Emit& emit) {
    map_cells(rec, emit);
    check_fields(rec, emit);
    check_conditional(rec, emit);
    check_required(rec, emit);
    check_rules(rec, emit);
    check_unique(rec, emit);
    check_registry(rec, emit);
}

void RecordCheck::map_cells(const records::Record& rec, const Emit& emit) {
    std::size_t n = m_format.fields.size();
    m_values.resize(n);  // each set by check_fields
    m_bad.assign(n, 0);
    m_normalized.resize(n);
    auto cells = rec.used();
    const bool known = rec.names_id != 0 && rec.names_id == m_names_id && cells.size() <= m_position_fields.size();
    // The same positions as the record before map to the same fields: the
    // cells of those are all replaced below, and the others stay null.
    if (known && cells.size() == m_mapped && cells.data() == m_mapped_at) {
        // And the same cells, reused by the reader: m_cells points at them already.
        if (!m_header_checked) check_columns(emit);
        return;
    }
    if (!known || cells.size() != m_mapped) m_cells.assign(n, nullptr);
    m_mapped = cells.size();
    m_mapped_at = cells.data();
    if (known) {
        // The same names as the record before (a CSV header's): no need to compare them.
        const std::uint32_t* to = m_position_fields.data();
        const records::Cell** mapped = m_cells.data();
        for (std::size_t i = 0; i < cells.size(); ++i)
            if (to[i] != k_no_field) mapped[to[i]] = &cells[i];
    } else {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            // The names rarely change between records: the position's cached field.
            std::uint32_t f = i < m_position_names.size() && m_position_names[i] == cells[i].name
                                  ? m_position_fields[i]
                                  : field_of(i, cells[i].name, rec, emit);
            if (f != k_no_field) m_cells[f] = &cells[i];
        }
    }
    m_names_id = rec.names_id;
    if (!m_header_checked) check_columns(emit);
}

void RecordCheck::check_fields(const records::Record& rec, const Emit& emit) {
    // The arrays in locals: the stores below could otherwise alias them.
    const FieldSpec* const specs = m_format.fields.data();
    const records::Cell* const* const cells = m_cells.data();
    Value* const values = m_values.data();
    for (std::size_t i = 0, n = m_format.fields.size(); i < n; ++i) {
        const FieldSpec& spec = specs[i];
        const records::Cell* cell = cells[i];
        std::string_view text = cell && !cell->null ? std::string_view(cell->value) : std::string_view{};
        if (text.empty()) text = spec.default_value;
        if (text.empty()) {
            values[i] = Value{};
            continue;
        }
        // Identifiers are checked, compared and matched in their normal form
        // (full-width digits folded, spaces dropped), as adx id does.
        if (schema::is_identifier(spec.type)) text = ids::normalize(text, m_normalized[i]);
        m_problems.clear();
        values[i] = m_checker.check_normalized(spec, text, m_problems);
        if (!m_problems.empty()) report_problems(rec, i, text, emit);
    }
}

void RecordCheck::report_problems(const records::Record& rec, std::size_t i, std::string_view text, const Emit& emit) {
    const FieldSpec& spec = m_format.fields[i];
    for (const auto& p : m_problems) {
        Diagnostic d = at(rec, i);
        d.severity = p.warning ? core::Severity::warning : core::Severity::error;
        d.rule = p.rule;
        d.message = p.message;
        if (personal(spec)) {
            // The checker's words may quote the value: never show it whole.
            std::string masked = schema::mask(text);
            for (std::size_t pos = 0; (pos = d.message.find(text, pos)) != std::string::npos; pos += masked.size())
                d.message.replace(pos, text.size(), masked);
        }
        if (!p.warning) {
            m_bad[i] = true;
            m_values[i] = Value{};
        }
        emit(d);
    }
}

void RecordCheck::check_conditional(const records::Record& rec, const Emit& emit) {
    schema::EvalContext ctx{m_values, {}, m_today, m_options.now};
    for (std::size_t i : m_conditional) {
        const FieldSpec& spec = m_format.fields[i];
        if (m_values[i].is_null() || m_bad[i]) continue;
        Value when = spec.check_when->eval(ctx);
        if (when.type != schema::ValueType::boolean || !when.b) continue;
        std::string_view text = ids::normalize(m_values[i].s(), m_normalized[i]);
        m_problems.clear();
        Value v = m_checker.check_normalized(m_check_as[i], text, m_problems);
        if (!m_problems.empty()) report_problems(rec, i, text, emit);
        if (!m_bad[i]) m_values[i] = v;
    }
}

void RecordCheck::check_required(const records::Record& rec, const Emit& emit) {
    schema::EvalContext ctx{m_values, {}, m_today, m_options.now};
    const Value* const values = m_values.data();
    const std::uint8_t* const bad = m_bad.data();
    for (std::size_t i = 0, n = m_format.fields.size(); i < n; ++i) {
        if (!values[i].is_null() || bad[i]) continue;
        const FieldSpec& spec = m_format.fields[i];
        bool needed = false;
        if (spec.required) {
            needed = !m_missing_column[i];  // a missing column was reported once
        } else if (spec.required_when) {
            Value v = spec.required_when->eval(ctx);
            needed = v.type == schema::ValueType::boolean && v.b;
        }
        if (!needed) continue;
        std::string when = !spec.required && spec.required_when ? spec.required_when->text() : std::string{};
        Diagnostic d = at(rec, i);
        d.rule = "field-required";
        d.message = when.empty() ? trf("required field '{label}' is empty", fmt::arg("label", label(spec)))
                                 : trf("'{label}' is required when {condition}", fmt::arg("label", label(spec)),
                                       fmt::arg("condition", when));
        m_bad[i] = true;
        emit(d);
    }
}

std::string RecordCheck::shown_text(std::size_t field) const {
    const records::Cell* c = m_cells[field];
    std::string_view text = c && !c->null ? std::string_view(c->value) : std::string_view{};
    if (text.empty()) return tr("(empty)");
    return personal(m_format.fields[field]) ? schema::mask(text) : std::string(text);
}

std::string RecordCheck::fill(const std::string& message) const {
    std::string out;
    std::size_t i = 0;
    while (i < message.size()) {
        std::size_t open = message.find('{', i);
        std::size_t close = open == std::string::npos ? std::string::npos : message.find('}', open);
        if (close == std::string::npos) break;
        out.append(message, i, open - i);
        auto f = m_format.field(std::string_view(message).substr(open + 1, close - open - 1));
        if (f)
            out += shown_text(*f);
        else
            out.append(message, open, close - open + 1);
        i = close + 1;
    }
    out.append(message, i, std::string::npos);
    return out;
}

void RecordCheck::check_rules(const records::Record& rec, const Emit& emit) {
    std::span<const Value> previous;
    if (m_options.previous && m_format.match_field && !m_values[*m_format.match_field].is_null())
        previous = m_options.previous->find(m_values[*m_format.match_field].s());
    schema::EvalContext ctx{m_values, previous, m_today, m_options.now};
    for (const auto& rule : m_format.rules) {
        if (rule.expr.uses_previous() && previous.empty()) continue;
        Value v = rule.expr.eval(ctx);
        if (v.type != schema::ValueType::boolean || v.b) continue;
        const auto& fields = rule.expr.fields();
        Diagnostic d = at(rec, fields.empty() ? m_format.fields.size() : fields.front());
        d.severity = rule.severity == schema::RuleSeverity::error ? core::Severity::error : core::Severity::warning;
        d.rule = rule.id;
        d.message = fill(core::chinese() && !rule.zh.empty() ? rule.zh : rule.en);
        emit(d);
    }
}

void RecordCheck::check_unique(const records::Record& rec, const Emit&) {
    for (std::size_t u = 0, n = m_format.unique.size(); u < n; ++u) {
        const auto& spec = m_format.unique[u];
        KeyHash key;
        bool complete = true;
        for (std::size_t f : spec.fields) {
            if (m_values[f].is_null() || m_bad[f]) {
                complete = false;
                break;
            }
            // The checked form: identifiers normalized, so a full-width copy is a copy.
            key.add(schema::is_identifier(m_format.fields[f].type) ? m_values[f].s() : m_cells[f]->value);
        }
        if (!complete) continue;
        if (m_key_sink)
            m_key_sink->push_back(KeyEntry{u, key.value(), rec.number, rec.line});
        else if (auto r = m_unique[u].add_hash(key.value(), rec.number, rec.line); !r)
            m_unique_error = std::move(r).error();
    }
}

void RecordCheck::add_key(const KeyEntry& k) {
    if (auto r = m_unique[k.unique].add_hash(k.hash, k.record, k.line); !r) m_unique_error = std::move(r).error();
}

// Duplicates are known once the whole file is read (the index spills to disk
// rather than grow): they are reported at the end, in record order.
void RecordCheck::end_file(const Emit& emit) {
    for (std::size_t u = 0; u < m_format.unique.size(); ++u) {
        const auto& spec = m_format.unique[u];
        std::string fields;
        for (std::size_t f : spec.fields) {
            if (!fields.empty()) fields += ", ";
            fields += m_format.fields[f].key;
        }
        const std::string& own = core::chinese() && !spec.zh.empty() ? spec.zh : spec.en;
        auto found = [&](std::uint64_t record, std::uint64_t line, std::uint64_t first) {
            Diagnostic d;
            d.file = m_file;
            d.record = record;
            d.line = line;
            d.field = m_format.fields[spec.fields.front()].key;
            d.rule = spec.id;
            d.message = trf("{fields} are the same as in record {first}", fmt::arg("fields", fields),
                            fmt::arg("first", first));
            if (!own.empty()) d.message = own + ": " + d.message;
            emit(d);
        };
        if (auto r = m_unique[u].finish(found, m_options.threads); !r) m_unique_error = std::move(r).error();
    }
    if (m_unique_error) {
        Diagnostic d = file_diagnostic(m_file, *m_unique_error);
        m_unique_error.reset();
        emit(d);
    }
}

void RecordCheck::check_registry(const records::Record& rec, const Emit& emit) {
    if (!m_options.registry) return;
    for (std::size_t i = 0, n = m_format.fields.size(); i < n; ++i) {
        if (!m_format.fields[i].registered || m_values[i].is_null() || m_bad[i]) continue;
        if (m_options.registry->contains(m_values[i].s())) continue;
        Diagnostic d = at(rec, i);
        d.rule = "not-registered";
        d.message = trf("{uscc} is not a registered enterprise in the registry", fmt::arg("uscc", m_values[i].s()));
        emit(d);
    }
}

}  // namespace adx::validate

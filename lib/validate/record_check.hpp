// SPDX-License-Identifier: Apache-2.0
#pragma once
// Checking records against a format: cells to fields, field types, required
// fields, rules, uniqueness, the registry and last period's values.

#include "records/reader.hpp"
#include "schema/field_check.hpp"
#include "schema/format.hpp"
#include "validate/report.hpp"
#include "validate/unique_index.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace adx::validate {

struct Options;

using Emit = std::function<void(const Diagnostic&)>;

// A file-level diagnostic from an error (a syntax error, a missing column).
Diagnostic file_diagnostic(const std::string& file, const core::Error& e);

// One uniqueness key of one record, hashed (checking on several threads:
// the threads hash, the one index sees the keys in record order).
struct KeyEntry {
    std::size_t unique = 0;  // index in Format::unique
    std::uint64_t hash = 0;  // KeyHash of the key's fields
    std::uint64_t record = 0;
    std::uint64_t line = 0;
};

class RecordCheck {
public:
    RecordCheck(const schema::Format& format, const Options& options);
    void begin_file(const std::string& file, records::Syntax syntax);
    // map_cells() then the checks.
    void record(const records::Record& rec, const Emit& emit);
    // Cells to fields; with the file's first record, the diagnostics about
    // its columns (unknown and missing ones).
    void map_cells(const records::Record& rec, const Emit& emit);
    bool header_checked() const noexcept { return m_header_checked; }
    void end_file(const Emit& emit);

    // Keys go to sink (when not null) instead of the uniqueness index.
    void collect_keys(std::vector<KeyEntry>* sink) noexcept { m_key_sink = sink; }
    // A key collected elsewhere, its record number already in this file's terms.
    void add_key(const KeyEntry& key);

private:
    // The field a cell's name maps to (cached per position), or k_no_field.
    static constexpr std::uint32_t k_no_field = 0xffffffffU;
    std::uint32_t field_of(std::size_t position, const std::string& name, const records::Record& rec, const Emit& emit);
    void check_columns(const Emit& emit);
    void check_fields(const records::Record& rec, const Emit& emit);
    void check_conditional(const records::Record& rec, const Emit& emit);
    void report_problems(const records::Record& rec, std::size_t field, std::string_view text, const Emit& emit);
    void check_required(const records::Record& rec, const Emit& emit);
    void check_rules(const records::Record& rec, const Emit& emit);
    void check_unique(const records::Record& rec, const Emit& emit);
    void check_registry(const records::Record& rec, const Emit& emit);
    Diagnostic at(const records::Record& rec, std::size_t field) const;
    // A rule's message with {field} replaced by the fields' text (masked where personal).
    std::string fill(const std::string& message) const;
    std::string shown_text(std::size_t field) const;

    const schema::Format& m_format;
    const Options& m_options;
    schema::FieldChecker m_checker;
    std::string m_file;
    records::Syntax m_syntax = records::Syntax::csv;
    bool m_header_checked = false;

    // Per position: the name last seen there and its field.
    std::vector<std::string> m_position_names;
    std::vector<std::uint32_t> m_position_fields;
    std::uint64_t m_names_id = 0;                // the Record::names_id all positions were mapped for
    std::size_t m_mapped = 0;                    // the cells of the record last mapped
    const records::Cell* m_mapped_at = nullptr;  // and where they were
    std::vector<std::string> m_unknown_reported;
    std::vector<std::uint8_t> m_missing_column;  // per field: no column in this file

    // Per field, for the current record.
    std::vector<schema::Value> m_values;
    std::vector<const records::Cell*> m_cells;
    std::vector<std::uint8_t> m_bad;        // the field has a problem already (bytes: read for every field)
    std::vector<std::string> m_normalized;  // identifiers in normal form
    std::vector<schema::FieldProblem> m_problems;

    std::vector<schema::FieldSpec> m_check_as;  // per field: the spec of its check_as check
    std::vector<std::size_t> m_conditional;     // the fields with check_as and check_when
    std::vector<KeyEntry>* m_key_sink = nullptr;

    std::vector<UniqueIndex> m_unique;
    std::optional<core::Error> m_unique_error;
    std::int64_t m_today = 0;
};

}  // namespace adx::validate

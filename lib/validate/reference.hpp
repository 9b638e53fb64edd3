// SPDX-License-Identifier: Apache-2.0
#pragma once
// Reference data a validation can be checked against: the registry of
// enterprises (--registry: credit codes of any file of enterprise filings)
// and last period's report (--previous), matched by the format's match field.

#include "core/error.hpp"
#include "records/reader.hpp"
#include "schema/format.hpp"
#include "schema/value.hpp"

#include <deque>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace adx::validate {

class Registry {
public:
    // Reads every credit code (the field 'uscc' of the enterprise-filing format)
    // from path. Missing file: Exit::no_input; unreadable data: Exit::data.
    static core::Expected<Registry> load(const std::string& path, const schema::Format& filings);
    bool contains(std::string_view uscc) const;
    std::size_t size() const noexcept { return m_codes.size(); }

private:
    std::unordered_set<std::string> m_codes;
};

class Previous {
public:
    // Reads last period's file in the same format; records are keyed by the
    // format's match field. A format without one: Exit::usage.
    static core::Expected<Previous> load(const std::string& path, const schema::Format& format);
    // Last period's values for the record whose match field is key; empty
    // span if none.
    std::span<const schema::Value> find(std::string_view key) const;
    std::size_t size() const noexcept { return m_index.size(); }

private:
    std::deque<std::string> m_text;  // owns the strings the values view
    std::vector<std::vector<schema::Value>> m_rows;
    std::unordered_map<std::string, std::size_t> m_index;
};

// Infers the syntax from a file name, else CSV. Standard input: CSV.
records::Syntax infer_syntax(const std::string& path);

}  // namespace adx::validate

// SPDX-License-Identifier: Apache-2.0
#include "schema/spec_reader.hpp"

#include "core/i18n.hpp"
#include "core/suggest.hpp"

#include <algorithm>

namespace adx::schema {

using core::tr;
using core::trf;

const char* toml_type_name(toml::node_type t) noexcept {
    switch (t) {
        case toml::node_type::string:
            return "string";
        case toml::node_type::integer:
            return "integer";
        case toml::node_type::floating_point:
            return "float";
        case toml::node_type::boolean:
            return "boolean";
        case toml::node_type::table:
            return "table";
        case toml::node_type::array:
            return "array";
        case toml::node_type::date:
            return "date";
        case toml::node_type::time:
            return "time";
        case toml::node_type::date_time:
            return "date-time";
        default:
            return "value";
    }
}

void SpecReader::fail_at(std::uint64_t line, std::uint64_t column, std::string message, std::string hint,
                         std::string rule) {
    if (m_failed) return;
    m_failed = true;
    m_error = core::Error{core::Exit::config, std::move(message)};
    m_error.where.file = m_file;
    m_error.where.line = line;
    m_error.where.column = column;
    m_error.rule = rule.empty() ? "format-spec" : std::move(rule);
    m_error.hint = std::move(hint);
}

void SpecReader::fail(const toml::source_region& where, std::string message, std::string hint) {
    fail_at(where.begin.line, where.begin.column, std::move(message), std::move(hint));
}

void SpecReader::check_keys(const toml::table& t, std::initializer_list<std::string_view> known,
                            const std::string& table) {
    for (const auto& [k, node] : t) {
        std::string_view key = k.str();
        if (std::find(known.begin(), known.end(), key) != known.end()) continue;
        std::vector<std::string> names(known.begin(), known.end());
        std::string hint;
        if (auto s = core::closest(key, names); !s.empty()) hint = trf("did you mean '{name}'?", fmt::arg("name", s));
        fail(k.source(), trf("unknown key '{key}' in {table}", fmt::arg("key", key), fmt::arg("table", table)),
             std::move(hint));
        return;
    }
}

void SpecReader::wrong_type(const toml::node& node, std::string_view key, const char* want) {
    fail(node.source(), trf("key '{key}' must be of type {type}, found {found}", fmt::arg("key", key),
                            fmt::arg("type", tr(want)), fmt::arg("found", toml_type_name(node.type()))));
}

std::optional<std::string> SpecReader::string(const toml::table& t, std::string_view key, const std::string& table,
                                              bool required) {
    const toml::node* node = t.get(key);
    if (!node) {
        if (required)
            fail(t.source(), trf("{table} needs the key '{key}'", fmt::arg("table", table), fmt::arg("key", key)));
        return std::nullopt;
    }
    if (!node->is_string()) {
        wrong_type(*node, key, core::N_("string"));
        return std::nullopt;
    }
    return node->as_string()->get();
}

bool SpecReader::boolean(const toml::table& t, std::string_view key, bool fallback) {
    const toml::node* node = t.get(key);
    if (!node) return fallback;
    if (!node->is_boolean()) {
        wrong_type(*node, key, core::N_("boolean"));
        return fallback;
    }
    return node->as_boolean()->get();
}

std::optional<std::int64_t> SpecReader::integer(const toml::table& t, std::string_view key, std::int64_t min_value) {
    const toml::node* node = t.get(key);
    if (!node) return std::nullopt;
    if (!node->is_integer()) {
        wrong_type(*node, key, core::N_("integer"));
        return std::nullopt;
    }
    std::int64_t v = node->as_integer()->get();
    if (v < min_value) {
        fail(node->source(),
             trf("key '{key}' must be at least {min}", fmt::arg("key", key), fmt::arg("min", min_value)));
        return std::nullopt;
    }
    return v;
}

std::optional<double> SpecReader::number(const toml::table& t, std::string_view key) {
    const toml::node* node = t.get(key);
    if (!node) return std::nullopt;
    if (node->is_integer()) return static_cast<double>(node->as_integer()->get());
    if (node->is_floating_point()) return node->as_floating_point()->get();
    wrong_type(*node, key, core::N_("number"));
    return std::nullopt;
}

std::vector<std::string> SpecReader::strings(const toml::table& t, std::string_view key) {
    std::vector<std::string> out;
    const toml::node* node = t.get(key);
    if (!node) return out;
    const toml::array* a = node->as_array();
    if (!a) {
        wrong_type(*node, key, core::N_("array of strings"));
        return out;
    }
    for (const auto& item : *a) {
        if (!item.is_string()) {
            wrong_type(item, key, core::N_("array of strings"));
            return {};
        }
        out.push_back(item.as_string()->get());
    }
    return out;
}

std::vector<const toml::table*> SpecReader::tables(const toml::table& t, std::string_view key) {
    std::vector<const toml::table*> out;
    const toml::node* node = t.get(key);
    if (!node) return out;
    const toml::array* a = node->as_array();
    if (!a) {
        wrong_type(*node, key, core::N_("array of tables"));
        return out;
    }
    for (const auto& item : *a) {
        if (!item.is_table()) {
            wrong_type(item, key, core::N_("array of tables"));
            return {};
        }
        out.push_back(item.as_table());
    }
    return out;
}

// A '''multi-line literal''' holds its text as written, after a newline
// right after the opening quotes: find the nth character by walking it.
bool SpecReader::literal_block_position(const std::string& contents, const char* after_quotes, std::uint64_t nth,
                                        std::uint64_t& line, std::uint64_t& column) const {
    std::string_view raw(after_quotes, static_cast<std::size_t>(m_text.data() + m_text.size() - after_quotes));
    std::uint64_t l = line, c = column + 3;
    if (raw.substr(0, 1) == "\n" || raw.substr(0, 2) == "\r\n") {
        raw.remove_prefix(raw[0] == '\r' ? 2 : 1);
        ++l;
        c = 1;
    } else {
        ++c;
    }
    if (raw.substr(0, contents.size()) != contents) return false;
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < contents.size(); ++i) {
        if ((static_cast<unsigned char>(contents[i]) & 0xC0) == 0x80) continue;
        if (++seen == nth) break;
        if (contents[i] == '\n') {
            ++l;
            c = 1;
        } else {
            ++c;
        }
    }
    line = l;
    column = c;
    return true;
}

bool SpecReader::text_position(const toml::node& value, std::uint64_t nth, std::uint64_t& line,
                               std::uint64_t& column) const {
    line = value.source().begin.line;
    column = value.source().begin.column;
    // Find the line in the text.
    std::size_t start = 0;
    for (std::uint64_t l = 1; l < line && start != std::string_view::npos; ++l) {
        start = m_text.find('\n', start);
        if (start != std::string_view::npos) ++start;
    }
    if (start == std::string_view::npos) return false;
    std::string_view rest = m_text.substr(start, m_text.find('\n', start) - start);
    // Columns count characters (toml++ counts code points): skip column - 1 of them.
    std::size_t i = 0;
    for (std::uint64_t c = 1; c < column && i < rest.size(); ++c) {
        ++i;
        while (i < rest.size() && (static_cast<unsigned char>(rest[i]) & 0xC0) == 0x80) ++i;
    }
    rest.remove_prefix(i);
    const auto* s = value.as_string();
    if (!s) return false;
    const std::string& contents = s->get();
    if (rest.substr(0, 3) == "'''") return literal_block_position(contents, rest.data() + 3, nth, line, column);
    if (rest.size() < 2 || (rest[0] != '"' && rest[0] != '\'') || rest[1] == rest[0]) return false;  // not one-line
    if (rest.substr(1, contents.size()) != contents || rest.size() < contents.size() + 2 ||
        rest[contents.size() + 1] != rest[0])
        return false;  // written with escapes: the start of the value is the best we can say
    column += nth;     // the opening quote, then nth - 1 characters
    return true;
}

}  // namespace adx::schema

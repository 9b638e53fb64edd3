// SPDX-License-Identifier: Apache-2.0
// parse_format(), continued: the expressions of a specification (fields'
// required_when, [[rules]]), default values, rule messages and [[unique]].

#include "core/i18n.hpp"
#include "core/suggest.hpp"
#include "schema/field_check.hpp"
#include "schema/format_parse.hpp"

#include <algorithm>

namespace adx::schema {

using core::tr;
using core::trf;

namespace {

std::vector<std::string> field_keys(const Format& f) {
    std::vector<std::string> keys;
    for (const auto& fs : f.fields) keys.push_back(fs.key);
    return keys;
}

Resolver resolver(const Format& f) {
    return [&f](std::string_view name) -> std::optional<FieldRef> {
        auto i = f.field(name);
        if (!i) return std::nullopt;
        return FieldRef{*i, value_type_of(f.fields[*i].type)};
    };
}

// Compiles the expression under key of t; what names it in messages
// ("rule 'uscc-category'").
std::optional<Expr> compile(SpecReader& r, const toml::table& t, std::string_view key, const Format& f,
                            const std::string& what) {
    const toml::node* node = t.get(key);
    const std::string& text = node->as_string()->get();
    std::vector<std::string> keys;
    for (const auto& field : f.fields) keys.push_back(field.key);
    auto e = Expr::compile(text, resolver(f), ValueType::boolean, keys);
    if (e) return std::move(e).value();
    core::Error err = std::move(e).error();
    std::uint64_t line = 0, column = 0;
    bool exact = r.text_position(*node, err.where.column ? err.where.column : 1, line, column);
    std::string hint = err.hint;
    if (hint.empty() && err.where.column && !exact)
        hint = trf("at column {column} of the expression", fmt::arg("column", err.where.column));
    r.fail_at(line, column, trf("{what}: {message}", fmt::arg("what", what), fmt::arg("message", err.message)),
              std::move(hint), err.rule);
    return std::nullopt;
}

// Every {name} a message quotes must be a field.
void check_message(SpecReader& r, const toml::table& t, std::string_view key, const Format& f,
                   const std::string& what) {
    const toml::node* node = t.get(key);
    if (!node || !node->is_string()) return;
    const std::string& text = node->as_string()->get();
    std::uint64_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
        if (text[i] != '{') continue;
        std::size_t close = text.find('}', i);
        if (close == std::string::npos) break;
        std::string name = text.substr(i + 1, close - i - 1);
        if (f.field(name)) continue;
        std::string s = core::closest(name, field_keys(f));
        std::uint64_t line = 0, column = 0;
        r.text_position(*node, chars, line, column);
        return r.fail_at(line, column,
                         trf("{what}: the message quotes '{{{name}}}', which is not a field", fmt::arg("what", what),
                             fmt::arg("name", name)),
                         s.empty() ? std::string{} : trf("did you mean '{name}'?", fmt::arg("name", "{" + s + "}")));
    }
}

std::string default_text(SpecReader& r, const toml::node& node) {
    if (node.is_string()) return node.as_string()->get();
    if (node.is_integer()) return fmt::format("{}", node.as_integer()->get());
    if (node.is_floating_point()) return fmt::format("{}", node.as_floating_point()->get());
    if (node.is_boolean()) return node.as_boolean()->get() ? "true" : "false";
    r.fail(node.source(), trf("key '{key}' must be of type {type}, found {found}", fmt::arg("key", "default"),
                              fmt::arg("type", tr("string")), fmt::arg("found", toml_type_name(node.type()))));
    return {};
}

}  // namespace

void compile_fields(SpecReader& r, const std::vector<const toml::table*>& tables, Format& f) {
    // A default must itself be a valid value (today is irrelevant to defaults).
    FieldChecker checker(
        std::chrono::year_month_day{std::chrono::year{2100}, std::chrono::January, std::chrono::day{1}});
    for (std::size_t i = 0; i < tables.size() && !r.failed(); ++i) {
        const toml::table& t = *tables[i];
        FieldSpec& spec = f.fields[i];
        if (t.get("required_when")) {
            if (!r.string(t, "required_when", "[[fields]]")) continue;
            auto e =
                compile(r, t, "required_when", f, trf("field '{field}', required_when", fmt::arg("field", spec.key)));
            if (e) spec.required_when = std::move(e);
        }
        if (t.get("check_when")) {
            if (!r.string(t, "check_when", "[[fields]]")) continue;
            auto e = compile(r, t, "check_when", f, trf("field '{field}', check_when", fmt::arg("field", spec.key)));
            if (e) spec.check_when = std::move(e);
        }
        if (const toml::node* d = t.get("default")) {
            spec.default_value = default_text(r, *d);
            std::vector<FieldProblem> problems;
            if (!r.failed() && !spec.default_value.empty()) checker.check(spec, spec.default_value, problems);
            for (const auto& p : problems) {
                if (p.warning) continue;
                r.fail(d->source(),
                       trf("field '{field}': the default '{value}' is not valid: {reason}", fmt::arg("field", spec.key),
                           fmt::arg("value", spec.default_value), fmt::arg("reason", p.message)));
                break;
            }
        }
    }
}

void read_rules(SpecReader& r, const std::vector<const toml::table*>& tables, Format& f) {
    for (const toml::table* t : tables) {
        RuleSpec rule;
        rule.line = t->source().begin.line;
        r.check_keys(*t, {"id", "expr", "severity", "zh", "en"}, "[[rules]]");
        rule.id = r.string(*t, "id", "[[rules]]", true).value_or("");
        if (r.failed()) return;
        std::string where = "[[rules]] '" + rule.id + "'";
        if (!valid_id(rule.id))
            return r.fail(
                t->get("id")->source(),
                trf("'{id}' is not a valid rule id: use lower-case letters, digits and '-'", fmt::arg("id", rule.id)));
        for (const auto& other : f.rules)
            if (other.id == rule.id)
                return r.fail(t->get("id")->source(), trf("the rule id '{id}' is used twice", fmt::arg("id", rule.id)));
        r.string(*t, "expr", where, true);
        std::string severity = r.string(*t, "severity", where).value_or("error");
        rule.zh = r.string(*t, "zh", where, true).value_or("");
        rule.en = r.string(*t, "en", where, true).value_or("");
        if (r.failed()) return;
        if (severity == "warning") {
            rule.severity = RuleSeverity::warning;
        } else if (severity != "error") {
            return r.fail(t->get("severity")->source(),
                          trf("{table}: severity must be error or warning, found '{value}'", fmt::arg("table", where),
                              fmt::arg("value", severity)));
        }
        check_message(r, *t, "zh", f, trf("rule '{rule}'", fmt::arg("rule", rule.id)));
        check_message(r, *t, "en", f, trf("rule '{rule}'", fmt::arg("rule", rule.id)));
        auto e = compile(r, *t, "expr", f, trf("rule '{rule}'", fmt::arg("rule", rule.id)));
        if (r.failed()) return;
        rule.expr = std::move(*e);
        f.rules.push_back(std::move(rule));
    }
}

void read_unique(SpecReader& r, const std::vector<const toml::table*>& tables, Format& f) {
    for (const toml::table* t : tables) {
        UniqueSpec u;
        u.line = t->source().begin.line;
        r.check_keys(*t, {"id", "fields", "zh", "en"}, "[[unique]]");
        u.id = r.string(*t, "id", "[[unique]]", true).value_or("");
        if (r.failed()) return;
        std::string where = "[[unique]] '" + u.id + "'";
        if (!valid_id(u.id))
            return r.fail(
                t->get("id")->source(),
                trf("'{id}' is not a valid rule id: use lower-case letters, digits and '-'", fmt::arg("id", u.id)));
        bool taken = std::any_of(f.rules.begin(), f.rules.end(), [&](const RuleSpec& x) { return x.id == u.id; }) ||
                     std::any_of(f.unique.begin(), f.unique.end(), [&](const UniqueSpec& x) { return x.id == u.id; });
        if (taken) return r.fail(t->get("id")->source(), trf("the rule id '{id}' is used twice", fmt::arg("id", u.id)));
        if (!t->get("fields"))
            return r.fail(t->source(),
                          trf("{table} needs the key '{key}'", fmt::arg("table", where), fmt::arg("key", "fields")));
        auto keys = r.strings(*t, "fields");
        u.zh = r.string(*t, "zh", where, true).value_or("");
        u.en = r.string(*t, "en", where, true).value_or("");
        if (r.failed()) return;
        const toml::node* fields_node = t->get("fields");
        if (keys.empty())
            return r.fail(fields_node->source(), trf("{table}: fields must not be empty", fmt::arg("table", where)));
        for (const auto& k : keys) {
            auto i = f.field(k);
            if (!i) {
                std::string s = core::closest(k, field_keys(f));
                return r.fail(fields_node->source(),
                              trf("{table}: '{key}' is not a field", fmt::arg("table", where), fmt::arg("key", k)),
                              s.empty() ? std::string{} : trf("did you mean '{name}'?", fmt::arg("name", s)));
            }
            if (std::find(u.fields.begin(), u.fields.end(), *i) != u.fields.end())
                return r.fail(fields_node->source(),
                              trf("{table}: '{key}' is listed twice", fmt::arg("table", where), fmt::arg("key", k)));
            u.fields.push_back(*i);
        }
        for (const char* lang : {"zh", "en"}) {
            // Repeats are known only when the whole file has been read, when
            // the records' values are gone: the message cannot quote them.
            const toml::node* m = t->get(lang);
            if (m && m->is_string() && m->as_string()->get().find('{') != std::string::npos)
                return r.fail(m->source(), trf("{table}: a [[unique]] message cannot quote fields; the report adds "
                                               "the key fields and the first record",
                                               fmt::arg("table", where)));
        }
        check_message(r, *t, "zh", f, trf("unique '{rule}'", fmt::arg("rule", u.id)));
        check_message(r, *t, "en", f, trf("unique '{rule}'", fmt::arg("rule", u.id)));
        if (r.failed()) return;
        f.unique.push_back(std::move(u));
    }
}

}  // namespace adx::schema

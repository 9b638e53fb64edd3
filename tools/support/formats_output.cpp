// SPDX-License-Identifier: Apache-2.0
#include "tools/support/formats_output.hpp"

#include "core/i18n.hpp"
#include "core/json_writer.hpp"
#include "schema/field_types.hpp"

namespace adx::tools {

using core::tr;
using core::trf;
using schema::FieldSpec;
using schema::FieldType;

namespace {

const std::string& pick(const std::string& zh, const std::string& en) {
    return core::chinese() && !zh.empty() ? zh : en;
}

// A number as written in a specification: 0, 1.5, 1000000.
std::string number(double v) {
    return fmt::format("{}", v);
}

// An expression on one line: runs of white space become one space.
std::string one_line(std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string title(const schema::Format& f) {
    return pick(f.zh, f.en);
}

// The lines below a field's heading: limits, codes, names.
void field_details(std::string& out, const schema::Format& format, const FieldSpec& f) {
    std::vector<std::string> limits;
    if (f.min_length && f.max_length)
        limits.push_back(
            trf("{min} to {max} characters", fmt::arg("min", *f.min_length), fmt::arg("max", *f.max_length)));
    else if (f.max_length)
        limits.push_back(trf("at most {max} characters", fmt::arg("max", *f.max_length)));
    else if (f.min_length)
        limits.push_back(trf("at least {min} characters", fmt::arg("min", *f.min_length)));
    if (!f.pattern.empty()) limits.push_back(trf("pattern {pattern}", fmt::arg("pattern", f.pattern)));
    if (f.precision > 0) limits.push_back(trf("at most {n} digits", fmt::arg("n", f.precision)));
    if (f.scale >= 0) limits.push_back(trf("at most {n} decimal places", fmt::arg("n", f.scale)));
    if (f.min) limits.push_back(trf("minimum {min}", fmt::arg("min", number(*f.min))));
    if (f.max) limits.push_back(trf("maximum {max}", fmt::arg("max", number(*f.max))));
    if (!f.default_value.empty()) limits.push_back(trf("default {value}", fmt::arg("value", f.default_value)));
    if (f.personal) limits.push_back(tr("personal data, masked in reports"));
    if (f.registered) limits.push_back(tr("must be a registered credit code (--registry)"));
    if (!limits.empty()) out += "    " + fmt::format("{}", fmt::join(limits, "; ")) + "\n";
    for (const auto& c : f.codes) out += fmt::format("    {} = {}\n", c.code, pick(c.zh, c.en));
    std::vector<std::string> headers;
    for (const auto& h : f.csv_headers)
        if (h != f.key) headers.push_back(h);
    out += "    " + trf("CSV: {headers}", fmt::arg("headers", fmt::join(headers, ", ")));
    if (f.json_key != f.key) out += "; " + trf("JSON: {key}", fmt::arg("key", f.json_key));
    if (f.xml_name != f.key) out += "; " + trf("XML: {name}", fmt::arg("name", f.xml_name));
    out += "\n";
    (void)format;
}

}  // namespace

std::string formats_list_text(const std::vector<FormatSummary>& formats) {
    std::size_t width = 4;
    for (const auto& s : formats) width = std::max(width, s.name.size());
    std::string out;
    for (const auto& s : formats) {
        if (!s.format) continue;
        const auto& f = *s.format;
        out += fmt::format("{:<{}}  {:<7}  {}  {}\n", f.name, width, f.version,
                           trf("{fields} fields, {rules} rules", fmt::arg("fields", f.fields.size()),
                               fmt::arg("rules", f.rules.size() + f.unique.size())),
                           title(f));
    }
    return out;
}

std::string formats_list_json(const std::vector<FormatSummary>& formats) {
    std::string buf;
    core::JsonWriter w(buf);
    w.begin_object().key("formats").begin_array();
    for (const auto& s : formats) {
        if (!s.format) continue;
        const auto& f = *s.format;
        w.begin_object().field("name", f.name).field("version", f.version);
        w.key("title").begin_object().field("zh", f.zh).field("en", f.en).end_object();
        w.field("file", f.source)
            .field("fields", static_cast<std::uint64_t>(f.fields.size()))
            .field("rules", static_cast<std::uint64_t>(f.rules.size()))
            .field("unique", static_cast<std::uint64_t>(f.unique.size()))
            .end_object();
    }
    w.end_array().key("errors").begin_array();
    for (const auto& s : formats)
        if (!s.format) w.value(s.name);
    w.end_array().end_object();
    return buf + "\n";
}

std::string format_text(const schema::Format& f) {
    std::string out = fmt::format("{} {}: {}\n", f.name, f.version, title(f));
    out += trf("file: {file}\n", fmt::arg("file", f.source));
    out += trf("XML: <{root} xmlns=\"{ns}\"> of <{record}>\n", fmt::arg("root", f.xml_root),
               fmt::arg("ns", f.xml_namespace), fmt::arg("record", f.xml_record));
    if (f.match_field)
        out += trf("last period's records (--previous) are matched by {key}\n",
                   fmt::arg("key", f.fields[*f.match_field].key));
    out += "\n" + trf("Fields ({n}):\n", fmt::arg("n", f.fields.size()));
    for (const auto& field : f.fields) {
        std::string need = field.required        ? tr("required")
                           : field.required_when ? trf("required when {condition}",
                                                       fmt::arg("condition", one_line(field.required_when->text())))
                                                 : tr("optional");
        out += fmt::format("  {}  {}  {}, {}\n", field.key, pick(field.zh, field.en),
                           schema::field_type_name(field.type), need);
        field_details(out, f, field);
    }
    if (!f.rules.empty()) out += "\n" + trf("Rules ({n}):\n", fmt::arg("n", f.rules.size()));
    for (const auto& r : f.rules) {
        out += fmt::format("  {}  {}\n", r.id, r.severity == schema::RuleSeverity::error ? tr("error") : tr("warning"));
        out += "    " + one_line(r.expr.text()) + "\n";
        out += "    " + pick(r.zh, r.en) + "\n";
    }
    if (!f.unique.empty()) out += "\n" + trf("Unique ({n}):\n", fmt::arg("n", f.unique.size()));
    for (const auto& u : f.unique) {
        std::vector<std::string> keys;
        for (std::size_t i : u.fields) keys.push_back(f.fields[i].key);
        out += fmt::format("  {}  {}\n", u.id, fmt::join(keys, ", "));
        out += "    " + pick(u.zh, u.en) + "\n";
    }
    return out;
}

}  // namespace adx::tools

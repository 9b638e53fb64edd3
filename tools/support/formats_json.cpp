// SPDX-License-Identifier: Apache-2.0
// adx formats show --report json: one object, documented in adx-formats(1).

#include "core/json_writer.hpp"
#include "tools/support/formats_output.hpp"

#include <fmt/format.h>

namespace adx::tools {

using schema::FieldSpec;

namespace {

// JsonWriter has no floating-point value: write null, then put the number in
// its place (the writer's comma state is that of any value).
void number(core::JsonWriter& w, std::string& buf, std::string_view key, double v) {
    w.key(key).null();
    buf.resize(buf.size() - 4);
    buf += fmt::format("{}", v);
}

void optional_text(core::JsonWriter& w, std::string_view key, const std::string& v) {
    w.key(key);
    if (v.empty())
        w.null();
    else
        w.value(std::string_view(v));
}

void field(core::JsonWriter& w, std::string& buf, const FieldSpec& f) {
    w.begin_object().field("key", f.key).field("zh", f.zh).field("en", f.en);
    w.field("type", schema::field_type_name(f.type)).field("required", f.required);
    optional_text(w, "required_when", f.required_when ? f.required_when->text() : std::string{});
    if (f.min_length) w.field("min_length", static_cast<std::uint64_t>(*f.min_length));
    if (f.max_length) w.field("max_length", static_cast<std::uint64_t>(*f.max_length));
    if (!f.pattern.empty()) w.field("pattern", f.pattern);
    if (f.precision > 0) w.field("precision", f.precision);
    if (f.scale >= 0) w.field("scale", f.scale);
    if (f.min) number(w, buf, "min", *f.min);
    if (f.max) number(w, buf, "max", *f.max);
    if (f.type == schema::FieldType::enumeration) {
        w.key("codes").begin_array();
        for (const auto& c : f.codes)
            w.begin_object().field("code", c.code).field("zh", c.zh).field("en", c.en).end_object();
        w.end_array();
    }
    optional_text(w, "default", f.default_value);
    w.field("personal", f.personal).field("registered", f.registered);
    w.key("csv").begin_array();
    for (const auto& h : f.csv_headers) w.value(std::string_view(h));
    w.end_array().field("json", f.json_key).field("xml", f.xml_name).field("line", f.line);
    w.end_object();
}

}  // namespace

std::string format_json(const schema::Format& f) {
    std::string buf;
    core::JsonWriter w(buf);
    w.begin_object().field("name", f.name).field("version", f.version);
    w.key("title").begin_object().field("zh", f.zh).field("en", f.en).end_object();
    w.field("file", f.source);
    optional_text(w, "match", f.match_field ? f.fields[*f.match_field].key : std::string{});
    w.key("xml")
        .begin_object()
        .field("namespace", f.xml_namespace)
        .field("root", f.xml_root)
        .field("record", f.xml_record)
        .end_object();
    w.key("fields").begin_array();
    for (const auto& fs : f.fields) field(w, buf, fs);
    w.end_array().key("rules").begin_array();
    for (const auto& r : f.rules) {
        w.begin_object()
            .field("id", r.id)
            .field("severity", r.severity == schema::RuleSeverity::error ? "error" : "warning")
            .field("expr", r.expr.text());
        w.key("fields").begin_array();
        for (std::size_t i : r.expr.fields()) w.value(std::string_view(f.fields[i].key));
        w.end_array();
        w.field("uses_previous", r.expr.uses_previous()).field("zh", r.zh).field("en", r.en).field("line", r.line);
        w.end_object();
    }
    w.end_array().key("unique").begin_array();
    for (const auto& u : f.unique) {
        w.begin_object().field("id", u.id).key("fields").begin_array();
        for (std::size_t i : u.fields) w.value(std::string_view(f.fields[i].key));
        w.end_array().field("zh", u.zh).field("en", u.en).field("line", u.line).end_object();
    }
    w.end_array().end_object();
    return buf + "\n";
}

}  // namespace adx::tools

// SPDX-License-Identifier: Apache-2.0
// parse_format(): the [format], [xml] and [[fields]] tables of a
// specification (adx-formats(5)). Expressions, rules and uniqueness keys are
// in format_rules.cpp.

#include "core/i18n.hpp"
#include "core/suggest.hpp"
#include "schema/field_types.hpp"
#include "schema/format_parse.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace adx::schema {

using core::tr;
using core::trf;

namespace {

constexpr std::array<std::string_view, 7> k_reserved{"and", "or", "not", "in", "true", "false", "null"};
constexpr std::uintmax_t k_max_spec_size = 1 << 20;

bool lower_or_digit(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

std::string field_table(const FieldSpec& f) {
    return f.key.empty() ? "[[fields]]" : "[[fields]] '" + f.key + "'";
}

// Keys that apply to some field types only.
bool applies(std::string_view key, FieldType t) {
    if (key == "min_length" || key == "max_length" || key == "pattern") return t == FieldType::text;
    if (key == "precision" || key == "scale") return t == FieldType::decimal;
    if (key == "min" || key == "max") return t == FieldType::integer || t == FieldType::decimal;
    if (key == "codes") return t == FieldType::enumeration;
    if (key == "registered") return t == FieldType::uscc;
    if (key == "check_as" || key == "check_when") return t == FieldType::text;
    return true;
}

const char* applies_to(std::string_view key) {
    if (key == "min_length" || key == "max_length" || key == "pattern") return "text";
    if (key == "precision" || key == "scale") return "decimal";
    if (key == "min" || key == "max") return "integer, decimal";
    if (key == "codes") return "enum";
    if (key == "check_as" || key == "check_when") return "text";
    return "uscc";
}

void read_codes(SpecReader& r, const toml::table& t, FieldSpec& f) {
    for (const toml::table* c : r.tables(t, "codes")) {
        std::string where = field_table(f) + " codes";
        r.check_keys(*c, {"code", "zh", "en"}, where);
        EnumCode code;
        code.code = r.string(*c, "code", where, true).value_or("");
        code.zh = r.string(*c, "zh", where, true).value_or("");
        code.en = r.string(*c, "en", where, true).value_or("");
        if (r.failed()) return;
        if (code.code.empty()) r.fail(c->source(), trf("{table}: a code must not be empty", fmt::arg("table", where)));
        for (const auto& other : f.codes)
            if (other.code == code.code)
                r.fail(c->source(), trf("{table}: the code '{code}' is listed twice", fmt::arg("table", where),
                                        fmt::arg("code", code.code)));
        f.codes.push_back(std::move(code));
    }
    if (f.type == FieldType::enumeration && f.codes.empty() && !r.failed())
        r.fail(t.source(), trf("{table}: a field of type enum needs codes = [{{ code = …, zh = …, en = … }}, …]",
                               fmt::arg("table", field_table(f))));
}

void read_limits(SpecReader& r, const toml::table& t, FieldSpec& f) {
    if (auto v = r.integer(t, "min_length", 0)) f.min_length = static_cast<std::size_t>(*v);
    if (auto v = r.integer(t, "max_length", 1)) f.max_length = static_cast<std::size_t>(*v);
    if (f.min_length && f.max_length && *f.min_length > *f.max_length)
        r.fail(t.get("min_length")->source(), tr("min_length is greater than max_length"));
    if (auto p = r.string(t, "pattern", field_table(f))) {
        f.pattern = *p;
        try {
            f.pattern_re.emplace(f.pattern, std::regex::ECMAScript | std::regex::optimize);
        } catch (const std::regex_error& e) {
            r.fail(t.get("pattern")->source(), trf("invalid pattern '{pattern}': {reason}",
                                                   fmt::arg("pattern", f.pattern), fmt::arg("reason", e.what())));
        }
    }
    if (auto v = r.integer(t, "precision", 1)) f.precision = static_cast<int>(std::min<std::int64_t>(*v, 38));
    if (auto v = r.integer(t, "scale", 0)) f.scale = static_cast<int>(std::min<std::int64_t>(*v, 38));
    if (f.precision > 0 && f.scale > f.precision)
        r.fail(t.get("scale")->source(), tr("scale is greater than precision"));
    f.min = r.number(t, "min");
    f.max = r.number(t, "max");
    if (f.min && f.max && *f.min > *f.max) r.fail(t.get("min")->source(), tr("min is greater than max"));
}

// The names a field is known by in documents, folded, must not be another field's.
// (Each name is folded once: adx validate loads its format every run.)
void check_names(SpecReader& r, const toml::table& t, const Format& format, const FieldSpec& f) {
    auto names = [](const FieldSpec& x) {
        std::vector<std::string> v{x.key, x.json_key, x.xml_name};
        v.insert(v.end(), x.csv_headers.begin(), x.csv_headers.end());
        return v;
    };
    auto folded = [](const std::vector<std::string>& v) {
        std::vector<std::string> out;
        out.reserve(v.size());
        for (const auto& name : v) out.push_back(fold_header(name));
        return out;
    };
    const std::vector<std::string> mine = names(f);
    const std::vector<std::string> mine_folded = folded(mine);
    for (const auto& other : format.fields) {
        const std::vector<std::string> theirs = folded(names(other));
        for (std::size_t i = 0; i < mine.size(); ++i)
            if (std::find(theirs.begin(), theirs.end(), mine_folded[i]) != theirs.end())
                return r.fail(t.source(),
                              trf("field '{field}': the name '{name}' also stands for field '{other}'",
                                  fmt::arg("field", f.key), fmt::arg("name", mine[i]), fmt::arg("other", other.key)));
    }
}

void read_field(SpecReader& r, const toml::table& t, Format& format) {
    FieldSpec f;
    f.line = t.source().begin.line;
    r.check_keys(t,
                 {"key",        "zh",        "en",    "type", "required", "required_when", "min_length", "max_length",
                  "pattern",    "precision", "scale", "min",  "max",      "codes",         "default",    "personal",
                  "registered", "csv",       "json",  "xml",  "check_as", "check_when"},
                 "[[fields]]");
    f.key = r.string(t, "key", "[[fields]]", true).value_or("");
    if (r.failed()) return;
    if (!valid_field_key(f.key))
        return r.fail(t.get("key")->source(),
                      trf("'{key}' is not a valid field key: use lower-case letters, digits and '_', starting with a "
                          "letter, and not a word of the rule language",
                          fmt::arg("key", f.key)));
    if (format.field(f.key))
        return r.fail(t.get("key")->source(), trf("the field '{key}' is defined twice", fmt::arg("key", f.key)));
    std::string where = field_table(f);
    f.zh = r.string(t, "zh", where, true).value_or("");
    f.en = r.string(t, "en", where, true).value_or("");
    std::string type = r.string(t, "type", where, true).value_or("text");
    if (r.failed()) return;
    if (!parse_field_type(type, f.type)) {
        std::vector<std::string> names;
        for (const auto& i : field_types()) names.emplace_back(i.name);
        std::string hint = core::closest(type, names);
        return r.fail(t.get("type")->source(),
                      trf("{table}: unknown field type '{type}'", fmt::arg("table", where), fmt::arg("type", type)),
                      hint.empty() ? trf("the types are: {list}", fmt::arg("list", fmt::join(names, ", ")))
                                   : trf("did you mean '{name}'?", fmt::arg("name", hint)));
    }
    for (const auto& [k, node] : t) {
        if (!applies(k.str(), f.type))
            return r.fail(k.source(), trf("{table}: the key '{key}' applies to fields of type {types} only, not {type}",
                                          fmt::arg("table", where), fmt::arg("key", k.str()),
                                          fmt::arg("types", applies_to(k.str())), fmt::arg("type", type)));
    }
    f.required = r.boolean(t, "required", false);
    if (f.required && t.get("required_when"))
        return r.fail(t.get("required_when")->source(),
                      trf("{table}: give required or required_when, not both", fmt::arg("table", where)));
    read_limits(r, t, f);
    read_codes(r, t, f);
    f.personal = r.boolean(t, "personal", false) || f.type == FieldType::ric || f.type == FieldType::phone;
    f.registered = r.boolean(t, "registered", false);
    if (auto as = r.string(t, "check_as", where)) {
        FieldType ct{};
        bool identifier = parse_field_type(*as, ct) &&
                          (ct == FieldType::uscc || ct == FieldType::ric || ct == FieldType::orgcode ||
                           ct == FieldType::region || ct == FieldType::industry || ct == FieldType::license_id);
        if (!identifier)
            return r.fail(t.get("check_as")->source(),
                          trf("{table}: check_as must be an identifier type (uscc, ric, orgcode, region, industry, "
                              "license-id), not '{type}'",
                              fmt::arg("table", where), fmt::arg("type", *as)));
        f.check_as = ct;
        if (!t.get("check_when"))
            return r.fail(t.get("check_as")->source(),
                          trf("{table}: check_as needs check_when, the condition under which it applies",
                              fmt::arg("table", where)));
    } else if (t.get("check_when")) {
        return r.fail(t.get("check_when")->source(),
                      trf("{table}: check_when needs check_as", fmt::arg("table", where)));
    }
    f.csv_headers = {f.zh, f.key, f.en};
    for (auto& h : r.strings(t, "csv"))
        if (std::find(f.csv_headers.begin(), f.csv_headers.end(), h) == f.csv_headers.end()) f.csv_headers.push_back(h);
    f.json_key = r.string(t, "json", where).value_or(f.key);
    f.xml_name = r.string(t, "xml", where).value_or(f.key);
    if (r.failed()) return;
    if (f.json_key.empty()) return r.fail(t.get("json")->source(), tr("the JSON key must not be empty"));
    if (!valid_xml_name(f.xml_name))
        return r.fail(t.get("xml") ? t.get("xml")->source() : t.source(),
                      trf("'{name}' is not a valid XML element name", fmt::arg("name", f.xml_name)));
    check_names(r, t, format, f);
    format.fields.push_back(std::move(f));
}

}  // namespace

bool valid_field_key(std::string_view key) noexcept {
    if (key.empty() || key[0] < 'a' || key[0] > 'z') return false;
    for (char c : key)
        if (!lower_or_digit(c) && c != '_') return false;
    return std::find(k_reserved.begin(), k_reserved.end(), key) == k_reserved.end();
}

bool valid_id(std::string_view id) noexcept {
    if (id.empty() || !lower_or_digit(id[0])) return false;
    return std::all_of(id.begin(), id.end(), [](char c) { return lower_or_digit(c) || c == '-'; });
}

bool valid_xml_name(std::string_view name) noexcept {
    auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
    if (name.empty() || !letter(name[0])) return false;
    if (name.size() >= 3 && (name.substr(0, 3) == "xml" || name.substr(0, 3) == "XML")) return false;
    return std::all_of(name.begin(), name.end(),
                       [&](char c) { return letter(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; });
}

void read_header(SpecReader& r, const toml::table& root, Format& f, const toml::node** match) {
    const toml::table* fmt_table = root["format"].as_table();
    if (!fmt_table) {
        if (const toml::node* n = root.get("format")) return r.fail(n->source(), tr("[format] must be a table"));
        return r.fail_at(1, 1, tr("the specification has no [format] table (name, version, zh, en)"));
    }
    r.check_keys(*fmt_table, {"name", "version", "zh", "en", "match"}, "[format]");
    f.name = r.string(*fmt_table, "name", "[format]", true).value_or("");
    f.version = r.string(*fmt_table, "version", "[format]", true).value_or("");
    f.zh = r.string(*fmt_table, "zh", "[format]", true).value_or("");
    f.en = r.string(*fmt_table, "en", "[format]", true).value_or("");
    r.string(*fmt_table, "match", "[format]");
    *match = fmt_table->get("match");
    if (r.failed()) return;
    if (!valid_id(f.name))
        return r.fail(fmt_table->get("name")->source(),
                      trf("'{name}' is not a valid format name: use lower-case letters, digits and '-'",
                          fmt::arg("name", f.name)));
    if (f.version.empty()) return r.fail(fmt_table->get("version")->source(), tr("the version must not be empty"));
    f.xml_root = "records";
    f.xml_record = "record";
    const toml::node* xml_node = root.get("xml");
    if (!xml_node) return;
    const toml::table* xml = xml_node->as_table();
    if (!xml) return r.fail(xml_node->source(), tr("[xml] must be a table"));
    r.check_keys(*xml, {"namespace", "root", "record"}, "[xml]");
    f.xml_namespace = r.string(*xml, "namespace", "[xml]").value_or("");
    f.xml_root = r.string(*xml, "root", "[xml]").value_or(f.xml_root);
    f.xml_record = r.string(*xml, "record", "[xml]").value_or(f.xml_record);
    for (const char* key : {"root", "record"}) {
        const std::string& v = std::string_view(key) == "root" ? f.xml_root : f.xml_record;
        if (!r.failed() && !valid_xml_name(v))
            r.fail(xml->get(key)->source(), trf("'{name}' is not a valid XML element name", fmt::arg("name", v)));
    }
}

void read_fields(SpecReader& r, const std::vector<const toml::table*>& tables, Format& f) {
    for (const toml::table* t : tables) {
        read_field(r, *t, f);
        if (r.failed()) return;
    }
}

core::Expected<Format> parse_format(std::string_view toml_text, const std::string& name) {
    toml::table root;
    try {
        root = toml::parse(toml_text, name);
    } catch (const toml::parse_error& err) {
        core::Error e{core::Exit::config, trf("invalid TOML: {reason}", fmt::arg("reason", err.description()))};
        e.where.file = name;
        e.where.line = err.source().begin.line;
        e.where.column = err.source().begin.column;
        e.rule = "format-spec";
        return e;
    }
    SpecReader r(name, toml_text);
    Format f;
    f.source = name;
    r.check_keys(root, {"format", "xml", "fields", "rules", "unique"}, tr("the specification"));
    const toml::node* match = nullptr;
    read_header(r, root, f, &match);
    auto field_tables = r.tables(root, "fields");
    auto rule_tables = r.tables(root, "rules");
    auto unique_tables = r.tables(root, "unique");
    if (!r.failed() && field_tables.empty()) r.fail_at(1, 1, tr("the specification has no [[fields]]"));
    if (!r.failed()) read_fields(r, field_tables, f);
    if (!r.failed()) compile_fields(r, field_tables, f);
    if (!r.failed()) read_rules(r, rule_tables, f);
    if (!r.failed()) read_unique(r, unique_tables, f);
    if (!r.failed() && match) {
        std::string key = match->as_string()->get();
        f.match_field = f.field(key);
        if (!f.match_field) {
            std::vector<std::string> keys;
            for (const auto& fs : f.fields) keys.push_back(fs.key);
            std::string s = core::closest(key, keys);
            r.fail(match->source(), trf("[format] match: '{key}' is not a field", fmt::arg("key", key)),
                   s.empty() ? std::string{} : trf("did you mean '{name}'?", fmt::arg("name", s)));
        }
    }
    if (r.failed()) return r.take_error();
    return f;
}

core::Expected<Format> load_format(const std::string& path) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (ec)
        return core::Error{core::Exit::no_input, trf("cannot read format specification '{path}': {reason}",
                                                     fmt::arg("path", path), fmt::arg("reason", ec.message()))};
    if (size > k_max_spec_size)
        return core::Error{core::Exit::config,
                           trf("format specification '{path}' is larger than 1 MiB", fmt::arg("path", path))};
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in.good() && !in.eof())
        return core::Error{core::Exit::no_input,
                           trf("cannot read format specification '{path}'", fmt::arg("path", path))};
    return parse_format(text.str(), path);
}

}  // namespace adx::schema

// SPDX-License-Identifier: Apache-2.0
#include "schema/xsd.hpp"

#include "core/xml_escape.hpp"

#include <cmath>
#include <fmt/format.h>

namespace adx::schema {

namespace {

constexpr std::string_view k_uscc_char = "0-9A-HJ-NP-RTUW-Y";

std::string escape(std::string_view s) {
    std::string out;
    core::append_xml_escaped(out, s, core::XmlEscape::attribute);
    return out;
}

// A number as an xs:decimal literal (no exponent).
std::string decimal_text(double v, bool integer) {
    if (integer) return fmt::format("{:.0f}", v);
    std::string s = fmt::format("{:.15f}", v);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s == "-0" ? "0" : s;
}

// The built-in shape of a field type, as an XSD regex; empty: none.
std::string type_pattern(FieldType t) {
    switch (t) {
        case FieldType::integer:
            return "-?[0-9]+";
        case FieldType::decimal:
            return "-?[0-9]+(\\.[0-9]+)?";
        case FieldType::date:
            return "[0-9]{4}-[0-9]{2}-[0-9]{2}";
        case FieldType::datetime:
            return "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+\\-][0-9]{2}:[0-9]{2})";
        case FieldType::uscc:
            return fmt::format("[{0}]{{2}}[0-9]{{6}}[{0}]{{10}}", k_uscc_char);
        case FieldType::ric:
            return "[0-9]{17}[0-9X]|[0-9]{15}";
        case FieldType::orgcode:
            return "[0-9A-Z]{8}-?[0-9X]";
        case FieldType::region:
            return "[0-9]{6}";
        case FieldType::industry:
            return "[A-T]|[A-T]?[0-9]{2,4}";
        case FieldType::license_id:
            return "1\\.2\\.156\\.3005\\.2\\.[0-9A-Z]+\\.[0-9A-Z]+\\.[0-9A-Z]+\\.[0-9]{3}\\.[0-9A-Z]";
        case FieldType::phone:
            return "((\\+86|0086)[ \\-]?)?1[ \\-]?[3-9]([ \\-]?[0-9]){9}|0[0-9]{2,3}-?[0-9]{7,8}";
        case FieldType::email:
            return "[A-Za-z0-9!#$%&'*+/=?\\^_`{|}~\\-]+(\\.[A-Za-z0-9!#$%&'*+/=?\\^_`{|}~\\-]+)*"
                   "@([A-Za-z0-9]([A-Za-z0-9\\-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,}";
        case FieldType::currency:
            return "[A-Z]{3}";
        case FieldType::period:
            return "[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?";
        default:
            return {};
    }
}

const char* base_type(FieldType t) {
    switch (t) {
        case FieldType::integer:
            return "xs:integer";
        case FieldType::decimal:
            return "xs:decimal";
        case FieldType::date:
            return "xs:date";
        case FieldType::datetime:
            return "xs:dateTime";
        default:
            return "xs:string";
    }
}

void documentation(std::string& out, const std::string& zh, const std::string& en, const char* indent) {
    out += fmt::format(
        "{0}<xs:annotation>\n{0}  <xs:documentation xml:lang=\"zh\">{1}</xs:documentation>\n"
        "{0}  <xs:documentation xml:lang=\"en\">{2}</xs:documentation>\n{0}</xs:annotation>\n",
        indent, escape(zh), escape(en));
}

void simple_type(std::string& out, const FieldSpec& f) {
    out += fmt::format("  <xs:simpleType name=\"field.{}\">\n", f.key);
    documentation(out, f.zh, f.en, "    ");
    out += fmt::format("    <xs:restriction base=\"{}\">\n", base_type(f.type));
    auto facet = [&](const char* name, const std::string& value) {
        out += fmt::format("      <xs:{} value=\"{}\"/>\n", name, escape(value));
    };
    if (f.type == FieldType::text) {
        if (f.min_length)
            facet("minLength", fmt::format("{}", *f.min_length));
        else if (f.required)
            facet("minLength", "1");
        if (f.max_length) facet("maxLength", fmt::format("{}", *f.max_length));
        if (std::string p = xsd_pattern(f.pattern); !p.empty()) facet("pattern", p);
    } else if (f.type == FieldType::enumeration || f.type == FieldType::boolean) {
        if (f.type == FieldType::boolean) {
            for (const char* v : {"true", "false", "1", "0", "是", "否"}) facet("enumeration", v);
        }
        for (const auto& c : f.codes) {
            out += fmt::format("      <xs:enumeration value=\"{}\">\n", escape(c.code));
            documentation(out, c.zh, c.en, "        ");
            out += "      </xs:enumeration>\n";
        }
    } else {
        if (std::string p = type_pattern(f.type); !p.empty()) facet("pattern", p);
        if (f.type == FieldType::decimal && f.precision > 0) facet("totalDigits", fmt::format("{}", f.precision));
        if (f.type == FieldType::decimal && f.scale >= 0) facet("fractionDigits", fmt::format("{}", f.scale));
        bool integer = f.type == FieldType::integer;
        if (f.min) facet("minInclusive", decimal_text(integer ? std::ceil(*f.min) : *f.min, integer));
        if (f.max) facet("maxInclusive", decimal_text(integer ? std::floor(*f.max) : *f.max, integer));
        if (f.type == FieldType::email) facet("maxLength", "254");
    }
    out += "    </xs:restriction>\n  </xs:simpleType>\n";
}

}  // namespace

std::string xsd_pattern(std::string_view p) {
    if (p.empty()) return {};
    if (p.front() == '^') p.remove_prefix(1);
    if (!p.empty() && p.back() == '$' && (p.size() < 2 || p[p.size() - 2] != '\\')) p.remove_suffix(1);
    std::string out;
    bool in_class = false;
    for (std::size_t i = 0; i < p.size(); ++i) {
        char c = p[i];
        if (c == '\\') {
            if (i + 1 >= p.size()) return {};
            char e = p[++i];
            if (e == 'b' || e == 'B' || (e >= '1' && e <= '9') || e == 'k' || e == 'u' || e == 'x' || e == 'c')
                return {};
            if (e == 'd')
                out += in_class ? "0-9" : "[0-9]";
            else
                out += {'\\', e};
            continue;
        }
        if (in_class) {
            if (c == ']') in_class = false;
            out += c;
            continue;
        }
        if (c == '[') {
            in_class = true;
            out += c;
            if (i + 1 < p.size() && p[i + 1] == '^') out += p[++i];
            continue;
        }
        if (c == '^' || c == '$') return {};
        if (c == '(' && i + 1 < p.size() && p[i + 1] == '?') return {};
        if ((c == '*' || c == '+' || c == '?' || c == '}') && i + 1 < p.size() && (p[i + 1] == '?' || p[i + 1] == '+'))
            return {};
        out += c;
    }
    return in_class ? std::string{} : out;
}

std::string derive_xsd(const Format& format) {
    const bool ns = !format.xml_namespace.empty();
    const std::string prefix = ns ? "f:" : "";
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format("<!-- Derived from the adx format specification {} {} by 'adx formats xsd'. -->\n", format.name,
                       format.version);
    out += "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"";
    if (ns) out += fmt::format(" xmlns:f=\"{0}\" targetNamespace=\"{0}\"", escape(format.xml_namespace));
    out += " elementFormDefault=\"qualified\">\n";
    documentation(out, format.zh, format.en, "  ");
    out += fmt::format("  <xs:element name=\"{}\">\n    <xs:complexType>\n      <xs:sequence>\n", format.xml_root);
    out +=
        fmt::format("        <xs:element name=\"{}\" type=\"{}adx.record\" minOccurs=\"0\" maxOccurs=\"unbounded\"/>\n",
                    format.xml_record, prefix);
    // The enveloped signature adx sign (or xmlsec1) puts after the records;
    // adx verify checks it, the schema only lets it stand there.
    out += "        <xs:any namespace=\"http://www.w3.org/2000/09/xmldsig#\" processContents=\"skip\" minOccurs=\"0\"/>\n";
    out += "      </xs:sequence>\n    </xs:complexType>\n  </xs:element>\n";
    out += "  <xs:complexType name=\"adx.record\">\n    <xs:all>\n";
    for (const auto& f : format.fields) {
        if (f.required)
            out += fmt::format("      <xs:element name=\"{}\" type=\"{}field.{}\"/>\n", f.xml_name, prefix, f.key);
        else
            out += fmt::format(
                "      <xs:element name=\"{}\" type=\"{}field.{}.optional\" minOccurs=\"0\" nillable=\"true\"/>\n",
                f.xml_name, prefix, f.key);
    }
    out += "    </xs:all>\n  </xs:complexType>\n";
    for (const auto& f : format.fields) {
        simple_type(out, f);
        if (!f.required)
            out += fmt::format(
                "  <xs:simpleType name=\"field.{0}.optional\">\n"
                "    <xs:union memberTypes=\"{1}field.{0} {1}adx.empty\"/>\n  </xs:simpleType>\n",
                f.key, prefix);
    }
    out +=
        "  <xs:simpleType name=\"adx.empty\">\n    <xs:restriction base=\"xs:string\">\n"
        "      <xs:length value=\"0\"/>\n    </xs:restriction>\n  </xs:simpleType>\n";
    out += "</xs:schema>\n";
    return out;
}

}  // namespace adx::schema

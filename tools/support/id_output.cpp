// SPDX-License-Identifier: Apache-2.0
#include "tools/support/id_output.hpp"

#include "core/encoding.hpp"
#include "core/i18n.hpp"
#include "core/json_writer.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace adx::tools {

using core::tr;

namespace {

// Whether any byte of the eight in x is below 0x20, 0x7F or above, or a
// backslash. With the high bits cleared (y), the additions below cannot carry
// from one byte into the next: y + 0x60 keeps its high bit clear only below
// 0x20, y + 0x01 sets it only for 0x7F, (y ^ '\\') + 0x7F keeps it clear only
// for a backslash.
constexpr bool word_unsafe(std::uint64_t x) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101, high = ones * 0x80;
    std::uint64_t y = x & ~high;
    std::uint64_t ok = (y + ones * 0x60) & ((y ^ (ones * '\\')) + ones * 0x7F);
    return ((x | (y + ones) | ~ok) & high) != 0;
}

// No control characters, no bytes >= 0x7F, no backslash: shown as it is.
bool plain_ascii(std::string_view s) noexcept {
    std::size_t n = s.size();
    if (n >= 8) {
        // Eight bytes at a time; the last word may overlap the one before.
        std::uint64_t x;
        for (std::size_t i = 0; i + 8 <= n; i += 8) {
            std::memcpy(&x, s.data() + i, 8);
            if (word_unsafe(x)) return false;
        }
        std::memcpy(&x, s.data() + n - 8, 8);
        return !word_unsafe(x);
    }
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f || c == '\\') return false;
    }
    return true;
}

void findings_json(core::JsonWriter& w, const ids::Verdict& v, std::string_view normalized) {
    w.key("findings").begin_array();
    for (const auto& f : v.all()) {
        w.begin_object()
            .field("rule", ids::rule_id(f.rule))
            .field("severity", f.level == ids::Level::error     ? "error"
                               : f.level == ids::Level::warning ? "warning"
                                                                : "info")
            .field("message", ids::describe(f, normalized));
        if (f.pos) w.field("position", static_cast<int>(f.pos));
        if (f.expected) w.field("expected", std::string_view(&f.expected, 1));
        w.end_object();
    }
    w.end_array();
}

// Display width of UTF-8 text: East Asian wide characters take two columns.
std::size_t width(std::string_view s) {
    std::size_t w = 0;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = core::utf8_sequence_length(s.substr(i));
        if (n == 0) n = 1;
        w += n >= 3 ? 2 : 1;
        i += n;
    }
    return w;
}

}  // namespace

void append_display(std::string& out, std::string_view raw) {
    if (plain_ascii(raw)) {
        out.append(raw);
        return;
    }
    for (std::size_t i = 0; i < raw.size();) {
        auto c = static_cast<unsigned char>(raw[i]);
        if (c >= 0x80) {
            std::size_t n = core::utf8_sequence_length(raw.substr(i));
            if (n) {
                out.append(raw.substr(i, n));
                i += n;
                continue;
            }
        }
        if (c == '\\')
            out += "\\\\";
        else if (c < 0x20 || c >= 0x7f)
            out += fmt::format("\\x{:02X}", c);
        else
            out += static_cast<char>(c);
        ++i;
    }
}

void IdWriter::write(std::string_view raw, const ids::Verdict& v, std::string_view normalized) {
    bool valid = v.valid();
    ++(valid ? m_valid : m_invalid);
    std::string& buf = m_out.buffer();
    const auto& type = ids::type_info(v.type);
    if (m_report == Report::text && v.count == 0 && raw.size() <= 64 && type.name.size() <= 16 && plain_ascii(raw)) {
        // The common line, "VALUE<TAB>valid<TAB>TYPE<TAB>ok", in one append.
        constexpr std::string_view mid = "\tvalid\t", end = "\tok\n";
        char line[64 + mid.size() + 16 + end.size()];
        std::string_view name = type.name;
        char* o = line;
        o = std::copy(raw.begin(), raw.end(), o);
        o = std::copy(mid.begin(), mid.end(), o);
        o = std::copy(name.begin(), name.end(), o);
        o = std::copy(end.begin(), end.end(), o);
        buf.append(line, static_cast<std::size_t>(o - line));
    } else if (m_report == Report::text) {
        append_display(buf, raw);
        buf += valid ? "\tvalid\t" : "\tinvalid\t";
        buf += type.name;
        buf += '\t';
        if (v.count == 0)
            buf += "ok";
        else
            buf += ids::reason(v, normalized);
        buf += '\n';
    } else {
        core::JsonWriter w(buf);
        w.begin_object()
            .field("input", raw)
            .field("value", normalized)
            .field("type", type.name)
            .field("valid", valid)
            .field("reason", ids::reason(v, normalized));
        findings_json(w, v, normalized);
        w.end_object();
        buf += '\n';
    }
    m_out.maybe_flush();
}

void IdWriter::write_unreadable(std::string_view raw, const core::Error& e) {
    ++m_invalid;
    std::string& buf = m_out.buffer();
    std::string_view type = ids::type_info(m_forced).name;
    if (m_report == Report::text) {
        append_display(buf, raw);
        buf += "\tinvalid\t";
        buf += type;
        buf += '\t';
        buf += e.message;
        buf += " [" + e.rule + "]\n";
    } else {
        core::JsonWriter w(buf);
        w.begin_object()
            .field("input", raw)
            .field("line", e.where.line)
            .field("type", type)
            .field("valid", false)
            .field("reason", e.message + " [" + e.rule + "]");
        w.key("findings").begin_array();
        w.begin_object().field("rule", e.rule).field("severity", "error").field("message", e.message).end_object();
        w.end_array().end_object();
        buf += '\n';
    }
    m_out.maybe_flush();
}

void write_explanation(core::Output& out, std::string_view raw, const ids::Explanation& e, Report report) {
    const auto& type = ids::type_info(e.type);
    bool valid = e.verdict.valid();
    std::string buf;
    if (report == Report::json) {
        core::JsonWriter w(buf);
        w.begin_object()
            .field("input", raw)
            .field("value", e.normalized)
            .field("type", type.name)
            .field("standard", type.standard)
            .field("valid", valid);
        w.key("parts").begin_array();
        for (const auto& p : e.parts)
            w.begin_object()
                .field("part", p.key)
                .field("label", p.label)
                .field("value", p.value)
                .field("meaning", p.meaning)
                .field("ok", p.ok)
                .end_object();
        w.end_array();
        findings_json(w, e.verdict, e.normalized);
        w.end_object();
        buf += '\n';
        out.write(buf);
        return;
    }
    append_display(buf, raw);
    buf += ": ";
    if (e.type == ids::Type::unknown) {
        buf += tr("unknown identifier");
    } else {
        buf += tr(type.summary);
        buf += fmt::format(" ({})", type.standard);
    }
    buf += ", ";
    buf += valid ? tr("valid") : tr("invalid");
    buf += '\n';
    std::size_t label_w = 0, value_w = 0;
    for (const auto& p : e.parts) {
        label_w = std::max(label_w, width(p.label));
        value_w = std::max(value_w, width(p.value));
    }
    for (const auto& p : e.parts) {
        buf += p.ok ? "  " : "! ";
        buf += p.label;
        buf.append(label_w - width(p.label) + 2, ' ');
        buf += p.value;
        if (!p.meaning.empty()) {
            buf.append(value_w - width(p.value) + 2, ' ');
            buf += p.meaning;
        }
        buf += '\n';
    }
    for (const auto& f : e.verdict.all()) {
        if (f.level == ids::Level::info) continue;
        buf += "  ";
        buf += tr(f.level == ids::Level::error ? "error" : "warning");
        buf += ": ";
        buf += ids::describe(f, e.normalized);
        buf += fmt::format(" [{}]\n", ids::rule_id(f.rule));
    }
    out.write(buf);
}

}  // namespace adx::tools

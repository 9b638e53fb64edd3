// SPDX-License-Identifier: Apache-2.0
#include "core/json_value.hpp"

#include "core/encoding.hpp"
#include "core/i18n.hpp"
#include "core/json_writer.hpp"

#include <charconv>
#include <unordered_set>

namespace adx::core {

JsonValue JsonValue::make_bool(bool b) {
    JsonValue v;
    v.m_kind = Kind::boolean;
    v.m_bool = b;
    return v;
}

JsonValue JsonValue::make_number(std::string text) {
    JsonValue v;
    v.m_kind = Kind::number;
    v.m_text = std::move(text);
    return v;
}

JsonValue JsonValue::make_string(std::string s) {
    JsonValue v;
    v.m_kind = Kind::string;
    v.m_text = std::move(s);
    return v;
}

JsonValue JsonValue::make_array(std::vector<JsonValue> items) {
    JsonValue v;
    v.m_kind = Kind::array;
    v.m_items = std::move(items);
    return v;
}

JsonValue JsonValue::make_object(std::vector<JsonMember> members) {
    JsonValue v;
    v.m_kind = Kind::object;
    v.m_members = std::move(members);
    return v;
}

std::optional<std::int64_t> JsonValue::as_int() const noexcept {
    if (m_kind != Kind::number || m_text.find_first_of(".eE") != std::string::npos) return std::nullopt;
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(m_text.data(), m_text.data() + m_text.size(), n);
    if (ec != std::errc{} || p != m_text.data() + m_text.size()) return std::nullopt;
    return n;
}

const JsonValue* JsonValue::find(std::string_view key) const noexcept {
    for (const auto& m : m_members)
        if (m.key == key) return &m.value;
    return nullptr;
}

bool JsonValue::operator==(const JsonValue& other) const {
    return m_kind == other.m_kind && m_bool == other.m_bool && m_text == other.m_text && m_items == other.m_items &&
           m_members == other.m_members;
}

namespace {

class Parser {
public:
    Parser(std::string_view text, const JsonLimits& limits, const std::string& name)
        : m_s(text), m_limits(limits), m_name(name) {}

    Expected<JsonValue> document() {
        if (m_s.size() > m_limits.max_size)
            return fail("json-limit", trf("JSON text of {size} bytes exceeds the limit of {max} bytes",
                                          fmt::arg("size", m_s.size()), fmt::arg("max", m_limits.max_size)));
        auto v = value(0);
        if (!v) return v;
        space();
        if (m_i != m_s.size()) return fail("json-syntax", tr("unexpected text after the JSON value"));
        return v;
    }

private:
    Error fail(const char* rule, std::string message) const {
        Error e(Exit::data, std::move(message));
        e.rule = rule;
        e.where.file = m_name;
        e.where.line = 1;
        e.where.column = m_i + 1;
        return e;
    }
    Error unexpected() const {
        if (m_i >= m_s.size()) return fail("json-syntax", tr("unexpected end of input"));
        auto c = static_cast<unsigned char>(m_s[m_i]);
        if (c >= 0x21 && c <= 0x7E)
            return fail("json-syntax", trf("unexpected character '{char}'", fmt::arg("char", m_s.substr(m_i, 1))));
        return fail("json-syntax", trf("unexpected byte {byte}", fmt::arg("byte", fmt::format("0x{:02X}", c))));
    }

    void space() noexcept {
        while (m_i < m_s.size() && (m_s[m_i] == ' ' || m_s[m_i] == '\t' || m_s[m_i] == '\n' || m_s[m_i] == '\r')) ++m_i;
    }
    bool eat(char c) noexcept {
        if (m_i < m_s.size() && m_s[m_i] == c) {
            ++m_i;
            return true;
        }
        return false;
    }

    Expected<JsonValue> value(std::size_t depth) {
        space();
        if (++m_values > m_limits.max_values)
            return fail("json-limit",
                        trf("JSON text holds more than {max} values", fmt::arg("max", m_limits.max_values)));
        if (m_i >= m_s.size()) return unexpected();
        switch (m_s[m_i]) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"': {
                auto s = string();
                if (!s) return std::move(s).error();
                return JsonValue::make_string(std::move(*s));
            }
            case 't':
                return literal("true", JsonValue::make_bool(true));
            case 'f':
                return literal("false", JsonValue::make_bool(false));
            case 'n':
                return literal("null", JsonValue{});
            default:
                return number();
        }
    }

    Expected<JsonValue> literal(std::string_view word, JsonValue v) {
        if (m_s.substr(m_i, word.size()) != word) return unexpected();
        m_i += word.size();
        return v;
    }

    static bool digit(char c) noexcept { return c >= '0' && c <= '9'; }
    Expected<JsonValue> number() {
        const std::size_t start = m_i;
        auto digits = [&] {
            std::size_t from = m_i;
            while (m_i < m_s.size() && digit(m_s[m_i])) ++m_i;
            return m_i > from;
        };
        eat('-');
        if (eat('0')) {
            if (m_i < m_s.size() && digit(m_s[m_i])) return fail("json-syntax", tr("a number has a leading zero"));
        } else if (!digits()) {
            return unexpected();
        }
        if (eat('.') && !digits()) return unexpected();
        if (m_i < m_s.size() && (m_s[m_i] == 'e' || m_s[m_i] == 'E')) {
            ++m_i;
            if (!eat('+')) eat('-');
            if (!digits()) return unexpected();
        }
        return JsonValue::make_number(std::string(m_s.substr(start, m_i - start)));
    }

    static int hex4(std::string_view s) noexcept {
        int v = 0;
        for (char c : s) {
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= c - '0';
            else if (c >= 'a' && c <= 'f')
                v |= c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                v |= c - 'A' + 10;
            else
                return -1;
        }
        return v;
    }
    // \uXXXX at m_i (after the backslash and 'u'); advances past the digits.
    Expected<int> unicode_escape() {
        if (m_s.size() - m_i < 4) return fail("json-syntax", tr("incomplete \\u escape"));
        int v = hex4(m_s.substr(m_i, 4));
        if (v < 0) return fail("json-syntax", tr("incomplete \\u escape"));
        m_i += 4;
        return v;
    }
    static void put_utf8(std::string& out, std::uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    Expected<std::string> string() {
        ++m_i;  // the opening quote
        std::string out;
        for (;;) {
            if (m_i >= m_s.size()) return fail("json-syntax", tr("unterminated string"));
            auto c = static_cast<unsigned char>(m_s[m_i]);
            if (c == '"') {
                ++m_i;
                return out;
            }
            if (c < 0x20) return fail("json-syntax", tr("control character in a string"));
            if (c >= 0x80) {
                std::size_t n = utf8_sequence_length(m_s.substr(m_i));
                if (n == 0) return fail("json-syntax", tr("invalid UTF-8 in a string"));
                out.append(m_s.substr(m_i, n));
                m_i += n;
                continue;
            }
            ++m_i;
            if (c != '\\') {
                out += static_cast<char>(c);
                continue;
            }
            if (m_i >= m_s.size()) return fail("json-syntax", tr("unterminated string"));
            char e = m_s[m_i++];
            switch (e) {
                case '"':
                    out += '"';
                    break;
                case '\\':
                    out += '\\';
                    break;
                case '/':
                    out += '/';
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'u': {
                    auto hi = unicode_escape();
                    if (!hi) return std::move(hi).error();
                    std::uint32_t cp = static_cast<std::uint32_t>(*hi);
                    if (cp >= 0xDC00 && cp <= 0xDFFF)
                        return fail("json-syntax", tr("unpaired surrogate in a \\u escape"));
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (m_s.substr(m_i, 2) != "\\u")
                            return fail("json-syntax", tr("unpaired surrogate in a \\u escape"));
                        m_i += 2;
                        auto lo = unicode_escape();
                        if (!lo) return std::move(lo).error();
                        if (*lo < 0xDC00 || *lo > 0xDFFF)
                            return fail("json-syntax", tr("unpaired surrogate in a \\u escape"));
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<std::uint32_t>(*lo) - 0xDC00);
                    }
                    put_utf8(out, cp);
                    break;
                }
                default:
                    --m_i;
                    return fail("json-syntax", trf("invalid escape '\\{char}'", fmt::arg("char", m_s.substr(m_i, 1))));
            }
        }
    }

    Error too_deep() const {
        return fail("json-limit", trf("JSON nested deeper than {max} levels", fmt::arg("max", m_limits.max_depth)));
    }

    Expected<JsonValue> array(std::size_t depth) {
        if (depth > m_limits.max_depth) return too_deep();
        ++m_i;
        std::vector<JsonValue> items;
        space();
        if (eat(']')) return JsonValue::make_array(std::move(items));
        for (;;) {
            auto v = value(depth);
            if (!v) return v;
            items.push_back(std::move(*v));
            space();
            if (eat(']')) return JsonValue::make_array(std::move(items));
            if (!eat(',')) return fail("json-syntax", tr("expected ',' or ']' after an array element"));
        }
    }

    Expected<JsonValue> object(std::size_t depth) {
        if (depth > m_limits.max_depth) return too_deep();
        ++m_i;
        std::vector<JsonMember> members;
        std::unordered_set<std::string> seen;
        space();
        if (eat('}')) return JsonValue::make_object(std::move(members));
        for (;;) {
            space();
            if (m_i >= m_s.size() || m_s[m_i] != '"')
                return fail("json-syntax", tr("expected a key (a string in double quotes)"));
            const std::size_t key_at = m_i;
            auto key = string();
            if (!key) return std::move(key).error();
            if (!seen.insert(*key).second) {
                m_i = key_at;
                return fail("json-duplicate-key",
                            trf("duplicate member \"{key}\" in a JSON object", fmt::arg("key", *key)));
            }
            space();
            if (!eat(':')) return fail("json-syntax", tr("expected ':' after the key"));
            auto v = value(depth);
            if (!v) return v;
            members.push_back({std::move(*key), std::move(*v)});
            space();
            if (eat('}')) return JsonValue::make_object(std::move(members));
            if (!eat(',')) return fail("json-syntax", tr("expected ',' or '}' after an object member"));
        }
    }

    std::string_view m_s;
    const JsonLimits& m_limits;
    const std::string& m_name;
    std::size_t m_i = 0;
    std::size_t m_values = 0;
};

void write(std::string& out, const JsonValue& v) {
    switch (v.kind()) {
        case JsonValue::Kind::null:
            out += "null";
            break;
        case JsonValue::Kind::boolean:
            out += v.as_bool() ? "true" : "false";
            break;
        case JsonValue::Kind::number:
            out += v.text();
            break;
        case JsonValue::Kind::string:
            json_escape(out, v.text());
            break;
        case JsonValue::Kind::array: {
            out += '[';
            bool first = true;
            for (const auto& item : v.items()) {
                if (!first) out += ',';
                first = false;
                write(out, item);
            }
            out += ']';
            break;
        }
        case JsonValue::Kind::object: {
            out += '{';
            bool first = true;
            for (const auto& m : v.members()) {
                if (!first) out += ',';
                first = false;
                json_escape(out, m.key);
                out += ':';
                write(out, m.value);
            }
            out += '}';
            break;
        }
    }
}

}  // namespace

Expected<JsonValue> json_parse(std::string_view text, const JsonLimits& limits, const std::string& name) {
    return Parser(text, limits, name).document();
}

std::string json_serialize(const JsonValue& v) {
    std::string out;
    write(out, v);
    return out;
}

}  // namespace adx::core

// SPDX-License-Identifier: Apache-2.0
#include "core/json_writer.hpp"

#include "core/encoding.hpp"

#include <fmt/format.h>

namespace adx::core {

void json_escape(std::string& out, std::string_view s) {
    out += '"';
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            std::size_t n = utf8_sequence_length(s.substr(i));
            if (n == 0) {
                out += "\xEF\xBF\xBD";  // U+FFFD
                ++i;
            } else {
                out.append(s.substr(i, n));
                i += n;
            }
            continue;
        }
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20 || c == 0x7f)
                out += fmt::format("\\u{:04x}", c);
            else
                out += static_cast<char>(c);
        }
        ++i;
    }
    out += '"';
}

void JsonWriter::separate() {
    if (m_need_comma) m_out += ',';
}

JsonWriter& JsonWriter::begin_object() {
    separate();
    m_out += '{';
    m_need_comma = false;
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    m_out += '}';
    m_need_comma = true;
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    separate();
    m_out += '[';
    m_need_comma = false;
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    m_out += ']';
    m_need_comma = true;
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
    separate();
    json_escape(m_out, k);
    m_out += ':';
    m_need_comma = false;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
    separate();
    json_escape(m_out, s);
    m_need_comma = true;
    return *this;
}

JsonWriter& JsonWriter::value(bool b) {
    separate();
    m_out += b ? "true" : "false";
    m_need_comma = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t n) {
    separate();
    m_out += fmt::format("{}", n);
    m_need_comma = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t n) {
    separate();
    m_out += fmt::format("{}", n);
    m_need_comma = true;
    return *this;
}

JsonWriter& JsonWriter::null() {
    separate();
    m_out += "null";
    m_need_comma = true;
    return *this;
}

}  // namespace adx::core

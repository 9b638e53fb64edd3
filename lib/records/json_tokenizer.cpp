// SPDX-License-Identifier: Apache-2.0
#include "records/json_tokenizer.hpp"

#include "core/encoding.hpp"
#include "core/i18n.hpp"
#include "records/text.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

namespace adx::records {

namespace detail {

using core::tr;
using core::trf;

core::Error JsonTokenizer::fail(core::Error e) {
    m_failed = e;
    return e;
}

core::Error JsonTokenizer::syntax(std::uint64_t column, std::string message) {
    return fail(error_at(m_src.name(), m_line, column, "json-syntax", std::move(message)));
}

core::Error JsonTokenizer::unexpected(const char* p) {
    std::string_view rest(p, static_cast<std::size_t>(m_src.data() + m_src.size() - p));
    auto c = static_cast<unsigned char>(*p);
    std::size_t n = c >= 0x21 && c <= 0x7E ? 1 : c >= 0x80 ? core::utf8_sequence_length(rest) : 0;
    if (n == 0)
        return syntax(column_of(p), trf("unexpected byte {byte}", fmt::arg("byte", fmt::format("0x{:02X}", c))));
    return syntax(column_of(p), trf("unexpected character '{char}'", fmt::arg("char", rest.substr(0, n))));
}

std::uint64_t JsonTokenizer::column_of(const char* p) const noexcept {
    return m_column + count_chars({m_src.data(), static_cast<std::size_t>(p - m_src.data())});
}

void JsonTokenizer::advance_one() noexcept {
    ++m_column;
    m_src.consume(1);
}

void JsonTokenizer::after_value() noexcept {
    m_expect = !m_stack.empty() ? Expect::comma : m_multi ? Expect::value : Expect::done;
}

core::Expected<JsonToken> JsonTokenizer::next() {
    if (m_failed) return *m_failed;
    return token();
}

core::Expected<bool> JsonTokenizer::skip_space() {
    if (m_src.size() > 0) {
        char c = *m_src.data();
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return true;
    }
    for (;;) {
        const char* p = m_src.data();
        const char* const end = p + m_src.size();
        const char* const start = p;
        for (; p < end; ++p) {
            if (*p == ' ' || *p == '\t' || *p == '\r') {
                ++m_column;
            } else if (*p == '\n') {
                ++m_line;
                m_column = 1;
            } else {
                break;
            }
        }
        m_src.consume(static_cast<std::size_t>(p - start));
        if (p < end) return true;
        auto more = m_src.fill();
        if (!more) return fail(std::move(more).error());
        if (!*more) return false;
    }
}

core::Expected<JsonToken> JsonTokenizer::token() {
    for (;;) {
        auto have = skip_space();
        if (!have) return std::move(have).error();
        m_token_line = m_line;
        m_token_column = m_column;
        m_token_offset = m_src.offset();
        if (!*have) {
            if (m_expect == Expect::done || (m_multi && m_expect == Expect::value && m_stack.empty()))
                return JsonToken::end;
            return syntax(m_column, tr("unexpected end of input"));
        }
        const char* p = m_src.data();
        const char c = *p;
        switch (m_expect) {
            case Expect::done:
                return syntax(m_column, tr("unexpected text after the JSON value"));
            case Expect::colon:
                if (c != ':') return syntax(m_column, tr("expected ':' after the key"));
                advance_one();
                m_expect = Expect::value;
                continue;
            case Expect::comma: {
                const bool object = m_stack.back() == 'o';
                if (c == ',') {
                    advance_one();
                    m_expect = object ? Expect::key : Expect::value;
                    continue;
                }
                if (c == (object ? '}' : ']')) return close(object ? JsonToken::end_object : JsonToken::end_array);
                return syntax(m_column, object ? tr("expected ',' or '}' after an object member")
                                               : tr("expected ',' or ']' after an array element"));
            }
            case Expect::first_key:
                if (c == '}') return close(JsonToken::end_object);
                [[fallthrough]];
            case Expect::key: {
                if (c != '"') return syntax(m_column, tr("expected a key (a string in double quotes)"));
                auto t = scanned(JsonToken::key);
                if (t) m_expect = Expect::colon;
                return t;
            }
            case Expect::first_value:
                if (c == ']') return close(JsonToken::end_array);
                [[fallthrough]];
            case Expect::value:
                break;
        }
        core::Expected<JsonToken> t = JsonToken::end;
        switch (c) {
            case '{':
                return open('o', JsonToken::begin_object);
            case '[':
                return open('a', JsonToken::begin_array);
            case '"':
                t = scanned(JsonToken::string);
                break;
            case 't':
                t = scanned(JsonToken::true_value, "true");
                break;
            case 'f':
                t = scanned(JsonToken::false_value, "false");
                break;
            case 'n':
                t = scanned(JsonToken::null, "null");
                break;
            default:
                if (c != '-' && (c < '0' || c > '9')) return unexpected(p);
                t = scanned(JsonToken::number);
        }
        if (t) after_value();
        return t;
    }
}

core::Expected<JsonToken> JsonTokenizer::open(char kind, JsonToken token) {
    if (m_stack.size() >= m_limits.max_depth) return fail(too_deep(m_src.name(), m_line, m_column, m_limits.max_depth));
    m_stack += kind;
    advance_one();
    m_expect = kind == 'o' ? Expect::first_key : Expect::first_value;
    return token;
}

JsonToken JsonTokenizer::close(JsonToken token) {
    m_stack.pop_back();
    advance_one();
    after_value();
    return token;
}

core::Expected<JsonToken> JsonTokenizer::scanned(JsonToken token, std::string_view word) {
    for (;;) {
        std::size_t used = 0;
        Scan s = token == JsonToken::key || token == JsonToken::string ? scan_string(used)
                 : token == JsonToken::number                          ? scan_number(used)
                                                                       : scan_literal(word, used);
        if (s == Scan::ok) {
            // Strings hold no line break; numbers and literals are ASCII.
            bool text = token == JsonToken::key || token == JsonToken::string;
            m_column += used - (text ? m_string_cont : 0);
            m_src.consume(used);
            return token;
        }
        if (s == Scan::error) return *m_failed;
        auto more = m_src.fill();
        if (!more) return fail(std::move(more).error());
        if (!*more && !m_src.eof()) return fail(field_too_long(m_src.name(), m_line, m_column, m_limits.max_field));
    }
}

core::Expected<void> JsonTokenizer::skip(JsonToken first) {
    if (first != JsonToken::begin_object && first != JsonToken::begin_array) return {};
    const std::size_t depth = m_stack.size();
    while (m_stack.size() >= depth) {
        auto t = next();
        if (!t) return std::move(t).error();
    }
    return {};
}

}  // namespace detail

bool json_valid(std::string_view text, std::size_t max_depth) {
    detail::Source source(text, "<json>");
    Limits limits;
    limits.max_depth = max_depth;
    limits.max_field = std::numeric_limits<std::size_t>::max();
    detail::JsonTokenizer tokens(source, limits, false);
    for (;;) {
        auto t = tokens.next();
        if (!t) return false;
        if (*t == detail::JsonToken::end) return true;
    }
}

}  // namespace adx::records

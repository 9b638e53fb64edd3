// SPDX-License-Identifier: Apache-2.0
// The JSON tokenizer's scanners: strings (escapes, surrogate pairs, UTF-8),
// numbers and literals. Each scans one token at the front of the window, or
// asks for more bytes (Scan::more) and is then run again from the start.

#include "core/encoding.hpp"
#include "core/i18n.hpp"
#include "records/json_tokenizer.hpp"
#include "records/text.hpp"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace adx::records::detail {

namespace {

using core::tr;
using core::trf;

// The first quote, backslash or control character in [p, end), or end;
// adds the continuation bytes before it to cont.
const char* find_string_special(const char* p, const char* end, std::size_t& cont) noexcept {
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i control = _mm_set1_epi8(0x1F);
    const __m128i below = _mm_set1_epi8(-64);  // 0x80..0xBF as signed bytes
    while (end - p >= 16) {
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                   _mm_cmpeq_epi8(_mm_max_epu8(v, control), control));
        auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
        auto conts = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmplt_epi8(v, below)));
        if (mask != 0) {
            auto k = static_cast<unsigned>(__builtin_ctz(mask));
            cont += bits16(conts & ((1u << k) - 1));
            return p + k;
        }
        cont += bits16(conts);
        p += 16;
    }
#endif
    for (; p < end; ++p) {
        auto c = static_cast<unsigned char>(*p);
        if (c == '"' || c == '\\' || c < 0x20) return p;
        cont += (c & 0xC0) == 0x80;
    }
    return p;
}

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

int hex4(const char* p) noexcept {
    int v = 0;
    for (int i = 0; i < 4; ++i) {
        char c = p[i];
        int d = is_digit(c)              ? c - '0'
                : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                         : -1;
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    auto byte = [&](std::uint32_t b) { out += static_cast<char>(b); };
    if (cp < 0x80) {
        byte(cp);
    } else if (cp < 0x800) {
        byte(0xC0 | (cp >> 6));
        byte(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        byte(0xE0 | (cp >> 12));
        byte(0x80 | ((cp >> 6) & 0x3F));
        byte(0x80 | (cp & 0x3F));
    } else {
        byte(0xF0 | (cp >> 18));
        byte(0x80 | ((cp >> 12) & 0x3F));
        byte(0x80 | ((cp >> 6) & 0x3F));
        byte(0x80 | (cp & 0x3F));
    }
}

}  // namespace

JsonTokenizer::Scan JsonTokenizer::scan_string(std::size_t& used) {
    const char* const begin = m_src.data();
    const char* const end = begin + m_src.size();
    const char* p = begin + 1;
    m_text.clear();
    std::size_t cont = 0;
    for (;;) {
        const char* run = p;
        p = find_string_special(p, end, cont);
        if (p == end && !m_src.eof()) return Scan::more;
        if (p > run) {
            std::string_view text(run, static_cast<std::size_t>(p - run));
            if (!m_src.converting() && !is_ascii(text)) {
                std::size_t bad = core::utf8_invalid_offset(text);
                if (bad != std::string_view::npos) {
                    fail(error_at(
                        m_src.name(), m_line, column_of(run + bad), "encoding",
                        trf("invalid {encoding} byte sequence at byte offset {offset}", fmt::arg("encoding", "UTF-8"),
                            fmt::arg("offset", m_src.offset() + static_cast<std::size_t>(run + bad - begin)))));
                    return Scan::error;
                }
            }
            m_text.append(text);
            if (m_text.size() > m_limits.max_field) {
                fail(field_too_long(m_src.name(), m_line, m_column, m_limits.max_field));
                return Scan::error;
            }
        }
        if (p == end) {
            syntax(m_column, tr("string is not closed before the end of the input"));
            return Scan::error;
        }
        if (*p == '"') {
            used = static_cast<std::size_t>(p + 1 - begin);
            m_string_cont = cont;
            return Scan::ok;
        }
        if (*p != '\\') {
            syntax(column_of(p), trf("control character U+{code} in a string (write it as \\u{code})",
                                     fmt::arg("code", fmt::format("{:04X}", static_cast<unsigned char>(*p)))));
            return Scan::error;
        }
        std::size_t n = 0;
        Scan s = scan_escape(p, end, n);
        if (s != Scan::ok) return s;
        p += n;
    }
}

JsonTokenizer::Scan JsonTokenizer::scan_escape(const char* p, const char* end, std::size_t& used) {
    auto need = [&](std::ptrdiff_t n) { return end - p < n; };
    if (need(2)) {
        if (!m_src.eof()) return Scan::more;
        syntax(m_column, tr("string is not closed before the end of the input"));
        return Scan::error;
    }
    used = 2;
    switch (p[1]) {
        case '"':
            m_text += '"';
            return Scan::ok;
        case '\\':
            m_text += '\\';
            return Scan::ok;
        case '/':
            m_text += '/';
            return Scan::ok;
        case 'b':
            m_text += '\b';
            return Scan::ok;
        case 'f':
            m_text += '\f';
            return Scan::ok;
        case 'n':
            m_text += '\n';
            return Scan::ok;
        case 'r':
            m_text += '\r';
            return Scan::ok;
        case 't':
            m_text += '\t';
            return Scan::ok;
        case 'u':
            break;
        default: {
            std::size_t n =
                std::max<std::size_t>(1, core::utf8_sequence_length({p + 1, static_cast<std::size_t>(end - p - 1)}));
            syntax(column_of(p),
                   trf("invalid escape '\\{char}' in a string", fmt::arg("char", std::string_view(p + 1, n))));
            return Scan::error;
        }
    }
    if (need(6)) {
        if (!m_src.eof()) return Scan::more;
        syntax(column_of(p), tr("a \\u escape needs four hexadecimal digits"));
        return Scan::error;
    }
    int cp = hex4(p + 2);
    if (cp < 0) {
        syntax(column_of(p), tr("a \\u escape needs four hexadecimal digits"));
        return Scan::error;
    }
    used = 6;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (need(12) && !m_src.eof() && (need(7) || p[6] == '\\') && (need(8) || p[7] == 'u')) return Scan::more;
        int low = need(12) || p[6] != '\\' || p[7] != 'u' ? -1 : hex4(p + 8);
        if (low < 0xDC00 || low > 0xDFFF) {
            syntax(column_of(p), tr("a \\u escape holds half of a surrogate pair without the other half"));
            return Scan::error;
        }
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        used = 12;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        syntax(column_of(p), tr("a \\u escape holds half of a surrogate pair without the other half"));
        return Scan::error;
    }
    append_utf8(m_text, static_cast<std::uint32_t>(cp));
    return Scan::ok;
}

JsonTokenizer::Scan JsonTokenizer::scan_number(std::size_t& used) {
    const char* const begin = m_src.data();
    const char* const end = begin + m_src.size();
    const bool eof = m_src.eof();
    const char* p = begin;
    auto digits = [&] {
        const char* d = p;
        while (p < end && is_digit(*p)) ++p;
        return p > d;
    };
    auto invalid = [&](const char* at) {
        syntax(column_of(at), tr("invalid number"));
        return Scan::error;
    };
    if (*p == '-') ++p;
    if (p == end) return eof ? invalid(p) : Scan::more;
    if (*p == '0') {
        ++p;
        if (p == end && !eof) return Scan::more;
        if (p < end && is_digit(*p)) {
            syntax(column_of(begin), tr("a number must not start with a zero (leading zeros are not allowed)"));
            return Scan::error;
        }
    } else if (!digits()) {
        return invalid(p);
    }
    if (p == end && !eof) return Scan::more;
    if (p < end && *p == '.') {
        ++p;
        bool any = digits();
        if (p == end && !eof) return Scan::more;
        if (!any) return invalid(p);
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        ++p;
        if (p < end && (*p == '+' || *p == '-')) ++p;
        bool any = digits();
        if (p == end && !eof) return Scan::more;
        if (!any) return invalid(p);
    }
    auto n = static_cast<std::size_t>(p - begin);
    if (n > m_limits.max_field) {
        fail(field_too_long(m_src.name(), m_line, m_column, m_limits.max_field));
        return Scan::error;
    }
    m_text.assign(begin, n);
    used = n;
    return Scan::ok;
}

JsonTokenizer::Scan JsonTokenizer::scan_literal(std::string_view word, std::size_t& used) {
    std::size_t n = std::min(word.size(), m_src.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (m_src.data()[i] != word[i]) {
            unexpected(m_src.data() + i);
            return Scan::error;
        }
    }
    if (n < word.size()) {
        if (!m_src.eof()) return Scan::more;
        syntax(m_column + n, tr("unexpected end of input"));
        return Scan::error;
    }
    used = word.size();
    return Scan::ok;
}

}  // namespace adx::records::detail

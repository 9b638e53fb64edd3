// SPDX-License-Identifier: Apache-2.0
#include "core/text_reader.hpp"

#include "core/i18n.hpp"

#include <cstdint>
#include <cstring>

namespace adx::core {

namespace {

bool is_ascii(std::string_view s) noexcept {
    // Eight bytes at a time (every line goes through here); the last word may
    // overlap the one before.
    constexpr std::uint64_t high = 0x8080808080808080;
    std::size_t n = s.size();
    std::uint64_t x, any = 0;
    if (n < 8) {
        for (char c : s) any |= static_cast<unsigned char>(c);
        return (any & 0x80) == 0;
    }
    for (std::size_t i = 0; i + 8 <= n; i += 8) {
        std::memcpy(&x, s.data() + i, 8);
        any |= x;
    }
    std::memcpy(&x, s.data() + n - 8, 8);
    return ((any | x) & high) == 0;
}

}  // namespace

TextReader::TextReader(Input& input, Encoding encoding, std::size_t max_line, std::size_t block)
    : m_lines(input, max_line, block), m_name(input.name()), m_encoding(encoding), m_max_line(max_line) {}

Expected<bool> TextReader::next(TextLine& out) {
    if (m_first) {
        m_first = false;
        std::string_view start = m_lines.peek_start();
        // UTF-16 (Windows "Unicode" text) is neither encoding: say so once,
        // instead of a complaint about every line.
        if (start.substr(0, 2) == "\xFF\xFE" || start.substr(0, 2) == "\xFE\xFF") {
            Error e{Exit::data, tr("the input is UTF-16 text; adx reads UTF-8 or GB18030")};
            e.where.file = m_name;
            e.where.line = 1;
            e.rule = "encoding";
            e.hint = tr("convert it first, e.g. iconv -f UTF-16 -t UTF-8");
            return e;
        }
        if (m_encoding == Encoding::auto_detect) {
            if (!is_ascii(start)) {
                auto detected = detect_encoding(start, m_lines.at_eof());
                // Undecidable starts are left to the per-line check below.
                if (detected) m_encoding = *detected;
            }
        }
    }
    Line line;
    auto more = m_lines.next(line);
    if (!more) return std::move(more).error();
    if (!*more) return false;
    out = TextLine{line.text, line.number, line.offset, line.too_long, line.length, false, 0};
    std::string_view text = line.text;
    if (line.number == 1 && text.substr(0, 3) == k_utf8_bom) {
        if (m_encoding == Encoding::auto_detect) m_encoding = Encoding::utf8;
        text.remove_prefix(3);
        out.offset += 3;
        out.text = text;
    }
    if (line.too_long || is_ascii(text)) return true;

    if (m_encoding == Encoding::auto_detect) {
        if (utf8_invalid_offset(text) == std::string_view::npos)
            m_encoding = Encoding::utf8;
        else if (gb18030_invalid_offset(text) == std::string_view::npos)
            m_encoding = Encoding::gb18030;
    }
    switch (m_encoding) {
    case Encoding::utf8:
    case Encoding::auto_detect: {
        std::size_t bad = utf8_invalid_offset(text);
        if (bad != std::string_view::npos) {
            out.bad_bytes = true;
            out.bad_offset = out.offset + bad;
        }
        return true;
    }
    case Encoding::gb18030: {
        if (!m_gb) m_gb.emplace();
        m_scratch.clear();
        std::size_t bad = 0;
        if (!m_gb->decode(text, m_scratch, &bad)) {
            out.bad_bytes = true;
            out.bad_offset = out.offset + bad;
            return true;
        }
        out.text = m_scratch;
        return true;
    }
    }
    return true;
}

Error TextReader::encoding_error(const TextLine& line) const {
    const char* enc = m_encoding == Encoding::gb18030 ? "GB18030" : "UTF-8";
    Error e{Exit::data,
            trf("invalid {encoding} byte sequence at byte offset {offset} (column {column})",
                fmt::arg("encoding", enc), fmt::arg("offset", line.bad_offset),
                fmt::arg("column", line.bad_offset - line.offset + 1))};
    e.where.file = m_name;
    e.where.line = line.number;
    e.rule = "encoding";
    if (m_encoding != Encoding::gb18030) e.hint = tr("if the file is GBK or GB18030, say --encoding gb18030");
    return e;
}

Error TextReader::too_long_error(const TextLine& line) const {
    Error e{Exit::data, trf("line is longer than {limit} bytes", fmt::arg("limit", m_max_line))};
    e.where.file = m_name;
    e.where.line = line.number;
    e.rule = "line-length";
    return e;
}

}  // namespace adx::core

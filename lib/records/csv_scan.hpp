// SPDX-License-Identifier: Apache-2.0
#pragma once
// The inner loop of the CSV reader: find the next delimiter, quote, LF or CR.
// Sixteen bytes at a time with SSE2 where the target has it (every x86-64),
// else a byte table. (Columns are not counted here: a cell keeps the text
// before it on its line, and its column in characters is counted from that
// only when a diagnostic needs it.)

#include "records/text.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace adx::records::detail {

class CsvScanner {
public:
    explicit CsvScanner(char delimiter) noexcept : m_delimiter(delimiter) {
        for (char c : {delimiter, '"', '\n', '\r'}) m_special[static_cast<unsigned char>(c)] = true;
    }

    // The first special byte in [p, end), or end.
    const char* find(const char* p, const char* end) const noexcept {
#if defined(__SSE2__)
        const __m128i d = _mm_set1_epi8(m_delimiter);
        const __m128i q = _mm_set1_epi8('"');
        const __m128i lf = _mm_set1_epi8('\n');
        const __m128i cr = _mm_set1_epi8('\r');
        while (end - p >= 16) {
            __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, d), _mm_cmpeq_epi8(v, q)),
                                       _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
            auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
            if (mask != 0) return p + __builtin_ctz(mask);
            p += 16;
        }
#endif
        for (; p < end; ++p)
            if (m_special[static_cast<unsigned char>(*p)]) break;
        return p;
    }

private:
    char m_delimiter;
    std::array<bool, 256> m_special{};
};

// Finds where records end, for cutting the input into chunks of whole
// records: a line feed outside quotes (a CRLF's LF; a doubled quote inside a
// quoted field flips the state twice). The quote state is all it needs from
// the CSV grammar: where the text is malformed, the chunk with the first
// error starts at a true record end, and parsing stops at that error.
// Positions are offsets from the start of the text; the text may grow
// between calls (scan() goes on where it stopped) and lose its front
// (drop()).
class BoundaryScan {
public:
    explicit BoundaryScan(std::uint64_t max_record) noexcept : m_max_record(max_record) {}

    // Scans text[scanned(), size), pausing at the first record end at or
    // after enough bytes. Stops for good (stopped()) before a record longer
    // than max_record bytes: the reader reports that one.
    void scan(const char* text, std::size_t size, std::size_t enough) noexcept {
        m_enough = enough;
        m_paused = false;
        const char* p = text + m_scanned;
        const char* const end = text + size;
#if defined(__SSE2__)
        const __m128i q = _mm_set1_epi8('"');
        const __m128i lf = _mm_set1_epi8('\n');
        while (!halted() && end - p >= 16) {
            __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            auto quotes = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, q)));
            auto lines = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, lf)));
            if (quotes != 0) {
                bytes(p, p + 16, text);  // rare: quoted fields
            } else {
                for (; lines != 0 && !halted(); lines &= lines - 1)
                    line_feed(static_cast<std::size_t>(p - text) + static_cast<std::size_t>(__builtin_ctz(lines)));
            }
            if (!halted()) p += 16;
        }
#endif
        if (!halted()) bytes(p, end, text);
    }

    std::size_t scanned() const noexcept { return m_scanned; }
    // Bytes up to (and with) the last record end found.
    std::size_t boundary() const noexcept { return m_boundary; }
    // Line feeds in those bytes.
    std::uint64_t boundary_lines() const noexcept { return m_boundary_lines; }
    bool stopped() const noexcept { return m_stopped; }
    // The text lost its first n bytes, n = boundary() (or everything scanned).
    void drop(std::size_t n) noexcept {
        if (n >= m_scanned) {
            m_scanned = m_boundary = 0;
            m_lines = m_boundary_lines = 0;
            m_quoted = false;
            return;
        }
        m_scanned -= n;
        m_boundary -= n;
        m_lines -= m_boundary_lines;
        m_boundary_lines = 0;
    }

private:
    void bytes(const char* p, const char* end, const char* text) noexcept {
        for (; p < end && !halted(); ++p) {
            if (*p == '"') m_quoted = !m_quoted;
            else if (*p == '\n') line_feed(static_cast<std::size_t>(p - text));
        }
        // After a pause the scan goes on after that record end (line_feed
        // said where); after a stop, nowhere: the caller gives up.
        if (!halted()) m_scanned = static_cast<std::size_t>(end - text);
    }
    bool halted() const noexcept { return m_stopped || m_paused; }
    void line_feed(std::size_t at) noexcept {
        if (m_quoted) {
            ++m_lines;
            return;
        }
        if (at + 1 - m_boundary > m_max_record) {
            m_stopped = true;
            return;
        }
        ++m_lines;
        m_boundary = at + 1;
        m_boundary_lines = m_lines;
        if (m_boundary >= m_enough) {
            m_paused = true;
            m_scanned = m_boundary;
        }
    }

    std::uint64_t m_max_record;
    std::size_t m_scanned = 0;
    std::size_t m_boundary = 0;
    std::uint64_t m_lines = 0;
    std::uint64_t m_boundary_lines = 0;
    bool m_quoted = false;
    bool m_stopped = false;
    bool m_paused = false;
    std::size_t m_enough = 0;
};

}  // namespace adx::records::detail

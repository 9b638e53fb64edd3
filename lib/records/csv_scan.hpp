// SPDX-License-Identifier: Apache-2.0
#pragma once
// The inner loop of the CSV reader: find the next delimiter, quote, LF or CR.
// A bit mask of those bytes is made for 64 bytes at a time (with AVX-512 or
// AVX2 where the CPU has them, chosen at run time; else SSE2, which every
// x86-64 has; else from a byte table), and the fields of a record are found in it bit
// by bit: most fields are shorter than 64 bytes, so most take no load. (Columns are not counted here:
// a cell keeps the text before it on its line, and its column in characters
// is counted from that only when a diagnostic needs it.)

#include "core/simd.hpp"
#include "records/text.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace adx::records::detail {

#if defined(__x86_64__) && defined(__GNUC__)
#define ADX_CSV_SIMD 1
// Bit k: p[k] is d, a quote, LF or CR; 32 bytes at a time (AVX2, chosen at
// run time: out of line, as a caller without AVX2 cannot inline it).
__attribute__((target("avx2"))) inline std::uint64_t special_bits_avx2(const char* p, char delimiter) noexcept {
    const __m256i d = _mm256_set1_epi8(delimiter);
    const __m256i q = _mm256_set1_epi8('"');
    const __m256i lf = _mm256_set1_epi8('\n');
    const __m256i cr = _mm256_set1_epi8('\r');
    std::uint64_t m = 0;
    for (unsigned k = 0; k < 2; ++k) {
        __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32 * k));
        __m256i hit = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, d), _mm256_cmpeq_epi8(v, q)),
                                      _mm256_or_si256(_mm256_cmpeq_epi8(v, lf), _mm256_cmpeq_epi8(v, cr)));
        m |= std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(hit))} << (32 * k);
    }
    return m;
}

// Bit k: p[k] is a quote (quotes), a line feed (feeds); as special_bits_avx2.
__attribute__((target("avx2"))) inline void quote_feed_bits_avx2(const char* p, std::uint64_t& quotes,
                                                                 std::uint64_t& feeds) noexcept {
    const __m256i q = _mm256_set1_epi8('"');
    const __m256i lf = _mm256_set1_epi8('\n');
    const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
    // (No lambda here: it would not have AVX2.)
    const auto q_lo = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, q)));
    const auto q_hi = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, q)));
    const auto f_lo = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, lf)));
    const auto f_hi = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, lf)));
    quotes = std::uint64_t{q_lo} | (std::uint64_t{q_hi} << 32);
    feeds = std::uint64_t{f_lo} | (std::uint64_t{f_hi} << 32);
}

// As special_bits_avx2 and quote_feed_bits_avx2, in one 64-byte register
// (AVX-512 BW: a comparison gives the bit mask itself).
__attribute__((target("avx512f,avx512bw"))) inline std::uint64_t special_bits_avx512(const char* p,
                                                                                     char delimiter) noexcept {
    const __m512i v = _mm512_loadu_si512(p);
    return _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(delimiter)) | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('"')) |
           _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\n')) | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\r'));
}
__attribute__((target("avx512f,avx512bw"))) inline void quote_feed_bits_avx512(const char* p, std::uint64_t& quotes,
                                                                               std::uint64_t& feeds) noexcept {
    const __m512i v = _mm512_loadu_si512(p);
    quotes = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('"'));
    feeds = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\n'));
}
#endif

class CsvScanner {
public:
    // simd: the widest vector instructions to use (lower ones for tests).
    explicit CsvScanner(char delimiter, core::Simd simd = core::simd_level()) noexcept
        : m_delimiter(delimiter), m_simd(core::simd_at_most(simd)) {
        for (char c : {delimiter, '"', '\n', '\r'}) m_special[static_cast<unsigned char>(c)] = true;
    }

    // Where find() stands in one text: the block of 64 bytes it last looked
    // at, [base, limit), and its special bytes (bit k: base[k]). A local of
    // the parser, so that it lives in registers.
    struct Cursor {
        const char* base = nullptr;
        const char* limit = nullptr;
        std::uint64_t mask = 0;
    };

    // The first special byte in [p, end), or end. Calls with one cursor
    // must ask about one unchanged text, with p never going back.
    const char* find(Cursor& c, const char* p, const char* end) const noexcept {
        if (p < c.limit) {
            // Within the block of the last call: its bits from p on.
            if (const std::uint64_t m = c.mask >> (p - c.base); m != 0) return p + __builtin_ctzll(m);
            p = c.limit;
        }
        while (end - p >= 64) {
            const std::uint64_t m = block(p);
            c = Cursor{p, p + 64, m};
            if (m != 0) return p + __builtin_ctzll(m);
            p += 64;
        }
        if (p >= end) return end;
        // The last bytes before end, fewer than 64: their bits from the table.
        std::uint64_t m = 0;
        for (const char* b = end; b-- > p;) m = (m << 1) | m_special[static_cast<unsigned char>(*b)];
        c = Cursor{p, end, m};
        return m != 0 ? p + __builtin_ctzll(m) : end;
    }

private:
    // Bit k: p[k] is special.
    std::uint64_t block(const char* p) const noexcept {
#if ADX_CSV_SIMD
        if (m_simd == core::Simd::avx512) return special_bits_avx512(p, m_delimiter);
        if (m_simd == core::Simd::avx2) return special_bits_avx2(p, m_delimiter);
#endif
        std::uint64_t m = 0;
#if defined(__SSE2__)
        if (m_simd == core::Simd::sse2) {
            const __m128i d = _mm_set1_epi8(m_delimiter);
            const __m128i q = _mm_set1_epi8('"');
            const __m128i lf = _mm_set1_epi8('\n');
            const __m128i cr = _mm_set1_epi8('\r');
            for (unsigned k = 0; k < 4; ++k) {
                __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
                __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, d), _mm_cmpeq_epi8(v, q)),
                                           _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
                m |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(hit))} << (16 * k);
            }
            return m;
        }
#endif
        for (unsigned k = 64; k-- > 0;) m = (m << 1) | m_special[static_cast<unsigned char>(p[k])];
        return m;
    }

    char m_delimiter;
    core::Simd m_simd;
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
    // simd: the widest vector instructions to use (lower ones for tests;
    // none: byte by byte).
    explicit BoundaryScan(std::uint64_t max_record, core::Simd simd = core::simd_level()) noexcept
        : m_max_record(max_record), m_simd(core::simd_at_most(simd)) {}

    // Scans text[scanned(), size) for the cut: the last record end at most
    // limit bytes in, or the first one after that if there is none. Pauses
    // (paused()) at the first record end past limit: the cut is known. Stops
    // for good (stopped()) at the end of a record longer than max_record
    // bytes: the reader reports that one.
    void scan(const char* text, std::size_t size, std::size_t limit) noexcept {
        if (m_stopped || m_paused) return;
        std::size_t at = m_scanned;
#if defined(__SSE2__)
        // 64 bytes at a time, as bit masks of quotes and line feeds. The
        // quote state at every byte is the prefix XOR of the quote mask (the
        // bits at and after an odd quote), so a line feed inside quotes is
        // told apart without a loop over the bytes. Only the first record end
        // of a block can close a record longer than max_record when that is
        // at least 64 (smaller limits, in tests, take the byte loop).
        while (m_simd != core::Simd::none && m_max_record >= 64 && size - at >= 64) {
            std::uint64_t quotes = 0, feeds = 0;
            // Ahead of the scan: a mapped file's pages are not contiguous, and
            // the CPU's own prefetching stops at the end of each.
            __builtin_prefetch(text + at + 1024);
            masks(text + at, quotes, feeds);
            const std::uint64_t inside = prefix_xor(quotes) ^ (m_quoted ? ~std::uint64_t{0} : 0);
            m_quoted = (inside >> 63) != 0;
            const std::uint64_t ends = feeds & ~inside;
            if (ends != 0) {
                const auto first = static_cast<unsigned>(__builtin_ctzll(ends));
                if (at + first + 1 - m_last > m_max_record) {
                    m_stopped = true;
                    return;
                }
                // Ends at or before limit: bit k ends a record at at + k + 1.
                const std::uint64_t within = limit >= at + 64 ? ~std::uint64_t{0}
                                             : limit <= at    ? 0
                                                              : (std::uint64_t{1} << (limit - at)) - 1;
                if (const std::uint64_t early = ends & within; early != 0)
                    set_boundary(at, static_cast<unsigned>(63 - __builtin_clzll(early)), feeds);
                if (const std::uint64_t late = ends & ~within; late != 0) {
                    if (m_boundary == 0) set_boundary(at, static_cast<unsigned>(__builtin_ctzll(late)), feeds);
                    pause();
                    return;
                }
                m_last = at + static_cast<unsigned>(63 - __builtin_clzll(ends)) + 1;
            }
            m_lines += bits(feeds);
            at += 64;
        }
#endif
        for (const char* p = text + at; p < text + size; ++p) {
            if (*p == '"') {
                m_quoted = !m_quoted;
            } else if (*p == '\n') {
                if (!line_feed(static_cast<std::size_t>(p - text), limit)) return;
            }
        }
        m_scanned = size;
    }

    std::size_t scanned() const noexcept {
        return m_scanned;
    }
    // Bytes up to (and with) the record end found for the cut; 0: none yet.
    std::size_t boundary() const noexcept {
        return m_boundary;
    }
    // Line feeds in those bytes.
    std::uint64_t boundary_lines() const noexcept {
        return m_boundary_lines;
    }
    bool paused() const noexcept {
        return m_paused;
    }
    bool stopped() const noexcept {
        return m_stopped;
    }
    // The text lost its first n bytes: n = boundary(), or everything.
    void drop(std::size_t n) noexcept {
        m_paused = false;
        if (n >= m_scanned) {
            m_scanned = m_boundary = m_last = 0;
            m_lines = m_boundary_lines = 0;
            m_quoted = false;
            return;
        }
        // Not paused: there is no record end after the boundary in what
        // was scanned.
        m_scanned -= n;
        m_last -= n;
        m_boundary = 0;
        m_lines -= m_boundary_lines;
        m_boundary_lines = 0;
    }

private:
    // The cut after bit k of the block at `at`; feeds: the block's line feeds.
    void set_boundary(std::size_t at, unsigned k, std::uint64_t feeds) noexcept {
        m_boundary = at + k + 1;
        m_boundary_lines = m_lines + bits(k == 63 ? feeds : feeds & ((std::uint64_t{2} << k) - 1));
    }
    // The cut is known: the next scan starts after it, outside quotes.
    void pause() noexcept {
        m_paused = true;
        m_scanned = m_last = m_boundary;
        m_lines = m_boundary_lines;
        m_quoted = false;
    }
    // A line feed at offset at: false when the scan stops or pauses there.
    bool line_feed(std::size_t at, std::size_t limit) noexcept {
        ++m_lines;
        if (m_quoted) return true;
        if (at + 1 - m_last > m_max_record) {
            m_stopped = true;
            return false;
        }
        m_last = at + 1;
        if (at + 1 <= limit || m_boundary == 0) {
            m_boundary = at + 1;
            m_boundary_lines = m_lines;
        }
        if (at + 1 <= limit) return true;
        pause();
        return false;
    }
    static std::size_t bits(std::uint64_t x) noexcept {
        std::size_t n = 0;
        for (; x != 0; x &= x - 1) ++n;  // few: a line feed or two per block
        return n;
    }
    static std::uint64_t prefix_xor(std::uint64_t x) noexcept {
        if (x == 0) return 0;
        for (unsigned shift = 1; shift < 64; shift *= 2) x ^= x << shift;
        return x;
    }
#if defined(__SSE2__)
    void masks(const char* p, std::uint64_t& quotes, std::uint64_t& feeds) const noexcept {
#if ADX_CSV_SIMD
        if (m_simd == core::Simd::avx512) return quote_feed_bits_avx512(p, quotes, feeds);
        if (m_simd == core::Simd::avx2) return quote_feed_bits_avx2(p, quotes, feeds);
#endif
        const __m128i q = _mm_set1_epi8('"');
        const __m128i lf = _mm_set1_epi8('\n');
        for (unsigned k = 0; k < 4; ++k) {
            __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
            quotes |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, q)))} << (16 * k);
            feeds |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, lf)))} << (16 * k);
        }
    }
#endif

    std::uint64_t m_max_record;
    core::Simd m_simd;
    std::size_t m_scanned = 0;
    std::size_t m_boundary = 0;  // the cut so far
    std::size_t m_last = 0;      // the last record end seen (where the next record starts)
    std::uint64_t m_lines = 0;
    std::uint64_t m_boundary_lines = 0;
    bool m_quoted = false;
    bool m_paused = false;
    bool m_stopped = false;
};

}  // namespace adx::records::detail

// SPDX-License-Identifier: Apache-2.0
#pragma once
// The inner loop of the CSV reader: find the next delimiter, quote, LF or CR,
// counting the UTF-8 continuation bytes passed on the way (for columns in
// characters without a second pass). Sixteen bytes at a time with SSE2 where
// the target has it (every x86-64), else a byte table.

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

    // The first special byte in [p, end), or end; adds the continuation bytes
    // before it to cont.
    const char* find(const char* p, const char* end, std::size_t& cont) const noexcept {
#if defined(__SSE2__)
        const __m128i d = _mm_set1_epi8(m_delimiter);
        const __m128i q = _mm_set1_epi8('"');
        const __m128i lf = _mm_set1_epi8('\n');
        const __m128i cr = _mm_set1_epi8('\r');
        const __m128i below = _mm_set1_epi8(-64);  // 0x80..0xBF as signed bytes
        while (end - p >= 16) {
            __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, d), _mm_cmpeq_epi8(v, q)),
                                       _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
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
            if (m_special[c]) break;
            cont += (c & 0xC0) == 0x80;
        }
        return p;
    }

private:
    char m_delimiter;
    std::array<bool, 256> m_special{};
};

}  // namespace adx::records::detail

// SPDX-License-Identifier: Apache-2.0
#include "ids/normalize.hpp"

#include <array>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace adx::ids {

namespace {

// The bytes of an identifier already in normal form: digits, capitals and
// the dot. A table lookup per byte (every identifier of every record comes
// through here, almost always already normal).
constexpr auto k_plain = [] {
    std::array<bool, 256> t{};
    for (char c = '0'; c <= '9'; ++c) t[static_cast<unsigned char>(c)] = true;
    for (char c = 'A'; c <= 'Z'; ++c) t[static_cast<unsigned char>(c)] = true;
    t['.'] = true;
    return t;
}();

bool plain(std::string_view in) noexcept {
    const char* p = in.data();
    std::size_t n = in.size();
#if defined(__SSE2__)
    // Sixteen bytes at a time (a credit code or an identity number is 18):
    // each byte a digit, a capital or a dot. Signed compares: bytes from
    // 0x80 are negative, below every range.
    for (; n >= 16; p += 16, n -= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        auto within = [v](char lo, char hi) {
            return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(lo - 1))),
                                 _mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(hi + 1))));
        };
        const __m128i ok =
            _mm_or_si128(_mm_or_si128(within('0', '9'), within('A', 'Z')), _mm_cmpeq_epi8(v, _mm_set1_epi8('.')));
        if (_mm_movemask_epi8(ok) != 0xFFFF) return false;
    }
#endif
    bool ok = true;
    for (; n > 0; ++p, --n) ok &= k_plain[static_cast<unsigned char>(*p)];
    return ok;
}

}  // namespace

std::string_view normalize(std::string_view in, std::string& out) {
    if (plain(in)) return in;
    out.clear();
    std::size_t i = 0;
    while (i < in.size()) {
        auto c = static_cast<unsigned char>(in[i]);
        if (c < 0x80) {
            ++i;
            if (c == ' ' || c == '\t' || c == '-' || c == '\r' || c == '\n' || c == '\f' || c == '\v') continue;
            out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
            continue;
        }
        unsigned b1 = i + 1 < in.size() ? static_cast<unsigned char>(in[i + 1]) : 0u;
        unsigned b2 = i + 2 < in.size() ? static_cast<unsigned char>(in[i + 2]) : 0u;
        // U+00A0 no-break space
        if (c == 0xC2 && b1 == 0xA0) {
            i += 2;
            continue;
        }
        if (c == 0xE3 && b1 == 0x80 && b2 == 0x80) {  // U+3000 ideographic space
            i += 3;
            continue;
        }
        // U+2010..U+2015 hyphens and dashes, U+2212 minus
        if ((c == 0xE2 && b1 == 0x80 && b2 >= 0x90 && b2 <= 0x95) || (c == 0xE2 && b1 == 0x88 && b2 == 0x92)) {
            i += 3;
            continue;
        }
        // U+FF01..U+FF5E full-width ASCII: EF BC 81..BF, EF BD 80..9E
        if (c == 0xEF && (b1 == 0xBC || b1 == 0xBD) && b2 >= 0x80 && b2 <= 0xBF) {
            unsigned cp = 0xFF00u + ((b1 == 0xBC) ? (b2 - 0x80u) : (0x40u + b2 - 0x80u));
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                char a = static_cast<char>(cp - 0xFF01 + 0x21);
                i += 3;
                if (a == '-') continue;
                out += (a >= 'a' && a <= 'z') ? static_cast<char>(a - 'a' + 'A') : a;
                continue;
            }
        }
        // Anything else is kept as it is, for the checker to reject by name.
        out += static_cast<char>(c);
        ++i;
    }
    return out;
}

}  // namespace adx::ids

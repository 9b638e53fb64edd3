// SPDX-License-Identifier: Apache-2.0
#include "core/encoding.hpp"

#include "core/i18n.hpp"
#include "core/simd.hpp"

#include <iconv.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include <cerrno>
#include <cstring>

namespace adx::core {

const char* encoding_name(Encoding e) noexcept {
    switch (e) {
    case Encoding::auto_detect: return "auto";
    case Encoding::utf8: return "utf-8";
    case Encoding::gb18030: return "gb18030";
    }
    return "auto";
}

Expected<Encoding> parse_encoding(std::string_view name) {
    std::string n;
    for (char c : name) n += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (n == "auto") return Encoding::auto_detect;
    if (n == "utf-8" || n == "utf8") return Encoding::utf8;
    if (n == "gb18030" || n == "gbk" || n == "gb2312") return Encoding::gb18030;
    return Error{Exit::usage, trf("unknown encoding '{name}' (use auto, utf-8 or gb18030)", fmt::arg("name", name))};
}

std::size_t utf8_sequence_length(std::string_view s) noexcept {
    if (s.empty()) return 0;
    auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    unsigned char c = b(0);
    if (c < 0x80) return 1;
    auto cont = [&](std::size_t i) { return i < s.size() && (b(i) & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2)) return 0;
        if (c == 0xE0 && b(1) < 0xA0) return 0;   // overlong
        if (c == 0xED && b(1) >= 0xA0) return 0;  // surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3)) return 0;
        if (c == 0xF0 && b(1) < 0x90) return 0;   // overlong
        if (c == 0xF4 && b(1) >= 0x90) return 0;  // beyond U+10FFFF
        return 4;
    }
    return 0;
}

namespace {

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define ADX_UTF8_SIMD 1

// Whether text is well-formed UTF-8, 32 (AVX2) or 64 (AVX-512) bytes at a
// time, chosen at run time: the lookup-table method of Keiser and Lemire,
// "Validating UTF-8 in less than one instruction per byte" (2021). Each byte
// is classified with the byte before it (three table lookups on nibbles,
// whose AND is non-zero for an invalid pair), and the bytes that must be the
// second or third continuation of a three- or four-byte sequence are matched
// against those that are. The tail is padded with ASCII, so a sequence cut
// off by the end is invalid.
namespace utf8_tables {
constexpr char too_short = 1 << 0, too_long = 1 << 1, overlong_3 = 1 << 2, too_large = 1 << 3;
constexpr char surrogate = 1 << 4, overlong_2 = 1 << 5, too_large_1000 = 1 << 6, overlong_4 = 1 << 6;
constexpr char two_conts = static_cast<char>(1 << 7);
constexpr char carry = too_short | too_long | two_conts;
constexpr char large = carry | too_large | too_large_1000;
// By the high nibble of the first byte of a pair: 0-7 ASCII, 8-B a
// continuation, C-D a two-byte lead, E a three-byte lead, F a four-byte
// one; by its low nibble; by the high nibble of the second byte: 0-7
// ASCII, 8-B a continuation (1000, 1001, 101x), C-F a lead.
constexpr char cont_1000 = too_long | overlong_2 | two_conts | overlong_3 | too_large_1000 | overlong_4;
constexpr char cont_1001 = too_long | overlong_2 | two_conts | overlong_3 | too_large;
constexpr char cont_101 = too_long | overlong_2 | two_conts | surrogate | too_large;
// clang-format off
alignas(16) constexpr char k_byte_1_high[16] = {
    too_long, too_long, too_long, too_long, too_long, too_long, too_long, too_long,
    two_conts, two_conts, two_conts, two_conts,
    too_short | overlong_2, too_short, too_short | overlong_3 | surrogate,
    too_short | too_large | too_large_1000 | overlong_4};
alignas(16) constexpr char k_byte_1_low[16] = {
    carry | overlong_3 | overlong_2 | overlong_4, carry | overlong_2, carry, carry,
    carry | too_large, large, large, large,
    large, large, large, large,
    large, large | surrogate, large, large};
alignas(16) constexpr char k_byte_2_high[16] = {
    too_short, too_short, too_short, too_short, too_short, too_short, too_short, too_short,
    cont_1000, cont_1001, cont_101, cont_101,
    too_short, too_short, too_short, too_short};
// clang-format on
// Lead bytes of three- and four-byte sequences, less 0x80: a byte two (three)
// back at or above E0 (F0) makes this one a must-be continuation.
constexpr char k_third = static_cast<char>(0xE0 - 0x80), k_fourth = static_cast<char>(0xF0 - 0x80);
}  // namespace utf8_tables

__attribute__((target("avx2"))) bool utf8_valid_avx2(const char* p, std::size_t n) noexcept {
    using namespace utf8_tables;
    // The same table in both 128-bit lanes (a shuffle looks up within its lane).
    const __m256i byte_1_high =
        _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(k_byte_1_high)));
    const __m256i byte_1_low =
        _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(k_byte_1_low)));
    const __m256i byte_2_high =
        _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(k_byte_2_high)));
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    const __m256i third = _mm256_set1_epi8(k_third);
    const __m256i fourth = _mm256_set1_epi8(k_fourth);
    const __m256i high = _mm256_set1_epi8(static_cast<char>(0x80));
    __m256i prev = _mm256_setzero_si256();
    __m256i error = _mm256_setzero_si256();
    // The whole blocks of p, then the rest padded with zeros (two blocks
    // when a sequence starting in the rest's last three bytes may cross).
    const std::size_t whole = n / 32 * 32;
    alignas(32) char tail[64] = {};
    std::memcpy(tail, p + whole, n - whole);
    const std::size_t blocks = whole / 32 + (n - whole >= 29 ? 2 : 1);
    for (std::size_t b = 0; b < blocks; ++b) {
        const char* at = b * 32 < whole ? p + b * 32 : tail + (b * 32 - whole);
        const __m256i in = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(at));
        // The bytes before each byte: 1, 2 and 3 back, across the previous block.
        __m256i carried = _mm256_permute2x128_si256(prev, in, 0x21);
        __m256i prev1 = _mm256_alignr_epi8(in, carried, 15);
        __m256i prev2 = _mm256_alignr_epi8(in, carried, 14);
        __m256i prev3 = _mm256_alignr_epi8(in, carried, 13);
        __m256i b1h = _mm256_shuffle_epi8(byte_1_high, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), nibble));
        __m256i b1l = _mm256_shuffle_epi8(byte_1_low, _mm256_and_si256(prev1, nibble));
        __m256i b2h = _mm256_shuffle_epi8(byte_2_high, _mm256_and_si256(_mm256_srli_epi16(in, 4), nibble));
        __m256i special = _mm256_and_si256(_mm256_and_si256(b1h, b1l), b2h);
        __m256i must23 = _mm256_or_si256(_mm256_subs_epu8(prev2, third), _mm256_subs_epu8(prev3, fourth));
        error = _mm256_or_si256(error, _mm256_xor_si256(_mm256_and_si256(must23, high), special));
        prev = in;
    }
    return _mm256_testz_si256(error, error) != 0;
}

// (GCC 12's AVX-512 headers trip -W[maybe-]uninitialized in _mm512_undefined_epi32.)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#if !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
// As utf8_valid_avx2, 64 bytes at a time: about 1.6 times as fast on text in
// the cache. The block before each 128-bit lane comes from valignq.
__attribute__((target("avx512f,avx512bw"))) bool utf8_valid_avx512(const char* p, std::size_t n) noexcept {
    using namespace utf8_tables;
    const __m512i byte_1_high = _mm512_broadcast_i32x4(_mm_load_si128(reinterpret_cast<const __m128i*>(k_byte_1_high)));
    const __m512i byte_1_low = _mm512_broadcast_i32x4(_mm_load_si128(reinterpret_cast<const __m128i*>(k_byte_1_low)));
    const __m512i byte_2_high = _mm512_broadcast_i32x4(_mm_load_si128(reinterpret_cast<const __m128i*>(k_byte_2_high)));
    const __m512i nibble = _mm512_set1_epi8(0x0F);
    const __m512i third = _mm512_set1_epi8(k_third);
    const __m512i fourth = _mm512_set1_epi8(k_fourth);
    const __m512i high = _mm512_set1_epi8(static_cast<char>(0x80));
    __m512i prev = _mm512_setzero_si512();
    __m512i error = _mm512_setzero_si512();
    const std::size_t whole = n / 64 * 64;
    alignas(64) char tail[128] = {};
    std::memcpy(tail, p + whole, n - whole);
    const std::size_t blocks = whole / 64 + (n - whole >= 61 ? 2 : 1);
    for (std::size_t b = 0; b < blocks; ++b) {
        const char* at = b * 64 < whole ? p + b * 64 : tail + (b * 64 - whole);
        const __m512i in = _mm512_loadu_si512(at);
        // Each lane of carried: the lane before it (the last of prev for the first).
        const __m512i carried = _mm512_alignr_epi64(in, prev, 6);
        const __m512i prev1 = _mm512_alignr_epi8(in, carried, 15);
        const __m512i b1h = _mm512_shuffle_epi8(byte_1_high, _mm512_and_si512(_mm512_srli_epi16(prev1, 4), nibble));
        const __m512i b1l = _mm512_shuffle_epi8(byte_1_low, _mm512_and_si512(prev1, nibble));
        const __m512i b2h = _mm512_shuffle_epi8(byte_2_high, _mm512_and_si512(_mm512_srli_epi16(in, 4), nibble));
        const __m512i must23 = _mm512_or_si512(_mm512_subs_epu8(_mm512_alignr_epi8(in, carried, 14), third),
                                               _mm512_subs_epu8(_mm512_alignr_epi8(in, carried, 13), fourth));
        // error |= (must23 & 0x80) ^ (b1h & b1l & b2h), two ternary-logic steps.
        const __m512i special = _mm512_ternarylogic_epi32(b1h, b1l, b2h, 0x80);                   // a & b & c
        error = _mm512_ternarylogic_epi32(error, _mm512_and_si512(must23, high), special, 0xF6);  // a | (b ^ c)
        prev = in;
    }
    return _mm512_test_epi8_mask(error, error) == 0;
}
#pragma GCC diagnostic pop
#endif

}  // namespace

bool utf8_valid_with(std::string_view s, Simd level) noexcept {
#ifdef ADX_UTF8_SIMD
    level = simd_at_most(level);
    if (level == Simd::avx512) return utf8_valid_avx512(s.data(), s.size());
    if (level == Simd::avx2) return utf8_valid_avx2(s.data(), s.size());
#else
    (void)level;
#endif
    return utf8_invalid_offset_bytewise(s) == std::string_view::npos;
}

std::size_t utf8_invalid_offset(std::string_view s) noexcept {
#ifdef ADX_UTF8_SIMD
    // Valid text (nearly all of it) is confirmed fast; invalid text is
    // looked at again below, for the offset.
    static const Simd level = simd_level();
    if (s.size() >= 16 && level >= Simd::avx2 && utf8_valid_with(s, level)) return std::string_view::npos;
#endif
    return utf8_invalid_offset_bytewise(s);
}

std::size_t utf8_invalid_offset_bytewise(std::string_view s) noexcept {
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        // ASCII fast path, eight bytes at a time.
        while (i + 8 <= n) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            if (w & 0x8080808080808080ULL) break;
            i += 8;
        }
        if (i >= n) break;
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        // Inline the common case of Chinese text: a three-byte sequence
        // E1–EC or EE–EF with two continuation bytes (no overlong or
        // surrogate forms are possible with these lead bytes).
        if (i + 2 < n && ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) &&
            (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80 &&
            (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        std::size_t len = utf8_sequence_length(s.substr(i));
        if (len == 0) return i;
        i += len;
    }
    return std::string_view::npos;
}

std::size_t gb18030_invalid_offset(std::string_view s) noexcept {
    auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    std::size_t i = 0;
    while (i < s.size()) {
        unsigned char c = b(i);
        if (c < 0x80) {
            ++i;
            continue;
        }
        if (c == 0x80 || c == 0xFF || i + 1 >= s.size()) return i;
        unsigned char c2 = b(i + 1);
        if ((c2 >= 0x40 && c2 <= 0x7E) || (c2 >= 0x80 && c2 <= 0xFE)) {
            i += 2;
            continue;
        }
        if (c2 >= 0x30 && c2 <= 0x39 && i + 3 < s.size()) {
            unsigned char c3 = b(i + 2), c4 = b(i + 3);
            if (c3 >= 0x81 && c3 <= 0xFE && c4 >= 0x30 && c4 <= 0x39) {
                i += 4;
                continue;
            }
        }
        return i;
    }
    return std::string_view::npos;
}

namespace {

// A sample that ends inside a multi-byte sequence is not evidence against an
// encoding: trim up to three trailing bytes before judging.
std::size_t invalid_ignoring_cut(std::string_view sample, bool whole, std::size_t (*check)(std::string_view) noexcept) {
    std::size_t bad = check(sample);
    if (whole || bad == std::string_view::npos || bad + 4 <= sample.size()) return bad;
    return check(sample.substr(0, bad));
}

}  // namespace

Expected<Encoding> detect_encoding(std::string_view sample, bool sample_is_whole) {
    if (sample.substr(0, 3) == k_utf8_bom) return Encoding::utf8;
    std::size_t bad_utf8 = invalid_ignoring_cut(sample, sample_is_whole, utf8_invalid_offset);
    if (bad_utf8 == std::string_view::npos) return Encoding::utf8;
    std::size_t bad_gb = invalid_ignoring_cut(sample, sample_is_whole, gb18030_invalid_offset);
    if (bad_gb == std::string_view::npos) return Encoding::gb18030;
    Error e{Exit::data, trf("not UTF-8 or GB18030 text: invalid byte sequence at byte offset {offset}",
                            fmt::arg("offset", bad_utf8))};
    e.rule = "encoding";
    return e;
}

struct Gb18030Decoder::Impl {
    iconv_t cd = reinterpret_cast<iconv_t>(-1);  // NOLINT(performance-no-int-to-ptr)
};

Gb18030Decoder::Gb18030Decoder() : m_impl(std::make_unique<Impl>()) {
    m_impl->cd = iconv_open("UTF-8", "GB18030");
}

Gb18030Decoder::~Gb18030Decoder() {
    if (m_impl->cd != reinterpret_cast<iconv_t>(-1)) iconv_close(m_impl->cd);  // NOLINT(performance-no-int-to-ptr)
}

bool Gb18030Decoder::decode(std::string_view in, std::string& out, std::size_t* bad_offset) {
    // Structural check first: iconv's error offsets are implementation details.
    if (std::size_t bad = gb18030_invalid_offset(in); bad != std::string_view::npos) {
        if (bad_offset) *bad_offset = bad;
        return false;
    }
    if (m_impl->cd == reinterpret_cast<iconv_t>(-1)) {  // NOLINT(performance-no-int-to-ptr)
        if (bad_offset) *bad_offset = 0;
        return false;
    }
    iconv(m_impl->cd, nullptr, nullptr, nullptr, nullptr);
    std::size_t start = out.size();
    out.resize(start + in.size() * 2 + 16);  // UTF-8 needs at most 2x here (4-byte stays 4)
    char* src = const_cast<char*>(in.data());  // NOLINT(cppcoreguidelines-pro-type-const-cast): iconv's signature
    std::size_t src_left = in.size();
    char* dst = out.data() + start;
    std::size_t dst_left = out.size() - start;
    while (src_left > 0) {
        if (iconv(m_impl->cd, &src, &src_left, &dst, &dst_left) == static_cast<std::size_t>(-1)) {
            if (errno == E2BIG) {
                std::size_t used = static_cast<std::size_t>(dst - out.data());
                out.resize(out.size() * 2);
                dst = out.data() + used;
                dst_left = out.size() - used;
                continue;
            }
            if (bad_offset) *bad_offset = in.size() - src_left;
            out.resize(start);
            return false;
        }
    }
    out.resize(static_cast<std::size_t>(dst - out.data()));
    return true;
}

Expected<std::string> utf8_to_gb18030(std::string_view in) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1))  // NOLINT(performance-no-int-to-ptr)
        return Error{Exit::software, tr("the GB18030 converter is not available")};
    std::string out(in.size() * 2 + 16, '\0');
    char* src = const_cast<char*>(in.data());  // NOLINT(cppcoreguidelines-pro-type-const-cast)
    std::size_t src_left = in.size();
    char* dst = out.data();
    std::size_t dst_left = out.size();
    std::size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
    iconv_close(cd);
    if (rc == static_cast<std::size_t>(-1))
        return Error{Exit::data, trf("cannot convert to GB18030 at byte offset {offset}",
                                     fmt::arg("offset", in.size() - src_left))};
    out.resize(static_cast<std::size_t>(dst - out.data()));
    return out;
}

}  // namespace adx::core

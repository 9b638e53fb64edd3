// SPDX-License-Identifier: Apache-2.0
#pragma once
// Text encodings of district exports: UTF-8 (with or without BOM) or
// GB18030 (a superset of GBK and GB2312). adx works in UTF-8 internally.

#include "core/error.hpp"
#include "core/simd.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace adx::core {

enum class Encoding { auto_detect, utf8, gb18030 };

// "utf-8", "gb18030", "auto".
const char* encoding_name(Encoding e) noexcept;
// Parses --encoding values (case-insensitive; "gbk" and "gb2312" mean gb18030).
Expected<Encoding> parse_encoding(std::string_view name);

inline constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

// Length of the well-formed UTF-8 sequence at the start of s (1..4), or 0 if
// it is not well-formed (overlong, surrogate, beyond U+10FFFF, truncated).
std::size_t utf8_sequence_length(std::string_view s) noexcept;

// Offset of the first byte that is not well-formed UTF-8, or npos.
std::size_t utf8_invalid_offset(std::string_view s) noexcept;
// The same, a byte at a time: the reference for the vector paths.
std::size_t utf8_invalid_offset_bytewise(std::string_view s) noexcept;
// Whether s is well-formed UTF-8, by the vector path of level (or the widest
// below it that this CPU has; none and sse2: byte by byte). For tests.
bool utf8_valid_with(std::string_view s, Simd level) noexcept;

// Offset of the first byte that is not well-formed GB18030 (byte structure
// of one-, two- and four-byte sequences), or npos. A sequence cut off at the
// end of s is invalid.
std::size_t gb18030_invalid_offset(std::string_view s) noexcept;

// Decide the encoding of a sample (the start of a stream). A UTF-8 BOM or
// well-formed UTF-8 means UTF-8; otherwise well-formed GB18030 means GB18030;
// otherwise the sample is not text in either, and the error says where.
Expected<Encoding> detect_encoding(std::string_view sample, bool sample_is_whole);

// Converts GB18030 to UTF-8 (iconv). Not thread-safe; one per stream.
class Gb18030Decoder {
public:
    Gb18030Decoder();
    ~Gb18030Decoder();
    Gb18030Decoder(const Gb18030Decoder&) = delete;
    Gb18030Decoder& operator=(const Gb18030Decoder&) = delete;
    // Appends the UTF-8 form of in to out. On an invalid sequence returns false
    // and sets *bad_offset to its offset within in.
    bool decode(std::string_view in, std::string& out, std::size_t* bad_offset);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Converts UTF-8 to GB18030 (for output asked in GB18030).
Expected<std::string> utf8_to_gb18030(std::string_view in);

}  // namespace adx::core

// SPDX-License-Identifier: Apache-2.0
#pragma once
// Lines of text in UTF-8, whatever the input's encoding: UTF-8 (a BOM is
// dropped) or GB18030, given or detected. Detection looks at the first block
// of the input; if that is plain ASCII, the first line with other bytes
// decides. A line that is not valid in the stream's encoding is returned with
// bad_bytes set, so that the caller reports it and carries on.

#include "core/encoding.hpp"
#include "core/input.hpp"

#include <optional>
#include <string>

namespace adx::core {

struct TextLine {
    std::string_view text;     // UTF-8 (raw bytes when bad_bytes)
    std::uint64_t number = 0;  // 1-based line number
    std::uint64_t offset = 0;  // byte offset of the line in the input
    bool too_long = false;
    std::uint64_t length = 0;      // bytes in the input line
    bool bad_bytes = false;        // not valid in the stream's encoding
    std::uint64_t bad_offset = 0;  // byte offset of the first bad byte in the input
};

class TextReader {
public:
    // block: the read size (LineReader); small blocks are for tests and fuzzing.
    TextReader(Input& input, Encoding encoding, std::size_t max_line = 1 << 20, std::size_t block = 1 << 20);
    Expected<bool> next(TextLine& line);
    // The encoding in use (auto_detect until decided).
    Encoding encoding() const noexcept { return m_encoding; }
    const std::string& name() const noexcept { return m_name; }

    // "FILE:LINE: invalid UTF-8 byte sequence at byte offset N (column C)" etc.
    Error encoding_error(const TextLine& line) const;
    Error too_long_error(const TextLine& line) const;

private:
    LineReader m_lines;
    std::string m_name;
    Encoding m_encoding;
    std::size_t m_max_line;
    bool m_first = true;
    std::optional<Gb18030Decoder> m_gb;
    std::string m_scratch;
};

}  // namespace adx::core

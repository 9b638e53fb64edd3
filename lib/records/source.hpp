// SPDX-License-Identifier: Apache-2.0
#pragma once
// The bytes under a text reader: a window over the input, filled in blocks,
// that a parser consumes from the front. GB18030 input is converted to UTF-8
// here, a block at a time (cut at character boundaries), so that the parsers
// above only ever see UTF-8; UTF-8 input is passed through untouched and the
// parsers validate it where they look at it anyway.
//
// A parser that runs out of bytes in the middle of a token or record calls
// fill() and starts that token again: the window keeps everything not yet
// consumed (up to max_window bytes), and may move it.

#include "core/encoding.hpp"
#include "core/error.hpp"
#include "core/input.hpp"
#include "core/mapped.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace adx::records::detail {

class Source {
public:
    Source(core::Input& input, std::size_t block, std::size_t max_window);
    // All of the input at once, already in memory (tests, json_valid).
    Source(std::string_view whole, std::string name);
    // A chunk of a larger input, not copied (it must outlive the source):
    // offset is the stream offset of its first byte; converted says the text
    // was converted from GB18030 (see converting()).
    Source(std::string_view chunk, std::string name, std::uint64_t offset, bool converted);

    // Reads the first block, refuses UTF-16, skips a UTF-8 BOM and settles
    // the encoding: requested, or detected when auto_detect (ASCII and text
    // that is neither encoding count as UTF-8: the parser then reports the
    // bad bytes where they are). Call once, before anything else.
    core::Expected<core::Encoding> start(core::Encoding requested);

    const std::string& name() const noexcept { return m_name; }
    const char* data() const noexcept { return (m_chunk ? m_chunk : m_buf.data()) + m_begin; }
    std::size_t size() const noexcept { return m_end - m_begin; }
    std::string_view view() const noexcept { return {data(), size()}; }
    // Nothing more will come after the bytes in the window.
    bool eof() const noexcept { return m_eof; }
    // Stream offset of data() (in the UTF-8 text when converting).
    std::uint64_t offset() const noexcept { return m_offset; }
    // True when the parser sees converted text (already valid UTF-8).
    bool converting() const noexcept { return m_converted || m_gb.has_value(); }
    void consume(std::size_t n) noexcept {
        m_begin += n;
        m_offset += n;
    }
    // Consumes the first n bytes by handing them over without a copy: the
    // window's buffer goes to out, and out's buffer (whatever it held)
    // becomes the window's, with the bytes after those n copied to its
    // front. Returns the n bytes, in out. Not for a borrowed chunk. When
    // mapped, returns them in the mapping (out is left alone), which stays
    // until the source goes; pages far enough behind are given back.
    std::string_view hand_over(std::size_t n, std::vector<char>& out);
    // From here on, takes the rest of the input from a mapping of the file
    // instead of reading it (no copy: hand_over() returns views into the
    // mapping), when the input is a regular file with at least min_size
    // bytes left and its text is not converted. false: reading goes on.
    bool map_rest(std::uint64_t min_size);
    // Adds bytes behind the unconsumed ones (which may move: take data()
    // again). false when nothing was added: at the end of the input (eof()),
    // or because the window is full (max_window unconsumed bytes). Errors:
    // Exit::io, and Exit::data for bytes that are not GB18030 when converting
    // (reported once every byte before them has been delivered).
    core::Expected<bool> fill();

private:
    bool make_room();
    core::Expected<std::size_t> read_raw(char* to, std::size_t n);
    core::Expected<bool> fill_converted();
    core::Expected<bool> stage();
    void count_lines(std::string_view utf8) noexcept;

    core::Input* m_input = nullptr;
    std::string m_name;
    std::size_t m_block;
    std::size_t m_max_window;
    std::vector<char> m_buf;
    const char* m_chunk = nullptr;  // the borrowed or mapped text, instead of m_buf
    std::optional<core::Mapping> m_map;
    bool m_converted = false;
    std::size_t m_begin = 0, m_end = 0;
    std::uint64_t m_offset = 0;
    bool m_eof = false;

    // GB18030: raw bytes not yet converted, converted bytes not yet in the
    // window, and where the raw text stands (for the error on bad bytes).
    std::optional<core::Gb18030Decoder> m_gb;
    std::string m_raw;
    std::size_t m_raw_pos = 0;
    bool m_raw_eof = false;
    std::string m_staged;
    std::size_t m_staged_pos = 0;
    std::uint64_t m_raw_offset = 0;  // input offset of m_raw[m_raw_pos]
    std::uint64_t m_raw_line = 1;
    std::uint64_t m_raw_column = 1;
    std::optional<core::Error> m_bad;
};

}  // namespace adx::records::detail

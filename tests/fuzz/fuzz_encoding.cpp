// SPDX-License-Identifier: Apache-2.0
// Encoding detection and validation, GB18030 decoding, and line reading over
// a memfd with small blocks and line limits. The first input byte picks the
// limits; the rest is the text.

#include "core/encoding.hpp"
#include "core/input.hpp"
#include "core/text_reader.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace adx::core;

namespace {

constexpr std::size_t npos = std::string_view::npos;

void check(bool ok) {
    if (!ok) std::abort();
}

// A fresh Input reading text: a memfd, opened again through /proc.
struct MemInput {
    explicit MemInput(std::string_view text) {
        fd = ::memfd_create("fuzz", MFD_CLOEXEC);
        check(fd >= 0);
        check(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    }
    ~MemInput() { ::close(fd); }
    Input open() const { return std::move(Input::open("/proc/self/fd/" + std::to_string(fd)).value()); }
    int fd = -1;
};

void encodings(std::string_view s) {
    std::size_t utf8_bad = utf8_invalid_offset(s);
    std::size_t gb_bad = gb18030_invalid_offset(s);
    check(utf8_bad == npos || utf8_bad < s.size());
    check(gb_bad == npos || gb_bad < s.size());
    for (std::size_t i = 0; i < s.size() && i < utf8_bad;) {
        std::size_t n = utf8_sequence_length(s.substr(i));
        check(n >= 1 && n <= 4);
        i += n;
    }
    auto whole = detect_encoding(s, true);
    auto part = detect_encoding(s, false);
    if (utf8_bad == npos) check(whole && *whole == Encoding::utf8);
    if (whole) check(*whole == Encoding::utf8 || *whole == Encoding::gb18030);
    (void)part.has_value();

    Gb18030Decoder gb;
    std::string out = "x";
    std::size_t bad = npos;
    if (gb.decode(s, out, &bad)) {
        check(utf8_invalid_offset(out) == npos);
        auto again = utf8_to_gb18030(std::string_view(out).substr(1));
        if (again) check(*again == s);
    } else {
        check(bad < s.size());
    }
    // The decoder is reused for every line of a stream.
    std::string out2;
    (void)gb.decode("\xD6\xD0\xCE\xC4", out2, &bad);
    check(out2 == "\xE4\xB8\xAD\xE6\x96\x87");
}

void lines(const MemInput& mem, std::string_view s, std::size_t max_line, std::size_t block) {
    Input input = mem.open();
    LineReader reader(input, max_line, block);
    check(s.substr(0, reader.peek_start().size()) == reader.peek_start());
    Line line;
    std::uint64_t start = 0, number = 0;
    for (;;) {
        auto more = reader.next(line);
        if (!more) {
            // The one error a reader over memory may give: UTF-16 input,
            // refused before the first line.
            check(more.error().rule == "encoding" && number == 0);
            break;
        }
        if (!*more) break;
        // Each line starts after the previous one's newline, holds its own
        // bytes, and at most max_line of them.
        check(line.number == ++number);
        check(line.offset == start);
        check(line.text.size() <= max_line && line.text.size() <= line.length);
        check(line.text == s.substr(line.offset, line.text.size()));
        check(line.text.find('\n') == npos);
        if (!line.too_long) {
            std::string_view rest = s.substr(line.offset + line.text.size());
            check(rest.empty() || rest == "\r" || rest[0] == '\n' || rest.substr(0, 2) == "\r\n");
        }
        std::size_t nl = s.find('\n', line.offset);
        start = nl == npos ? s.size() : nl + 1;
    }
    check(start == s.size());
}

void text(const MemInput& mem, Encoding enc, std::size_t max_line, std::size_t block) {
    Input input = mem.open();
    TextReader reader(input, enc, max_line, block);
    TextLine line;
    std::uint64_t number = 0;
    for (;;) {
        auto more = reader.next(line);
        if (!more) {
            // The one error a reader over memory may give: UTF-16 input,
            // refused before the first line.
            check(more.error().rule == "encoding" && number == 0);
            break;
        }
        if (!*more) break;
        check(line.number == ++number);
        if (line.too_long) {
            check(line.text.size() <= max_line);
            (void)reader.too_long_error(line).message.size();
        } else if (line.bad_bytes) {
            check(line.bad_offset >= line.offset && line.bad_offset < line.offset + line.length);
            (void)reader.encoding_error(line).message.size();
        } else {
            check(utf8_invalid_offset(line.text) == npos);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    std::size_t max_line = 1 + (data[0] & 0x1F);
    std::size_t block = 1 + (data[0] >> 5) * 3;
    std::string_view s(reinterpret_cast<const char*>(data + 1), size - 1);
    encodings(s);
    MemInput mem(s);
    lines(mem, s, max_line, block);
    text(mem, Encoding::auto_detect, max_line, block);
    text(mem, Encoding::utf8, max_line, block);
    text(mem, Encoding::gb18030, max_line, 1 << 12);
    return 0;
}

// SPDX-License-Identifier: Apache-2.0
// The CSV/TSV reader. The first input byte picks the syntax, the encoding
// and the block size; the rest is the text. Every value must come out as
// UTF-8, and reading in small blocks, or in chunks as on several threads,
// must give exactly what one big block gives (records, places and errors).

#include "records_fuzz.hpp"

#include <cstdint>

using namespace records_fuzz;
using adx::core::Encoding;
using adx::records::Limits;
using adx::records::Syntax;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    constexpr std::size_t blocks[] = {1, 2, 3, 5, 8, 16, 61, 4096};
    constexpr Encoding encodings[] = {Encoding::auto_detect, Encoding::utf8, Encoding::gb18030, Encoding::auto_detect};
    const Syntax syntax = (data[0] & 0x20) ? Syntax::tsv : Syntax::csv;
    const Encoding encoding = encodings[(data[0] >> 3) & 3];
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    MemInput mem(text);
    Limits big;
    big.block = 1 << 16;  // more than any input: one block
    Limits small = big;
    small.block = blocks[data[0] & 7];
    std::string want = read_all(mem, syntax, encoding, big);
    std::string got = read_all(mem, syntax, encoding, small);
    check(got == want);
    // Cut into chunks as on several threads: small chunks, or every whole
    // record in reach.
    check(read_chunked(mem, syntax, encoding, small, (data[0] & 0x80) ? 1 : 1 << 20) == want);
    if (data[0] & 0x40) {
        Limits tight;
        tight.block = small.block;
        tight.max_field = 7;
        tight.max_fields = 4;
        tight.max_record_bytes = 40;
        // Which error an over-long record meets first depends on how much
        // of it is in reach (the block size, the cutter's look ahead): only
        // the reads' own checks apply here, not a comparison.
        (void)read_all(mem, syntax, encoding, tight);
        (void)read_chunked(mem, syntax, encoding, tight, 16);
    }
    return 0;
}

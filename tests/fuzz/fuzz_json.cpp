// SPDX-License-Identifier: Apache-2.0
// The JSON tokenizer and the JSON / JSON Lines readers. The first input byte
// picks the syntax, the encoding and the block size; the rest is the text.
// json_valid() must agree with the tokenizer streamed in small blocks; every
// value must come out as UTF-8; small blocks must read exactly what one big
// block reads.

#include "records/json_tokenizer.hpp"
#include "records/source.hpp"
#include "records_fuzz.hpp"

#include <cstdint>

using namespace records_fuzz;
using adx::core::Encoding;
using adx::records::Limits;
using adx::records::Syntax;

namespace {

bool streamed_valid(const MemInput& mem, std::size_t block, std::size_t depth) {
    adx::core::Input input = mem.open();
    Limits limits;
    limits.max_depth = depth;
    adx::records::detail::Source source(input, block, limits.max_record_bytes);
    adx::records::detail::JsonTokenizer tokens(source, limits, false);
    for (;;) {
        auto t = tokens.next();
        if (!t) return false;
        if (*t == adx::records::detail::JsonToken::end) return true;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    constexpr std::size_t blocks[] = {1, 2, 3, 5, 8, 16, 61, 4096};
    const std::size_t block = blocks[data[0] & 7];
    const Syntax syntax = (data[0] & 0x20) ? Syntax::jsonl : Syntax::json;
    const Encoding encoding = (data[0] & 0x10) ? Encoding::gb18030 : Encoding::auto_detect;
    const std::size_t depth = (data[0] & 0x40) ? 4 : 64;
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    MemInput mem(text);
    check(adx::records::json_valid(text, depth) == streamed_valid(mem, block, depth));
    Limits big;
    big.block = 1 << 16;  // more than any input: one block
    big.max_depth = depth;
    Limits small = big;
    small.block = block;
    check(read_all(mem, syntax, encoding, small) == read_all(mem, syntax, encoding, big));
    return 0;
}

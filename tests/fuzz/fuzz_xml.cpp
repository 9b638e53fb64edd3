// SPDX-License-Identifier: Apache-2.0
// The XML reader over libxml2. The first input byte picks the names, the
// encoding and the limits; the rest is the document. Every value must come
// out as UTF-8, and nothing may crash, leak or hang (entity bombs included).

#include "records_fuzz.hpp"

#include <cstdint>

using namespace records_fuzz;
using adx::core::Encoding;
using adx::records::Limits;
using adx::records::Syntax;
using adx::records::XmlNames;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    constexpr Encoding encodings[] = {Encoding::auto_detect, Encoding::utf8, Encoding::gb18030, Encoding::auto_detect};
    const XmlNames names = (data[0] & 1) ? XmlNames{"urn:a", "r", "e"} : XmlNames{};
    const Encoding encoding = encodings[(data[0] >> 1) & 3];
    Limits limits;
    if (data[0] & 8) {
        limits.max_field = 8;
        limits.max_fields = 4;
        limits.max_depth = 4;
        limits.max_record_bytes = 100;
    }
    limits.block = (data[0] & 16) ? 7 : limits.block;
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    MemInput mem(text);
    (void)read_all(mem, Syntax::xml, encoding, limits, names);
    return 0;
}

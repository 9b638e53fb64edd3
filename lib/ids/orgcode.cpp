// SPDX-License-Identifier: Apache-2.0
#include "ids/checks.hpp"
#include "ids/checksum.hpp"

namespace adx::ids {

Verdict check_orgcode(std::string_view v) {
    Verdict r;
    r.type = Type::orgcode;
    if (v.size() != 9) {
        r.add({.rule = Rule::orgcode_length, .code = static_cast<std::uint32_t>(v.size())});
        return r;
    }
    for (std::size_t i = 0; i < 8; ++i) {
        char c = v[i];
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
            r.add({.rule = Rule::orgcode_alphabet, .pos = static_cast<std::uint8_t>(i + 1), .found = c});
            return r;
        }
    }
    char expected = orgcode_check_char(v.substr(0, 8));
    if (expected != v[8]) r.add({.rule = Rule::orgcode_check, .pos = 9, .expected = expected, .found = v[8]});
    return r;
}

}  // namespace adx::ids

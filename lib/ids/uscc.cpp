// SPDX-License-Identifier: Apache-2.0
#include "ids/authority.hpp"
#include "ids/checks.hpp"
#include "ids/checksum.hpp"
#include "ids/region.hpp"

namespace adx::ids {

Verdict check_uscc(std::string_view v) {
    Verdict r;
    r.type = Type::uscc;
    if (v.size() != 18) {
        r.add({.rule = Rule::uscc_length, .code = static_cast<std::uint32_t>(v.size())});
        return r;
    }
    for (std::size_t i = 0; i < 18; ++i) {
        if (uscc_value(v[i]) < 0) {
            r.add({.rule = Rule::uscc_alphabet, .pos = static_cast<std::uint8_t>(i + 1), .found = v[i]});
            return r;
        }
    }
    char expected = uscc_check_char(v.substr(0, 17));
    if (expected != v[17])
        r.add({.rule = Rule::uscc_check, .pos = 18, .expected = expected, .found = v[17]});
    char org = orgcode_check_char(v.substr(8, 8));
    if (org != v[16]) r.add({.rule = Rule::uscc_orgcode, .pos = 17, .expected = org, .found = v[16]});
    if (!Authorities::get().find(v[0], v[1])) r.add({.rule = Rule::uscc_authority, .pos = 1});
    long region = region_number(v.substr(2, 6));
    if (region < 0 || !Regions::get().known(static_cast<std::uint32_t>(region)))
        r.add({.rule = Rule::uscc_region, .level = Level::warning, .pos = 3});
    return r;
}

}  // namespace adx::ids

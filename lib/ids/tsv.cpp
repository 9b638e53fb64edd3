// SPDX-License-Identifier: Apache-2.0
#include "ids/tsv.hpp"

namespace adx::ids::detail {

long parse_number(std::string_view s) noexcept {
    if (s.empty() || s.size() > 9) return -1;
    long v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

}  // namespace adx::ids::detail

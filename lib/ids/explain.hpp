// SPDX-License-Identifier: Apache-2.0
#pragma once
// An identifier decoded into its parts, in words (adx id explain).

#include "ids/verdict.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace adx::ids {

struct Part {
    std::string key;      // stable English id: "authority", "region", …
    std::string label;    // translated label
    std::string value;    // the characters of this part
    std::string meaning;  // translated meaning; may be empty
    bool ok = true;       // false where a finding is about this part
};

struct Explanation {
    Type type = Type::unknown;
    std::string normalized;
    Verdict verdict;
    std::vector<Part> parts;
};

// Decodes a normalized value of type t (Type::unknown: detect first).
Explanation explain(std::string_view normalized, Type t, std::chrono::year_month_day today);

}  // namespace adx::ids

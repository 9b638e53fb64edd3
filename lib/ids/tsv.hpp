// SPDX-License-Identifier: Apache-2.0
#pragma once
// Splitting the embedded code-list TSV files (formats/codes/*.tsv).

#include <string_view>
#include <vector>

namespace adx::ids::detail {

// Calls fn(fields) for every data line of text (the header line and empty
// lines are skipped). Fields are split on tabs; no quoting.
template <class Fn>
void for_each_row(std::string_view text, Fn&& fn) {
    std::vector<std::string_view> fields;
    bool header = true;
    while (!text.empty()) {
        std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (header) {
            header = false;
            continue;
        }
        if (line.empty()) continue;
        fields.clear();
        for (;;) {
            std::size_t tab = line.find('\t');
            fields.push_back(line.substr(0, tab));
            if (tab == std::string_view::npos) break;
            line.remove_prefix(tab + 1);
        }
        fn(fields);
    }
}

// Parses an unsigned decimal; returns -1 for anything else (or empty).
inline long parse_number(std::string_view s) noexcept {
    if (s.empty() || s.size() > 9) return -1;
    long v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

}  // namespace adx::ids::detail

namespace adx::embedded {
extern const std::string_view k_gb2260_tsv;
extern const std::string_view k_gbt4754_tsv;
extern const std::string_view k_uscc_authorities_tsv;
}  // namespace adx::embedded

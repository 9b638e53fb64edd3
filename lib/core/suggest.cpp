// SPDX-License-Identifier: Apache-2.0
#include "core/suggest.hpp"

#include <algorithm>

namespace adx::core {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_d = static_cast<std::size_t>(-1);
    for (const auto& c : candidates) {
        std::size_t d = edit_distance(word, c);
        if (!word.empty() && c.size() > word.size() && c.compare(0, word.size(), word) == 0) d = std::min<std::size_t>(d, 1);
        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    std::size_t longer = std::max(word.size(), best.size());
    std::size_t limit = std::max<std::size_t>(1, longer / 3);
    return best_d <= limit ? best : std::string{};
}

}  // namespace adx::core

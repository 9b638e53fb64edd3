// SPDX-License-Identifier: Apache-2.0
#pragma once
// "did you mean …?" for mistyped tools, options and configuration keys.

#include <string>
#include <string_view>
#include <vector>

namespace adx::core {

// Edit distance in bytes, counting a swap of neighbours as one edit.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to word, if it is close enough to be a plausible typo
// (distance at most a third of the longer word, at least 1, or a prefix of it);
// empty otherwise.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace adx::core

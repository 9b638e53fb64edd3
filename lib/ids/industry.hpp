// SPDX-License-Identifier: Apache-2.0
#pragma once
// GB/T 4754-2017 industry codes (sections A–T, divisions, groups, classes),
// from formats/codes/gbt4754-2017.tsv (compiled in).

#include <array>
#include <memory>
#include <string_view>
#include <unordered_map>

namespace adx::ids {

struct IndustryEntry {
    int level = 0;          // 1 section, 2 division, 3 group, 4 class
    char section = 0;       // 'A'..'T'
    std::string_view code;  // "C" for sections, else digits: "35", "351", "3511"
    std::string_view name;
};

class Industries {
public:
    static const Industries& get();
    static std::unique_ptr<Industries> parse(std::string_view tsv);

    // By code: a section letter or 2–4 digits. nullptr if absent.
    const IndustryEntry* find(std::string_view code) const;
    // The section a division (two digits) belongs to; 0 if none.
    char section_of_division(int division) const noexcept {
        return division >= 0 && division < 100 ? m_division_section[static_cast<std::size_t>(division)] : '\0';
    }
    std::size_t size() const noexcept { return m_entries.size(); }

private:
    std::unordered_map<std::string_view, IndustryEntry> m_entries;
    std::array<char, 100> m_division_section{};
};

}  // namespace adx::ids

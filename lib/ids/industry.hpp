// SPDX-License-Identifier: Apache-2.0
#pragma once
// GB/T 4754-2017 industry codes (sections A–T, divisions, groups, classes),
// from formats/codes/gbt4754-2017.tsv (compiled in).

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

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
    // Where a code's entry is in m_entries (0: none): sections by letter,
    // then 2, 3 and 4 digits by value. A lookup is an index, not a hash.
    static constexpr std::size_t k_digits_at[5] = {0, 0, 26, 26 + 100, 26 + 100 + 1000};
    static constexpr std::size_t k_slots = 26 + 100 + 1000 + 10000;
    static std::size_t slot(std::string_view code) noexcept;  // k_slots when not a code's shape

    std::vector<IndustryEntry> m_entries;
    std::vector<std::uint16_t> m_index = std::vector<std::uint16_t>(k_slots, 0);  // 1 + position in m_entries
    std::array<char, 100> m_division_section{};
};

}  // namespace adx::ids

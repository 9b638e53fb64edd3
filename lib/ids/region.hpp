// SPDX-License-Identifier: Apache-2.0
#pragma once
// GB/T 2260 administrative division codes, current and historic, from
// formats/codes/gb2260.tsv (compiled in).

#include <bitset>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace adx::ids {

// The first year of the data (MCA 1980-12): from == 1980 means "1980 or earlier".
inline constexpr int k_first_region_year = 1980;

struct RegionPeriod {
    std::uint32_t code = 0;
    std::uint16_t from = 0;   // first year listed (k_first_region_year: or earlier)
    std::uint16_t until = 0;  // first year no longer listed, itself still in use (inclusive); 0 = current
    std::string_view name;    // short name, e.g. 金山区
    bool current() const noexcept { return until == 0; }
    // As formats/codes/README.md says: from <= year <= until.
    bool valid_in(int year) const noexcept {
        return (year >= from || from <= k_first_region_year) && (until == 0 || year <= until);
    }
};

class Regions {
public:
    // The compiled-in list (parsed on first use; thread-safe).
    static const Regions& get();
    // Parses a list in the gb2260.tsv shape (for tests).
    static std::unique_ptr<Regions> parse(std::string_view tsv);

    // Any period of this code, current or historic. O(1).
    bool known(std::uint32_t code) const noexcept { return code < 1000000 && m_known[code]; }
    std::span<const RegionPeriod> periods(std::uint32_t code) const;
    // The current period, or the latest one.
    const RegionPeriod* latest(std::uint32_t code) const;
    // Whether the code was in use in that year. The list starts in 1980: a
    // code in use then may be older, so years before count as in use.
    bool valid_in(std::uint32_t code, int year) const;
    int first_year() const noexcept { return m_first_year; }
    // 上海市金山区: the province, prefecture (unless 市辖区/县) and own name, as
    // they were during period p.
    std::string full_name(const RegionPeriod& p) const;
    // When p was in use, in words: "since 1997", "1992–2009", "until 1997"
    // (in use when the list starts, 1980), or "current".
    std::string years(const RegionPeriod& p) const;
    std::size_t size() const noexcept { return m_periods.size(); }

private:
    std::vector<RegionPeriod> m_periods;  // sorted by code, from
    // Per code / 100: the first period of a code at or above code / 100 * 100
    // (a short search for periods()).
    std::vector<std::uint32_t> m_index;
    std::bitset<1000000> m_known;
    // Codes valid in every year (a period from the list's start with no
    // end): most, and valid_in() answers for them without a search.
    std::bitset<1000000> m_always;
    int m_first_year = 0;
};

// Parses six ASCII digits; -1 otherwise.
long region_number(std::string_view s) noexcept;

}  // namespace adx::ids

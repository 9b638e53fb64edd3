// SPDX-License-Identifier: Apache-2.0
#include "ids/industry.hpp"

#include "ids/tsv.hpp"

namespace adx::ids {

std::unique_ptr<Industries> Industries::parse(std::string_view tsv) {
    auto r = std::make_unique<Industries>();
    // level, section, division, group, class, name
    detail::for_each_row(tsv, [&](const std::vector<std::string_view>& f) {
        if (f.size() < 6 || f[1].size() != 1) return;
        long level = detail::parse_number(f[0]);
        if (level < 1 || level > 4) return;
        std::string_view code = f[static_cast<std::size_t>(level)];
        if (code.empty()) return;
        std::size_t at = slot(code);
        if (at == k_slots || r->m_index[at] != 0) return;
        r->m_entries.push_back(IndustryEntry{static_cast<int>(level), f[1][0], code, f[5]});
        r->m_index[at] = static_cast<std::uint16_t>(r->m_entries.size());
        if (level == 2) {
            long div = detail::parse_number(code);
            if (div >= 0 && div < 100) r->m_division_section[static_cast<std::size_t>(div)] = f[1][0];
        }
    });
    return r;
}

const Industries& Industries::get() {
    static const std::unique_ptr<Industries> instance = parse(embedded::k_gbt4754_tsv);
    return *instance;
}

std::size_t Industries::slot(std::string_view code) noexcept {
    if (code.size() == 1) return code[0] >= 'A' && code[0] <= 'Z' ? static_cast<std::size_t>(code[0] - 'A') : k_slots;
    if (code.size() < 2 || code.size() > 4) return k_slots;
    std::size_t value = 0;
    for (char c : code) {
        if (c < '0' || c > '9') return k_slots;
        value = value * 10 + static_cast<std::size_t>(c - '0');
    }
    return k_digits_at[code.size()] + value;
}

const IndustryEntry* Industries::find(std::string_view code) const {
    std::size_t at = slot(code);
    if (at == k_slots || m_index[at] == 0) return nullptr;
    return &m_entries[m_index[at] - 1u];
}

}  // namespace adx::ids

#include "ids/checks.hpp"

namespace adx::ids {

Verdict check_industry(std::string_view v) {
    Verdict r;
    r.type = Type::industry;
    char letter = 0;
    std::string_view digits = v;
    if (!v.empty() && v[0] >= 'A' && v[0] <= 'Z') {
        letter = v[0];
        digits.remove_prefix(1);
    }
    bool shape = digits.size() <= 4 && (letter || digits.size() >= 2) && digits.size() != 1;
    for (char c : digits) shape = shape && c >= '0' && c <= '9';
    if (!shape) {
        r.add({.rule = Rule::industry_format, .code = static_cast<std::uint32_t>(v.size())});
        return r;
    }
    const Industries& list = Industries::get();
    const IndustryEntry* e = list.find(digits.empty() ? v : digits);
    if (!e) {
        r.add({.rule = Rule::industry_unknown});
        return r;
    }
    if (letter && e->section != letter) {
        r.add({.rule = Rule::industry_section, .pos = 1, .expected = e->section, .found = letter});
        return r;
    }
    r.add({.rule = Rule::industry_name, .level = Level::info, .code = static_cast<std::uint32_t>(e->level)});
    return r;
}

}  // namespace adx::ids

// SPDX-License-Identifier: Apache-2.0
#include "ids/region.hpp"

#include "core/i18n.hpp"
#include "ids/tsv.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace adx::ids {

long region_number(std::string_view s) noexcept {
    if (s.size() != 6) return -1;
    return detail::parse_number(s);
}

std::unique_ptr<Regions> Regions::parse(std::string_view tsv) {
    auto r = std::make_unique<Regions>();
    detail::for_each_row(tsv, [&](const std::vector<std::string_view>& f) {
        if (f.size() < 3) return;
        long code = region_number(f[0]);
        long from = detail::parse_number(f[2]);
        long until = f.size() > 3 && !f[3].empty() ? detail::parse_number(f[3]) : 0;
        if (code < 0 || from < 0 || until < 0) return;
        r->m_periods.push_back(RegionPeriod{static_cast<std::uint32_t>(code), static_cast<std::uint16_t>(from),
                                            static_cast<std::uint16_t>(until), f[1]});
        r->m_known.set(static_cast<std::size_t>(code));
    });
    for (const auto& p : r->m_periods)
        if (r->m_first_year == 0 || p.from < r->m_first_year) r->m_first_year = p.from;
    for (const auto& p : r->m_periods)
        if (p.from == r->m_first_year && p.current()) r->m_always.set(p.code);
    std::stable_sort(r->m_periods.begin(), r->m_periods.end(), [](const RegionPeriod& a, const RegionPeriod& b) {
        return a.code != b.code ? a.code < b.code : a.from < b.from;
    });
    r->m_index.assign(10001, 0);
    std::size_t at = 0;
    for (std::uint32_t k = 0; k <= 10000; ++k) {
        while (at < r->m_periods.size() && r->m_periods[at].code < k * 100) ++at;
        r->m_index[k] = static_cast<std::uint32_t>(at);
    }
    return r;
}

const Regions& Regions::get() {
    static const std::unique_ptr<Regions> instance = parse(embedded::k_gb2260_tsv);
    return *instance;
}

std::span<const RegionPeriod> Regions::periods(std::uint32_t code) const {
    // No look at m_known first: the search below finds nothing for an
    // unknown code, and every identity number's birth place comes here.
    if (code >= 1000000) return {};
    const RegionPeriod* first = m_periods.data() + m_index[code / 100];
    const RegionPeriod* last = m_periods.data() + m_index[code / 100 + 1];
    const RegionPeriod* lo =
        std::lower_bound(first, last, code, [](const RegionPeriod& p, std::uint32_t c) { return p.code < c; });
    const RegionPeriod* hi = lo;
    while (hi != last && hi->code == code) ++hi;
    return {lo, static_cast<std::size_t>(hi - lo)};
}

const RegionPeriod* Regions::latest(std::uint32_t code) const {
    auto ps = periods(code);
    if (ps.empty()) return nullptr;
    for (const auto& p : ps)
        if (p.current()) return &p;
    return &ps.back();
}

bool Regions::valid_in(std::uint32_t code, int year) const {
    if (code < 1000000 && m_always[code]) return true;
    for (const auto& p : periods(code)) {
        if (p.valid_in(year)) return true;
        if (p.from == m_first_year && year < p.from) return true;
    }
    return false;
}

std::string Regions::full_name(const RegionPeriod& p) const {
    // The year to take parent names from: the last year of p.
    int year = p.until ? p.until - 1 : 9999;
    auto name_at = [&](std::uint32_t code) -> std::string_view {
        const RegionPeriod* best = nullptr;
        for (const auto& q : periods(code)) {
            if (q.from <= year) best = &q;
        }
        if (!best) best = latest(code);
        return best ? best->name : std::string_view{};
    };
    std::uint32_t province = p.code / 10000 * 10000;
    std::uint32_t prefecture = p.code / 100 * 100;
    std::string out;
    if (p.code != province) out += name_at(province);
    if (p.code != prefecture && prefecture != province) {
        std::string_view pref = name_at(prefecture);
        if (pref != "市辖区" && pref != "县" && pref != "省直辖县级行政区划" && pref != "自治区直辖县级行政区划")
            out += pref;
    }
    out += p.name;
    return out;
}

std::string Regions::years(const RegionPeriod& p) const {
    bool since_start = p.from == m_first_year;
    if (p.until == 0) return since_start ? core::tr("current") : core::trf("since {year}", fmt::arg("year", p.from));
    if (since_start) return core::trf("until {year}", fmt::arg("year", p.until));
    return fmt::format("{}–{}", p.from, p.until);
}

}  // namespace adx::ids

#include "ids/checks.hpp"

namespace adx::ids {

Verdict check_region(std::string_view v) {
    Verdict r;
    r.type = Type::region;
    long code = region_number(v);
    if (code < 0) {
        r.add({.rule = Rule::region_format, .code = static_cast<std::uint32_t>(v.size())});
        return r;
    }
    const RegionPeriod* p = Regions::get().latest(static_cast<std::uint32_t>(code));
    if (!p) {
        r.add({.rule = Rule::region_unknown, .code = static_cast<std::uint32_t>(code)});
        return r;
    }
    r.add({.rule = p->current() ? Rule::region_name : Rule::region_historic,
           .level = Level::info,
           .code = static_cast<std::uint32_t>(code)});
    return r;
}

}  // namespace adx::ids

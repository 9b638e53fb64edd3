// SPDX-License-Identifier: Apache-2.0
#include "ids/authority.hpp"

#include "ids/tsv.hpp"

namespace adx::ids {

std::unique_ptr<Authorities> Authorities::parse(std::string_view tsv) {
    auto r = std::make_unique<Authorities>();
    // authority, category (the two-character pair, e.g. "91"), names
    detail::for_each_row(tsv, [&](const std::vector<std::string_view>& f) {
        if (f.size() < 6 || f[0].size() != 1 || f[1].size() != 2) return;
        r->m_entries.push_back(AuthorityEntry{f[0][0], f[1][1], f[2], f[3], f[4], f[5]});
    });
    for (const auto& e : r->m_entries) {
        auto a = static_cast<unsigned char>(e.authority), c = static_cast<unsigned char>(e.category);
        if (a < 128 && c < 128) r->m_index[a][c] = &e;
    }
    return r;
}

const Authorities& Authorities::get() {
    static const std::unique_ptr<Authorities> instance = parse(embedded::k_uscc_authorities_tsv);
    return *instance;
}

const AuthorityEntry* Authorities::find(char authority, char category) const noexcept {
    auto a = static_cast<unsigned char>(authority), c = static_cast<unsigned char>(category);
    return a < 128 && c < 128 ? m_index[a][c] : nullptr;
}

const AuthorityEntry* Authorities::find_authority(char authority) const noexcept {
    for (const auto& e : m_entries)
        if (e.authority == authority) return &e;
    return nullptr;
}

}  // namespace adx::ids

// SPDX-License-Identifier: Apache-2.0
#pragma once
// GB 32100-2015 registration authorities (credit code position 1) and the
// institution categories under each (position 2), from
// formats/codes/uscc-authorities.tsv (compiled in).

#include <memory>
#include <string_view>
#include <vector>

namespace adx::ids {

struct AuthorityEntry {
    char authority = 0;  // '9'
    char category = 0;   // '1' (the pair is "91")
    std::string_view authority_zh, authority_en, category_zh, category_en;
};

class Authorities {
public:
    static const Authorities& get();
    static std::unique_ptr<Authorities> parse(std::string_view tsv);
    // The pair, or nullptr if the table does not have it.
    const AuthorityEntry* find(char authority, char category) const noexcept;
    // Any entry of this authority (for its name), or nullptr.
    const AuthorityEntry* find_authority(char authority) const noexcept;

private:
    std::vector<AuthorityEntry> m_entries;
    const AuthorityEntry* m_index[128][128] = {};
};

}  // namespace adx::ids

// SPDX-License-Identifier: Apache-2.0
#include "ids/explain.hpp"

#include "core/i18n.hpp"
#include "ids/authority.hpp"
#include "ids/check.hpp"
#include "ids/checksum.hpp"
#include "ids/industry.hpp"
#include "ids/license_id.hpp"
#include "ids/region.hpp"
#include "ids/tsv.hpp"

namespace adx::ids {

using core::tr;
using core::trf;

namespace {

// Chinese name in Chinese, "english (中文)" otherwise.
std::string bilingual(std::string_view zh, std::string_view en) {
    if (core::chinese() || en.empty()) return std::string(zh);
    return fmt::format("{} ({})", en, zh);
}

const Finding* finding(const Verdict& v, Rule r) {
    for (const auto& f : v.all())
        if (f.rule == r) return &f;
    return nullptr;
}

std::string check_words(const Finding* f) {
    if (!f) return tr("correct");
    return trf("wrong: should be '{expected}'", fmt::arg("expected", std::string(1, f->expected)));
}

std::string region_meaning(std::uint32_t code) {
    const Regions& regions = Regions::get();
    auto periods = regions.periods(code);
    if (periods.empty()) return tr("not a GB/T 2260 code");
    std::string out;
    for (const auto& p : periods) {
        if (!out.empty()) out += "; ";
        out += fmt::format("{} ({})", regions.full_name(p), regions.years(p));
    }
    return out;
}

void explain_uscc(Explanation& e) {
    const std::string& v = e.normalized;
    if (v.size() != 18) return;
    const Finding* bad_char = finding(e.verdict, Rule::uscc_alphabet);
    // A character outside the alphabet: the part holding it is wrong, and the
    // check characters cannot be computed.
    auto holds_bad = [&](std::size_t from, std::size_t len) {
        return bad_char && bad_char->pos > from && bad_char->pos <= from + len;
    };
    auto bad_words = [&] {
        return trf("'{char}' is not allowed", fmt::arg("char", std::string(1, bad_char->found)));
    };
    const Authorities& auth = Authorities::get();
    const AuthorityEntry* a = auth.find_authority(v[0]);
    const AuthorityEntry* pair = auth.find(v[0], v[1]);
    e.parts.push_back({"authority", tr("registration authority"), v.substr(0, 1),
                       a ? bilingual(a->authority_zh, a->authority_en) : tr("unknown"), a != nullptr});
    e.parts.push_back({"category", tr("category"), v.substr(1, 1),
                       pair ? bilingual(pair->category_zh, pair->category_en) : tr("unknown"), pair != nullptr});
    long region = region_number(v.substr(2, 6));
    e.parts.push_back({"region", tr("region"), v.substr(2, 6),
                       holds_bad(2, 6)   ? bad_words()
                       : region >= 0 ? region_meaning(static_cast<std::uint32_t>(region))
                                     : tr("not a GB/T 2260 code"),
                       !finding(e.verdict, Rule::uscc_region) && !holds_bad(2, 6)});
    const Finding* org = finding(e.verdict, Rule::uscc_orgcode);
    e.parts.push_back({"organization_code", tr("organization code"), v.substr(8, 8) + "-" + v.substr(16, 1),
                       holds_bad(8, 9) ? bad_words()
                       : bad_char      ? tr("check not computed")
                                       : trf("check character {char} {verdict}", fmt::arg("char", v.substr(16, 1)),
                                             fmt::arg("verdict", check_words(org))),
                       org == nullptr && !holds_bad(8, 9)});
    const Finding* chk = finding(e.verdict, Rule::uscc_check);
    e.parts.push_back({"check", tr("check character"), v.substr(17, 1),
                       holds_bad(17, 1) ? bad_words() : bad_char ? tr("check not computed") : check_words(chk),
                       chk == nullptr && !holds_bad(17, 1)});
}

void explain_ric(Explanation& e) {
    const std::string& v = e.normalized;
    bool legacy = v.size() == 15;
    if (v.size() != 18 && !legacy) return;
    long region = region_number(v.substr(0, 6));
    e.parts.push_back({"region", tr("region of first registration"), v.substr(0, 6),
                       region >= 0 ? region_meaning(static_cast<std::uint32_t>(region)) : tr("not a GB/T 2260 code"),
                       !finding(e.verdict, Rule::ric_region)});
    std::string date = legacy ? "19" + v.substr(6, 6) : v.substr(6, 8);
    bool date_ok = !finding(e.verdict, Rule::ric_birth_date) && !finding(e.verdict, Rule::ric_future);
    e.parts.push_back({"birth_date", tr("birth date"), legacy ? v.substr(6, 6) : date,
                       date.size() == 8 ? date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2) : "",
                       date_ok});
    std::string seq = legacy ? v.substr(12, 3) : v.substr(14, 3);
    long n = detail::parse_number(seq);
    e.parts.push_back({"sequence", tr("sequence number"), seq,
                       n < 0 ? std::string{} : (n % 2 ? tr("odd: male") : tr("even: female"))});
    if (!legacy) {
        const Finding* chk = finding(e.verdict, Rule::ric_check);
        e.parts.push_back({"check", tr("check character"), v.substr(17, 1), check_words(chk), chk == nullptr});
    }
}

void explain_orgcode(Explanation& e) {
    const std::string& v = e.normalized;
    if (v.size() != 9) return;
    e.parts.push_back({"body", tr("code"), v.substr(0, 8), v.substr(0, 8) + "-" + v.substr(8, 1)});
    const Finding* chk = finding(e.verdict, Rule::orgcode_check);
    e.parts.push_back({"check", tr("check character"), v.substr(8, 1), check_words(chk), chk == nullptr});
}

void explain_region(Explanation& e) {
    const std::string& v = e.normalized;
    long code = region_number(v);
    if (code < 0) return;
    auto c = static_cast<std::uint32_t>(code);
    const Regions& regions = Regions::get();
    std::uint32_t province = c / 10000 * 10000, prefecture = c / 100 * 100;
    auto add_level = [&](const char* key, const char* label, std::uint32_t level_code) {
        e.parts.push_back({key, tr(label), fmt::format("{:06}", level_code), region_meaning(level_code),
                           regions.known(level_code)});
    };
    add_level("province", core::N_("province"), province);
    if (prefecture != province) add_level("prefecture", core::N_("prefecture"), prefecture);
    if (c != prefecture) add_level("county", core::N_("county"), c);
}

void explain_industry(Explanation& e) {
    // Not shaped like an industry code (e.g. six digits with --type industry):
    // no parts to decode, and at most four digits index the tables below.
    if (finding(e.verdict, Rule::industry_format)) return;
    const std::string& v = e.normalized;
    const Industries& list = Industries::get();
    std::string_view digits = (!v.empty() && v[0] >= 'A' && v[0] <= 'Z') ? std::string_view(v).substr(1) : v;
    const IndustryEntry* leaf = list.find(digits.empty() ? std::string_view(v) : digits);
    char section = leaf ? leaf->section : (v.empty() ? 0 : v[0]);
    const Finding* mismatch = finding(e.verdict, Rule::industry_section);
    if (const IndustryEntry* s = list.find(std::string_view(&section, 1))) {
        if (mismatch)
            e.parts.push_back({"section", tr("section"), std::string(1, mismatch->found),
                               trf("wrong: division {division} is in section {section} ({name})",
                                   fmt::arg("division", digits.substr(0, 2)), fmt::arg("section", std::string(1, section)),
                                   fmt::arg("name", s->name)),
                               false});
        else
            e.parts.push_back({"section", tr("section"), std::string(1, section), std::string(s->name)});
    }
    static constexpr const char* k_keys[] = {"", "", "division", "group", "class"};
    static constexpr const char* k_labels[] = {"", "", core::N_("division"), core::N_("group"), core::N_("class")};
    for (std::size_t len = 2; len <= digits.size(); ++len) {
        const IndustryEntry* x = list.find(digits.substr(0, len));
        e.parts.push_back({k_keys[len], tr(k_labels[len]), std::string(digits.substr(0, len)),
                           x ? std::string(x->name) : tr("not a GB/T 4754-2017 code"), x != nullptr});
    }
}

void explain_license_id(Explanation& e) {
    LicenseIdParts p;
    if (!split_license_id(e.normalized, p)) return;
    e.parts.push_back({"root", tr("root"), std::string(k_license_root.substr(0, k_license_root.size() - 1)),
                       tr("electronic license (GB/T 36904)")});
    std::string type_meaning;
    if (p.type.size() == 21)
        type_meaning = trf("defined by {uscc}, license type {number}", fmt::arg("uscc", p.type.substr(0, 18)),
                           fmt::arg("number", p.type.substr(18)));
    e.parts.push_back({"type", tr("license type"), std::string(p.type), type_meaning});
    e.parts.push_back({"issuer", tr("issuer"), std::string(p.issuer), {}});
    e.parts.push_back({"serial", tr("serial number"), std::string(p.serial), {}});
    e.parts.push_back({"version", tr("version"), std::string(p.version), {}, !finding(e.verdict, Rule::license_version)});
    const Finding* chk = finding(e.verdict, Rule::license_check);
    e.parts.push_back({"check", tr("check character"), std::string(p.check), check_words(chk), chk == nullptr});
}

}  // namespace

Explanation explain(std::string_view normalized, Type t, std::chrono::year_month_day today) {
    Explanation e;
    e.normalized = std::string(normalized);
    if (t == Type::unknown && !normalized.empty()) t = detect(normalized, today);
    e.verdict = check(t, normalized, today);
    e.type = e.verdict.type;
    switch (e.type) {
    case Type::uscc: explain_uscc(e); break;
    case Type::ric: explain_ric(e); break;
    case Type::orgcode: explain_orgcode(e); break;
    case Type::region: explain_region(e); break;
    case Type::industry: explain_industry(e); break;
    case Type::license_id: explain_license_id(e); break;
    case Type::unknown: break;
    }
    return e;
}

}  // namespace adx::ids

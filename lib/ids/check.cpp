// SPDX-License-Identifier: Apache-2.0
#include "ids/check.hpp"

#include "ids/checks.hpp"
#include "ids/checksum.hpp"
#include "ids/license_id.hpp"
#include "ids/normalize.hpp"

namespace adx::ids {

namespace {

bool all_digits(std::string_view s) noexcept {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

bool ric_shaped(std::string_view v) noexcept {
    return v.size() == 18 && all_digits(v.substr(0, 17)) && (v[17] == 'X' || (v[17] >= '0' && v[17] <= '9'));
}

}  // namespace

Type detect(std::string_view v, std::chrono::year_month_day today) {
    // Identifiers are ASCII once normalized; anything else has no shape to go by.
    for (char c : v)
        if (static_cast<unsigned char>(c) >= 0x80) return Type::unknown;
    if (v.find('.') != std::string_view::npos) return Type::license_id;
    switch (v.size()) {
    case 18: {
        if (!ric_shaped(v)) return Type::uscc;
        // Both shapes fit: the check that passes decides; else the parts
        // that make sense for each reading (a known authority and region for
        // a credit code; a known region and a real birth date for an
        // identity number). Ties go to the identity number, the commoner
        // all-digit value.
        Verdict as_ric = check_ric(v, today);
        if (as_ric.valid()) return Type::ric;
        Verdict as_uscc = check_uscc(v);
        if (as_uscc.valid()) return Type::uscc;
        int ric_score = 2, uscc_score = 2;
        for (const auto& f : as_ric.all())
            if (f.rule == Rule::ric_region || f.rule == Rule::ric_birth_date || f.rule == Rule::ric_future) --ric_score;
        for (const auto& f : as_uscc.all())
            if (f.rule == Rule::uscc_authority || f.rule == Rule::uscc_region) --uscc_score;
        return uscc_score > ric_score ? Type::uscc : Type::ric;
    }
    case 15: return all_digits(v) ? Type::ric : Type::unknown;
    case 9: return Type::orgcode;
    case 6: return all_digits(v) ? Type::region : Type::unknown;
    default: break;
    }
    if (v.size() >= 1 && v.size() <= 5) {
        std::string_view digits = (v[0] >= 'A' && v[0] <= 'Z') ? v.substr(1) : v;
        if ((digits.empty() || all_digits(digits)) && digits.size() <= 4) return Type::industry;
    }
    return Type::unknown;
}

Verdict check(Type t, std::string_view v, std::chrono::year_month_day today) {
    if (v.empty()) {
        Verdict r;
        r.type = t;
        r.add({.rule = Rule::empty});
        return r;
    }
    if (t == Type::unknown) t = detect(v, today);
    switch (t) {
    case Type::uscc: return check_uscc(v);
    case Type::ric: return check_ric(v, today);
    case Type::orgcode: return check_orgcode(v);
    case Type::region: return check_region(v);
    case Type::industry: return check_industry(v);
    case Type::license_id: return check_license_id(v);
    case Type::unknown: break;
    }
    Verdict r;
    // Characters, not bytes: a Chinese character is one.
    std::uint32_t chars = 0;
    for (char c : v) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    r.add({.rule = Rule::unknown_type, .code = chars});
    return r;
}

Verdict Checker::check(std::string_view raw) {
    // The hot path: a credit code as written. If all 18 characters are in the
    // credit-code alphabet (no uscc-alphabet finding), raw is already normal
    // (normalize would return it unchanged), so the verdict stands.
    if (m_type == Type::uscc && raw.size() == 18) {
        Verdict v = check_uscc(raw);
        if (v.count == 0 || v.findings[0].rule != Rule::uscc_alphabet) {
            m_normalized = raw;
            return v;
        }
    }
    m_normalized = normalize(raw, m_buf);
    if (m_type == Type::uscc && m_normalized.size() == 18) return check_uscc(m_normalized);
    return ids::check(m_type, m_normalized, m_today);
}

}  // namespace adx::ids

// SPDX-License-Identifier: Apache-2.0
#include "ids/checks.hpp"
#include "ids/checksum.hpp"
#include "ids/license_id.hpp"

namespace adx::ids {

bool split_license_id(std::string_view v, LicenseIdParts& out) noexcept {
    if (v.substr(0, k_license_root.size()) != k_license_root) return false;
    std::string_view rest = v.substr(k_license_root.size());
    std::array<std::string_view, 5> parts;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        std::size_t dot = rest.find('.');
        if ((dot == std::string_view::npos) != (i == parts.size() - 1)) return false;
        parts[i] = rest.substr(0, dot);
        if (parts[i].empty()) return false;
        rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
    }
    out = LicenseIdParts{parts[0], parts[1], parts[2], parts[3], parts[4]};
    return true;
}

char license_id_check_char(const LicenseIdParts& p) noexcept {
    // The check runs over the parts without their dots.
    char buf[256];
    std::size_t n = 0;
    for (std::string_view s : {p.type, p.issuer, p.serial, p.version}) {
        if (n + s.size() > sizeof buf) return 0;
        for (char c : s) buf[n++] = c;
    }
    return mod37_36_check_char({buf, n});
}

Verdict check_license_id(std::string_view v) {
    Verdict r;
    r.type = Type::license_id;
    if (v.substr(0, k_license_root.size()) != k_license_root) {
        r.add({.rule = Rule::license_prefix});
        return r;
    }
    LicenseIdParts p;
    if (!split_license_id(v, p)) {
        r.add({.rule = Rule::license_structure});
        return r;
    }
    std::size_t pos = k_license_root.size();
    for (std::string_view s : {p.type, p.issuer, p.serial, p.version, p.check}) {
        for (std::size_t i = 0; i < s.size(); ++i) {
            char c = s[i];
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
                r.add({.rule = Rule::license_alphabet, .pos = static_cast<std::uint8_t>(std::min<std::size_t>(pos + i + 1, 255)),
                       .found = c});
                return r;
            }
        }
        pos += s.size() + 1;
    }
    if (p.version.size() != 3 || p.version.find_first_not_of("0123456789") != std::string_view::npos)
        r.add({.rule = Rule::license_version});
    if (p.check.size() != 1) {
        r.add({.rule = Rule::license_structure});
        return r;
    }
    char expected = license_id_check_char(p);
    if (expected != p.check[0])
        r.add({.rule = Rule::license_check, .pos = static_cast<std::uint8_t>(std::min<std::size_t>(v.size(), 255)),
               .expected = expected, .found = p.check[0]});
    // Embedded credit codes (the type's defining department, the issuer) are
    // only warned about: the standard's text is not at hand to say they must be.
    if (p.type.size() == 21 && !check_uscc(p.type.substr(0, 18)).valid())
        r.add({.rule = Rule::license_code, .level = Level::warning, .code = 1});
    if (p.issuer.size() == 18 && !check_uscc(p.issuer).valid())
        r.add({.rule = Rule::license_code, .level = Level::warning, .code = 2});
    return r;
}

}  // namespace adx::ids

// SPDX-License-Identifier: Apache-2.0
#include "ids/verdict.hpp"

#include "core/encoding.hpp"
#include "core/i18n.hpp"
#include "ids/authority.hpp"
#include "ids/checksum.hpp"
#include "ids/industry.hpp"
#include "ids/region.hpp"

#include <array>

namespace adx::ids {

using core::N_;
using core::tr;
using core::trf;

namespace {

constexpr std::array k_types{
    TypeInfo{Type::uscc, "uscc", "GB 32100-2015", N_("unified social credit code")},
    TypeInfo{Type::ric, "ric", "GB 11643-1999", N_("resident identity number")},
    TypeInfo{Type::orgcode, "orgcode", "GB 11714-1997", N_("organization code")},
    TypeInfo{Type::region, "region", "GB/T 2260", N_("administrative division code")},
    TypeInfo{Type::industry, "industry", "GB/T 4754-2017", N_("industry code")},
    TypeInfo{Type::license_id, "license-id", "GB/T 36904-2018", N_("electronic license identifier")},
};

constexpr TypeInfo k_unknown{Type::unknown, "unknown", "", N_("unknown identifier")};

// The character at 1-based pos of value, whole (a UTF-8 sequence), for messages.
std::string char_at(std::string_view value, std::uint8_t pos) {
    if (pos == 0 || pos > value.size()) return {};
    std::string_view rest = value.substr(pos - 1u);
    std::size_t n = core::utf8_sequence_length(rest);
    if (n == 0) return fmt::format("\\x{:02X}", static_cast<unsigned char>(rest[0]));
    return std::string(rest.substr(0, n));
}

std::string region_words(std::uint32_t code) {
    const Regions& regions = Regions::get();
    const RegionPeriod* p = regions.latest(code);
    if (!p) return {};
    return fmt::format("{} ({})", regions.full_name(*p), regions.years(*p));
}

}  // namespace

std::span<const TypeInfo> types() noexcept { return k_types; }

const TypeInfo& type_info(Type t) noexcept {
    for (const auto& i : k_types)
        if (i.type == t) return i;
    return k_unknown;
}

bool parse_type(std::string_view name, Type& out) noexcept {
    if (name == "auto") {
        out = Type::unknown;
        return true;
    }
    for (const auto& i : k_types) {
        if (i.name == name) {
            out = i.type;
            return true;
        }
    }
    return false;
}

const char* rule_id(Rule r) noexcept {
    switch (r) {
    case Rule::unknown_type: return "id-type";
    case Rule::empty: return "id-empty";
    case Rule::uscc_length: return "uscc-length";
    case Rule::uscc_alphabet: return "uscc-alphabet";
    case Rule::uscc_check: return "uscc-check";
    case Rule::uscc_orgcode: return "uscc-orgcode";
    case Rule::uscc_authority: return "uscc-authority";
    case Rule::uscc_region: return "uscc-region";
    case Rule::ric_length: return "ric-length";
    case Rule::ric_format: return "ric-format";
    case Rule::ric_region: return "ric-region";
    case Rule::ric_region_at_birth: return "ric-region-at-birth";
    case Rule::ric_birth_date: return "ric-birth-date";
    case Rule::ric_future: return "ric-future";
    case Rule::ric_check: return "ric-check";
    case Rule::ric_legacy: return "ric-legacy";
    case Rule::orgcode_length: return "orgcode-length";
    case Rule::orgcode_alphabet: return "orgcode-alphabet";
    case Rule::orgcode_check: return "orgcode-check";
    case Rule::region_format: return "region-format";
    case Rule::region_unknown: return "region-unknown";
    case Rule::region_name: return "region-name";
    case Rule::region_historic: return "region-historic";
    case Rule::industry_format: return "industry-format";
    case Rule::industry_unknown: return "industry-unknown";
    case Rule::industry_section: return "industry-section";
    case Rule::industry_name: return "industry-name";
    case Rule::license_prefix: return "license-id-root";
    case Rule::license_structure: return "license-id-structure";
    case Rule::license_alphabet: return "license-id-alphabet";
    case Rule::license_version: return "license-id-version";
    case Rule::license_check: return "license-id-check";
    case Rule::license_code: return "license-id-code";
    }
    return "id";
}

std::string describe(const Finding& f, std::string_view value) {
    auto ch = [](char c) { return std::string(1, c); };
    switch (f.rule) {
    case Rule::unknown_type:
        return trf("cannot tell which kind of identifier this is ({length} characters); give --type",
                   fmt::arg("length", f.code));
    case Rule::empty: return tr("empty value");
    case Rule::uscc_length:
        return trf("a credit code has 18 characters, found {length}", fmt::arg("length", f.code));
    case Rule::uscc_alphabet:
        return trf("character '{char}' at position {pos} is not allowed (credit codes use 0-9 and A-Z without I, O, Z, S, V)",
                   fmt::arg("char", char_at(value, f.pos)), fmt::arg("pos", f.pos));
    case Rule::uscc_check:
        return trf("check character should be '{expected}', found '{found}'", fmt::arg("expected", ch(f.expected)),
                   fmt::arg("found", ch(f.found)));
    case Rule::uscc_orgcode:
        return trf("the organization code part (positions 9-17) fails its own check: character 17 should be '{expected}', found '{found}'",
                   fmt::arg("expected", ch(f.expected)), fmt::arg("found", ch(f.found)));
    case Rule::uscc_authority:
        return trf("'{pair}' is not a known registration authority and category (positions 1-2)",
                   fmt::arg("pair", value.substr(0, 2)));
    case Rule::uscc_region:
        return trf("region part {region} is not a GB/T 2260 code", fmt::arg("region", value.substr(2, 6)));
    case Rule::ric_length:
        return trf("a resident identity number has 18 digits (or 15 for the legacy form), found {length} characters",
                   fmt::arg("length", f.code));
    case Rule::ric_format:
        return f.pos == 18 ? trf("character '{char}' at position 18 must be a digit or X",
                                 fmt::arg("char", char_at(value, f.pos)))
                           : trf("character '{char}' at position {pos} must be a digit",
                                 fmt::arg("char", char_at(value, f.pos)), fmt::arg("pos", f.pos));
    case Rule::ric_region:
        return trf("region {region} is not a GB/T 2260 code, current or historic", fmt::arg("region", value.substr(0, 6)));
    case Rule::ric_region_at_birth:
        return trf("region {region} {name} was not in use in the birth year {year}",
                   fmt::arg("region", value.substr(0, 6)), fmt::arg("name", region_words(f.code)),
                   fmt::arg("year", f.year));
    case Rule::ric_birth_date:
        return value.size() == 15
                   ? trf("birth date 19{date} is not a real date", fmt::arg("date", value.substr(6, 6)))
                   : trf("birth date {date} is not a real date", fmt::arg("date", value.substr(6, 8)));
    case Rule::ric_future:
        return trf("birth date {date} is in the future", fmt::arg("date", value.substr(6, 8)));
    case Rule::ric_check:
        return trf("check character should be '{expected}', found '{found}'", fmt::arg("expected", ch(f.expected)),
                   fmt::arg("found", ch(f.found)));
    case Rule::ric_legacy: {
        std::string full = std::string(value.substr(0, 6)) + "19" + std::string(value.substr(6, 9));
        full += ric_check_char(full);
        return trf("legacy 15-digit number (no check character); its 18-digit form is {full}", fmt::arg("full", full));
    }
    case Rule::orgcode_length:
        return trf("an organization code has 9 characters (8 and a check character), found {length}",
                   fmt::arg("length", f.code));
    case Rule::orgcode_alphabet:
        return trf("character '{char}' at position {pos} must be a digit or a capital letter",
                   fmt::arg("char", char_at(value, f.pos)), fmt::arg("pos", f.pos));
    case Rule::orgcode_check:
        return trf("check character should be '{expected}', found '{found}'", fmt::arg("expected", ch(f.expected)),
                   fmt::arg("found", ch(f.found)));
    case Rule::region_format:
        return trf("a region code has 6 digits, found '{value}'", fmt::arg("value", value));
    case Rule::region_unknown:
        return trf("{region} is not a GB/T 2260 code, current or historic", fmt::arg("region", value));
    case Rule::region_name: return region_words(f.code);
    case Rule::region_historic:
        return trf("{name}, no longer in use", fmt::arg("name", region_words(f.code)));
    case Rule::industry_format:
        return trf("an industry code is a section letter, 2-4 digits, or both (e.g. C3511); found '{value}'",
                   fmt::arg("value", value));
    case Rule::industry_unknown:
        return trf("{code} is not a GB/T 4754-2017 code", fmt::arg("code", value));
    case Rule::industry_section: {
        return trf("division {division} is in section {expected}, not {found}",
                   fmt::arg("division", value.substr(1, 2)), fmt::arg("expected", ch(f.expected)),
                   fmt::arg("found", ch(f.found)));
    }
    case Rule::industry_name: {
        std::string_view digits = (!value.empty() && value[0] >= 'A' && value[0] <= 'Z' && value.size() > 1)
                                      ? value.substr(1)
                                      : value;
        const IndustryEntry* e = Industries::get().find(digits);
        if (!e) return {};
        const IndustryEntry* s = Industries::get().find(std::string_view(&e->section, 1));
        if (e->level == 1) return std::string(e->name);
        return fmt::format("{}{} {} ({} {})", e->section, e->code, e->name, e->section, s ? s->name : "");
    }
    case Rule::license_prefix:
        return tr("an electronic license identifier starts with 1.2.156.3005.2.");
    case Rule::license_structure:
        return tr("expected 1.2.156.3005.2.TYPE.ISSUER.SERIAL.VERSION.CHECK (five parts after the root, the last one character)");
    case Rule::license_alphabet:
        return trf("character '{char}' at position {pos} must be a digit or a capital letter",
                   fmt::arg("char", char_at(value, f.pos)), fmt::arg("pos", f.pos));
    case Rule::license_version: return tr("the version part must be three digits");
    case Rule::license_check:
        return trf("check character should be '{expected}', found '{found}'", fmt::arg("expected", ch(f.expected)),
                   fmt::arg("found", ch(f.found)));
    case Rule::license_code:
        return f.code == 1 ? tr("the type code does not start with a valid credit code")
                           : tr("the issuer code is not a valid credit code");
    }
    return {};
}

std::string reason(const Verdict& v, std::string_view value) {
    if (v.count == 0) return "ok";
    std::string out;
    for (const auto& f : v.all()) {
        if (!out.empty()) out += "; ";
        if (f.level == Level::warning) {
            out += tr("warning");
            out += ": ";
        }
        out += describe(f, value);
        if (f.level != Level::info) {
            out += " [";
            out += rule_id(f.rule);
            out += "]";
        }
    }
    return out;
}

}  // namespace adx::ids

// SPDX-License-Identifier: Apache-2.0
#pragma once
// The outcome of checking one identifier: its type, and what was found, as
// small plain values (no allocation), so that millions of codes a second can
// be checked. Messages are made only when asked for (describe()).

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace adx::ids {

enum class Type : std::uint8_t { unknown, uscc, ric, orgcode, region, industry, license_id };

struct TypeInfo {
    Type type;
    std::string_view name;      // "uscc", as on the command line and in output
    std::string_view standard;  // "GB 32100-2015"
    const char* summary;        // English msgid: "unified social credit code"
};

// The registry of identifier types (adx --version lists it).
std::span<const TypeInfo> types() noexcept;
const TypeInfo& type_info(Type t) noexcept;
// Parses a --type name; Type::unknown for "auto"; false if not a type name.
bool parse_type(std::string_view name, Type& out) noexcept;

// Rule ids: the stable names in [brackets] and in JSON reports.
enum class Rule : std::uint8_t {
    unknown_type,
    empty,
    uscc_length,
    uscc_alphabet,
    uscc_check,
    uscc_orgcode,
    uscc_authority,
    uscc_region,
    ric_length,
    ric_format,
    ric_region,
    ric_region_at_birth,
    ric_birth_date,
    ric_future,
    ric_check,
    ric_legacy,
    orgcode_length,
    orgcode_alphabet,
    orgcode_check,
    region_format,
    region_unknown,
    region_name,
    region_historic,
    industry_format,
    industry_unknown,
    industry_section,
    industry_name,
    license_prefix,
    license_structure,
    license_alphabet,
    license_version,
    license_check,
    license_code,
};

enum class Level : std::uint8_t { info, warning, error };

const char* rule_id(Rule r) noexcept;  // "uscc-check"

struct Finding {
    Rule rule{};
    Level level = Level::error;
    std::uint8_t pos = 0;    // 1-based character position, where one applies
    char expected = 0;       // expected character (check characters)
    char found = 0;          // character found
    std::uint32_t code = 0;  // region code, length, division … (rule-specific)
    std::int32_t year = 0;   // rule-specific (birth year, …)
};

struct Verdict {
    Type type = Type::unknown;
    std::array<Finding, 6> findings{};
    std::uint8_t count = 0;

    bool valid() const noexcept {
        for (std::uint8_t i = 0; i < count; ++i)
            if (findings[i].level == Level::error) return false;
        return true;
    }
    std::span<const Finding> all() const noexcept { return {findings.data(), count}; }
    void add(const Finding& f) noexcept {
        if (count < findings.size()) findings[count++] = f;
    }
};

// One finding in words (translated), without the rule id. value is the
// normalized identifier the finding is about.
std::string describe(const Finding& f, std::string_view value);

// The REASON column: "ok", or the findings joined by "; ", each with its
// [rule-id], warnings prefixed "warning: ".
std::string reason(const Verdict& v, std::string_view value);

}  // namespace adx::ids

// SPDX-License-Identifier: Apache-2.0
// Every identifier check, detection, normalization, explanation and message
// on arbitrary bytes, with a fixed today.

#include "core/encoding.hpp"
#include "ids/check.hpp"
#include "ids/checks.hpp"
#include "ids/explain.hpp"
#include "ids/license_id.hpp"
#include "ids/normalize.hpp"
#include "ids/verdict.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace adx::ids;

namespace {

constexpr std::chrono::year_month_day k_today{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{27}};

void words(const Verdict& v, std::string_view value) {
    if (v.count > v.findings.size()) std::abort();
    for (const auto& f : v.all()) {
        (void)rule_id(f.rule);
        (void)describe(f, value);
    }
    std::string r = reason(v, value);
    if (r.empty()) std::abort();
}

void all_checks(std::string_view v) {
    words(check_uscc(v), v);
    words(check_ric(v, k_today), v);
    words(check_orgcode(v), v);
    words(check_region(v), v);
    words(check_industry(v), v);
    words(check_license_id(v), v);
    LicenseIdParts parts;
    if (split_license_id(v, parts)) (void)license_id_check_char(parts);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view raw(reinterpret_cast<const char*>(data), size);
    std::string buf;
    std::string_view v = normalize(raw, buf);
    // Normalizing valid UTF-8 is idempotent. (Not so for broken sequences:
    // dropping the spaces inside E2 80 20 94 leaves a dash, U+2014.)
    std::string buf2;
    if (adx::core::utf8_invalid_offset(raw) == std::string_view::npos && normalize(v, buf2) != v) std::abort();

    all_checks(v);
    all_checks(raw);  // the checkers must survive values nobody normalized
    Type detected = detect(v, k_today);
    words(check(Type::unknown, v, k_today), v);
    for (const auto& info : types()) {
        Verdict verdict = check(info.type, v, k_today);
        if (!v.empty() && verdict.type != info.type) std::abort();
        words(verdict, v);
        Explanation e = explain(v, info.type, k_today);
        for (const auto& p : e.parts) (void)p.meaning.size();
        words(e.verdict, e.normalized);
    }
    Explanation e = explain(v, Type::unknown, k_today);
    if (!v.empty() && e.type != detected) std::abort();
    words(e.verdict, e.normalized);

    Checker checker(Type::unknown, k_today);
    words(checker.check(raw), checker.normalized());
    Checker uscc(Type::uscc, k_today);
    Verdict fast = uscc.check(raw);
    if (fast.valid() != check(Type::uscc, uscc.normalized(), k_today).valid()) std::abort();
    words(fast, uscc.normalized());

    Type t{};
    (void)parse_type(raw, t);
    return 0;
}

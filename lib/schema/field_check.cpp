// SPDX-License-Identifier: Apache-2.0
// One field's text against its specification (adx-formats(5) "FIELD TYPES").
// A value with an error is null to the rules, so that one mistake is
// reported once, not again by every rule that mentions the field.

#include "schema/field_check.hpp"

#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "ids/check.hpp"
#include "ids/checks.hpp"
#include "ids/normalize.hpp"
#include "schema/field_syntax.hpp"

#include <algorithm>
#include <charconv>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace adx::schema {

using core::tr;
using core::trf;

namespace {

void problem(std::vector<FieldProblem>& out, const char* rule, std::string message, bool warning = false) {
    out.push_back(FieldProblem{rule, std::move(message), warning});
}

// Characters of UTF-8 text: its bytes that are not continuation bytes
// (10xxxxxx). Sixteen at a time with SSE2 (the address and the business
// scope of every filing are counted).
std::size_t characters(std::string_view s) noexcept {
    const char* p = s.data();
    std::size_t left = s.size(), n = 0;
#if defined(__SSE2__)
    while (left >= 16) {
        // Up to 255 blocks in one byte-wide count per lane.
        const std::size_t blocks = std::min<std::size_t>(left / 16, 255);
        __m128i continuations = _mm_setzero_si128();
        for (std::size_t b = 0; b < blocks; ++b, p += 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            // 0x80-0xBF are the signed bytes below -64: -1 in the lane each.
            continuations = _mm_sub_epi8(continuations, _mm_cmplt_epi8(v, _mm_set1_epi8(-64)));
        }
        const __m128i sums = _mm_sad_epu8(continuations, _mm_setzero_si128());
        const auto found = static_cast<std::size_t>(_mm_cvtsi128_si32(sums) + _mm_extract_epi16(sums, 4));
        n += 16 * blocks - found;
        left -= 16 * blocks;
    }
#endif
    for (; left > 0; --left, ++p)
        if ((static_cast<unsigned char>(*p) & 0xC0) != 0x80) ++n;
    return n;
}

[[gnu::noinline]] Value check_text(const FieldSpec& spec, std::string_view text, std::vector<FieldProblem>& out) {
    std::size_t before = out.size();
    // Characters never outnumber bytes: a short enough text needs no count.
    bool need_count = (spec.max_length && text.size() > *spec.max_length) || spec.min_length;
    if (need_count) {
        std::size_t n = characters(text);
        if (spec.max_length && n > *spec.max_length)
            problem(
                out, "field-length",
                trf("{n} characters long; at most {max} allowed", fmt::arg("n", n), fmt::arg("max", *spec.max_length)));
        else if (spec.min_length && n < *spec.min_length)
            problem(
                out, "field-length",
                trf("{n} characters long; at least {min} needed", fmt::arg("n", n), fmt::arg("min", *spec.min_length)));
    }
    if (spec.pattern_re && !std::regex_match(text.begin(), text.end(), *spec.pattern_re))
        problem(out, "field-pattern",
                trf("'{value}' does not match the pattern {pattern}", fmt::arg("value", text),
                    fmt::arg("pattern", spec.pattern)));
    return out.size() == before ? Value::text(text) : Value::null();
}

// The number's parts, read in one pass: [-]digits[.digits]. value: the
// digits as an integer (the point left out) where they fit in 19 digits.
struct NumberText {
    std::string_view whole, frac;
    bool dot = false, fits = true;
    std::uint64_t value = 0;
};

bool read_number(std::string_view text, NumberText& n) noexcept {
    const char* p = text.data();
    const char* const end = p + text.size();
    if (p < end && *p == '-') ++p;
    int kept = 0;  // digits in value, from the first non-zero one
    auto run = [&]() -> std::string_view {
        const char* from = p;
        for (; p < end && *p >= '0' && *p <= '9'; ++p) {
            const auto d = static_cast<unsigned>(*p - '0');
            if (kept == 19) {
                n.fits = false;
                continue;
            }
            n.value = n.value * 10 + d;
            kept += n.value != 0;
        }
        return {from, static_cast<std::size_t>(p - from)};
    };
    n.whole = run();
    if (p < end && *p == '.') {
        ++p;
        n.dot = true;
        n.frac = run();
        if (n.frac.empty()) return false;
    }
    return !n.whole.empty() && p == end;
}

// 10^k for k in 0..22: the powers of ten a double holds exactly.
constexpr double k_exact_powers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                     1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

[[gnu::noinline]] Value check_number(const FieldSpec& spec, std::string_view text, std::vector<FieldProblem>& out) {
    NumberText parts;
    bool ok = read_number(text, parts) && (!parts.dot || spec.type == FieldType::decimal);
    double v = 0;
    if (ok && parts.fits && parts.value <= (std::uint64_t{1} << 53) && parts.frac.size() <= 22) {
        // Both exact in a double, so their quotient is the correctly rounded
        // value, as from_chars would give (Clinger's fast path).
        v = static_cast<double>(parts.value) / k_exact_powers[parts.frac.size()];
        if (text[0] == '-') v = -v;
    } else if (ok) {
        ok = std::from_chars(text.data(), text.data() + text.size(), v).ec == std::errc{};
    }
    if (!ok) {
        problem(out, "field-type",
                spec.type == FieldType::integer
                    ? trf("'{value}' is not a whole number", fmt::arg("value", text))
                    : trf("'{value}' is not a decimal number (digits, optionally a '.' and decimals; no thousands "
                          "separators)",
                          fmt::arg("value", text)));
        return Value::null();
    }
    const std::string_view whole = parts.whole, frac = parts.frac;
    std::size_t before = out.size();
    if (spec.type == FieldType::decimal) {
        std::size_t lead = whole.find_first_not_of('0');
        std::size_t n = (lead == std::string_view::npos ? 0 : whole.size() - lead) + frac.size();
        if (spec.scale >= 0 && frac.size() > static_cast<std::size_t>(spec.scale))
            problem(out, "field-scale",
                    trf("{value} has {n} decimal places; at most {scale} allowed", fmt::arg("value", text),
                        fmt::arg("n", frac.size()), fmt::arg("scale", spec.scale)));
        else if (spec.precision > 0 && n > static_cast<std::size_t>(spec.precision))
            problem(out, "field-scale",
                    trf("{value} has {n} digits; at most {precision} allowed", fmt::arg("value", text),
                        fmt::arg("n", n), fmt::arg("precision", spec.precision)));
    }
    if (spec.min && v < *spec.min)
        problem(out, "field-range",
                trf("{value} is less than the minimum {min}", fmt::arg("value", text), fmt::arg("min", *spec.min)));
    else if (spec.max && v > *spec.max)
        problem(out, "field-range",
                trf("{value} is greater than the maximum {max}", fmt::arg("value", text), fmt::arg("max", *spec.max)));
    return out.size() == before ? Value::number(v) : Value::null();
}

[[gnu::noinline]] Value check_enum(const FieldSpec& spec, std::string_view text, std::vector<FieldProblem>& out) {
    // The first byte first: most codes differ there, and no bytes are compared.
    for (const auto& c : spec.codes)
        if (c.code.size() == text.size() && c.code[0] == text[0] && c.code == text) return Value::text(text);
    for (const auto& c : spec.codes) {
        if (c.zh == text || c.en == text) {
            problem(out, "field-enum",
                    trf("'{value}' is the label of the code '{code}'; write the code", fmt::arg("value", text),
                        fmt::arg("code", c.code)));
            return Value::null();
        }
    }
    std::string list;
    for (const auto& c : spec.codes) list += (list.empty() ? "" : ", ") + c.code;
    problem(out, "field-enum",
            trf("'{value}' is not one of the codes: {codes}", fmt::arg("value", text), fmt::arg("codes", list)));
    return Value::null();
}

[[gnu::noinline]] Value check_boolean(std::string_view text, std::vector<FieldProblem>& out) {
    auto is = [&](std::string_view word) {
        if (word.size() != text.size()) return false;
        for (std::size_t i = 0; i < word.size(); ++i)
            if (word[i] != (text[i] >= 'A' && text[i] <= 'Z' ? text[i] - 'A' + 'a' : text[i])) return false;
        return true;
    };
    if (is("true") || text == "1" || text == "是") return Value::boolean(true);
    if (is("false") || text == "0" || text == "否") return Value::boolean(false);
    problem(out, "field-type",
            trf("'{value}' is not a boolean (true, false, 1, 0, 是 or 否)", fmt::arg("value", text)));
    return Value::null();
}

ids::Type id_type(FieldType t) noexcept {
    switch (t) {
        case FieldType::uscc:
            return ids::Type::uscc;
        case FieldType::ric:
            return ids::Type::ric;
        case FieldType::orgcode:
            return ids::Type::orgcode;
        case FieldType::region:
            return ids::Type::region;
        case FieldType::industry:
            return ids::Type::industry;
        default:
            return ids::Type::license_id;
    }
}

// The identifier check of a field type, called directly (the text is not
// empty and its type is known: ids::check's detection is not needed).
ids::Verdict verdict(FieldType t, std::string_view text, std::chrono::year_month_day today) {
    switch (t) {
        case FieldType::uscc:
            return ids::check_uscc(text);
        case FieldType::ric:
            return ids::check_ric(text, today);
        case FieldType::orgcode:
            return ids::check_orgcode(text);
        case FieldType::region:
            return ids::check_region(text);
        case FieldType::industry:
            return ids::check_industry(text);
        default:
            return ids::check(id_type(t), text, today);
    }
}

[[gnu::noinline]] Value check_time(FieldType type, std::string_view text, std::vector<FieldProblem>& out) {
    if (type == FieldType::date) {
        std::int64_t days = 0;
        if (parse_civil_date(text, days)) return Value::date(days);
        problem(out, "field-type", trf("'{value}' is not a real date in the form YYYY-MM-DD", fmt::arg("value", text)));
        return Value::null();
    }
    core::SysTime t;
    int offset = 0;
    if (text.size() > 10 && core::parse_iso8601(text, t, &offset))
        return Value::datetime(t.time_since_epoch().count(), offset);
    problem(
        out, "field-type",
        trf("'{value}' is not a date and time with its offset (YYYY-MM-DDTHH:MM:SS+08:00)", fmt::arg("value", text)));
    return Value::null();
}

// Phone numbers, e-mail addresses, currency codes and reporting periods.
[[gnu::noinline]] Value check_shape(FieldType type, std::string_view text, std::vector<FieldProblem>& out) {
    switch (type) {
        case FieldType::phone:
            if (is_phone(text)) return Value::text(text);
            problem(out, "field-type",
                    trf("'{value}' is not a Chinese mobile or landline number", fmt::arg("value", text)));
            break;
        case FieldType::email:
            if (is_email(text)) return Value::text(text);
            problem(out, "field-type", trf("'{value}' is not an e-mail address", fmt::arg("value", text)));
            break;
        case FieldType::currency:
            if (is_currency(text)) return Value::text(text);
            problem(out, "field-enum", trf("'{value}' is not an ISO 4217 currency code", fmt::arg("value", text)));
            break;
        default:
            if (is_period(text)) return Value::text(text);
            problem(out, "field-type",
                    trf("'{value}' is not a reporting period (YYYY, YYYY-MM or YYYY-Qn)", fmt::arg("value", text)));
            break;
    }
    return Value::null();
}

[[gnu::noinline]] Value check_identifier(FieldType type, std::string_view text, std::chrono::year_month_day today,
                                         std::vector<FieldProblem>& out) {
    ids::Verdict v = verdict(type, text, today);
    for (const auto& f : v.all()) {
        if (f.level == ids::Level::info) continue;
        problem(out, ids::rule_id(f.rule), ids::describe(f, text), f.level == ids::Level::warning);
    }
    return v.valid() ? Value::text(text) : Value::null();
}

}  // namespace

FieldChecker::FieldChecker(std::chrono::year_month_day today) : m_today(today) {}

Value FieldChecker::check(const FieldSpec& spec, std::string_view text, std::vector<FieldProblem>& out) {
    if (is_identifier(spec.type)) text = ids::normalize(text, m_buf);
    return check_normalized(spec, text, out);
}

Value FieldChecker::check_normalized(const FieldSpec& spec, std::string_view text, std::vector<FieldProblem>& out) {
    // Every field of every record comes through here: this only dispatches,
    // to checks kept out of line, so that it needs no stack frame itself.
    if (text.empty()) return Value::null();
    switch (spec.type) {
        case FieldType::text:
            return check_text(spec, text, out);
        case FieldType::integer:
        case FieldType::decimal:
            return check_number(spec, text, out);
        case FieldType::enumeration:
            return check_enum(spec, text, out);
        case FieldType::boolean:
            return check_boolean(text, out);
        case FieldType::date:
        case FieldType::datetime:
            return check_time(spec.type, text, out);
        case FieldType::phone:
        case FieldType::email:
        case FieldType::currency:
        case FieldType::period:
            return check_shape(spec.type, text, out);
        case FieldType::region:
        case FieldType::industry:
            return check_code(spec, text, out);
        default:
            return check_identifier(spec.type, text, m_today, out);
    }
}

Value FieldChecker::check_code(const FieldSpec& spec, std::string_view text, std::vector<FieldProblem>& out) {
    // The key: the type in the top bits, the length below it, up to seven
    // bytes of text (longer texts are not codes of these types, and are
    // checked each time); never 0, as a text here is not empty.
    if (text.size() > 7) return check_identifier(spec.type, text, m_today, out);
    std::uint64_t key =
        (std::uint64_t{static_cast<std::uint8_t>(spec.type)} << 59) | (std::uint64_t{text.size()} << 56);
    for (std::size_t i = 0; i < text.size(); ++i) key |= std::uint64_t{static_cast<unsigned char>(text[i])} << (8 * i);
    std::uint64_t& slot = m_clean_codes[(key * 0x9E3779B97F4A7C15ULL) >> 56];
    if (slot == key) return Value::text(text);
    const std::size_t before = out.size();
    Value v = check_identifier(spec.type, text, m_today, out);
    if (out.size() == before && !v.is_null()) slot = key;
    return v;
}

std::string mask(std::string_view text) {
    std::size_t n = characters(text);
    if (n == 0) return {};
    std::size_t first = 1;
    while (first < text.size() && (static_cast<unsigned char>(text[first]) & 0xC0) == 0x80) ++first;
    if (n == 1) return "*";
    if (n == 2) return std::string(text.substr(0, first)) + "*";
    std::size_t last = text.size() - 1;
    while (last > 0 && (static_cast<unsigned char>(text[last]) & 0xC0) == 0x80) --last;
    std::string out(text.substr(0, first));
    out.append(n - 2, '*');
    out.append(text.substr(last));
    return out;
}

}  // namespace adx::schema

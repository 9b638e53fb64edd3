// SPDX-License-Identifier: Apache-2.0
#pragma once
// The rule language of format specifications (adx-formats(5)): small and
// safe. No loops, no assignments, no I/O; every expression is parsed and
// type-checked once, when its format loads, and evaluates in bounded time.
//
//   literals     12  3.5  1e6  "text"  'text'  true  false  null
//   fields       revenue  (a field key of the format)
//   arithmetic   + - * /  (numbers; date - date = days; date ± number = date)
//   comparison   = == != < <= > >=   (numbers, text, dates, date-times;
//                booleans with = and != only; text compares byte-wise)
//   logic        and  or  not        (three-valued: null is "unknown")
//   membership   x in [a, b, c]   x not in [a, b, c]
//   functions    present(f) len(f) abs(x) round(x, n) sum(a, b, ...)
//                min(a, ...) max(a, ...) matches(f, "regex") substr(s, start, len)
//                starts_with(s, prefix) year(d) month(d) days_between(d1, d2)
//                approx(a, b, tolerance) date("2026-01-01") today() now()
//                previous(f)   (the field in last period's record, --previous)
//                if(cond, a, b)
//
// Precedence, loosest first: or, and, not, comparison and in, + -, * /,
// unary minus, calls and parentheses. Comparisons do not chain (a < b < c is
// an error: write a < b and b < c).
//
// Null propagates: an operator or function (other than present, sum, min,
// max, if, and, or) with a null operand gives null, and a rule whose
// expression is null does not fire. So "revenue >= main_revenue" says
// nothing about a record without revenue; required-ness is the field's
// business. In detail:
//   - and/or follow Kleene logic: false and null = false, true or null = true.
//   - Division by zero, and arithmetic whose result is not finite, give null.
//   - x in [...] is true when x equals an element, else null when x or an
//     element is null, else false.
//   - sum() counts null as 0 and is null only when every argument is;
//     min() and max() skip nulls (numbers, text, dates or date-times).
//   - if(c, a, b) gives a when c is true, b when c is false, null when c is
//     null; a and b have the same type.
//   - present(f) and previous(f) take a field name; present(f) is true when
//     the value is not null; previous(f) is null without a previous record.
//   - len(s) counts characters (UTF-8 code points); substr(s, start[, len])
//     counts characters from 1 and clamps at the end of s (start < 1 or
//     len < 0 give null); starts_with is byte-wise.
//   - round(x[, n]) rounds half away from zero to n decimals (-15..15);
//     approx(a, b, tol) is |a - b| <= tol.
//   - Numbers closer than a billionth of their size compare equal (decimal
//     sums computed in binary floating point stay exact at the boundary).
//   - date ± number moves by whole days (the fraction is dropped);
//     days_between(d1, d2) is d2 - d1 in days (dates or date-times, UTC);
//     year(d), month(d) take a date or date-time (UTC).
//   - matches(s, "regex") is a full match of an ECMAScript regular
//     expression, a text literal compiled once (no back-references; matching
//     takes time linear in the length of s).
//   - date("YYYY-MM-DD") of a literal is checked when compiled; of any other
//     text, a malformed date gives null.
// Strings take \" \' and \\ as escapes; any other backslash stays as written,
// so "\d{11}" reaches the regular expression as \d{11}.

#include "core/error.hpp"
#include "schema/value.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace adx::schema {

// What a name in an expression refers to: a field's index in the record and
// its static type.
struct FieldRef {
    std::size_t index = 0;
    ValueType type = ValueType::null;
};
using Resolver = std::function<std::optional<FieldRef>(std::string_view name)>;

// The values an expression is evaluated over. A value whose type is not the
// field's static type is read as null.
struct EvalContext {
    std::span<const Value> record;
    std::span<const Value> previous;  // empty: previous(f) is null
    std::int64_t today = 0;           // days since the epoch
    std::int64_t now = 0;             // seconds since the epoch
};

// Limits that keep hostile specifications harmless.
inline constexpr std::size_t k_expr_max_length = 4096;  // bytes of text
inline constexpr std::size_t k_expr_max_depth = 64;     // nesting of the syntax tree

class Expr {
public:
    // Parses and type-checks text. want is the required result type
    // (ValueType::boolean for rules; ValueType::null accepts any). Errors are
    // Exit::config, with where.column set to the 1-based column in text
    // (counted in characters from the start of text, newlines included) and
    // a message naming what is wrong ("unknown field 'revnue'", "cannot
    // compare number with text", "expected ')', found the end"). rule is
    // "expr-syntax", "expr-type" or "expr-limit"; hint is set where the fix is
    // known ("did you mean 'revenue'?").
    static core::Expected<Expr> compile(std::string_view text, const Resolver& resolve, ValueType want);
    // The same, with the names the resolver knows, for "did you mean" hints
    // on unknown fields.
    static core::Expected<Expr> compile(std::string_view text, const Resolver& resolve, ValueType want,
                                        std::span<const std::string> names);

    // Evaluates without allocating (except inside matches(), in std::regex);
    // safe to call from several threads at once. A default-constructed Expr
    // gives null.
    Value eval(const EvalContext& ctx) const;
    ValueType type() const noexcept;
    // Indexes of the fields the expression mentions, in previous() too (in
    // order of first use).
    const std::vector<std::size_t>& fields() const noexcept;
    // Whether the expression uses previous().
    bool uses_previous() const noexcept;
    const std::string& text() const noexcept;

    Expr();
    ~Expr();
    Expr(Expr&&) noexcept;
    Expr& operator=(Expr&&) noexcept;
    Expr(const Expr&) = delete;
    Expr& operator=(const Expr&) = delete;

    struct Impl;

private:
    explicit Expr(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace adx::schema

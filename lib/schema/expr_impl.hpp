// SPDX-License-Identifier: Apache-2.0
#pragma once
// Inside the rule language: the compiled form of an expression (a vector of
// typed nodes with child indexes), shared by the parser, the type checker and
// the evaluator. Not for use outside lib/schema/expr*.cpp.

#include "schema/expr.hpp"

#include <cstdint>
#include <deque>
#include <regex>
#include <string>
#include <vector>

namespace adx::schema {

enum class Op : std::uint8_t {
    constant, field, previous, present,
    neg, not_, and_, or_,              // and/or: n-ary, children in args
    add, sub, mul, div,                // numbers
    date_add, date_sub, days_diff,     // date + number, date - number, date - date
    eq, ne, lt, le, gt, ge,
    in, not_in,                        // args: the value, then the elements
    fn_len, fn_abs, fn_round, fn_sum, fn_min, fn_max, fn_matches, fn_substr, fn_starts_with,
    fn_year, fn_month, fn_days_between, fn_approx, fn_date, fn_today, fn_now, fn_if,
};
// The number of operations: the evaluator's table of them has this many
// (fn_if must stay the last, or this follow the new last one).
inline constexpr std::size_t k_op_count = static_cast<std::size_t>(Op::fn_if) + 1;

inline constexpr std::uint32_t k_no_node = 0xffffffffU;

struct Node {
    Op op = Op::constant;
    ValueType type = ValueType::null;  // static result type
    std::uint8_t depth = 1;            // height of the subtree
    std::uint32_t pos = 0;             // byte offset in the text, for messages
    // Children: a, b, c for fixed arity; for n-ary nodes, a is the first
    // index into Impl::args and b the count. fn_round: b may be k_no_node.
    std::uint32_t a = k_no_node, b = k_no_node, c = k_no_node;
    std::size_t field = 0;             // field, previous, present; fn_matches: the regex
    ValueType field_type = ValueType::null;  // present: the field's type
    Value k;                           // constant
};

struct Expr::Impl {
    std::string text;
    ValueType type = ValueType::null;
    std::vector<Node> nodes;
    std::vector<std::uint32_t> args;
    std::uint32_t root = 0;
    std::vector<std::size_t> fields;
    bool uses_previous = false;
    std::deque<std::string> strings;  // text constants (a deque keeps views valid)
    std::vector<std::regex> regexes;
};

// Evaluation: Expr::eval (expr_eval.cpp).

// Helpers shared by the checker and the evaluator (expr_functions.cpp).
std::size_t utf8_length(std::string_view s) noexcept;
// The characters [start, start + len) of s, counting from 0; clamped to s.
std::string_view utf8_substr(std::string_view s, std::size_t start, std::size_t len) noexcept;
// An Exit::config error at byte offset pos of text; rule is "expr-syntax",
// "expr-type" or "expr-limit".
core::Error expr_error(std::string_view text, std::size_t pos, const char* rule, std::string message);
// 1-based column of byte offset pos in text, counted in characters.
std::uint64_t char_column(std::string_view text, std::size_t pos) noexcept;
// YYYY-MM-DD (years 0000-9999) as days since 1970-01-01.
bool parse_date(std::string_view s, std::int64_t& days) noexcept;
// The civil year and month of a day count (|days| below 2^40).
void civil_from_days(std::int64_t days, std::int64_t& year, unsigned& month) noexcept;
// x rounded half away from zero to decimals places (-15..15), from its
// shortest decimal form.
double round_half_away(double x, int decimals) noexcept;

// Compiles an ECMAScript pattern for full matches (expr_regex.cpp): no
// back-references, bounded size. On failure, message says why (translated).
bool compile_regex(std::string_view pattern, std::regex& out, std::string& message);

}  // namespace adx::schema

// SPDX-License-Identifier: Apache-2.0
#pragma once
// Building the compiled form of an expression, node by node, with the type
// rules of the language (internal to lib/schema/expr*.cpp). The parser calls
// one method per construct; each checks its operands' static types and
// appends a node, or says what is wrong at the operator's position.

#include "schema/expr_impl.hpp"
#include "schema/expr_lexer.hpp"

#include <span>
#include <vector>

namespace adx::schema {

class Builder {
public:
    using Result = core::Expected<std::uint32_t>;

    Builder(Expr::Impl& impl, const Resolver& resolve, std::span<const std::string> names)
        : m_impl(impl), m_resolve(resolve), m_names(names) {}

    Result constant(Value v, std::uint32_t pos);
    Result text(std::string s, std::uint32_t pos);
    Result field(std::string_view name, std::uint32_t pos);
    Result negate(std::uint32_t pos, std::uint32_t x);
    Result logical_not(std::uint32_t pos, std::uint32_t x);
    // and/or over xs (two or more); ops[i] is the position of the i-th operator.
    Result logical(Op op, const std::vector<std::uint32_t>& xs, const std::vector<std::uint32_t>& ops);
    Result arithmetic(Tok op, std::uint32_t op_pos, std::uint32_t l, std::uint32_t r);
    Result compare(Tok op, std::uint32_t op_pos, std::uint32_t l, std::uint32_t r);
    Result in(bool negated, std::uint32_t op_pos, std::uint32_t x, const std::vector<std::uint32_t>& list);
    Result call(std::string_view name, std::uint32_t pos, const std::vector<std::uint32_t>& args);
    // Checks the result type against want and records the root.
    core::Expected<void> finish(std::uint32_t root, ValueType want);

    core::Error error(std::size_t pos, const char* rule, std::string message) const;
    const Node& node(std::uint32_t i) const { return m_impl.nodes[i]; }

private:
    Result add(Node n, std::initializer_list<std::uint32_t> children);
    Result add_nary(Node n, const std::vector<std::uint32_t>& children);
    core::Expected<void> check_arg(std::string_view name, std::size_t index, std::uint32_t arg,
                                   std::initializer_list<ValueType> allowed) const;
    Result call_checked(std::string_view name, std::uint32_t pos, Op op, const std::vector<std::uint32_t>& args);

    Expr::Impl& m_impl;
    const Resolver& m_resolve;
    std::span<const std::string> m_names;
};

// Whether two static types may meet (equal, or one is the null literal's).
inline bool compatible(ValueType a, ValueType b) noexcept {
    return a == b || a == ValueType::null || b == ValueType::null;
}
// The type of a meeting of a and b: the one that is not null.
inline ValueType join(ValueType a, ValueType b) noexcept { return a == ValueType::null ? b : a; }

// Parses tokens (from lex(text)) into b's nodes; the root's index.
core::Expected<std::uint32_t> parse_expr(std::string_view text, const std::vector<Token>& tokens, Builder& b);

}  // namespace adx::schema

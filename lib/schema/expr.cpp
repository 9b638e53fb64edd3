// SPDX-License-Identifier: Apache-2.0
#include "schema/expr.hpp"

#include "core/i18n.hpp"
#include "schema/expr_build.hpp"

namespace adx::schema {

using core::tr;
using core::trf;

core::Expected<Expr> Expr::compile(std::string_view text, const Resolver& resolve, ValueType want) {
    return compile(text, resolve, want, {});
}

core::Expected<Expr> Expr::compile(std::string_view text, const Resolver& resolve, ValueType want,
                                   std::span<const std::string> names) {
    if (text.size() > k_expr_max_length)
        return expr_error(text, 0, "expr-limit",
                          trf("expression is too long ({size} bytes; the limit is {limit})",
                              fmt::arg("size", text.size()), fmt::arg("limit", k_expr_max_length)));
    auto tokens = lex(text);
    if (!tokens) return std::move(tokens).error();
    if (tokens->size() == 1) return expr_error(text, 0, "expr-syntax", tr("the expression is empty"));
    auto impl = std::make_unique<Impl>();
    impl->text = std::string(text);
    Builder builder(*impl, resolve, names);
    auto root = parse_expr(impl->text, *tokens, builder);
    if (!root) return std::move(root).error();
    if (auto r = builder.finish(*root, want); !r) return std::move(r).error();
    return Expr(std::move(impl));
}

ValueType Expr::type() const noexcept { return m_impl ? m_impl->type : ValueType::null; }

const std::vector<std::size_t>& Expr::fields() const noexcept {
    static const std::vector<std::size_t> k_none;
    return m_impl ? m_impl->fields : k_none;
}

bool Expr::uses_previous() const noexcept { return m_impl && m_impl->uses_previous; }

const std::string& Expr::text() const noexcept {
    static const std::string k_empty;
    return m_impl ? m_impl->text : k_empty;
}

Expr::Expr() = default;
Expr::~Expr() = default;
Expr::Expr(Expr&&) noexcept = default;
Expr& Expr::operator=(Expr&&) noexcept = default;
Expr::Expr(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

}  // namespace adx::schema

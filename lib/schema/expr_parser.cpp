// SPDX-License-Identifier: Apache-2.0
// The rule language's recursive-descent parser, one function per precedence
// level (loosest first):
//
//   or   := and ('or' and)*            and  := not ('and' not)*
//   not  := 'not' not | cmp            cmp  := sum (cmpop sum | ['not'] 'in' list)?
//   sum  := term (('+' | '-') term)*   term := unary (('*' | '/') unary)*
//   unary := '-' unary | primary
//   primary := number | string | true | false | null | name | name '(' args ')' | '(' or ')'
//   list := '[' (or (',' or)*)? ']'

#include "core/i18n.hpp"
#include "schema/expr_build.hpp"

namespace adx::schema {

using core::tr;
using core::trf;

namespace {

bool comparison(Tok t) noexcept {
    return t == Tok::eq || t == Tok::ne || t == Tok::lt || t == Tok::le || t == Tok::gt || t == Tok::ge;
}

class Parser {
public:
    using Result = Builder::Result;

    Parser(const std::vector<Token>& tokens, std::string_view text, Builder& builder)
        : m_tokens(tokens), m_text(text), m_b(builder) {}

    Result parse() {
        Result root = parse_or();
        if (!root) return root;
        if (peek().kind != Tok::end)
            return error(peek().pos, trf("unexpected {found}", fmt::arg("found", describe(peek(), m_text))));
        return root;
    }

private:
    const Token& peek(std::size_t ahead = 0) const {
        std::size_t i = m_p + ahead;
        return m_tokens[i < m_tokens.size() ? i : m_tokens.size() - 1];
    }
    const Token& next() { return m_tokens[m_p++]; }

    core::Error error(std::size_t pos, std::string message) const {
        return m_b.error(pos, "expr-syntax", std::move(message));
    }
    core::Error expected(const char* what) const {
        return error(peek().pos, trf("expected {expected}, found {found}", fmt::arg("expected", what),
                                     fmt::arg("found", describe(peek(), m_text))));
    }

    // Guards the recursion: each nested parenthesis, call, list, 'not' or
    // unary minus is one level.
    core::Expected<void> enter(std::uint32_t pos) {
        if (++m_depth > k_expr_max_depth)
            return m_b.error(pos, "expr-limit", trf("expression is nested too deeply (the limit is {limit} levels)",
                                                    fmt::arg("limit", k_expr_max_depth)));
        return {};
    }

    Result parse_or() { return parse_chain(Tok::kw_or, Op::or_, &Parser::parse_and); }
    Result parse_and() { return parse_chain(Tok::kw_and, Op::and_, &Parser::parse_not); }

    Result parse_chain(Tok tok, Op op, Result (Parser::*operand)()) {
        Result first = (this->*operand)();
        if (!first || peek().kind != tok) return first;
        std::vector<std::uint32_t> xs{*first}, ops;
        while (peek().kind == tok) {
            ops.push_back(next().pos);
            Result x = (this->*operand)();
            if (!x) return x;
            xs.push_back(*x);
        }
        return m_b.logical(op, xs, ops);
    }

    Result parse_not() {
        if (peek().kind != Tok::kw_not) return parse_cmp();
        std::uint32_t pos = next().pos;
        if (auto r = enter(pos); !r) return std::move(r).error();
        Result x = parse_not();
        --m_depth;
        if (!x) return x;
        return m_b.logical_not(pos, *x);
    }

    Result parse_cmp() {
        Result l = parse_sum();
        if (!l) return l;
        Result out = l;
        const Token& t = peek();
        if (comparison(t.kind)) {
            Tok op = next().kind;
            Result r = parse_sum();
            if (!r) return r;
            out = m_b.compare(op, t.pos, *l, *r);
        } else if (t.kind == Tok::kw_in || (t.kind == Tok::kw_not && peek(1).kind == Tok::kw_in)) {
            bool negated = t.kind == Tok::kw_not;
            m_p += negated ? 2 : 1;
            std::vector<std::uint32_t> list;
            if (auto r = parse_list(list); !r) return std::move(r).error();
            out = m_b.in(negated, t.pos, *l, list);
        } else {
            return out;
        }
        if (out && (comparison(peek().kind) || peek().kind == Tok::kw_in))
            return error(peek().pos, tr("comparisons do not chain; join them with 'and'"));
        return out;
    }

    core::Expected<void> parse_list(std::vector<std::uint32_t>& list) {
        if (peek().kind != Tok::lbracket) return expected("'['");
        std::uint32_t pos = next().pos;
        if (auto r = enter(pos); !r) return r;
        if (peek().kind != Tok::rbracket) {
            for (;;) {
                Result x = parse_or();
                if (!x) return std::move(x).error();
                list.push_back(*x);
                if (peek().kind != Tok::comma) break;
                next();
            }
        }
        if (peek().kind != Tok::rbracket) return expected(tr("',' or ']'"));
        next();
        --m_depth;
        return {};
    }

    Result parse_binary(Tok a, Tok b, Result (Parser::*operand)()) {
        Result l = (this->*operand)();
        while (l && (peek().kind == a || peek().kind == b)) {
            const Token& op = next();
            Result r = (this->*operand)();
            if (!r) return r;
            l = m_b.arithmetic(op.kind, op.pos, *l, *r);
        }
        return l;
    }
    Result parse_sum() { return parse_binary(Tok::plus, Tok::minus, &Parser::parse_term); }
    Result parse_term() { return parse_binary(Tok::star, Tok::slash, &Parser::parse_unary); }

    Result parse_unary() {
        if (peek().kind != Tok::minus) return parse_primary();
        std::uint32_t pos = next().pos;
        if (auto r = enter(pos); !r) return std::move(r).error();
        Result x = parse_unary();
        --m_depth;
        if (!x) return x;
        return m_b.negate(pos, *x);
    }

    Result parse_primary() {
        const Token& t = peek();
        switch (t.kind) {
            case Tok::number: next(); return m_b.constant(Value::number(t.number), t.pos);
            case Tok::string: next(); return m_b.text(t.str, t.pos);
            case Tok::kw_true: next(); return m_b.constant(Value::boolean(true), t.pos);
            case Tok::kw_false: next(); return m_b.constant(Value::boolean(false), t.pos);
            case Tok::kw_null: next(); return m_b.constant(Value::null(), t.pos);
            case Tok::ident:
                next();
                if (peek().kind == Tok::lparen) return parse_call(t);
                return m_b.field(m_text.substr(t.pos, t.len), t.pos);
            case Tok::lparen: {
                next();
                if (auto r = enter(t.pos); !r) return std::move(r).error();
                Result x = parse_or();
                if (!x) return x;
                if (peek().kind != Tok::rparen) return expected("')'");
                next();
                --m_depth;
                return x;
            }
            case Tok::lbracket: return error(t.pos, tr("a list is only allowed after 'in'"));
            default: return expected(tr("a value"));
        }
    }

    Result parse_call(const Token& name) {
        std::uint32_t open = next().pos;
        if (auto r = enter(open); !r) return std::move(r).error();
        std::vector<std::uint32_t> args;
        if (peek().kind != Tok::rparen) {
            for (;;) {
                Result x = parse_or();
                if (!x) return x;
                args.push_back(*x);
                if (peek().kind != Tok::comma) break;
                next();
            }
        }
        if (peek().kind != Tok::rparen) return expected(tr("',' or ')'"));
        next();
        --m_depth;
        return m_b.call(m_text.substr(name.pos, name.len), name.pos, args);
    }

    const std::vector<Token>& m_tokens;
    std::string_view m_text;
    Builder& m_b;
    std::size_t m_p = 0;
    std::size_t m_depth = 0;
};

}  // namespace

core::Expected<std::uint32_t> parse_expr(std::string_view text, const std::vector<Token>& tokens, Builder& b) {
    return Parser(tokens, text, b).parse();
}

}  // namespace adx::schema

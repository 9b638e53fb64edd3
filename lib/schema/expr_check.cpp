// SPDX-License-Identifier: Apache-2.0
// The type rules of the rule language's operators (functions: expr_call.cpp).

#include "core/i18n.hpp"
#include "core/suggest.hpp"
#include "schema/expr_build.hpp"

#include <algorithm>

namespace adx::schema {

using core::tr;
using core::trf;

namespace {

const char* type_word(ValueType t) { return tr(value_type_name(t)); }

std::string_view op_text(Tok op) {
    switch (op) {
        case Tok::plus: return "+";
        case Tok::minus: return "-";
        case Tok::star: return "*";
        case Tok::slash: return "/";
        case Tok::eq: return "=";
        case Tok::ne: return "!=";
        case Tok::lt: return "<";
        case Tok::le: return "<=";
        case Tok::gt: return ">";
        case Tok::ge: return ">=";
        default: return "?";
    }
}

}  // namespace

core::Error Builder::error(std::size_t pos, const char* rule, std::string message) const {
    return expr_error(m_impl.text, pos, rule, std::move(message));
}

Builder::Result Builder::add(Node n, std::initializer_list<std::uint32_t> children) {
    std::size_t depth = 0;
    for (auto c : children) depth = std::max<std::size_t>(depth, m_impl.nodes[c].depth);
    if (depth + 1 > k_expr_max_depth)
        return error(n.pos, "expr-limit",
                     trf("expression is nested too deeply (the limit is {limit} levels)",
                         fmt::arg("limit", k_expr_max_depth)));
    n.depth = static_cast<std::uint8_t>(depth + 1);
    m_impl.nodes.push_back(n);
    return static_cast<std::uint32_t>(m_impl.nodes.size() - 1);
}

Builder::Result Builder::add_nary(Node n, const std::vector<std::uint32_t>& children) {
    std::size_t depth = 0;
    for (auto c : children) depth = std::max<std::size_t>(depth, m_impl.nodes[c].depth);
    if (depth + 1 > k_expr_max_depth)
        return error(n.pos, "expr-limit",
                     trf("expression is nested too deeply (the limit is {limit} levels)",
                         fmt::arg("limit", k_expr_max_depth)));
    n.depth = static_cast<std::uint8_t>(depth + 1);
    n.a = static_cast<std::uint32_t>(m_impl.args.size());
    n.b = static_cast<std::uint32_t>(children.size());
    m_impl.args.insert(m_impl.args.end(), children.begin(), children.end());
    m_impl.nodes.push_back(n);
    return static_cast<std::uint32_t>(m_impl.nodes.size() - 1);
}

Builder::Result Builder::constant(Value v, std::uint32_t pos) {
    Node n;
    n.op = Op::constant;
    n.type = v.type;
    n.pos = pos;
    n.k = v;
    return add(n, {});
}

Builder::Result Builder::text(std::string s, std::uint32_t pos) {
    const std::string& kept = m_impl.strings.emplace_back(std::move(s));
    return constant(Value::text(kept), pos);
}

Builder::Result Builder::field(std::string_view name, std::uint32_t pos) {
    std::optional<FieldRef> ref = m_resolve ? m_resolve(name) : std::nullopt;
    if (!ref) {
        core::Error e = error(pos, "expr-type", trf("unknown field '{name}'", fmt::arg("name", name)));
        std::vector<std::string> names(m_names.begin(), m_names.end());
        if (auto s = core::closest(name, names); !s.empty())
            e.hint = trf("did you mean '{name}'?", fmt::arg("name", s));
        return e;
    }
    Node n;
    n.op = Op::field;
    n.type = ref->type == ValueType::list ? ValueType::null : ref->type;
    n.pos = pos;
    n.field = ref->index;
    auto& f = m_impl.fields;
    if (std::find(f.begin(), f.end(), ref->index) == f.end()) f.push_back(ref->index);
    return add(n, {});
}

Builder::Result Builder::negate(std::uint32_t pos, std::uint32_t x) {
    const Node& c = node(x);
    if (!compatible(c.type, ValueType::number))
        return error(pos, "expr-type", trf("cannot apply '{op}' to {type}", fmt::arg("op", "-"),
                                           fmt::arg("type", type_word(c.type))));
    if (c.op == Op::constant) {  // fold -5 into a constant
        Node n = c;
        n.type = ValueType::number;
        n.pos = pos;
        if (!n.k.is_null()) n.k.n = -n.k.n;
        return add(n, {});
    }
    Node n;
    n.op = Op::neg;
    n.type = ValueType::number;
    n.pos = pos;
    n.a = x;
    return add(n, {x});
}

Builder::Result Builder::logical_not(std::uint32_t pos, std::uint32_t x) {
    if (!compatible(node(x).type, ValueType::boolean))
        return error(pos, "expr-type", trf("cannot apply '{op}' to {type}", fmt::arg("op", "not"),
                                           fmt::arg("type", type_word(node(x).type))));
    Node n;
    n.op = Op::not_;
    n.type = ValueType::boolean;
    n.pos = pos;
    n.a = x;
    return add(n, {x});
}

Builder::Result Builder::logical(Op op, const std::vector<std::uint32_t>& xs, const std::vector<std::uint32_t>& ops) {
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (compatible(node(xs[i]).type, ValueType::boolean)) continue;
        std::uint32_t at = ops[i == 0 ? 0 : i - 1];
        return error(at, "expr-type",
                     trf("cannot apply '{op}' to {type}", fmt::arg("op", op == Op::and_ ? "and" : "or"),
                         fmt::arg("type", type_word(node(xs[i]).type))));
    }
    Node n;
    n.op = op;
    n.type = ValueType::boolean;
    n.pos = node(xs[0]).pos;
    return add_nary(n, xs);
}

Builder::Result Builder::arithmetic(Tok op, std::uint32_t op_pos, std::uint32_t l, std::uint32_t r) {
    ValueType lt = node(l).type, rt = node(r).type;
    Node n;
    n.pos = node(l).pos;
    n.a = l;
    n.b = r;
    bool num_l = compatible(lt, ValueType::number), num_r = compatible(rt, ValueType::number);
    if (op == Tok::plus && lt == ValueType::date && num_r) {
        n.op = Op::date_add, n.type = ValueType::date;
    } else if (op == Tok::plus && num_l && rt == ValueType::date) {
        n.op = Op::date_add, n.type = ValueType::date, n.a = r, n.b = l;
    } else if (op == Tok::minus && lt == ValueType::date && rt == ValueType::date) {
        n.op = Op::days_diff, n.type = ValueType::number;
    } else if (op == Tok::minus && lt == ValueType::date && num_r) {
        n.op = Op::date_sub, n.type = ValueType::date;
    } else if (num_l && num_r) {
        n.op = op == Tok::plus ? Op::add : op == Tok::minus ? Op::sub : op == Tok::star ? Op::mul : Op::div;
        n.type = ValueType::number;
    } else {
        return error(op_pos, "expr-type",
                     trf("cannot apply '{op}' to {left} and {right}", fmt::arg("op", op_text(op)),
                         fmt::arg("left", type_word(lt)), fmt::arg("right", type_word(rt))));
    }
    return add(n, {l, r});
}

Builder::Result Builder::compare(Tok op, std::uint32_t op_pos, std::uint32_t l, std::uint32_t r) {
    ValueType lt = node(l).type, rt = node(r).type;
    if (!compatible(lt, rt))
        return error(op_pos, "expr-type", trf("cannot compare {left} with {right}", fmt::arg("left", type_word(lt)),
                                              fmt::arg("right", type_word(rt))));
    bool ordered = op != Tok::eq && op != Tok::ne;
    if (ordered && join(lt, rt) == ValueType::boolean)
        return error(op_pos, "expr-type",
                     trf("cannot apply '{op}' to {left} and {right}", fmt::arg("op", op_text(op)),
                         fmt::arg("left", type_word(lt)), fmt::arg("right", type_word(rt))));
    Node n;
    n.op = op == Tok::eq ? Op::eq : op == Tok::ne ? Op::ne : op == Tok::lt ? Op::lt
         : op == Tok::le ? Op::le : op == Tok::gt ? Op::gt : Op::ge;
    n.type = ValueType::boolean;
    n.pos = node(l).pos;
    n.a = l;
    n.b = r;
    return add(n, {l, r});
}

Builder::Result Builder::in(bool negated, std::uint32_t op_pos, std::uint32_t x,
                            const std::vector<std::uint32_t>& list) {
    ValueType elements = ValueType::null;
    for (auto e : list) {
        ValueType t = node(e).type;
        if (!compatible(elements, t))
            return error(node(e).pos, "expr-type",
                         trf("list elements of mixed types: {first} and {other}",
                             fmt::arg("first", type_word(elements)), fmt::arg("other", type_word(t))));
        elements = join(elements, t);
    }
    if (!compatible(node(x).type, elements))
        return error(op_pos, "expr-type",
                     trf("cannot compare {left} with {right}", fmt::arg("left", type_word(node(x).type)),
                         fmt::arg("right", type_word(elements))));
    std::vector<std::uint32_t> children;
    children.reserve(list.size() + 1);
    children.push_back(x);
    children.insert(children.end(), list.begin(), list.end());
    Node n;
    n.op = negated ? Op::not_in : Op::in;
    n.type = ValueType::boolean;
    n.pos = node(x).pos;
    return add_nary(n, children);
}

core::Expected<void> Builder::finish(std::uint32_t root, ValueType want) {
    ValueType t = node(root).type;
    if (want != ValueType::null && t != want)
        return error(0, "expr-type", trf("the expression must give {expected}, not {found}",
                                         fmt::arg("expected", type_word(want)), fmt::arg("found", type_word(t))));
    m_impl.root = root;
    m_impl.type = t;
    return {};
}

}  // namespace adx::schema

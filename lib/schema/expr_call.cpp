// SPDX-License-Identifier: Apache-2.0
// The functions of the rule language: their names, arities and type rules.

#include "core/i18n.hpp"
#include "core/suggest.hpp"
#include "schema/expr_build.hpp"

#include <cmath>
#include <optional>

namespace adx::schema {

using core::tr;
using core::trf;

namespace {

constexpr std::size_t k_many = 255;

struct Function {
    std::string_view name;
    Op op;
    std::size_t min_args, max_args;
};

constexpr Function k_functions[] = {
    {"present", Op::present, 1, 1},        {"previous", Op::previous, 1, 1},   {"len", Op::fn_len, 1, 1},
    {"abs", Op::fn_abs, 1, 1},             {"round", Op::fn_round, 1, 2},      {"sum", Op::fn_sum, 1, k_many},
    {"min", Op::fn_min, 1, k_many},        {"max", Op::fn_max, 1, k_many},     {"matches", Op::fn_matches, 2, 2},
    {"substr", Op::fn_substr, 2, 3},       {"starts_with", Op::fn_starts_with, 2, 2},
    {"year", Op::fn_year, 1, 1},           {"month", Op::fn_month, 1, 1},
    {"days_between", Op::fn_days_between, 2, 2},                               {"approx", Op::fn_approx, 3, 3},
    {"date", Op::fn_date, 1, 1},           {"today", Op::fn_today, 0, 0},      {"now", Op::fn_now, 0, 0},
    {"if", Op::fn_if, 3, 3},
};

std::string types_word(std::initializer_list<ValueType> types) {
    std::string out;
    for (auto t : types)
        out = out.empty() ? std::string(tr(value_type_name(t)))
                          : trf("{a} or {b}", fmt::arg("a", out), fmt::arg("b", tr(value_type_name(t))));
    return out;
}

std::string arity_word(const Function& f) {
    if (f.min_args == f.max_args) return std::to_string(f.min_args);
    if (f.max_args == k_many) return trf("at least {n}", fmt::arg("n", f.min_args));
    return trf("{a} or {b}", fmt::arg("a", f.min_args), fmt::arg("b", f.max_args));
}

}  // namespace

core::Expected<void> Builder::check_arg(std::string_view name, std::size_t index, std::uint32_t arg,
                                        std::initializer_list<ValueType> allowed) const {
    ValueType t = node(arg).type;
    if (t == ValueType::null) return {};
    for (auto a : allowed)
        if (a == t) return {};
    return error(node(arg).pos, "expr-type",
                 trf("argument {n} of {name}() must be {expected}, not {found}", fmt::arg("n", index + 1),
                     fmt::arg("name", name), fmt::arg("expected", types_word(allowed)),
                     fmt::arg("found", tr(value_type_name(t)))));
}

Builder::Result Builder::call(std::string_view name, std::uint32_t pos, const std::vector<std::uint32_t>& args) {
    const Function* f = nullptr;
    for (const auto& candidate : k_functions)
        if (candidate.name == name) f = &candidate;
    if (!f) {
        core::Error e = error(pos, "expr-type", trf("unknown function '{name}'", fmt::arg("name", name)));
        std::vector<std::string> names;
        for (const auto& candidate : k_functions) names.emplace_back(candidate.name);
        if (auto s = core::closest(name, names); !s.empty())
            e.hint = trf("did you mean '{name}'?", fmt::arg("name", s + "()"));
        return e;
    }
    if (args.size() < f->min_args || args.size() > f->max_args)
        return error(pos, "expr-type",
                     trf("wrong number of arguments for {name}(): expected {expected}, found {found}",
                         fmt::arg("name", name), fmt::arg("expected", arity_word(*f)),
                         fmt::arg("found", args.size())));
    return call_checked(name, pos, f->op, args);
}

Builder::Result Builder::call_checked(std::string_view name, std::uint32_t pos, Op op,
                                      const std::vector<std::uint32_t>& args) {
    using VT = ValueType;
    Node n;
    n.op = op;
    n.pos = pos;
    auto fixed = [&](VT type) -> Result {
        n.type = type;
        n.a = args.size() > 0 ? args[0] : k_no_node;
        n.b = args.size() > 1 ? args[1] : k_no_node;
        n.c = args.size() > 2 ? args[2] : k_no_node;
        switch (args.size()) {
            case 0: return add(n, {});
            case 1: return add(n, {args[0]});
            case 2: return add(n, {args[0], args[1]});
            default: return add(n, {args[0], args[1], args[2]});
        }
    };
    // The error when argument i is not of an allowed type.
    auto bad = [&](std::size_t i, std::initializer_list<VT> allowed) -> std::optional<core::Error> {
        if (auto r = check_arg(name, i, args[i], allowed); !r) return std::move(r).error();
        return std::nullopt;
    };
    switch (op) {
        case Op::present:
        case Op::previous: {
            const Node& f = node(args[0]);
            if (f.op != Op::field)
                return error(f.pos, "expr-type",
                             trf("the argument of {name}() must be a field name", fmt::arg("name", name)));
            n.field = f.field;
            n.field_type = f.type;
            n.type = op == Op::present ? VT::boolean : f.type;
            if (op == Op::previous) m_impl.uses_previous = true;
            return add(n, {});
        }
        case Op::fn_len:
            if (auto e = bad(0, {VT::text})) return *e;
            return fixed(VT::number);
        case Op::fn_abs:
            if (auto e = bad(0, {VT::number})) return *e;
            return fixed(VT::number);
        case Op::fn_round:
            if (auto e = bad(0, {VT::number})) return *e;
            if (args.size() > 1) {
                if (auto e = bad(1, {VT::number})) return *e;
                const Node& d = node(args[1]);
                if (d.op == Op::constant && d.type == VT::number &&
                    (d.k.n != std::trunc(d.k.n) || d.k.n < -15 || d.k.n > 15))
                    return error(d.pos, "expr-type", tr("the decimals of round() must be a whole number from -15 to 15"));
            }
            return fixed(VT::number);
        case Op::fn_sum:
        case Op::fn_min:
        case Op::fn_max: {
            VT t = VT::null;
            for (std::size_t i = 0; i < args.size(); ++i) {
                if (op == Op::fn_sum) {
                    if (auto e = bad(i, {VT::number})) return *e;
                } else {
                    if (auto e = bad(i, {VT::number, VT::text, VT::date, VT::datetime})) return *e;
                    if (!compatible(t, node(args[i]).type))
                        return error(node(args[i]).pos, "expr-type",
                                     trf("argument {n} of {name}() must be {expected}, not {found}",
                                         fmt::arg("n", i + 1), fmt::arg("name", name),
                                         fmt::arg("expected", tr(value_type_name(t))),
                                         fmt::arg("found", tr(value_type_name(node(args[i]).type)))));
                }
                t = join(t, node(args[i]).type);
            }
            n.type = op == Op::fn_sum ? VT::number : t;
            return add_nary(n, args);
        }
        case Op::fn_matches: {
            if (auto e = bad(0, {VT::text})) return *e;
            const Node& p = node(args[1]);
            if (p.op != Op::constant || p.type != VT::text)
                return error(p.pos, "expr-type", tr("the pattern of matches() must be a text literal"));
            std::regex re;
            std::string why;
            if (!compile_regex(p.k.s(), re, why))
                return error(p.pos, "expr-type",
                             trf("invalid regular expression: {reason}", fmt::arg("reason", why)));
            m_impl.regexes.push_back(std::move(re));
            n.field = m_impl.regexes.size() - 1;
            return fixed(VT::boolean);
        }
        case Op::fn_substr:
            if (auto e = bad(0, {VT::text})) return *e;
            if (auto e = bad(1, {VT::number})) return *e;
            if (auto e = args.size() > 2 ? bad(2, {VT::number}) : std::nullopt) return *e;
            return fixed(VT::text);
        case Op::fn_starts_with:
            if (auto e = bad(0, {VT::text})) return *e;
            if (auto e = bad(1, {VT::text})) return *e;
            return fixed(VT::boolean);
        case Op::fn_year:
        case Op::fn_month:
            if (auto e = bad(0, {VT::date, VT::datetime})) return *e;
            return fixed(VT::number);
        case Op::fn_days_between:
            if (auto e = bad(0, {VT::date, VT::datetime})) return *e;
            if (auto e = bad(1, {VT::date, VT::datetime})) return *e;
            return fixed(VT::number);
        case Op::fn_approx:
            for (std::size_t i = 0; i < 3; ++i)
                if (auto e = bad(i, {VT::number})) return *e;
            return fixed(VT::boolean);
        case Op::fn_date: {
            if (auto e = bad(0, {VT::text})) return *e;
            const Node& s = node(args[0]);
            if (s.op != Op::constant) return fixed(VT::date);
            std::int64_t days = 0;
            if (s.k.is_null()) {
                Node c;
                c.type = VT::date;
                c.pos = pos;
                return add(c, {});
            }
            if (!parse_date(s.k.s(), days))
                return error(s.pos, "expr-type", trf("invalid date '{text}' (expected YYYY-MM-DD)",
                                                     fmt::arg("text", s.k.s())));
            return constant(Value::date(days), pos);
        }
        case Op::fn_today: return fixed(VT::date);
        case Op::fn_now: return fixed(VT::datetime);
        case Op::fn_if: {
            if (auto e = bad(0, {VT::boolean})) return *e;
            VT a = node(args[1]).type, b = node(args[2]).type;
            if (!compatible(a, b))
                return error(node(args[2]).pos, "expr-type",
                             trf("both branches of if() must have the same type, found {a} and {b}",
                                 fmt::arg("a", tr(value_type_name(a))), fmt::arg("b", tr(value_type_name(b)))));
            return fixed(join(a, b));
        }
        default: break;
    }
    return error(pos, "expr-type", trf("unknown function '{name}'", fmt::arg("name", name)));
}

}  // namespace adx::schema

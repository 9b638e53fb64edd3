// SPDX-License-Identifier: Apache-2.0
// Evaluation: a recursion over the compiled nodes (depth at most
// k_expr_max_depth), with Kleene logic and null propagation. Allocates nothing
// (std::regex inside matches() excepted).

#include "schema/expr_impl.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace adx::schema {

namespace {

using VT = ValueType;

constexpr std::int64_t k_max_days = std::int64_t{1} << 40;  // civil arithmetic stays in range

Value number(double x) noexcept {
    return std::isfinite(x) ? Value::number(x) : Value::null();
}

Value load(std::span<const Value> values, std::size_t index, VT type) noexcept {
    if (index >= values.size()) return Value::null();
    const Value& v = values[index];
    if (v.type != type || (type == VT::number && !std::isfinite(v.n))) return Value::null();
    return v;
}

// Numbers in documents are decimals (money to 0.1 thousand yuan, six decimal
// places at most), computed here in binary floating point: 28026.7 + 75758.9
// is not exactly 103785.6. Two numbers closer than a billionth of their size
// are equal, so that a sum or a 50% change that is exact in decimal compares
// as exact.
bool near(double a, double b) noexcept {
    double scale = std::max({1.0, std::fabs(a), std::fabs(b)});
    return std::fabs(a - b) <= 1e-9 * scale;
}

// -1, 0 or 1; x and y are non-null values of one type.
int compare(const Value& x, const Value& y) noexcept {
    switch (x.type) {
        case VT::number:
            return near(x.n, y.n) ? 0 : x.n < y.n ? -1 : 1;
        case VT::text: {
            int c = x.s().compare(y.s());
            return c < 0 ? -1 : c > 0 ? 1 : 0;
        }
        case VT::date:
        case VT::datetime:
            return x.t < y.t ? -1 : x.t > y.t ? 1 : 0;
        case VT::boolean:
            return x.b == y.b ? 0 : x.b ? 1 : -1;
        default:
            return 0;
    }
}

// Days since the epoch of a date, or of a date-time's date as written (in its
// own UTC offset: 2026-01-05T07:00+08:00 is on 5 January); false when out of range.
bool to_days(const Value& v, std::int64_t& days) noexcept {
    std::int64_t local = v.t + std::int64_t{v.offset} * 60;
    days = v.type == VT::datetime ? (local >= 0 ? local / 86400 : -((-(local + 1)) / 86400) - 1) : v.t;
    return days > -k_max_days && days < k_max_days;
}

Value shift_date(const Value& d, const Value& n, double sign) noexcept {
    if (d.is_null() || n.is_null()) return Value::null();
    double by = std::trunc(n.n) * sign;
    if (!(std::fabs(by) < 1e9) || d.t <= -k_max_days || d.t >= k_max_days) return Value::null();
    return Value::date(d.t + static_cast<std::int64_t>(by));
}

// The functions less used are kept out of line ([[gnu::noinline]]): run()
// recurses for every node, and a smaller frame makes every call cheaper.
struct Evaluator {
    const Expr::Impl& m;
    const EvalContext& ctx;

    // Leaves (a field, a constant) are about half the nodes: taken here
    // without the call into run() and its frame.
    Value at(std::uint32_t i) const {
        const Node& n = m.nodes[i];
        if (n.op == Op::field) return load(ctx.record, n.field, n.type);
        if (n.op == Op::constant) return n.k;
        return run(n);
    }
    std::uint32_t arg(const Node& n, std::uint32_t k) const { return m.args[n.a + k]; }

    Value logic(const Node& n, bool is_and) const {
        bool unknown = false;
        for (std::uint32_t k = 0; k < n.b; ++k) {
            Value v = at(arg(n, k));
            if (v.is_null())
                unknown = true;
            else if (v.b != is_and)
                return Value::boolean(!is_and);
        }
        return unknown ? Value::null() : Value::boolean(is_and);
    }

    [[gnu::noinline]] Value member(const Node& n, bool negated) const {
        Value x = at(arg(n, 0));
        if (x.is_null()) return x;
        bool unknown = false;
        for (std::uint32_t k = 1; k < n.b; ++k) {
            Value e = at(arg(n, k));
            if (e.is_null())
                unknown = true;
            else if (e.type == x.type && compare(x, e) == 0)
                return Value::boolean(!negated);
        }
        return unknown ? Value::null() : Value::boolean(negated);
    }

    [[gnu::noinline]] Value extreme(const Node& n, int want) const {
        Value best;
        for (std::uint32_t k = 0; k < n.b; ++k) {
            Value v = at(arg(n, k));
            if (v.is_null()) continue;
            if (best.is_null() || (v.type == best.type && compare(v, best) == want)) best = v;
        }
        return best;
    }

    [[gnu::noinline]] Value sum(const Node& n) const {
        double total = 0;
        bool any = false;
        for (std::uint32_t k = 0; k < n.b; ++k) {
            Value v = at(arg(n, k));
            if (v.is_null()) continue;
            total += v.n;
            any = true;
        }
        return any ? number(total) : Value::null();
    }

    [[gnu::noinline]] Value substr(const Node& n) const {
        Value s = at(n.a), start = at(n.b);
        if (s.is_null() || start.is_null() || !(start.n >= 1)) return Value::null();
        double len = static_cast<double>(s.size);
        if (n.c != k_no_node) {
            Value l = at(n.c);
            if (l.is_null() || !(l.n >= 0)) return Value::null();
            len = std::fmin(len, std::trunc(l.n));
        }
        double from = std::trunc(start.n) - 1;
        if (from >= static_cast<double>(s.size)) return Value::text(s.s().substr(s.size));
        return Value::text(utf8_substr(s.s(), static_cast<std::size_t>(from), static_cast<std::size_t>(len)));
    }

    [[gnu::noinline]] Value round(const Node& n) const {
        Value x = at(n.a);
        double decimals = 0;
        if (n.b != k_no_node) {
            Value d = at(n.b);
            if (d.is_null()) return d;
            decimals = std::trunc(d.n);
            if (!(decimals >= -15 && decimals <= 15)) return Value::null();
        }
        if (x.is_null()) return x;
        return number(round_half_away(x.n, static_cast<int>(decimals)));
    }

    [[gnu::noinline]] Value date_part(const Node& n, bool want_year) const {
        Value d = at(n.a);
        std::int64_t days = 0, year = 0;
        unsigned month = 0;
        if (d.is_null() || !to_days(d, days)) return Value::null();
        civil_from_days(days, year, month);
        return Value::number(want_year ? static_cast<double>(year) : month);
    }

    Value days_between(const Node& n) const {
        Value x = at(n.a), y = at(n.b);
        std::int64_t dx = 0, dy = 0;
        if (x.is_null() || y.is_null() || !to_days(x, dx) || !to_days(y, dy)) return Value::null();
        return Value::number(static_cast<double>(dy - dx));
    }

    Value run(const Node& n) const;
};

// One function per operation, called through a table: a node's call has
// the small frame of its own operation, not that of a switch over all of
// them.
using Handler = Value (*)(const Evaluator&, const Node&);
using E = const Evaluator&;
using N = const Node&;

// Arithmetic: one handler for each operator, as for comparisons below.
template <Op op>
Value arithmetic(E e, N n) {
    Value x = e.at(n.a), y = e.at(n.b);
    if (x.is_null() || y.is_null()) return Value::null();
    if constexpr (op == Op::add) return number(x.n + y.n);
    if constexpr (op == Op::sub) return number(x.n - y.n);
    if constexpr (op == Op::mul) return number(x.n * y.n);
    return y.n == 0 ? Value::null() : number(x.n / y.n);
}

// A comparison: one handler for each operator, which it knows without
// looking (a rule compares several ways, and each record runs them all).
template <Op op>
Value comparison(E e, N n) {
    Value x = e.at(n.a), y = e.at(n.b);
    if (x.is_null() || y.is_null() || x.type != y.type) return Value::null();
    if constexpr (op == Op::eq || op == Op::ne) {
        // Texts of different lengths are never equal: no bytes compared
        // (a code against a constant, in most rules).
        if (x.type == VT::text && x.size != y.size) return Value::boolean(op == Op::ne);
    }
    const int c = compare(x, y);
    if constexpr (op == Op::eq) return Value::boolean(c == 0);
    if constexpr (op == Op::ne) return Value::boolean(c != 0);
    if constexpr (op == Op::lt) return Value::boolean(c < 0);
    if constexpr (op == Op::le) return Value::boolean(c <= 0);
    if constexpr (op == Op::gt) return Value::boolean(c > 0);
    return Value::boolean(c >= 0);
}

constexpr Handler handler(Op op) noexcept {
    switch (op) {
        case Op::constant:
            return [](E, N n) { return n.k; };
        case Op::field:
            return [](E e, N n) { return load(e.ctx.record, n.field, n.type); };
        case Op::previous:
            return [](E e, N n) { return load(e.ctx.previous, n.field, n.type); };
        case Op::present:
            return [](E e, N n) { return Value::boolean(!load(e.ctx.record, n.field, n.field_type).is_null()); };
        case Op::neg:
            return [](E e, N n) {
                Value x = e.at(n.a);
                return x.is_null() ? x : Value::number(-x.n);
            };
        case Op::not_:
            return [](E e, N n) {
                Value x = e.at(n.a);
                return x.is_null() ? x : Value::boolean(!x.b);
            };
        case Op::and_:
            return [](E e, N n) { return e.logic(n, true); };
        case Op::or_:
            return [](E e, N n) { return e.logic(n, false); };
        case Op::add:
            return arithmetic<Op::add>;
        case Op::sub:
            return arithmetic<Op::sub>;
        case Op::mul:
            return arithmetic<Op::mul>;
        case Op::div:
            return arithmetic<Op::div>;
        case Op::date_add:
            return [](E e, N n) { return shift_date(e.at(n.a), e.at(n.b), 1); };
        case Op::date_sub:
            return [](E e, N n) { return shift_date(e.at(n.a), e.at(n.b), -1); };
        case Op::days_diff:
            return [](E e, N n) {
                Value x = e.at(n.a), y = e.at(n.b);
                if (x.is_null() || y.is_null()) return Value::null();
                return Value::number(static_cast<double>(x.t) - static_cast<double>(y.t));
            };
        case Op::eq:
            return comparison<Op::eq>;
        case Op::ne:
            return comparison<Op::ne>;
        case Op::lt:
            return comparison<Op::lt>;
        case Op::le:
            return comparison<Op::le>;
        case Op::gt:
            return comparison<Op::gt>;
        case Op::ge:
            return comparison<Op::ge>;
        case Op::in:
            return [](E e, N n) { return e.member(n, false); };
        case Op::not_in:
            return [](E e, N n) { return e.member(n, true); };
        case Op::fn_len:
            return [](E e, N n) {
                Value s = e.at(n.a);
                return s.is_null() ? s : Value::number(static_cast<double>(utf8_length(s.s())));
            };
        case Op::fn_abs:
            return [](E e, N n) {
                Value x = e.at(n.a);
                return x.is_null() ? x : Value::number(std::fabs(x.n));
            };
        case Op::fn_round:
            return [](E e, N n) { return e.round(n); };
        case Op::fn_sum:
            return [](E e, N n) { return e.sum(n); };
        case Op::fn_min:
            return [](E e, N n) { return e.extreme(n, -1); };
        case Op::fn_max:
            return [](E e, N n) { return e.extreme(n, 1); };
        case Op::fn_matches:
            return [](E e, N n) {
                Value s = e.at(n.a);
                if (s.is_null()) return s;
                return Value::boolean(std::regex_match(s.data, s.data + s.size, e.m.regexes[n.field]));
            };
        case Op::fn_substr:
            return [](E e, N n) { return e.substr(n); };
        case Op::fn_starts_with:
            return [](E e, N n) {
                Value s = e.at(n.a), p = e.at(n.b);
                if (s.is_null() || p.is_null()) return Value::null();
                return Value::boolean(s.s().substr(0, p.size) == p.s());
            };
        case Op::fn_year:
            return [](E e, N n) { return e.date_part(n, true); };
        case Op::fn_month:
            return [](E e, N n) { return e.date_part(n, false); };
        case Op::fn_days_between:
            return [](E e, N n) { return e.days_between(n); };
        case Op::fn_approx:
            return [](E e, N n) {
                Value a = e.at(n.a), b = e.at(n.b), tol = e.at(n.c);
                if (a.is_null() || b.is_null() || tol.is_null()) return Value::null();
                double diff = std::fabs(a.n - b.n);
                return Value::boolean(diff <= tol.n || near(diff, tol.n));
            };
        case Op::fn_date:
            return [](E e, N n) {
                Value s = e.at(n.a);
                std::int64_t days = 0;
                if (s.is_null() || !parse_date(s.s(), days)) return Value::null();
                return Value::date(days);
            };
        case Op::fn_today:
            return [](E e, N) { return Value::date(e.ctx.today); };
        case Op::fn_now:
            return [](E e, N) { return Value::datetime(e.ctx.now); };
        case Op::fn_if:
            return [](E e, N n) {
                // An unknown condition gives an unknown result, as for every other
                // operator: a rule over an invalid field says nothing.
                Value c = e.at(n.a);
                if (c.is_null()) return Value::null();
                return e.at(c.b ? n.b : n.c);
            };
    }
    return [](E, N) { return Value::null(); };
}

constexpr auto k_handlers = [] {
    std::array<Handler, k_op_count> t{};
    for (std::size_t i = 0; i < k_op_count; ++i) t[i] = handler(static_cast<Op>(i));
    return t;
}();

Value Evaluator::run(const Node& n) const {
    return k_handlers[static_cast<std::size_t>(n.op)](*this, n);
}

}  // namespace

// Here rather than in expr.cpp: a rule of every record comes through, and
// the evaluator is then called directly.
Value Expr::eval(const EvalContext& ctx) const {
    if (!m_impl) return Value::null();
    return Evaluator{*m_impl, ctx}.run(m_impl->nodes[m_impl->root]);
}

}  // namespace adx::schema

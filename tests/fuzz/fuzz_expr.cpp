// SPDX-License-Identifier: Apache-2.0
// The rule language on arbitrary text: compile against fields of every type;
// what compiles evaluates, on ordinary, extreme and null records, to a value
// of its static type (or null), the same way twice.

#include "schema/expr.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

using namespace adx::schema;

namespace {

struct FieldDef {
    const char* name;
    ValueType type;
};
constexpr FieldDef k_fields[] = {
    {"n", ValueType::number},    {"m", ValueType::number},  {"t", ValueType::text},  {"u", ValueType::text},
    {"d", ValueType::date},      {"e", ValueType::date},    {"ts", ValueType::datetime},
    {"b", ValueType::boolean},   {"x", ValueType::null},
};
constexpr std::size_t k_count = sizeof k_fields / sizeof k_fields[0];

std::optional<FieldRef> resolve(std::string_view name) {
    for (std::size_t i = 0; i < k_count; ++i)
        if (name == k_fields[i].name) return FieldRef{i, k_fields[i].type};
    return std::nullopt;
}

std::vector<std::vector<Value>> records() {
    const double inf = std::numeric_limits<double>::infinity();
    const std::int64_t big = std::numeric_limits<std::int64_t>::max(), small = std::numeric_limits<std::int64_t>::min();
    std::vector<std::vector<Value>> out;
    out.push_back(std::vector<Value>(k_count));  // all null
    out.push_back({Value::number(12.5), Value::number(0), Value::text("91110108MA01ABCD1X"), Value::text("北京市"),
                   Value::date(20527), Value::date(-1), Value::datetime(1773565200), Value::boolean(true),
                   Value::text("?")});
    out.push_back({Value::number(-1e308), Value::number(1e-320), Value::text(""), Value::text("\xff\xfe\x80"),
                   Value::date(big), Value::date(small), Value::datetime(small), Value::boolean(false),
                   Value::number(1)});
    out.push_back({Value::number(inf), Value::number(std::nan("")), Value::text(std::string_view("a\0b", 3)),
                   Value::text("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
                   Value::date(1LL << 41), Value::date(-(1LL << 41)), Value::datetime(big), Value::null(),
                   Value::date(3)});
    // Values of the wrong type must read as null.
    out.push_back({Value::text("1"), Value::boolean(true), Value::number(1), Value::date(1), Value::text("x"),
                   Value::number(2), Value::date(5), Value::number(0), Value::null()});
    return out;
}

bool same(const Value& a, const Value& b) {
    if (a.type != b.type) return false;
    switch (a.type) {
        case ValueType::boolean: return a.b == b.b;
        case ValueType::number: return a.n == b.n || (std::isnan(a.n) && std::isnan(b.n));
        case ValueType::text: return a.s() == b.s();
        case ValueType::date:
        case ValueType::datetime: return a.t == b.t;
        default: return true;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::vector<std::vector<Value>> k_records = records();
    static const std::vector<std::string> k_names = [] {
        std::vector<std::string> names;
        for (const auto& f : k_fields) names.emplace_back(f.name);
        return names;
    }();
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto expr = Expr::compile(text, resolve, ValueType::null, k_names);
    if (!expr) {
        const auto& e = expr.error();
        if (e.where.column < 1 || e.where.column > text.size() + 1 || e.message.empty()) std::abort();
        return 0;
    }
    for (auto i : expr->fields())
        if (i >= k_count) std::abort();
    if (expr->text() != text) std::abort();
    for (const auto& record : k_records) {
        for (int with_previous = 0; with_previous < 2; ++with_previous) {
            EvalContext ctx;
            ctx.record = record;
            if (with_previous) ctx.previous = k_records[1];
            ctx.today = with_previous ? 20527 : std::numeric_limits<std::int64_t>::min();
            ctx.now = with_previous ? 1773565200 : std::numeric_limits<std::int64_t>::max();
            Value v = expr->eval(ctx);
            if (!v.is_null() && expr->type() != ValueType::null && v.type != expr->type()) std::abort();
            if (v.type == ValueType::number && !std::isfinite(v.n)) std::abort();
            if (!same(v, expr->eval(ctx))) std::abort();
        }
    }
    // A boolean rule compiles as such exactly when its type is boolean.
    auto rule = Expr::compile(text, resolve, ValueType::boolean);
    if (rule.has_value() != (expr->type() == ValueType::boolean)) std::abort();
    return 0;
}

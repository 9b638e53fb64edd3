// SPDX-License-Identifier: Apache-2.0
#pragma once
// A record with fields of every type for the rule-language tests, and a
// compact way to look at results: "3", "true", "null", "'text'",
// "2026-03-15", "dt:1773565200".

#include "schema/expr.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <chrono>
#include <string>
#include <vector>

namespace adx::schema::test {

inline std::int64_t days_of(int y, unsigned m, unsigned d) {
    using namespace std::chrono;
    return sys_days{year{y} / month{m} / day{d}}.time_since_epoch().count();
}

inline std::string show(const Value& v) {
    using namespace std::chrono;
    switch (v.type) {
        case ValueType::null: return "null";
        case ValueType::boolean: return v.b ? "true" : "false";
        case ValueType::number: return fmt::format("{}", v.n);
        case ValueType::text: return fmt::format("'{}'", v.s());
        case ValueType::date: {
            year_month_day ymd{sys_days{days{v.t}}};
            return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                               static_cast<unsigned>(ymd.day()));
        }
        case ValueType::datetime: return fmt::format("dt:{}", v.t);
        case ValueType::list: return "list";
    }
    return "?";
}

class Fixture {
public:
    Fixture() {
        add("revenue", ValueType::number);
        add("main_revenue", ValueType::number);
        add("employees_female", ValueType::number);
        add("employees_end", ValueType::number);
        add("total_assets", ValueType::number);
        add("total_liabilities", ValueType::number);
        add("owner_equity", ValueType::number);
        add("filing_type", ValueType::text);
        add("deregistered_on", ValueType::date);
        add("established_on", ValueType::date);
        add("entity_type", ValueType::text);
        add("uscc", ValueType::text);
        add("phone", ValueType::text);
        add("updated_at", ValueType::datetime);
        add("checked_at", ValueType::datetime);
        add("active", ValueType::boolean);
        add("p", ValueType::boolean);
        add("q", ValueType::boolean);
        add("n", ValueType::number);
        add("m", ValueType::number);
        add("t", ValueType::text);
        add("d", ValueType::date);
        add("d2", ValueType::date);
        m_ctx.today = days_of(2026, 3, 15);
        m_ctx.now = m_ctx.today * 86400 + 9 * 3600;
    }

    Resolver resolver() const {
        return [this](std::string_view name) -> std::optional<FieldRef> {
            for (std::size_t i = 0; i < m_names.size(); ++i)
                if (m_names[i] == name) return FieldRef{i, m_types[i]};
            return std::nullopt;
        };
    }

    std::size_t index(std::string_view name) const {
        for (std::size_t i = 0; i < m_names.size(); ++i)
            if (m_names[i] == name) return i;
        FAIL("no field " << name);
        return 0;
    }
    Fixture& set(std::string_view name, Value v) {
        m_record[index(name)] = v;
        return *this;
    }
    Fixture& set_previous(std::string_view name, Value v) {
        m_previous.resize(m_record.size());
        m_previous[index(name)] = v;
        return *this;
    }
    void clear() {
        for (auto& v : m_record) v = Value::null();
        m_previous.clear();
    }

    core::Expected<Expr> compile(std::string_view text, ValueType want = ValueType::null) const {
        return Expr::compile(text, resolver(), want, m_names);
    }

    // Compiles (which must succeed) and evaluates text on the record.
    std::string run(std::string_view text) {
        auto e = compile(text);
        INFO(text);
        if (!e) FAIL("compile error: " << e.error().message << " at column " << e.error().where.column);
        m_ctx.record = m_record;
        m_ctx.previous = m_previous;
        return show(e->eval(m_ctx));
    }

    // Compiles text, which must fail; the error.
    core::Error error(std::string_view text, ValueType want = ValueType::null) const {
        auto e = compile(text, want);
        INFO(text);
        if (e) FAIL("compiled, but should not have");
        return e.error();
    }

    const EvalContext& context() {
        m_ctx.record = m_record;
        m_ctx.previous = m_previous;
        return m_ctx;
    }

private:
    void add(std::string name, ValueType type) {
        m_names.push_back(std::move(name));
        m_types.push_back(type);
        m_record.emplace_back();
    }

    std::vector<std::string> m_names;
    std::vector<ValueType> m_types;
    std::vector<Value> m_record, m_previous;
    EvalContext m_ctx;
};

}  // namespace adx::schema::test

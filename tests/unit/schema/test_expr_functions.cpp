// SPDX-License-Identifier: Apache-2.0
// The rule language's functions, each with its edge cases and nulls.

#include "expr_fixture.hpp"

using namespace adx::schema;
using adx::schema::test::days_of;
using adx::schema::test::Fixture;

TEST_CASE("expr: present()", "[expr]") {
    Fixture f;
    CHECK(f.run("present(revenue)") == "false");
    CHECK(f.run("not present(revenue)") == "true");
    f.set("revenue", Value::number(0));
    CHECK(f.run("present(revenue)") == "true");
    f.set("t", Value::text(""));
    CHECK(f.run("present(t)") == "true");  // an empty text that is not null is present
}

TEST_CASE("expr: previous()", "[expr]") {
    Fixture f;
    auto e = f.compile("revenue - previous(revenue)");
    REQUIRE(e);
    CHECK(e->uses_previous());
    CHECK(e->fields() == std::vector<std::size_t>{f.index("revenue")});
    f.set("revenue", Value::number(150));
    CHECK(f.run("previous(revenue)") == "null");  // no previous record
    f.set_previous("revenue", Value::number(100));
    CHECK(f.run("previous(revenue)") == "100");
    CHECK(f.run("revenue - previous(revenue)") == "50");
    CHECK(f.run("present(revenue) and previous(main_revenue) = null") == "null");
    auto plain = f.compile("revenue > 0");
    REQUIRE(plain);
    CHECK_FALSE(plain->uses_previous());
}

TEST_CASE("expr: len() counts characters", "[expr]") {
    Fixture f;
    CHECK(f.run("len('abc')") == "3");
    CHECK(f.run("len('')") == "0");
    CHECK(f.run("len('北京市')") == "3");
    CHECK(f.run("len('a北b')") == "3");
    CHECK(f.run("len(t)") == "null");
    f.set("t", Value::text("海淀区"));
    CHECK(f.run("len(t) = 3") == "true");
}

TEST_CASE("expr: abs() and round()", "[expr]") {
    Fixture f;
    CHECK(f.run("abs(-2.5)") == "2.5");
    CHECK(f.run("abs(2.5)") == "2.5");
    CHECK(f.run("abs(0)") == "0");
    CHECK(f.run("abs(n)") == "null");
    CHECK(f.run("round(2.5)") == "3");
    CHECK(f.run("round(-2.5)") == "-3");
    CHECK(f.run("round(2.4)") == "2");
    CHECK(f.run("round(0.5)") == "1");
    CHECK(f.run("round(-0.5)") == "-1");
    CHECK(f.run("round(2.675, 2)") == "2.68");
    CHECK(f.run("round(1.005, 2)") == "1.01");
    CHECK(f.run("round(-1.005, 2)") == "-1.01");
    CHECK(f.run("round(1.004, 2)") == "1");
    CHECK(f.run("round(9.995, 2)") == "10");
    CHECK(f.run("round(1234.5, -2)") == "1200");
    CHECK(f.run("round(1250, -2)") == "1300");
    CHECK(f.run("round(49, -2)") == "0");
    CHECK(f.run("round(0.000001, 3)") == "0");
    CHECK(f.run("round(123.456, 15)") == "123.456");
    CHECK(f.run("round(1e20, 2)") == "1e+20");
    CHECK(f.run("round(-0.4)") == "0");
    CHECK(f.run("round(n)") == "null");
    CHECK(f.run("round(1.5, n)") == "null");
    f.set("n", Value::number(1.9));  // decimals from a field truncate
    CHECK(f.run("round(1.25, n)") == "1.3");
    f.set("n", Value::number(16));
    CHECK(f.run("round(1.5, n)") == "null");
}

TEST_CASE("expr: sum(), min(), max()", "[expr]") {
    Fixture f;
    CHECK(f.run("sum(1, 2, 3)") == "6");
    CHECK(f.run("sum(4)") == "4");
    CHECK(f.run("sum(n)") == "null");
    CHECK(f.run("sum(n, m)") == "null");
    CHECK(f.run("sum(n, 2)") == "2");
    CHECK(f.run("sum(1e308, 1e308)") == "null");
    CHECK(f.run("min(3, 1, 2)") == "1");
    CHECK(f.run("max(3, 1, 2)") == "3");
    CHECK(f.run("min(n, 3, 2)") == "2");
    CHECK(f.run("max(n, 3, m)") == "3");
    CHECK(f.run("max(n)") == "null");
    CHECK(f.run("min(n, m)") == "null");
    CHECK(f.run("min('b', 'a', 'c')") == "'a'");
    CHECK(f.run("max(date('2026-01-01'), d, date('2025-01-01'))") == "2026-01-01");
    f.set("updated_at", Value::datetime(5)).set("checked_at", Value::datetime(7));
    CHECK(f.run("max(updated_at, checked_at)") == "dt:7");
}

TEST_CASE("expr: matches() is a full ECMAScript match", "[expr]") {
    Fixture f;
    CHECK(f.run("matches('13812345678', '1[3-9][0-9]{9}')") == "true");
    CHECK(f.run("matches('138123456789', '1[3-9][0-9]{9}')") == "false");
    CHECK(f.run("matches('12812345678', '1[3-9][0-9]{9}')") == "false");
    CHECK(f.run("matches('abc', 'b')") == "false");
    CHECK(f.run("matches('abc', '.*b.*')") == "true");
    CHECK(f.run("matches('123', '\\d{3}')") == "true");
    CHECK(f.run("matches('a|b', 'a\\|b')") == "true");
    CHECK(f.run("matches('', 'x*')") == "true");
    CHECK(f.run("matches(t, 'x')") == "null");
    // Long values match in linear time and bounded stack.
    std::string long_value(200000, 'a');
    f.set("t", Value::text(long_value));
    CHECK(f.run("matches(t, '(a|b)*')") == "true");
    CHECK(f.run("matches(t, '(a|b)*c')") == "false");
}

TEST_CASE("expr: substr() and starts_with()", "[expr]") {
    Fixture f;
    CHECK(f.run("substr('abcdef', 2, 3)") == "'bcd'");
    CHECK(f.run("substr('abcdef', 2)") == "'bcdef'");
    CHECK(f.run("substr('abc', 3, 1)") == "'c'");
    CHECK(f.run("substr('abc', 4)") == "''");
    CHECK(f.run("substr('abc', 1e300)") == "''");
    CHECK(f.run("substr('abc', 2, 100)") == "'bc'");
    CHECK(f.run("substr('abc', 2, 0)") == "''");
    CHECK(f.run("substr('abc', 1.9, 1.9)") == "'a'");
    CHECK(f.run("substr('北京市海淀区', 3, 2)") == "'市海'");
    CHECK(f.run("substr('abc', 0)") == "null");
    CHECK(f.run("substr('abc', 1, -1)") == "null");
    CHECK(f.run("substr(t, 1)") == "null");
    CHECK(f.run("substr('abc', n)") == "null");
    CHECK(f.run("substr('abc', 1, n)") == "null");
    CHECK(f.run("substr('91110000', 1, 2) = '91'") == "true");
    CHECK(f.run("starts_with('91110000', '91')") == "true");
    CHECK(f.run("starts_with('9', '91')") == "false");
    CHECK(f.run("starts_with('abc', '')") == "true");
    CHECK(f.run("starts_with('北京市', '北京')") == "true");
    CHECK(f.run("starts_with(t, 'a')") == "null");
    CHECK(f.run("starts_with('a', t)") == "null");
}

TEST_CASE("expr: year(), month(), days_between(), date(), today(), now()", "[expr]") {
    Fixture f;
    CHECK(f.run("year(date('2026-03-15'))") == "2026");
    CHECK(f.run("month(date('2026-03-15'))") == "3");
    CHECK(f.run("year(date('0000-01-01'))") == "0");
    CHECK(f.run("month(date('1969-12-31'))") == "12");
    f.set("updated_at", Value::datetime(-1));  // 1969-12-31T23:59:59Z
    CHECK(f.run("year(updated_at)") == "1969");
    CHECK(f.run("month(updated_at)") == "12");
    f.set("updated_at", Value::datetime(days_of(2026, 2, 28) * 86400 + 86399));
    CHECK(f.run("month(updated_at)") == "2");
    CHECK(f.run("days_between(date('2026-01-01'), date('2026-03-01'))") == "59");
    CHECK(f.run("days_between(date('2026-03-01'), date('2026-01-01'))") == "-59");
    CHECK(f.run("days_between(updated_at, today())") == "15");
    CHECK(f.run("days_between(d, today())") == "null");
    CHECK(f.run("year(d)") == "null");
    CHECK(f.run("month(d)") == "null");
    f.set("d", Value::date(std::int64_t{1} << 50));  // beyond the civil range
    CHECK(f.run("year(d)") == "null");
    CHECK(f.run("date('2024-02-29')") == "2024-02-29");
    CHECK(f.run("date(null)") == "null");
    f.set("t", Value::text("2023-02-29"));
    CHECK(f.run("date(t)") == "null");
    f.set("t", Value::text("2023-02-28"));
    CHECK(f.run("date(t)") == "2023-02-28");
    CHECK(f.run("date(substr('x2000-01-01', 2))") == "2000-01-01");
    CHECK(f.run("today()") == "2026-03-15");
    CHECK(f.run("now()") == fmt::format("dt:{}", days_of(2026, 3, 15) * 86400 + 9 * 3600));
}

TEST_CASE("expr: approx()", "[expr]") {
    Fixture f;
    CHECK(f.run("approx(1.0, 1.4, 0.5)") == "true");
    CHECK(f.run("approx(1, 2, 0.5)") == "false");
    CHECK(f.run("approx(1, 2, 1)") == "true");
    CHECK(f.run("approx(2, 1, 1)") == "true");
    CHECK(f.run("approx(0.1 + 0.2, 0.3, 1e-9)") == "true");
    CHECK(f.run("approx(1, 1, -1)") == "false");
    CHECK(f.run("approx(n, 1, 1)") == "null");
    CHECK(f.run("approx(1, 1, n)") == "null");
}

TEST_CASE("expr: if()", "[expr]") {
    Fixture f;
    CHECK(f.run("if(true, 'a', 'b')") == "'a'");
    CHECK(f.run("if(false, 'a', 'b')") == "'b'");
    CHECK(f.run("if(p, 'a', 'b')") == "null");  // null condition: unknown, like any operator
    CHECK(f.run("if(true, 1, null)") == "1");
    CHECK(f.run("if(false, 1, null)") == "null");
    CHECK(f.run("if(1 < 2, d, today())") == "null");
    CHECK(f.run("if(n > 0, n, 0) + 1") == "null");
    CHECK(f.run("if(present(n), n, 0) + 1") == "1");
    CHECK(f.run("if(true, 1, 1 / 0)") == "1");
}

TEST_CASE("expr: fields(), text(), type() and an empty Expr", "[expr]") {
    Fixture f;
    auto e = f.compile("t = 'x' or n + m > n and present(d)", ValueType::boolean);
    REQUIRE(e);
    CHECK(e->fields() == std::vector<std::size_t>{f.index("t"), f.index("n"), f.index("m"), f.index("d")});
    CHECK(e->text() == "t = 'x' or n + m > n and present(d)");
    CHECK(e->type() == ValueType::boolean);
    auto any = f.compile("substr(t, 1)");
    REQUIRE(any);
    CHECK(any->type() == ValueType::text);
    Expr moved = std::move(*any);
    CHECK(moved.type() == ValueType::text);
    Expr empty;
    CHECK(empty.eval(f.context()).is_null());
    CHECK(empty.type() == ValueType::null);
    CHECK(empty.fields().empty());
    CHECK(empty.text().empty());
    CHECK_FALSE(empty.uses_previous());
    CHECK(std::string(value_type_name(ValueType::datetime)) == "datetime");
}

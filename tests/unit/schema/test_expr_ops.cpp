// SPDX-License-Identifier: Apache-2.0
// The rule language's operators: precedence, arithmetic on numbers and
// dates, comparisons, membership, three-valued logic and null propagation.

#include "expr_fixture.hpp"

#include <limits>

using namespace adx::schema;
using adx::schema::test::days_of;
using adx::schema::test::Fixture;

TEST_CASE("expr: literals", "[expr]") {
    Fixture f;
    CHECK(f.run("12") == "12");
    CHECK(f.run("3.5") == "3.5");
    CHECK(f.run("1e3") == "1000");
    CHECK(f.run("2.5E-1") == "0.25");
    CHECK(f.run("\"text\"") == "'text'");
    CHECK(f.run("'text'") == "'text'");
    CHECK(f.run("'it\\'s'") == "'it's'");
    CHECK(f.run("\"say \\\"hi\\\"\"") == "'say \"hi\"'");
    CHECK(f.run("'a\\\\b'") == "'a\\b'");
    CHECK(f.run("'\\d{3}'") == "'\\d{3}'");  // other backslashes stay
    CHECK(f.run("'北京'") == "'北京'");
    CHECK(f.run("true") == "true");
    CHECK(f.run("false") == "false");
    CHECK(f.run("null") == "null");
    CHECK(f.run("  \t1\n") == "1");
}

TEST_CASE("expr: arithmetic and precedence", "[expr]") {
    Fixture f;
    CHECK(f.run("1 + 2 * 3") == "7");
    CHECK(f.run("(1 + 2) * 3") == "9");
    CHECK(f.run("10 - 4 - 3") == "3");
    CHECK(f.run("12 / 4 / 3") == "1");
    CHECK(f.run("2 * 3 / 4") == "1.5");
    CHECK(f.run("-2 * 3") == "-6");
    CHECK(f.run("2 * -3") == "-6");
    CHECK(f.run("- - 2") == "2");
    CHECK(f.run("-(1 + 2)") == "-3");
    CHECK(f.run("1 - -1") == "2");
    CHECK(f.run("1 + 2 = 3") == "true");
    CHECK(f.run("2 * 3 > 5 and 1 < 2") == "true");
    f.set("n", Value::number(4));
    CHECK(f.run("-n") == "-4");
    CHECK(f.run("n * n - n / 2") == "14");
}

TEST_CASE("expr: division by zero and overflow give null", "[expr]") {
    Fixture f;
    CHECK(f.run("1 / 0") == "null");
    CHECK(f.run("0 / 0") == "null");
    CHECK(f.run("-1 / 0") == "null");
    CHECK(f.run("1e308 * 10") == "null");
    CHECK(f.run("1e308 + 1e308") == "null");
    CHECK(f.run("1 / 0 = 1") == "null");
}

TEST_CASE("expr: logic precedence: or < and < not < comparison", "[expr]") {
    Fixture f;
    CHECK(f.run("true or false and false") == "true");
    CHECK(f.run("false and false or true") == "true");
    CHECK(f.run("not true or true") == "true");
    CHECK(f.run("not (true or true)") == "false");
    CHECK(f.run("not 1 > 2") == "true");
    CHECK(f.run("not 1 = 1 and true") == "false");
    CHECK(f.run("not not true") == "true");
    CHECK(f.run("true and true and true and false") == "false");
    CHECK(f.run("false or false or false or true") == "true");
}

TEST_CASE("expr: comparisons", "[expr]") {
    Fixture f;
    CHECK(f.run("1 = 1") == "true");
    CHECK(f.run("1 == 1") == "true");
    CHECK(f.run("1 != 1") == "false");
    CHECK(f.run("1 < 2") == "true");
    CHECK(f.run("2 <= 2") == "true");
    CHECK(f.run("2 > 2") == "false");
    CHECK(f.run("2 >= 2") == "true");
    CHECK(f.run("0.1 + 0.2 = 0.3") == "true");  // decimals compare as decimals
    CHECK(f.run("28026.7 + 75758.9 + 1.0 = 103786.6") == "true");
    CHECK(f.run("0.3 + 0.000001 = 0.3") == "false");
    CHECK(f.run("approx(103786.6, 28026.7 + 75758.9, 1)") == "true");  // exactly the tolerance
    CHECK(f.run("true = true") == "true");
    CHECK(f.run("true != false") == "true");
    // Text compares byte-wise.
    CHECK(f.run("'abc' < 'abd'") == "true");
    CHECK(f.run("'Z' < 'a'") == "true");
    CHECK(f.run("'a' < 'ab'") == "true");
    CHECK(f.run("'é' > 'z'") == "true");
    CHECK(f.run("'abc' = 'abc'") == "true");
    CHECK(f.run("'abc' = 'ABC'") == "false");
    CHECK(f.run("'' < 'a'") == "true");
}

TEST_CASE("expr: dates and date-times", "[expr]") {
    Fixture f;
    CHECK(f.run("date('2026-03-01') - date('2026-02-01')") == "28");
    CHECK(f.run("date('2024-03-01') - date('2024-02-01')") == "29");
    CHECK(f.run("date('2026-02-01') - date('2026-03-01')") == "-28");
    CHECK(f.run("date('2026-01-31') + 1") == "2026-02-01");
    CHECK(f.run("1 + date('2026-01-31')") == "2026-02-01");
    CHECK(f.run("date('2026-03-01') - 1") == "2026-02-28");
    CHECK(f.run("date('2026-03-01') + 1.9") == "2026-03-02");
    CHECK(f.run("date('2026-03-01') + -1.9") == "2026-02-28");
    CHECK(f.run("date('2026-03-01') + 1e12") == "null");
    CHECK(f.run("date('2026-03-01') < date('2026-03-02')") == "true");
    CHECK(f.run("date('1969-12-31') < date('1970-01-01')") == "true");
    CHECK(f.run("today() - date('2026-03-01')") == "14");
    f.set("updated_at", Value::datetime(1000)).set("checked_at", Value::datetime(2000));
    CHECK(f.run("updated_at < checked_at") == "true");
    CHECK(f.run("updated_at = checked_at") == "false");
    CHECK(f.run("checked_at <= now()") == "true");
    f.set("d", Value::date(days_of(2026, 1, 1))).set("d2", Value::date(days_of(2025, 12, 1)));
    CHECK(f.run("d - d2") == "31");
    CHECK(f.run("d - 365") == "2025-01-01");
    CHECK(f.run("d >= d2 + 31") == "true");
}

TEST_CASE("expr: membership", "[expr]") {
    Fixture f;
    f.set("entity_type", Value::text("company"));
    CHECK(f.run("entity_type in ['company', 'branch']") == "true");
    CHECK(f.run("entity_type in ['branch']") == "false");
    CHECK(f.run("entity_type not in ['branch']") == "true");
    CHECK(f.run("entity_type not in ['company']") == "false");
    CHECK(f.run("entity_type in []") == "false");
    CHECK(f.run("2 in [1, 1 + 1, 3]") == "true");
    CHECK(f.run("date('2026-01-01') in [date('2026-01-01')]") == "true");
    CHECK(f.run("not 1 in [2] and true") == "true");
}

TEST_CASE("expr: three-valued logic truth tables", "[expr]") {
    Fixture f;
    const Value values[] = {Value::boolean(true), Value::boolean(false), Value::null()};
    // Kleene: rows p = true, false, null; columns q = true, false, null.
    const char* and_table[3][3] = {{"true", "false", "null"}, {"false", "false", "false"}, {"null", "false", "null"}};
    const char* or_table[3][3] = {{"true", "true", "true"}, {"true", "false", "null"}, {"true", "null", "null"}};
    const char* not_table[3] = {"false", "true", "null"};
    for (int i = 0; i < 3; ++i) {
        f.set("p", values[i]);
        CHECK(f.run("not p") == not_table[i]);
        for (int j = 0; j < 3; ++j) {
            f.set("q", values[j]);
            INFO("p = " << i << ", q = " << j);
            CHECK(f.run("p and q") == and_table[i][j]);
            CHECK(f.run("p or q") == or_table[i][j]);
            CHECK(f.run("q and p") == and_table[j][i]);
            CHECK(f.run("q or p") == or_table[j][i]);
        }
    }
    CHECK(f.run("null and false") == "false");
    CHECK(f.run("null or true") == "true");
    CHECK(f.run("false and 1 / 0 = 1") == "false");
    CHECK(f.run("true or 1 / 0 = 1") == "true");
}

TEST_CASE("expr: null propagates through operators", "[expr]") {
    Fixture f;  // every field is null
    for (const char* text : {"n + 1", "1 - n", "n * 2", "n / 2", "2 / n", "-n", "n = 1", "n != 1", "n < 1", "n <= 1",
                             "n > 1", "n >= 1", "t = 'x'", "t < 'x'", "not p", "d + 1", "d - 1", "d - d2", "1 + d",
                             "d < today()", "updated_at < now()", "null = null", "null != null", "n in [1, 2]",
                             "n not in [1, 2]", "1 in [n, 2]", "1 not in [n, 2]", "p = true", "-(n + 1)"}) {
        INFO(text);
        CHECK(f.run(text) == "null");
    }
    CHECK(f.run("1 in [n, 1]") == "true");
    CHECK(f.run("1 not in [n, 1]") == "false");
}

TEST_CASE("expr: values of the wrong type read as null", "[expr]") {
    Fixture f;
    f.set("n", Value::text("12")).set("t", Value::number(1));
    CHECK(f.run("n + 1") == "null");
    CHECK(f.run("len(t)") == "null");
    CHECK(f.run("present(n)") == "false");
    f.set("n", Value::number(std::numeric_limits<double>::quiet_NaN()));
    CHECK(f.run("n = n") == "null");
}

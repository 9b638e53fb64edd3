// SPDX-License-Identifier: Apache-2.0
// Every compile error of the rule language, with its column (1-based, in
// characters), its category and, where known, its hint.

#include "expr_fixture.hpp"

using namespace adx::schema;
using adx::core::Exit;
using adx::schema::test::Fixture;

namespace {

struct Expected {
    const char* text;
    std::uint64_t column;
    const char* message;
    const char* rule = "expr-type";
};

void check(const Fixture& f, const Expected& x, ValueType want = ValueType::null) {
    auto e = f.error(x.text, want);
    INFO(x.text);
    CHECK(e.code == Exit::config);
    CHECK(e.message == x.message);
    CHECK(e.where.column == x.column);
    CHECK(e.rule == x.rule);
}

}  // namespace

TEST_CASE("expr errors: unknown names, with did-you-mean", "[expr]") {
    Fixture f;
    auto e = f.error("revnue > 0");
    CHECK(e.message == "unknown field 'revnue'");
    CHECK(e.where.column == 1);
    CHECK(e.hint == "did you mean 'revenue'?");
    e = f.error("revenue >= main_revenu");
    CHECK(e.where.column == 12);
    CHECK(e.hint == "did you mean 'main_revenue'?");
    e = f.error("1 = zzzzzzzz");
    CHECK(e.message == "unknown field 'zzzzzzzz'");
    CHECK(e.hint.empty());
    e = f.error("sbustr(t, 1) = 'a'");
    CHECK(e.message == "unknown function 'sbustr'");
    CHECK(e.hint == "did you mean 'substr()'?");
    // Without names there is no hint, but still the error.
    auto plain = Expr::compile("revnue", f.resolver(), ValueType::null);
    REQUIRE_FALSE(plain);
    CHECK(plain.error().hint.empty());
    auto no_resolver = Expr::compile("a", Resolver{}, ValueType::null);
    REQUIRE_FALSE(no_resolver);
    CHECK(no_resolver.error().message == "unknown field 'a'");
}

TEST_CASE("expr errors: types", "[expr]") {
    Fixture f;
    const Expected cases[] = {
        {"revenue = 'x'", 9, "cannot compare number with text"},
        {"d < n", 3, "cannot compare date with number"},
        {"d = updated_at", 3, "cannot compare date with datetime"},
        {"true < false", 6, "cannot apply '<' to boolean and boolean"},
        {"'a' + 1", 5, "cannot apply '+' to text and number"},
        {"d + d", 3, "cannot apply '+' to date and date"},
        {"n - d", 3, "cannot apply '-' to number and date"},
        {"d * 2", 3, "cannot apply '*' to date and number"},
        {"updated_at - 1", 12, "cannot apply '-' to datetime and number"},
        {"-'a'", 1, "cannot apply '-' to text"},
        {"not 1", 1, "cannot apply 'not' to number"},
        {"1 and true", 3, "cannot apply 'and' to number"},
        {"true or 'x'", 6, "cannot apply 'or' to text"},
        {"n in [1, 'a']", 10, "list elements of mixed types: number and text"},
        {"t in [1, 2]", 3, "cannot compare text with number"},
        {"'北京' = n", 6, "cannot compare text with number"},
        {"len(1)", 5, "argument 1 of len() must be text, not number"},
        {"abs('x')", 5, "argument 1 of abs() must be number, not text"},
        {"year(1)", 6, "argument 1 of year() must be date or datetime, not number"},
        {"days_between(d, 1)", 17, "argument 2 of days_between() must be date or datetime, not number"},
        {"matches(n, 'x')", 9, "argument 1 of matches() must be text, not number"},
        {"min(1, 'a')", 8, "argument 2 of min() must be number, not text"},
        {"max(p)", 5, "argument 1 of max() must be number or text or date or datetime, not boolean"},
        {"sum(1, t)", 8, "argument 2 of sum() must be number, not text"},
        {"approx(1, 2, 'x')", 14, "argument 3 of approx() must be number, not text"},
        {"if(1, 2, 3)", 4, "argument 1 of if() must be boolean, not number"},
        {"if(true, 1, 'a')", 13, "both branches of if() must have the same type, found number and text"},
        {"round(1, 0.5)", 10, "the decimals of round() must be a whole number from -15 to 15"},
        {"round(1, 16)", 10, "the decimals of round() must be a whole number from -15 to 15"},
        {"substr(t, '1')", 11, "argument 2 of substr() must be number, not text"},
        {"starts_with(t, 1)", 16, "argument 2 of starts_with() must be text, not number"},
        {"date(1)", 6, "argument 1 of date() must be text, not number"},
        {"date('2023-02-29')", 6, "invalid date '2023-02-29' (expected YYYY-MM-DD)"},
        {"date('2026-1-01')", 6, "invalid date '2026-1-01' (expected YYYY-MM-DD)"},
        {"present(1)", 9, "the argument of present() must be a field name"},
        {"present(n + 1)", 9, "the argument of present() must be a field name"},
        {"previous(today())", 10, "the argument of previous() must be a field name"},
        {"abs(1, 2)", 1, "wrong number of arguments for abs(): expected 1, found 2"},
        {"round()", 1, "wrong number of arguments for round(): expected 1 or 2, found 0"},
        {"sum()", 1, "wrong number of arguments for sum(): expected at least 1, found 0"},
        {"d = today(1)", 5, "wrong number of arguments for today(): expected 0, found 1"},
        {"n = 1 + lenght(t)", 9, "unknown function 'lenght'"},
    };
    for (const auto& c : cases) check(f, c);
}

TEST_CASE("expr errors: rules must be boolean", "[expr]") {
    Fixture f;
    check(f, {"1 + 2", 1, "the expression must give boolean, not number"}, ValueType::boolean);
    check(f, {"t", 1, "the expression must give boolean, not text"}, ValueType::boolean);
    check(f, {"null", 1, "the expression must give boolean, not null"}, ValueType::boolean);
    check(f, {"n > 0", 1, "the expression must give number, not boolean"}, ValueType::number);
    CHECK(f.compile("n > 0", ValueType::boolean));
    CHECK(f.compile("n", ValueType::null));
}

TEST_CASE("expr errors: regular expressions", "[expr]") {
    Fixture f;
    const Expected cases[] = {
        {"matches(t, '[abc')", 12, "invalid regular expression: unmatched '['"},
        {"matches(t, '[b-a]')", 12, "invalid regular expression: invalid character range"},
        {"matches(t, 'a{2')", 12, "invalid regular expression: unmatched '{'"},
        {"matches(t, 'a{2,1}')", 12, "invalid regular expression: invalid repetition count"},
        {"matches(t, 'a\\\\')", 12, "invalid regular expression: invalid escape"},
        {"matches(t, '(a')", 12, "invalid regular expression: unmatched '(' or ')'"},
        {"matches(t, '(a)\\1')", 12, "invalid regular expression: back-references are not supported"},
        {"matches(t, 'a{1000}{1000}')", 12, "invalid regular expression: too complex"},
        {"matches(t, '((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))))')", 12,
         "invalid regular expression: too complex"},
        {"matches(t, t)", 12, "the pattern of matches() must be a text literal"},
        {"matches(t, null)", 12, "the pattern of matches() must be a text literal"},
    };
    for (const auto& c : cases) check(f, c);
    CHECK(f.compile("matches(t, '[a-z0-9._%+-]{1,64}@[a-z0-9.-]{1,253}\\.[a-z]{2,63}')"));
}

TEST_CASE("expr errors: syntax", "[expr]") {
    Fixture f;
    const Expected cases[] = {
        {"", 1, "the expression is empty", "expr-syntax"},
        {"   ", 1, "the expression is empty", "expr-syntax"},
        {"revenue >", 10, "expected a value, found the end", "expr-syntax"},
        {"(1 + 2", 7, "expected ')', found the end", "expr-syntax"},
        {"abs(1,)", 7, "expected a value, found ')'", "expr-syntax"},
        {"abs(1 2)", 7, "expected ',' or ')', found '2'", "expr-syntax"},
        {"n in [1 2]", 9, "expected ',' or ']', found '2'", "expr-syntax"},
        {"n in 1", 6, "expected '[', found '1'", "expr-syntax"},
        {"1 2", 3, "unexpected '2'", "expr-syntax"},
        {"n = 1)", 6, "unexpected ')'", "expr-syntax"},
        {"[1, 2]", 1, "a list is only allowed after 'in'", "expr-syntax"},
        {"1 < 2 < 3", 7, "comparisons do not chain; join them with 'and'", "expr-syntax"},
        {"n = 1 in [true]", 7, "comparisons do not chain; join them with 'and'", "expr-syntax"},
        {"p && q", 3, "'&&' is not an operator here; use 'and'", "expr-syntax"},
        {"p || q", 3, "'||' is not an operator here; use 'or'", "expr-syntax"},
        {"!p", 1, "'!' is not an operator here; use 'not'", "expr-syntax"},
        {"n <> 1", 3, "'<>' is not an operator here; use '!='", "expr-syntax"},
        {"'abc", 1, "unterminated string", "expr-syntax"},
        {"t = 'abc\\'", 5, "unterminated string", "expr-syntax"},
        {"n @ 2", 3, "unexpected character '@'", "expr-syntax"},
        {"n = 北", 5, "unexpected character '北'", "expr-syntax"},
        {"n = \x01", 5, "unexpected character '\\x01'", "expr-syntax"},
        {"n = \xff", 5, "unexpected character '\\xff'", "expr-syntax"},
        {"2abc", 1, "invalid number '2abc'", "expr-syntax"},
        {"1.2.3", 1, "invalid number '1.2.3'", "expr-syntax"},
        {"1.", 1, "invalid number '1.'", "expr-syntax"},
        {"n > 1e999", 5, "number out of range: 1e999", "expr-syntax"},
        {"'北京' = 1e999", 8, "number out of range: 1e999", "expr-syntax"},
        {"not", 4, "expected a value, found the end", "expr-syntax"},
    };
    for (const auto& c : cases) check(f, c);
}

TEST_CASE("expr errors: limits against hostile specifications", "[expr]") {
    Fixture f;
    const std::string deep = "expression is nested too deeply (the limit is 64 levels)";
    std::string parens = std::string(65, '(') + "1" + std::string(65, ')');
    check(f, {parens.c_str(), 65, deep.c_str(), "expr-limit"});
    std::string ok_parens = std::string(60, '(') + "1" + std::string(60, ')');
    CHECK(f.compile(ok_parens));
    std::string nots;
    for (int i = 0; i < 65; ++i) nots += "not ";
    nots += "true";
    check(f, {nots.c_str(), 257, deep.c_str(), "expr-limit"});
    std::string minus(100, '-');
    minus += "1";
    CHECK_FALSE(f.compile(minus));
    std::string chain = "1";
    for (int i = 0; i < 70; ++i) chain += "+1";
    auto e = f.error(chain);
    CHECK(e.rule == "expr-limit");
    CHECK(e.message == deep);
    std::string calls;
    for (int i = 0; i < 70; ++i) calls += "abs(";
    calls += "1" + std::string(70, ')');
    CHECK(f.error(calls).rule == "expr-limit");
    // Long flat expressions are fine up to the length limit.
    std::string wide = "n in [1";
    for (int i = 0; wide.size() < 4000; ++i) wide += ", " + std::to_string(i);
    wide += "]";
    CHECK(f.compile(wide));
    std::string conj = "p";
    while (conj.size() < 4000) conj += " and p";
    CHECK(f.compile(conj));
    std::string too_long(4097, ' ');
    too_long[0] = '1';
    check(f, {too_long.c_str(), 1, "expression is too long (4097 bytes; the limit is 4096)", "expr-limit"});
}

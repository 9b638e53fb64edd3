// SPDX-License-Identifier: Apache-2.0
// The audit rules the formats use, on records that pass, fail and say
// nothing (null: the rule does not fire).

#include "expr_fixture.hpp"

using namespace adx::schema;
using adx::schema::test::days_of;
using adx::schema::test::Fixture;

namespace {

std::string rule(Fixture& f, const char* text) {
    auto e = f.compile(text, ValueType::boolean);
    INFO(text);
    if (!e) FAIL(e.error().message);
    return adx::schema::test::show(e->eval(f.context()));
}

}  // namespace

TEST_CASE("rules: revenue >= main_revenue", "[expr][rules]") {
    Fixture f;
    const char* r = "revenue >= main_revenue";
    f.set("revenue", Value::number(100)).set("main_revenue", Value::number(80));
    CHECK(rule(f, r) == "true");
    f.set("main_revenue", Value::number(120));
    CHECK(rule(f, r) == "false");
    f.set("main_revenue", Value::null());
    CHECK(rule(f, r) == "null");
}

TEST_CASE("rules: employees_female <= employees_end", "[expr][rules]") {
    Fixture f;
    const char* r = "employees_female <= employees_end";
    f.set("employees_female", Value::number(10)).set("employees_end", Value::number(10));
    CHECK(rule(f, r) == "true");
    f.set("employees_female", Value::number(11));
    CHECK(rule(f, r) == "false");
}

TEST_CASE("rules: the balance sheet balances", "[expr][rules]") {
    Fixture f;
    const char* r = "approx(total_assets, total_liabilities + owner_equity, 1)";
    f.set("total_assets", Value::number(1000.4)).set("total_liabilities", Value::number(600))
        .set("owner_equity", Value::number(400));
    CHECK(rule(f, r) == "true");
    f.set("owner_equity", Value::number(398.9));
    CHECK(rule(f, r) == "false");
    f.set("owner_equity", Value::null());
    CHECK(rule(f, r) == "null");
}

TEST_CASE("rules: no revenue without employees", "[expr][rules]") {
    Fixture f;
    const char* r = "not (revenue > 0 and employees_end = 0)";
    f.set("revenue", Value::number(5)).set("employees_end", Value::number(0));
    CHECK(rule(f, r) == "false");
    f.set("employees_end", Value::number(3));
    CHECK(rule(f, r) == "true");
    f.set("revenue", Value::number(0)).set("employees_end", Value::null());
    CHECK(rule(f, r) == "true");  // revenue > 0 is false: known whatever the employees
    f.set("revenue", Value::number(5));
    CHECK(rule(f, r) == "null");
}

TEST_CASE("rules: revenue moves by at most half from last period", "[expr][rules]") {
    Fixture f;
    const char* r = "abs(revenue - previous(revenue)) <= 0.5 * previous(revenue)";
    f.set("revenue", Value::number(140));
    CHECK(rule(f, r) == "null");  // no previous record
    f.set_previous("revenue", Value::number(100));
    CHECK(rule(f, r) == "true");
    f.set("revenue", Value::number(151));
    CHECK(rule(f, r) == "false");
    f.set("revenue", Value::number(50));
    CHECK(rule(f, r) == "true");
}

TEST_CASE("rules: a deregistration names its date", "[expr][rules]") {
    Fixture f;
    const char* r = "filing_type != \"deregister\" or present(deregistered_on)";
    f.set("filing_type", Value::text("establish"));
    CHECK(rule(f, r) == "true");
    f.set("filing_type", Value::text("deregister"));
    CHECK(rule(f, r) == "false");
    f.set("deregistered_on", Value::date(days_of(2026, 1, 5)));
    CHECK(rule(f, r) == "true");
}

TEST_CASE("rules: deregistered after established", "[expr][rules]") {
    Fixture f;
    const char* r = "not present(deregistered_on) or deregistered_on >= established_on";
    f.set("established_on", Value::date(days_of(2020, 6, 1)));
    CHECK(rule(f, r) == "true");
    f.set("deregistered_on", Value::date(days_of(2026, 1, 5)));
    CHECK(rule(f, r) == "true");
    f.set("deregistered_on", Value::date(days_of(2019, 1, 5)));
    CHECK(rule(f, r) == "false");
}

TEST_CASE("rules: companies and branches have a 91 credit code", "[expr][rules]") {
    Fixture f;
    const char* r = "entity_type in [\"company\", \"branch\"] and starts_with(uscc, \"91\")";
    f.set("entity_type", Value::text("branch")).set("uscc", Value::text("91110108MA01ABCD1X"));
    CHECK(rule(f, r) == "true");
    f.set("uscc", Value::text("92110108MA01ABCD1X"));
    CHECK(rule(f, r) == "false");
    f.set("entity_type", Value::text("individual"));
    CHECK(rule(f, r) == "false");
}

TEST_CASE("rules: established in the past, mobile numbers", "[expr][rules]") {
    Fixture f;
    const char* past = "days_between(established_on, today()) >= 0";
    f.set("established_on", Value::date(days_of(2026, 3, 15)));
    CHECK(rule(f, past) == "true");
    f.set("established_on", Value::date(days_of(2026, 3, 16)));
    CHECK(rule(f, past) == "false");
    const char* phone = "matches(phone, \"1[3-9][0-9]{9}\")";
    f.set("phone", Value::text("13912345678"));
    CHECK(rule(f, phone) == "true");
    f.set("phone", Value::text("010-12345678"));
    CHECK(rule(f, phone) == "false");
    f.set("phone", Value::null());
    CHECK(rule(f, phone) == "null");
}

// SPDX-License-Identifier: Apache-2.0
// Field types (adx-formats(5) "FIELD TYPES"): every type's accepted and
// refused forms, the rule ids of the problems, and mask().

#include "schema/field_check.hpp"
#include "schema/field_syntax.hpp"

#include <catch2/catch.hpp>
#include <charconv>
#include <cstring>
#include <random>
#include <string>
#include <vector>

using namespace adx::schema;
using namespace std::chrono;

namespace {

const year_month_day k_today{year{2026}, November, day{27}};

FieldSpec spec(FieldType t) {
    FieldSpec f;
    f.key = "f";
    f.type = t;
    return f;
}

struct Outcome {
    Value value;
    std::vector<FieldProblem> problems;
    std::string rules() const {
        std::string out;
        for (const auto& p : problems) out += (out.empty() ? "" : " ") + p.rule + (p.warning ? "(w)" : "");
        return out;
    }
};

Outcome check(const FieldSpec& f, std::string_view text) {
    FieldChecker c(k_today);
    Outcome o;
    o.value = c.check(f, text, o.problems);
    return o;
}

}  // namespace

TEST_CASE("an empty value is absent: no problem, null") {
    auto o = check(spec(FieldType::integer), "");
    CHECK(o.value.is_null());
    CHECK(o.problems.empty());
}

TEST_CASE("text: length in characters, pattern") {
    FieldSpec f = spec(FieldType::text);
    f.min_length = 2;
    f.max_length = 4;
    CHECK(check(f, "金山区").value.type == ValueType::text);  // 3 characters, 9 bytes
    CHECK(check(f, "上海市金山区").rules() == "field-length");
    CHECK(check(f, "金").rules() == "field-length");
    f.pattern = "[A-Z]+";
    f.pattern_re.emplace(f.pattern);
    CHECK(check(f, "ABC").problems.empty());
    CHECK(check(f, "ABc").rules() == "field-pattern");
    CHECK(check(f, "ABc").value.is_null());
    CHECK(check(f, "XABCDX").rules() == "field-length");
}

TEST_CASE("integer: digits with an optional minus, range") {
    FieldSpec f = spec(FieldType::integer);
    f.min = 0;
    f.max = 100;
    CHECK(check(f, "42").value.n == 42);
    CHECK(check(f, "-1").rules() == "field-range");
    CHECK(check(f, "101").rules() == "field-range");
    for (const char* bad : {"1.5", "1,000", "+3", " 3", "3 ", "abc", "-", "1e3"}) {
        INFO(bad);
        CHECK(check(f, bad).rules() == "field-type");
    }
}

TEST_CASE("decimal: plain digits and a dot, precision and scale") {
    FieldSpec f = spec(FieldType::decimal);
    f.precision = 9;
    f.scale = 6;
    f.min = 0;
    CHECK(check(f, "500.000000").value.n == 500);
    CHECK(check(f, "100.623104").problems.empty());
    CHECK(check(f, "1000.5").value.n == 1000.5);
    CHECK(check(f, "0.1234567").rules() == "field-scale");    // 7 decimals
    CHECK(check(f, "1234.567891").rules() == "field-scale");  // 10 digits
    CHECK(check(f, "000123.45").problems.empty());            // leading zeros do not count
    CHECK(check(f, "-1").rules() == "field-range");
    for (const char* bad : {"1,234.5", "1.", ".5", "1.2.3", "１２", "1e5", "NaN"}) {
        INFO(bad);
        CHECK(check(f, bad).rules() == "field-type");
    }
}

TEST_CASE("text: long texts are counted in characters, whatever their mix") {
    // Counted sixteen bytes at a time, in runs of up to 4080 bytes: texts
    // around those sizes, of one-, two-, three- and four-byte characters.
    std::mt19937 rng(9);
    // (0x80 and 0xBF: the continuation bytes at either end of their range.)
    const std::string pieces[] = {"a", "\xC2\xBF", "金", "\xF0\xA0\x80\x80", "\xEF\xBF\xBD"};
    for (std::size_t chars : {1u, 15u, 16u, 17u, 100u, 1359u, 1361u, 4079u, 4081u, 5000u}) {
        std::string t;
        for (std::size_t i = 0; i < chars; ++i) t += pieces[rng() % std::size(pieces)];
        FieldSpec f = spec(FieldType::text);
        f.max_length = chars;
        INFO(chars << " characters, " << t.size() << " bytes");
        CHECK(check(f, t).problems.empty());
        f.max_length = chars - 1;
        auto o = check(f, t);
        REQUIRE(o.rules() == "field-length");
        CHECK(o.problems.front().message.find(std::to_string(chars) + " characters") != std::string::npos);
    }
}

TEST_CASE("region and industry: one checker gives each code the answer a new one gives") {
    // A checker remembers the codes it found clean: whatever came before,
    // a code's value and problems are those of a first check.
    const std::vector<std::pair<FieldType, std::string>> codes = {
        {FieldType::region, "310116"},   {FieldType::region, "310199"},  {FieldType::region, "110000"},
        {FieldType::region, "31011"},    {FieldType::region, "3101160"}, {FieldType::industry, "2926"},
        {FieldType::industry, "C2926"},  {FieldType::industry, "A2926"}, {FieldType::industry, "9999"},
        {FieldType::industry, "C"},      {FieldType::industry, "29"},    {FieldType::region, "2926"},
        {FieldType::industry, "310116"}, {FieldType::region, "659001"},  {FieldType::industry, "5199"}};
    FieldChecker reused(k_today);
    std::mt19937 rng(17);
    for (int i = 0; i < 2000; ++i) {
        const auto& [type, text] = codes[rng() % codes.size()];
        Outcome once = check(spec(type), text);
        Outcome again;
        again.value = reused.check(spec(type), text, again.problems);
        INFO(field_type_name(type) << " " << text);
        CHECK(again.rules() == once.rules());
        CHECK(again.value.type == once.value.type);
    }
}

TEST_CASE("decimal: the value is the correctly rounded double, as from_chars gives") {
    // Short numbers take a fast path (an exact integer over an exact power
    // of ten); long ones go to from_chars. Both must give its bits.
    FieldSpec f = spec(FieldType::decimal);
    std::mt19937_64 rng(5);
    std::vector<std::string> texts = {"0",
                                      "-0",
                                      "0.0",
                                      "9007199254740993",
                                      "9007199254740992.5",
                                      "0.1",
                                      "123456789012345678901234567890",
                                      "1.0000000000000000000000001",
                                      "99999999999999999999",
                                      "0.0000000000000000000000001"};
    for (int i = 0; i < 20000; ++i) {
        std::string t = rng() % 4 == 0 ? "-" : "";
        for (auto k = 1 + rng() % 20; k > 0; --k) t += static_cast<char>('0' + rng() % 10);
        if (rng() % 2) {
            t += '.';
            for (auto k = 1 + rng() % 24; k > 0; --k) t += static_cast<char>('0' + rng() % 10);
        }
        texts.push_back(t);
    }
    for (const auto& t : texts) {
        INFO(t);
        double want = 0;
        REQUIRE(std::from_chars(t.data(), t.data() + t.size(), want).ec == std::errc{});
        auto o = check(f, t);
        REQUIRE(o.problems.empty());
        CHECK(std::memcmp(&o.value.n, &want, sizeof want) == 0);
    }
}

TEST_CASE("date: YYYY-MM-DD, a real date") {
    FieldSpec f = spec(FieldType::date);
    auto o = check(f, "1970-01-02");
    CHECK(o.value.type == ValueType::date);
    CHECK(o.value.t == 1);
    CHECK(check(f, "2024-02-29").problems.empty());
    for (const char* bad : {"2026-02-29", "2026-13-01", "2026-1-5", "2026/01/05", "20260105", "2026-01-05T00:00:00Z"}) {
        INFO(bad);
        CHECK(check(f, bad).rules() == "field-type");
    }
}

TEST_CASE("datetime: ISO 8601 with an offset") {
    FieldSpec f = spec(FieldType::datetime);
    auto o = check(f, "2026-03-10T16:18:33+08:00");
    CHECK(o.value.type == ValueType::datetime);
    CHECK(o.value.t == check(f, "2026-03-10T08:18:33Z").value.t);
    for (const char* bad : {"2026-03-10", "2026-03-10T16:18:33", "2026-03-10T25:00:00Z", "yesterday"}) {
        INFO(bad);
        CHECK(check(f, bad).rules() == "field-type");
    }
}

TEST_CASE("enum: codes only, a label is named as such") {
    FieldSpec f = spec(FieldType::enumeration);
    f.codes = {{"company", "公司", "Company"}, {"branch", "分支机构", "Branch"}};
    CHECK(check(f, "branch").value.s() == "branch");
    auto label = check(f, "公司");
    CHECK(label.rules() == "field-enum");
    CHECK(label.problems[0].message.find("'company'") != std::string::npos);
    CHECK(check(f, "Company").rules() == "field-enum");
    CHECK(check(f, "firm").rules() == "field-enum");
}

TEST_CASE("boolean: true/false, 1/0, 是/否") {
    FieldSpec f = spec(FieldType::boolean);
    for (const char* yes : {"true", "TRUE", "True", "1", "是"}) CHECK(check(f, yes).value.b);
    for (const char* no : {"false", "False", "0", "否"}) {
        auto o = check(f, no);
        CHECK(o.value.type == ValueType::boolean);
        CHECK_FALSE(o.value.b);
    }
    CHECK(check(f, "yes").rules() == "field-type");
}

TEST_CASE("identifier types report the findings of lib/ids") {
    CHECK(check(spec(FieldType::uscc), "91310116052958608G").value.type == ValueType::text);
    CHECK(check(spec(FieldType::uscc), "91310116052958608H").rules() == "uscc-check");
    CHECK(check(spec(FieldType::uscc), "91310116052958608H").value.is_null());
    CHECK(check(spec(FieldType::uscc), "９１３１０１１６０５２９５８６０８Ｇ").problems.empty());  // normalized
    CHECK(check(spec(FieldType::ric), "11010519491231002X").problems.empty());
    CHECK(check(spec(FieldType::ric), "340121197608099323").rules() == "ric-check");
    CHECK(check(spec(FieldType::ric), "320102199102309281").rules().find("ric-birth-date") != std::string::npos);
    CHECK(check(spec(FieldType::orgcode), "05295860-8").problems.empty());
    CHECK(check(spec(FieldType::region), "310116").problems.empty());
    CHECK(check(spec(FieldType::region), "310199").rules() == "region-unknown");
    CHECK(check(spec(FieldType::industry), "C3511").problems.empty());
    CHECK(check(spec(FieldType::industry), "A3511").rules() == "industry-section");
    CHECK(check(spec(FieldType::license_id), "1.2.156").value.is_null());
}

TEST_CASE("identifier warnings stay warnings and keep the value") {
    // A 15-digit identity number is valid, with a warning.
    auto o = check(spec(FieldType::ric), "310228800101001");
    CHECK(o.rules() == "ric-legacy(w)");
    CHECK(o.value.type == ValueType::text);
}

TEST_CASE("phone: Chinese mobile and landline numbers") {
    for (const char* ok : {"13800138000", "19107418740", "+8613800138000", "+86 138 0013 8000", "0086-13800138000",
                           "138-0013-8000", "021-57137945", "02157137945", "0571-8888888", "0755-88888888"})
        CHECK(is_phone(ok));
    for (const char* bad :
         {"12800138000", "1380013800", "138001380001", "+8602157137945", "21-57137945", "021-571379", "138--00138000",
          "-13800138000", "13800138000-", "phone", "", "0", "+85213800138000", "0086", "+86"})
        CHECK_FALSE(is_phone(bad));
    CHECK(check(spec(FieldType::phone), "12345").rules() == "field-type");
}

TEST_CASE("email: the common subset of RFC 5322") {
    for (const char* ok :
         {"service.yuanzhuo@example.net", "a+b@example.com", "x@sub.example.org", "o'brien@ex-ample.cn"})
        CHECK(is_email(ok));
    for (const char* bad :
         {"plain", "@example.com", "a@", "a@example", "a..b@example.com", ".a@example.com", "a@-example.com",
          "a@example.c", "a b@example.com", "\"a\"@example.com", "a@example.123", "张三@example.com"})
        CHECK_FALSE(is_email(bad));
    CHECK_FALSE(is_email(std::string(65, 'a') + "@example.com"));
    CHECK(is_email(std::string(64, 'a') + "@example.com"));
    for (const char* bad : {"a.@example.com", "a@b@example.com", "a@@example.com", "a@example.com@"})
        CHECK_FALSE(is_email(bad));
    // Domain labels: none empty, none over 63 characters, no hyphen at either end.
    CHECK(is_email("a@b.cd"));
    CHECK(is_email("a@" + std::string(63, 'b') + ".cn"));
    for (const char* bad : {"a@example..com", "a@example.com.", "a@.example.com", "a@example-.com", "a@exa_mple.com"})
        CHECK_FALSE(is_email(bad));
    CHECK_FALSE(is_email("a@" + std::string(64, 'b') + ".cn"));
    CHECK(check(spec(FieldType::email), "nope").rules() == "field-type");
}

TEST_CASE("email: the bit-mask check agrees with the byte-by-byte one") {
    // Addresses up to 64 bytes are checked as bit masks: on random text and
    // on addresses with one character changed, the answer must be the
    // byte-by-byte one's, valid or not.
    std::mt19937 rng(3);
    const std::string pieces[] = {"a", "Z", "0", ".", "-", "@", "_", "+", "!", " ", "\xC3\xA9", "b", "c", "d", "e"};
    std::vector<std::string> texts;
    for (int i = 0; i < 40000; ++i) {
        std::string t;
        for (auto k = rng() % 70; k > 0; --k) t += pieces[rng() % std::size(pieces)];
        texts.push_back(t);
    }
    const std::string base[] = {"service.yuanzhuo@example.net", "a+b@ex-ample.com.cn", "x@b.cd",
                                std::string(30, 'q') + "@" + std::string(28, 'r') + ".org"};
    for (const auto& b : base)
        for (std::size_t i = 0; i < b.size(); ++i)
            for (const auto& p : pieces) {
                std::string t = b;
                t.replace(i, 1, p);
                texts.push_back(t);
                texts.push_back(b.substr(0, i) + b.substr(i + 1));
            }
    std::size_t valid = 0;
    for (const auto& t : texts) {
        INFO(t);
        CHECK(is_email(t) == adx::schema::is_email_bytewise(t));
        valid += is_email(t);
    }
    CHECK(valid > 1000);  // the valid side is exercised too
}

TEST_CASE("currency: ISO 4217 alphabetic codes") {
    for (const char* ok : {"CNY", "USD", "HKD", "EUR", "XAU"}) CHECK(is_currency(ok));
    for (const char* bad : {"RMB", "cny", "US", "USDX", ""}) CHECK_FALSE(is_currency(bad));
    CHECK(check(spec(FieldType::currency), "RMB").rules() == "field-enum");
}

TEST_CASE("period: YYYY, YYYY-MM, YYYY-Qn") {
    for (const char* ok : {"2026", "2026-01", "2026-12", "2026-Q1", "2026-Q4"}) CHECK(is_period(ok));
    for (const char* bad : {"26", "2026-00", "2026-13", "2026-Q5", "2026-Q0", "2026-1", "2026Q1", "2026-q1"})
        CHECK_FALSE(is_period(bad));
    CHECK(check(spec(FieldType::period), "2026-13").rules() == "field-type");
}

TEST_CASE("mask keeps the first and last character") {
    CHECK(mask("31022819841217942X") == "3****************X");
    CHECK(mask("13800138000") == "1*********0");
    CHECK(mask("张三丰") == "张*丰");
    CHECK(mask("张三") == "张*");
    CHECK(mask("7") == "*");
    CHECK(mask("") == "");
}

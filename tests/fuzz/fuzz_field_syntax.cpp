// SPDX-License-Identifier: Apache-2.0
// Field values on arbitrary bytes: every field type's check; the e-mail
// check by bit masks agrees with the byte-by-byte one, and a decimal's value
// (read on a fast path where it is short) is from_chars's.

#include "schema/field_check.hpp"
#include "schema/field_syntax.hpp"
#include "schema/format.hpp"

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

using namespace adx::schema;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (is_email(text) != is_email_bytewise(text)) std::abort();
    (void)is_phone(text);
    (void)is_period(text);
    (void)is_currency(text);
    std::int64_t days = 0;
    (void)parse_civil_date(text, days);

    static FieldChecker checker(
        std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{27}});
    std::vector<FieldProblem> problems;
    for (auto type : {FieldType::text, FieldType::integer, FieldType::decimal, FieldType::date, FieldType::datetime,
                      FieldType::boolean, FieldType::phone, FieldType::email, FieldType::currency, FieldType::period,
                      FieldType::uscc, FieldType::ric, FieldType::orgcode, FieldType::region, FieldType::industry,
                      FieldType::license_id}) {
        FieldSpec spec;
        spec.key = "f";
        spec.type = type;
        problems.clear();
        Value v = checker.check(spec, text, problems);
        if (type == FieldType::decimal && v.type == ValueType::number) {
            double want = 0;
            if (std::from_chars(text.data(), text.data() + text.size(), want).ec != std::errc{}) std::abort();
            if (std::memcmp(&want, &v.n, sizeof want) != 0) std::abort();
        }
    }
    return 0;
}

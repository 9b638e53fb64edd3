// SPDX-License-Identifier: Apache-2.0
#pragma once
// A typed value of one field of one record, as rules see it. Small and
// trivially copyable: text is a view into the record (or the rule's own
// constants), numbers are doubles, dates are days and date-times seconds.

#include <cstdint>
#include <string_view>

namespace adx::schema {

// The static types of the rule language.
enum class ValueType : std::uint8_t { null, boolean, number, text, date, datetime, list };

const char* value_type_name(ValueType t) noexcept;  // "number", …

struct Value {
    ValueType type = ValueType::null;
    bool b = false;
    double n = 0;           // number
    std::int64_t t = 0;     // date: days since 1970-01-01; datetime: seconds since the epoch (UTC)
    std::int32_t offset = 0;  // datetime: the UTC offset it was written with, in minutes
    std::string_view s;     // text

    static Value null() noexcept { return {}; }
    static Value boolean(bool v) noexcept { Value x; x.type = ValueType::boolean; x.b = v; return x; }
    static Value number(double v) noexcept { Value x; x.type = ValueType::number; x.n = v; return x; }
    static Value text(std::string_view v) noexcept { Value x; x.type = ValueType::text; x.s = v; return x; }
    static Value date(std::int64_t days) noexcept { Value x; x.type = ValueType::date; x.t = days; return x; }
    static Value datetime(std::int64_t secs, std::int32_t offset_minutes = 0) noexcept {
        Value x;
        x.type = ValueType::datetime;
        x.t = secs;
        x.offset = offset_minutes;
        return x;
    }
    bool is_null() const noexcept { return type == ValueType::null; }
};

}  // namespace adx::schema

// SPDX-License-Identifier: Apache-2.0
#pragma once
// A typed value of one field of one record, as rules see it. Sixteen bytes
// and trivially copyable, so that it is passed and returned in registers
// (the evaluator returns one per node, the checker one per field): text is a
// view into the record (or the rule's own constants), numbers are doubles,
// dates are days and date-times seconds.

#include <cstdint>
#include <string_view>

namespace adx::schema {

// The static types of the rule language.
enum class ValueType : std::uint8_t { null, boolean, number, text, date, datetime, list };

const char* value_type_name(ValueType t) noexcept;  // "number", …

struct Value {
    ValueType type = ValueType::null;
    bool b = false;
    std::int16_t offset = 0;  // datetime: the UTC offset it was written with, in minutes (|offset| < 24 h)
    std::uint32_t size = 0;   // text: its length in bytes
    union {
        double n = 0;      // number
        std::int64_t t;    // date: days since 1970-01-01; datetime: seconds since the epoch (UTC)
        const char* data;  // text
    };

    std::string_view s() const noexcept { return {data, size}; }

    static Value null() noexcept { return {}; }
    static Value boolean(bool v) noexcept {
        Value x;
        x.type = ValueType::boolean;
        x.b = v;
        return x;
    }
    static Value number(double v) noexcept {
        Value x;
        x.type = ValueType::number;
        x.n = v;
        return x;
    }
    // Text is a field's value or part of one (at most Limits::max_field
    // bytes) or a rule's constant: far below 4 GiB.
    static Value text(std::string_view v) noexcept {
        Value x;
        x.type = ValueType::text;
        x.data = v.data();
        x.size = static_cast<std::uint32_t>(v.size());
        return x;
    }
    static Value date(std::int64_t days) noexcept {
        Value x;
        x.type = ValueType::date;
        x.t = days;
        return x;
    }
    static Value datetime(std::int64_t secs, std::int32_t offset_minutes = 0) noexcept {
        Value x;
        x.type = ValueType::datetime;
        x.t = secs;
        x.offset = static_cast<std::int16_t>(offset_minutes);
        return x;
    }
    bool is_null() const noexcept { return type == ValueType::null; }
};

static_assert(sizeof(Value) == 16, "a Value fits two registers");

}  // namespace adx::schema

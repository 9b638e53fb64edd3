// SPDX-License-Identifier: Apache-2.0
#pragma once
// The one clock. ADX_NOW (an ISO 8601 date or date-time, e.g.
// 2026-11-27T09:00:00+08:00) fixes it, so that golden tests and reruns of old
// data give the same answers.

#include "core/error.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace adx::core {

using SysTime = std::chrono::sys_seconds;

// The current time (or ADX_NOW). A malformed ADX_NOW is a configuration error.
Expected<SysTime> now();
// Today's civil date in the offset of ADX_NOW, else in local time.
Expected<std::chrono::year_month_day> today();

// Parses YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM).
// Sets *offset_minutes to the offset (0 for a plain date or Z).
bool parse_iso8601(std::string_view s, SysTime& out, int* offset_minutes = nullptr);

// "2026-11-27T01:00:00Z"
std::string format_utc(SysTime t);

// The N-digit decimal at p (a date's or a time's fixed-width part), into
// out; false if one of the N bytes is not a digit (out is then meaningless).
// No early exit and a constant width: the compiler unrolls it, and every date
// of every record comes through here (always inlined: a profile-guided
// build kept it a call).
template <std::size_t N>
[[gnu::always_inline]] constexpr bool fixed_digits(const char* p, int& out) noexcept {
    int v = 0;
    bool ok = true;
    for (std::size_t i = 0; i < N; ++i) {
        const unsigned d = static_cast<unsigned>(static_cast<unsigned char>(p[i])) - unsigned{'0'};
        ok &= d <= 9;
        v = v * 10 + static_cast<int>(d & 15);
    }
    out = v;
    return ok;
}

}  // namespace adx::core

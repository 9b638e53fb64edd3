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

}  // namespace adx::core

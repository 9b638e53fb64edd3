// SPDX-License-Identifier: Apache-2.0
// ISO 8601 dates and date-times (ADX_NOW and every timestamp adx reads).

#include "core/clock.hpp"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace std::chrono;
    std::string_view s(reinterpret_cast<const char*>(data), size);
    adx::core::SysTime t;
    int offset = 12345;
    if (!adx::core::parse_iso8601(s, t, &offset)) return 0;
    if (offset < -24 * 60 || offset > 24 * 60) std::abort();
    (void)adx::core::parse_iso8601(s, t);
    // What format_utc writes parses back to the same instant, for four-digit years.
    std::string utc = adx::core::format_utc(t);
    int y = static_cast<int>(year_month_day{floor<days>(t)}.year());
    adx::core::SysTime back;
    int back_offset = 1;
    bool ok = adx::core::parse_iso8601(utc, back, &back_offset);
    if (y >= 0 && y <= 9999 && (!ok || back != t || back_offset != 0)) std::abort();
    return 0;
}

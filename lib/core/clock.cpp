// SPDX-License-Identifier: Apache-2.0
#include "core/clock.hpp"

#include "core/i18n.hpp"

#include <cstdlib>
#include <ctime>

namespace adx::core {

bool parse_iso8601(std::string_view s, SysTime& out, int* offset_minutes) {
    using namespace std::chrono;
    const char* p = s.data();
    int y = 0, mo = 0, d = 0;
    if (s.size() < 10 || p[4] != '-' || p[7] != '-') return false;
    bool ok = fixed_digits<4>(p, y);
    ok &= fixed_digits<2>(p + 5, mo);
    ok &= fixed_digits<2>(p + 8, d);
    if (!ok) return false;
    year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return false;
    int offset = 0;
    seconds tod{0};
    if (s.size() > 10) {
        int hh = 0, mm = 0, ss = 0;
        if (s.size() < 19 || (p[10] != 'T' && p[10] != ' ') || p[13] != ':' || p[16] != ':') return false;
        ok = fixed_digits<2>(p + 11, hh);
        ok &= fixed_digits<2>(p + 14, mm);
        ok &= fixed_digits<2>(p + 17, ss);
        if (!ok) return false;
        if (hh > 23 || mm > 59 || ss > 60) return false;
        std::size_t i = 19;
        if (i < s.size() && s[i] == '.') {
            ++i;
            std::size_t start = i;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
            if (i == start) return false;
        }
        if (i == s.size()) return false;  // a date-time needs its offset
        if (s[i] == 'Z') {
            ++i;
        } else if (s[i] == '+' || s[i] == '-') {
            int oh = 0, om = 0;
            if (i + 6 > s.size() || p[i + 3] != ':') return false;
            ok = fixed_digits<2>(p + i + 1, oh);
            ok &= fixed_digits<2>(p + i + 4, om);
            if (!ok) return false;
            if (oh > 23 || om > 59) return false;
            offset = (s[i] == '-' ? -1 : 1) * (oh * 60 + om);
            i += 6;
        } else {
            return false;
        }
        if (i != s.size()) return false;
        tod = hours{hh} + minutes{mm} + seconds{ss};
    }
    out = sys_days{ymd} + tod - minutes{offset};
    if (offset_minutes) *offset_minutes = offset;
    return true;
}

Expected<SysTime> now() {
    using namespace std::chrono;
    if (const char* env = std::getenv("ADX_NOW"); env && *env) {
        SysTime t;
        if (!parse_iso8601(env, t))
            return Error{Exit::config, trf("ADX_NOW is not an ISO 8601 date or date-time: '{value}'",
                                           fmt::arg("value", env))};
        return t;
    }
    return time_point_cast<seconds>(system_clock::now());
}

Expected<std::chrono::year_month_day> today() {
    using namespace std::chrono;
    if (const char* env = std::getenv("ADX_NOW"); env && *env) {
        SysTime t;
        int offset = 0;
        if (!parse_iso8601(env, t, &offset))
            return Error{Exit::config, trf("ADX_NOW is not an ISO 8601 date or date-time: '{value}'",
                                           fmt::arg("value", env))};
        return year_month_day{floor<days>(t + minutes{offset})};
    }
    std::time_t tt = std::time(nullptr);
    std::tm tm{};
    localtime_r(&tt, &tm);
    return year_month_day{year{tm.tm_year + 1900}, month{static_cast<unsigned>(tm.tm_mon + 1)},
                          day{static_cast<unsigned>(tm.tm_mday)}};
}

std::string format_utc(SysTime t) {
    using namespace std::chrono;
    auto dp = floor<days>(t);
    year_month_day ymd{dp};
    hh_mm_ss hms{t - dp};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                       hms.minutes().count(), hms.seconds().count());
}

}  // namespace adx::core

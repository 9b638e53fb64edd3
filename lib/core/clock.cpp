// SPDX-License-Identifier: Apache-2.0
#include "core/clock.hpp"

#include "core/i18n.hpp"

#include <cstdlib>
#include <ctime>

namespace adx::core {

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

}  // namespace

bool parse_iso8601(std::string_view s, SysTime& out, int* offset_minutes) {
    using namespace std::chrono;
    int y = 0, mo = 0, d = 0;
    if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
        !digits(s, 8, 2, d))
        return false;
    year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return false;
    int offset = 0;
    seconds tod{0};
    if (s.size() > 10) {
        int hh = 0, mm = 0, ss = 0;
        if ((s[10] != 'T' && s[10] != ' ') || !digits(s, 11, 2, hh) || s.size() < 19 || s[13] != ':' ||
            !digits(s, 14, 2, mm) || s[16] != ':' || !digits(s, 17, 2, ss))
            return false;
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
            if (!digits(s, i + 1, 2, oh) || i + 3 >= s.size() || s[i + 3] != ':' || !digits(s, i + 4, 2, om))
                return false;
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

// SPDX-License-Identifier: Apache-2.0
#include "transport/retry.hpp"

#include <algorithm>
#include <curl/curl.h>
#include <string>

namespace adx::transport {

namespace {
constexpr std::int64_t k_max_retry_after = 24 * 3600;
}

Millis backoff_cap(const RetryPolicy& p, int n) noexcept {
    const std::int64_t max = std::max<std::int64_t>(0, p.max_backoff.count());
    std::int64_t cap = std::max<std::int64_t>(0, p.base.count());
    for (int i = 0; i < n && cap < max; ++i) cap *= 2;
    return Millis(std::min(cap, max));
}

Millis backoff_delay(const RetryPolicy& p, int n, std::mt19937_64& rng) {
    const auto cap = backoff_cap(p, n).count();
    if (cap <= 0) return Millis(0);
    std::uniform_int_distribution<std::int64_t> dist(0, cap);
    return Millis(dist(rng));
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, std::time_t now) {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r'))
        value.remove_suffix(1);
    if (value.empty()) return std::nullopt;
    if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        std::int64_t s = 0;
        for (char c : value) {
            s = s * 10 + (c - '0');
            if (s > k_max_retry_after) return std::chrono::seconds(k_max_retry_after);
        }
        return std::chrono::seconds(s);
    }
    // An HTTP-date must start with a day name; curl_getdate() is lenient
    // about everything else and reads all three forms of RFC 9110 §5.6.7.
    if (!((value[0] >= 'A' && value[0] <= 'Z') || (value[0] >= 'a' && value[0] <= 'z'))) return std::nullopt;
    const std::string text(value);
    const std::time_t when = curl_getdate(text.c_str(), nullptr);
    if (when == -1) return std::nullopt;
    const std::int64_t delta = std::clamp<std::int64_t>(static_cast<std::int64_t>(when) - now, 0, k_max_retry_after);
    return std::chrono::seconds(delta);
}

std::optional<Millis> next_delay(const RetryPolicy& p, int n, std::optional<std::chrono::seconds> retry_after,
                                 std::mt19937_64& rng) {
    if (retry_after) {
        const Millis want = std::chrono::duration_cast<Millis>(*retry_after);
        if (want > p.max_backoff) return std::nullopt;
        return want;
    }
    return backoff_delay(p, n, rng);
}

}  // namespace adx::transport

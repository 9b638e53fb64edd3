// SPDX-License-Identifier: Apache-2.0
#pragma once
// When to try again: exponential backoff with full jitter, and the server's
// Retry-After (RFC 9110 §10.2.3: delay-seconds or an HTTP-date).

#include <chrono>
#include <cstdint>
#include <ctime>
#include <optional>
#include <random>
#include <string_view>

namespace adx::transport {

using Millis = std::chrono::milliseconds;

struct RetryPolicy {
    int retries = 3;             // attempts after the first
    Millis base{1000};           // the first retry waits up to this
    Millis max_backoff{60'000};  // no computed wait exceeds this
};

// The upper bound of the wait before retry number n (0 for the first
// retry): min(max_backoff, base * 2^n).
Millis backoff_cap(const RetryPolicy& p, int n) noexcept;

// Full jitter: a uniform draw from [0, backoff_cap(p, n)].
Millis backoff_delay(const RetryPolicy& p, int n, std::mt19937_64& rng);

// The wait a Retry-After value asks for, at time now: delay-seconds, or an
// HTTP-date (IMF-fixdate, RFC 850 or asctime form) minus now, 0 when that
// date has passed. Anything else (empty, negative, garbage): nullopt.
// Absurd values are clamped to one day.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, std::time_t now);

// The wait before retry n: the server's Retry-After when it gave one, else
// backoff_delay(). nullopt when Retry-After asks for longer than
// p.max_backoff (the caller gives up: try again later).
std::optional<Millis> next_delay(const RetryPolicy& p, int n, std::optional<std::chrono::seconds> retry_after,
                                 std::mt19937_64& rng);

}  // namespace adx::transport

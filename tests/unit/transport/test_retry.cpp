// SPDX-License-Identifier: Apache-2.0
#include "transport/curl_util.hpp"
#include "transport/retry.hpp"

#include <catch2/catch.hpp>

using namespace adx::transport;
using std::chrono::seconds;

TEST_CASE("backoff caps double up to max_backoff", "[transport][retry]") {
    RetryPolicy p;
    p.base = Millis(1000);
    p.max_backoff = Millis(10'000);
    CHECK(backoff_cap(p, 0) == Millis(1000));
    CHECK(backoff_cap(p, 1) == Millis(2000));
    CHECK(backoff_cap(p, 3) == Millis(8000));
    CHECK(backoff_cap(p, 4) == Millis(10'000));
    CHECK(backoff_cap(p, 1000) == Millis(10'000));  // no overflow
    p.max_backoff = Millis(0);
    CHECK(backoff_cap(p, 5) == Millis(0));
}

TEST_CASE("full jitter stays within [0, cap] and spreads", "[transport][retry]") {
    RetryPolicy p;
    p.base = Millis(500);
    p.max_backoff = Millis(4000);
    std::mt19937_64 rng(42);
    for (int n = 0; n < 8; ++n) {
        Millis lo = Millis::max(), hi = Millis::min();
        for (int i = 0; i < 2000; ++i) {
            const Millis d = backoff_delay(p, n, rng);
            REQUIRE(d >= Millis(0));
            REQUIRE(d <= backoff_cap(p, n));
            lo = std::min(lo, d);
            hi = std::max(hi, d);
        }
        // Full jitter: draws near both ends of the interval.
        CHECK(lo <= backoff_cap(p, n) / 10);
        CHECK(hi >= backoff_cap(p, n) * 9 / 10);
    }
}

TEST_CASE("Retry-After in delay-seconds", "[transport][retry]") {
    CHECK(parse_retry_after("0", 0) == seconds(0));
    CHECK(parse_retry_after("5", 0) == seconds(5));
    CHECK(parse_retry_after(" 120\r", 0) == seconds(120));
    CHECK(parse_retry_after("99999999999999999999", 0) == seconds(86400));  // clamped, no overflow
    CHECK_FALSE(parse_retry_after("", 0));
    CHECK_FALSE(parse_retry_after("-5", 0));
    CHECK_FALSE(parse_retry_after("1.5", 0));
    CHECK_FALSE(parse_retry_after("5 s", 0));
    CHECK_FALSE(parse_retry_after("soon", 0));
}

TEST_CASE("Retry-After as an HTTP-date", "[transport][retry]") {
    const std::time_t now = 1795773600;  // 2026-11-27T10:00:00Z (a Friday)
    CHECK(parse_retry_after("Fri, 27 Nov 2026 10:00:30 GMT", now) == seconds(30));
    CHECK(parse_retry_after("Friday, 27-Nov-26 10:01:00 GMT", now) == seconds(60));    // RFC 850
    CHECK(parse_retry_after("Fri Nov 27 10:02:00 2026", now) == seconds(120));         // asctime
    CHECK(parse_retry_after("Fri, 27 Nov 2026 09:00:00 GMT", now) == seconds(0));      // past: now
    CHECK(parse_retry_after("Sat, 27 Nov 2027 10:00:00 GMT", now) == seconds(86400));  // far: clamped
    CHECK_FALSE(parse_retry_after("Fri, 32 Foo 2026 99:00:00 GMT", now));
}

TEST_CASE("next_delay honours Retry-After up to max_backoff", "[transport][retry]") {
    RetryPolicy p;
    p.base = Millis(1000);
    p.max_backoff = Millis(30'000);
    std::mt19937_64 rng(1);
    CHECK(next_delay(p, 0, seconds(7), rng) == Millis(7000));
    CHECK(next_delay(p, 3, seconds(30), rng) == Millis(30'000));
    CHECK_FALSE(next_delay(p, 0, seconds(31), rng));  // longer than we wait: give up now
    auto d = next_delay(p, 2, std::nullopt, rng);
    REQUIRE(d);
    CHECK(*d <= Millis(4000));
}

TEST_CASE("transfer failures: temporary, authentication or permanent", "[transport][retry]") {
    using adx::core::Exit;
    using adx::transport::detail::classify;
    CHECK(classify(CURLE_COULDNT_CONNECT, "") == Exit::temp_fail);
    CHECK(classify(CURLE_OPERATION_TIMEDOUT, "") == Exit::temp_fail);
    CHECK(classify(CURLE_GOT_NOTHING, "Empty reply from server") == Exit::temp_fail);
    CHECK(classify(CURLE_RECV_ERROR, "Connection reset by peer") == Exit::temp_fail);
    // the server refused our certificate: a TLS alert, in the handshake or on the first read
    CHECK(classify(CURLE_SSL_CONNECT_ERROR, "error:0A000418:SSL routines::tlsv1 alert unknown ca") == Exit::no_perm);
    CHECK(classify(CURLE_RECV_ERROR, "error:0A00045C:SSL routines::tlsv13 alert certificate required") ==
          Exit::no_perm);
    // we refused its certificate or host key; ssh refused our key
    CHECK(classify(CURLE_PEER_FAILED_VERIFICATION, "") == Exit::no_perm);
    CHECK(classify(CURLE_LOGIN_DENIED, "") == Exit::no_perm);
    CHECK(classify(CURLE_SSL_CERTPROBLEM, "") == Exit::config);
    CHECK(classify(CURLE_REMOTE_FILE_NOT_FOUND, "") == Exit::unavailable);
    CHECK(classify(CURLE_READ_ERROR, "") == Exit::io);
}

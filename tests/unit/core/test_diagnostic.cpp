// SPDX-License-Identifier: Apache-2.0
#include "core/diagnostic.hpp"

#include <catch2/catch.hpp>

using namespace adx::core;

TEST_CASE("a diagnostic has the one message shape", "[core][diagnostic]") {
    Error e{Exit::data, "check character should be 'G', found 'H'"};
    e.where = Location{"filings.csv", 17, 0, 16, "uscc"};
    e.rule = "uscc-check";
    CHECK(format_diagnostic("adx validate", Severity::error, e) ==
          "adx validate: error: filings.csv:17: record 16: field 'uscc': check character should be 'G', found 'H' "
          "[uscc-check]");
}

TEST_CASE("a diagnostic shows only the parts of the place that are known", "[core][diagnostic]") {
    Error e{Exit::config, "unknown key 'urll' in [profiles.city]"};
    e.where.file = "adx.toml";
    e.where.line = 3;
    e.where.column = 1;
    e.hint = "did you mean 'url'?";
    CHECK(format_diagnostic("adx", Severity::error, e) ==
          "adx: error: adx.toml:3:1: unknown key 'urll' in [profiles.city] (hint: did you mean 'url'?)");
    CHECK(format_diagnostic("adx id", Severity::warning, Error{Exit::data, "plain"}) == "adx id: warning: plain");
}

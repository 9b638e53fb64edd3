// SPDX-License-Identifier: Apache-2.0
// XML escaping: which characters each mode replaces, and with what.

#include "core/xml_escape.hpp"

#include <catch2/catch.hpp>

using adx::core::append_xml_escaped;
using adx::core::XmlEscape;

namespace {

std::string esc(std::string_view s, XmlEscape mode) {
    std::string out = "[";
    append_xml_escaped(out, s, mode);
    return out;
}

}  // namespace

TEST_CASE("xml escape: each mode replaces its characters and nothing else", "[core][xml]") {
    const std::string_view all = "a&b<c>d\"e'f\tg\nh\ri 中文";
    CHECK(esc(all, XmlEscape::text) == "[a&amp;b&lt;c&gt;d\"e'f\tg\nh\ri 中文");
    CHECK(esc(all, XmlEscape::attribute) == "[a&amp;b&lt;c&gt;d&quot;e'f&#9;g&#10;h&#13;i 中文");
    CHECK(esc(all, XmlEscape::c14n_text) == "[a&amp;b&lt;c&gt;d\"e'f\tg\nh&#xD;i 中文");
    CHECK(esc(all, XmlEscape::c14n_attribute) == "[a&amp;b&lt;c>d&quot;e'f&#x9;g&#xA;h&#xD;i 中文");
}

TEST_CASE("xml escape: empty input, escapes at both ends, appends", "[core][xml]") {
    CHECK(esc("", XmlEscape::text) == "[");
    CHECK(esc("&", XmlEscape::text) == "[&amp;");
    CHECK(esc("<<x>>", XmlEscape::c14n_text) == "[&lt;&lt;x&gt;&gt;");
    CHECK(esc("plain", XmlEscape::c14n_attribute) == "[plain");
}

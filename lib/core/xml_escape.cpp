// SPDX-License-Identifier: Apache-2.0
#include "core/xml_escape.hpp"

#include <array>
#include <cstdint>

namespace adx::core {

namespace {

using Table = std::array<std::string_view, 256>;  // empty: the byte stands as it is

constexpr Table make_table(XmlEscape mode) {
    Table t{};
    t['&'] = "&amp;";
    t['<'] = "&lt;";
    switch (mode) {
    case XmlEscape::text: t['>'] = "&gt;"; break;
    case XmlEscape::attribute:
        t['>'] = "&gt;";
        t['"'] = "&quot;";
        t['\t'] = "&#9;";
        t['\n'] = "&#10;";
        t['\r'] = "&#13;";
        break;
    case XmlEscape::c14n_text:
        t['>'] = "&gt;";
        t['\r'] = "&#xD;";
        break;
    case XmlEscape::c14n_attribute:
        t['"'] = "&quot;";
        t['\t'] = "&#x9;";
        t['\n'] = "&#xA;";
        t['\r'] = "&#xD;";
        break;
    }
    return t;
}

constexpr std::array<Table, 4> k_tables{make_table(XmlEscape::text), make_table(XmlEscape::attribute),
                                        make_table(XmlEscape::c14n_text), make_table(XmlEscape::c14n_attribute)};

}  // namespace

void append_xml_escaped(std::string& out, std::string_view s, XmlEscape mode) {
    const Table& t = k_tables[static_cast<std::size_t>(mode)];
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        std::string_view r = t[static_cast<std::uint8_t>(s[i])];
        if (r.empty()) continue;
        out.append(s.data() + run, i - run);
        out += r;
        run = i + 1;
    }
    out.append(s.data() + run, s.size() - run);
}

}  // namespace adx::core

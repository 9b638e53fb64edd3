// SPDX-License-Identifier: Apache-2.0
// The table of syntaxes, and open_reader(), which picks a reader from it.

#include "core/i18n.hpp"
#include "records/reader.hpp"
#include "records/readers.hpp"

#include <array>

namespace adx::records {

namespace {

constexpr std::array<SyntaxInfo, 5> k_syntaxes{{
    {Syntax::csv, "csv", ".csv", core::N_("comma-separated values (RFC 4180) with a header row")},
    {Syntax::tsv, "tsv", ".tsv .tab", core::N_("tab-separated values with a header row")},
    {Syntax::json, "json", ".json", core::N_("JSON: an array of flat objects")},
    {Syntax::jsonl, "jsonl", ".jsonl .ndjson", core::N_("JSON Lines: one flat object per line")},
    {Syntax::xml, "xml", ".xml", core::N_("XML: one element per record, one child element per field")},
}};

char lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equal_nocase(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

}  // namespace

std::span<const SyntaxInfo> syntaxes() noexcept {
    return k_syntaxes;
}

bool parse_syntax(std::string_view name, Syntax& out) noexcept {
    for (const auto& s : k_syntaxes) {
        if (equal_nocase(name, s.name)) {
            out = s.syntax;
            return true;
        }
    }
    return false;
}

bool syntax_from_path(std::string_view path, Syntax& out) noexcept {
    std::size_t dot = path.rfind('.');
    if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos) return false;
    std::string_view ext = path.substr(dot);
    for (const auto& s : k_syntaxes) {
        std::string_view list = s.extensions;
        while (!list.empty()) {
            std::size_t space = list.find(' ');
            if (equal_nocase(list.substr(0, space), ext)) {
                out = s.syntax;
                return true;
            }
            list = space == std::string_view::npos ? std::string_view() : list.substr(space + 1);
        }
    }
    return false;
}

core::Expected<std::unique_ptr<Reader>> open_reader(core::Input& input, Syntax syntax, core::Encoding encoding,
                                                    const XmlNames& xml, const Limits& limits) {
    switch (syntax) {
        case Syntax::csv:
            return detail::open_csv(input, 0, encoding, limits);
        case Syntax::tsv:
            return detail::open_csv(input, '\t', encoding, limits);
        case Syntax::json:
            return detail::open_json(input, false, encoding, limits);
        case Syntax::jsonl:
            return detail::open_json(input, true, encoding, limits);
        case Syntax::xml:
            return detail::open_xml(input, encoding, xml, limits);
    }
    return core::Error{core::Exit::software, core::tr("unknown record syntax")};
}

}  // namespace adx::records

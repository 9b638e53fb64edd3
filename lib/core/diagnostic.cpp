// SPDX-License-Identifier: Apache-2.0
#include "core/diagnostic.hpp"

#include "core/i18n.hpp"

namespace adx::core {

const char* severity_name(Severity s) noexcept {
    switch (s) {
    case Severity::debug: return N_("debug");
    case Severity::info: return N_("info");
    case Severity::warning: return N_("warning");
    case Severity::error: return N_("error");
    }
    return "error";
}

std::string format_location(const Location& where) {
    std::string out;
    if (!where.file.empty()) {
        out += where.file;
        if (where.line) {
            out += fmt::format(":{}", where.line);
            if (where.column) out += fmt::format(":{}", where.column);
        }
        out += ": ";
    }
    if (where.record) out += trf("record {record}: ", fmt::arg("record", where.record));
    if (!where.field.empty()) out += trf("field '{field}': ", fmt::arg("field", where.field));
    return out;
}

std::string format_diagnostic(std::string_view component, Severity severity, const Error& error) {
    std::string out{component};
    out += ": ";
    out += tr(severity_name(severity));
    out += ": ";
    out += format_location(error.where);
    out += error.message;
    if (!error.rule.empty()) {
        out += " [";
        out += error.rule;
        out += "]";
    }
    if (!error.hint.empty()) {
        out += " (";
        out += tr("hint");
        out += ": ";
        out += error.hint;
        out += ")";
    }
    return out;
}

}  // namespace adx::core

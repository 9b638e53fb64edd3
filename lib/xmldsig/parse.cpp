// SPDX-License-Identifier: Apache-2.0
#include "xmldsig/parse.hpp"

#include "core/i18n.hpp"

#include <algorithm>
#include <climits>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <optional>

namespace adx::xmldsig::detail {

namespace {

using core::tr;
using core::trf;

void silent(void*, const char*, ...) {}

struct ParseState {
    std::string_view name;
    std::optional<core::Error> error;
};

thread_local ParseState* t_state = nullptr;

void on_error(void*, xmlErrorPtr err) {
    if (!t_state || t_state->error || !err || err->level < XML_ERR_ERROR) return;
    std::string message = err->message ? err->message : "";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    t_state->error = error_at(t_state->name, static_cast<std::uint64_t>(std::max(err->line, 0)), "malformed-xml",
                              trf("malformed XML: {message}", fmt::arg("message", message)));
}

// Called when the parser has read "<!DOCTYPE name ids" and before the
// internal subset: stop right there.
void on_doctype(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
    auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
    if (t_state && !t_state->error) {
        std::uint64_t line = ctxt && ctxt->input ? static_cast<std::uint64_t>(std::max(ctxt->input->line, 0)) : 0;
        t_state->error = error_at(t_state->name, line, "doctype",
                                  tr("DOCTYPE is not allowed (adx reads no DTDs and no entity declarations)"));
    }
    xmlStopParser(ctxt);
}

struct CtxtFree {
    void operator()(xmlParserCtxt* c) const noexcept { xmlFreeParserCtxt(c); }
};

}  // namespace

core::Error error_at(std::string_view name, std::uint64_t line, std::string rule, std::string message) {
    core::Error e{core::Exit::data, std::move(message)};
    e.where.file = std::string(name);
    e.where.line = line;
    e.rule = std::move(rule);
    return e;
}

std::uint64_t line_of(const xmlNode* node) noexcept {
    if (!node) return 0;
    long line = xmlGetLineNo(node);
    return line > 0 ? static_cast<std::uint64_t>(line) : 0;
}

bool looks_utf16(std::string_view head) noexcept {
    if (head.size() < 2) return false;
    auto b0 = static_cast<unsigned char>(head[0]);
    auto b1 = static_cast<unsigned char>(head[1]);
    if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE)) return true;
    return (b0 == 0 && b1 == '<') || (b0 == '<' && b1 == 0);
}

core::Expected<Doc> parse(std::string_view name, std::string_view bytes, const ParseLimits& limits) {
    if (bytes.size() > limits.max_bytes || bytes.size() > static_cast<std::size_t>(INT_MAX))
        return error_at(name, 0, "too-large",
                        trf("the document is larger than the limit of {limit} bytes",
                            fmt::arg("limit", std::min<std::size_t>(limits.max_bytes, INT_MAX))));
    if (looks_utf16(bytes))
        return error_at(name, 1, "encoding", tr("the input is UTF-16 text; adx reads UTF-8 or GB18030"));
    xmlInitParser();
    xmlSetGenericErrorFunc(nullptr, silent);
    std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
    if (!ctxt || !ctxt->sax) return core::Error{core::Exit::software, tr("cannot start the XML parser")};
    ctxt->sax->serror = on_error;
    ctxt->sax->internalSubset = on_doctype;
    ParseState state{name, std::nullopt};
    ParseState* saved = t_state;
    t_state = &state;
    std::string url(name);
    xmlDocPtr raw = xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()), url.c_str(), nullptr,
                                      XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    t_state = saved;
    Doc doc(raw);
    if (state.error) return *state.error;
    if (!doc) {
        std::uint64_t line = ctxt->input ? static_cast<std::uint64_t>(std::max(ctxt->input->line, 0)) : 0;
        return error_at(name, line, "malformed-xml", tr("malformed XML"));
    }
    if (!xmlDocGetRootElement(doc.get()))
        return error_at(name, 1, "malformed-xml", tr("the document has no root element"));
    if (doc->version && sv(doc->version) != "1.0")
        return error_at(
            name, 1, "malformed-xml",
            trf("XML version {version} is not supported (adx reads XML 1.0)", fmt::arg("version", sv(doc->version))));
    if (doc->intSubset || doc->extSubset)  // cannot happen after on_doctype; a second guard
        return error_at(name, 1, "doctype",
                        tr("DOCTYPE is not allowed (adx reads no DTDs and no entity declarations)"));
    return doc;
}

}  // namespace adx::xmldsig::detail

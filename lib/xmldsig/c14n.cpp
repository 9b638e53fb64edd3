// SPDX-License-Identifier: Apache-2.0
#include "xmldsig/c14n.hpp"

#include "core/i18n.hpp"

#include <algorithm>
#include <array>
#include <libxml/c14n.h>
#include <libxml/globals.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <vector>

namespace adx::xmldsig::detail {

namespace {

struct AlgName {
    C14nAlg alg;
    std::string_view uri;
};

constexpr std::array<AlgName, 6> k_algs{{
    {C14nAlg::c14n10, "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"},
    {C14nAlg::c14n10_comments, "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments"},
    {C14nAlg::c14n11, "http://www.w3.org/2006/12/xml-c14n11"},
    {C14nAlg::c14n11_comments, "http://www.w3.org/2006/12/xml-c14n11#WithComments"},
    {C14nAlg::exc, "http://www.w3.org/2001/10/xml-exc-c14n#"},
    {C14nAlg::exc_comments, "http://www.w3.org/2001/10/xml-exc-c14n#WithComments"},
}};

int mode_of(C14nAlg alg) noexcept {
    switch (alg) {
        case C14nAlg::c14n10:
        case C14nAlg::c14n10_comments:
            return XML_C14N_1_0;
        case C14nAlg::c14n11:
        case C14nAlg::c14n11_comments:
            return XML_C14N_1_1;
        case C14nAlg::exc:
        case C14nAlg::exc_comments:
            return XML_C14N_EXCLUSIVE_1_0;
    }
    return XML_C14N_EXCLUSIVE_1_0;
}

// Is n (an element, attribute or other node; for a namespace node, its
// element) root or inside root?
bool within(const xmlNode* n, const xmlNode* root) noexcept {
    for (; n; n = n->parent) {
        if (n == root) return true;
    }
    return false;
}

const xmlNode* subject(xmlNodePtr node, xmlNodePtr parent) noexcept {
    return node->type == XML_NAMESPACE_DECL ? parent : node;
}

int visible_in_subtree(void* data, xmlNodePtr node, xmlNodePtr parent) {
    return within(subject(node, parent), static_cast<const xmlNode*>(data)) ? 1 : 0;
}

int visible_outside(void* data, xmlNodePtr node, xmlNodePtr parent) {
    return within(subject(node, parent), static_cast<const xmlNode*>(data)) ? 0 : 1;
}

struct SinkCtx {
    const Sink* sink;
};

int write_cb(void* ctx, const char* buf, int len) {
    if (len > 0) (*static_cast<SinkCtx*>(ctx)->sink)(std::string_view(buf, static_cast<std::size_t>(len)));
    return len;
}

int close_cb(void*) {
    return 0;
}

void silent(void*, const char*, ...) {}

struct ErrorCapture {
    std::string message;
    static void on_error(void* ctx, xmlErrorPtr err) {
        auto* self = static_cast<ErrorCapture*>(ctx);
        if (!self->message.empty() || !err || !err->message) return;
        self->message = err->message;
        while (!self->message.empty() && (self->message.back() == '\n' || self->message.back() == ' '))
            self->message.pop_back();
    }
};

}  // namespace

std::string_view c14n_uri(C14nAlg alg) noexcept {
    for (const auto& a : k_algs) {
        if (a.alg == alg) return a.uri;
    }
    return {};
}

std::optional<C14nAlg> c14n_from_uri(std::string_view uri) noexcept {
    for (const auto& a : k_algs) {
        if (a.uri == uri) return a.alg;
    }
    return std::nullopt;
}

bool c14n_with_comments(C14nAlg alg) noexcept {
    return alg == C14nAlg::c14n10_comments || alg == C14nAlg::c14n11_comments || alg == C14nAlg::exc_comments;
}

bool c14n_exclusive(C14nAlg alg) noexcept {
    return alg == C14nAlg::exc || alg == C14nAlg::exc_comments;
}

core::Expected<void> canonicalize(xmlDoc* doc, C14nAlg alg, const Selection& sel, const Sink& sink,
                                  std::span<const std::string> prefixes, std::optional<bool> comments) {
    SinkCtx sctx{&sink};
    xmlOutputBufferPtr buf = xmlOutputBufferCreateIO(write_cb, close_cb, &sctx, nullptr);
    if (!buf) return core::Error{core::Exit::software, core::tr("cannot start the XML canonicalizer")};

    std::vector<xmlChar*> prefix_list;
    if (c14n_exclusive(alg) && !prefixes.empty()) {
        for (const auto& p : prefixes)
            prefix_list.push_back(const_cast<xmlChar*>(reinterpret_cast<const xmlChar*>(p.c_str())));
        prefix_list.push_back(nullptr);
    }
    xmlChar** plist = prefix_list.empty() ? nullptr : prefix_list.data();
    int with_comments = comments.value_or(c14n_with_comments(alg)) ? 1 : 0;

    ErrorCapture capture;
    xmlStructuredErrorFunc old_func = xmlStructuredError;
    void* old_ctx = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(nullptr, silent);
    xmlSetStructuredErrorFunc(&capture, ErrorCapture::on_error);
    int rc = 0;
    if (sel.nodes) {
        rc = xmlC14NDocSaveTo(doc, sel.nodes, mode_of(alg), plist, with_comments, buf);
    } else {
        xmlC14NIsVisibleCallback cb = nullptr;
        void* data = nullptr;
        if (sel.subtree) {
            cb = visible_in_subtree;
            data = const_cast<xmlNode*>(sel.subtree);
        } else if (sel.exclude) {
            cb = visible_outside;
            data = const_cast<xmlNode*>(sel.exclude);
        }
        rc = xmlC14NExecute(doc, cb, data, mode_of(alg), plist, with_comments, buf);
    }
    int closed = xmlOutputBufferClose(buf);
    xmlSetStructuredErrorFunc(old_ctx, old_func);
    if (rc < 0 || closed < 0) {
        core::Error e{core::Exit::data, capture.message.empty()
                                            ? std::string(core::tr("the document cannot be canonicalized"))
                                            : core::trf("the document cannot be canonicalized: {message}",
                                                        fmt::arg("message", capture.message))};
        e.rule = "malformed-xml";
        return e;
    }
    return {};
}

core::Expected<std::string> canonical_string(xmlDoc* doc, C14nAlg alg, const Selection& sel,
                                             std::span<const std::string> prefixes, std::optional<bool> comments) {
    std::string out;
    auto ok = canonicalize(
        doc, alg, sel, [&out](std::string_view s) { out.append(s); }, prefixes, comments);
    if (!ok) return std::move(ok).error();
    return out;
}

}  // namespace adx::xmldsig::detail

// SPDX-License-Identifier: Apache-2.0
// Streaming canonicalization over libxml2's SAX2 interface (stream.hpp).
// It follows libxml2 2.9's c14n.c for a node-set that is the whole document
// minus comments and minus one subtree, where every element is either in
// the node-set with all its ancestors or excluded with all its descendants:
//   exclusive   a namespace is rendered where it is visibly utilized (the
//               element's prefix or default namespace, a prefixed
//               attribute) or listed in the PrefixList, and not already
//               rendered with the same URI by an output ancestor; xmlns=""
//               where the element is in no namespace and an output ancestor
//               rendered a default namespace;
//   inclusive   (1.0 and 1.1 agree on a whole document) a declaration is
//               rendered where its binding differs from the parent's.
// Attributes sort by namespace URI (none first), then local name;
// namespaces by prefix. Text escapes & < > CR; attribute values & < " TAB
// LF CR; processing instructions CR. A namespace URI libxml2 cannot parse,
// or a relative one, fails, as xmlC14NExecute does.
#include "xmldsig/stream.hpp"

#include "core/i18n.hpp"
#include "core/xml_escape.hpp"

#include <algorithm>
#include <climits>
#include <cstring>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>
#include <unordered_set>

namespace adx::xmldsig::detail {

namespace {

using core::tr;
using core::trf;

constexpr std::string_view k_xml_ns = "http://www.w3.org/XML/1998/namespace";
constexpr std::string_view k_ds_ns = "http://www.w3.org/2000/09/xmldsig#";
constexpr std::size_t k_flush = 1 << 16;

std::string_view svn(const xmlChar* s) noexcept {
    return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

bool blank(std::string_view s) noexcept {
    for (char c : s) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
    }
    return true;
}

struct Binding {
    std::string_view prefix;
    std::string_view uri;
};

struct Attr {
    std::string_view local;
    std::string_view prefix;
    std::string_view uri;
    std::string_view value;
};

// Comment-in-text tracking for one element's content (see profile.hpp).
struct Level {
    enum Kind : std::uint8_t { none, text, comment, other } last = none;
    bool run_blank = true;
    bool pending = false;  // the last comment followed text
    bool pending_blank = true;
    bool check = false;  // a text run follows such a comment
};

struct Frame {
    std::size_t decls_mark;
    std::size_t rendered_mark;
    bool visible;
    bool excluded_here;  // the excluded Signature starts here
};

struct State {
    xmlParserCtxtPtr ctxt = nullptr;
    std::string_view name;
    std::string_view document;
    const StreamOptions* opts = nullptr;
    const Sink* sink = nullptr;
    bool exclusive = true;
    std::string out;
    std::optional<core::Error> error;
    StreamFacts facts;
    enum Pos { before, inside, after } pos = before;
    std::vector<Binding> decls;
    std::vector<Binding> rendered;
    std::vector<Frame> frames;
    std::vector<Level> levels{Level{}};
    std::unordered_set<std::string> ids;
    std::vector<Binding> list;  // scratch
    std::vector<Attr> attrs;    // scratch

    void flush_if() {
        if (out.size() >= k_flush) {
            (*sink)(out);
            out.clear();
        }
    }

    void fail(core::Error e) {
        if (!error) error = std::move(e);
        xmlStopParser(ctxt);
    }

    std::uint64_t line() const noexcept {
        return ctxt && ctxt->input ? static_cast<std::uint64_t>(std::max(ctxt->input->line, 0)) : 0;
    }

    bool visible() const noexcept { return frames.empty() || frames.back().visible; }

    // --- comment-in-text ---
    void end_run(Level& lv) {
        if (lv.check && !(lv.pending_blank && lv.run_blank)) facts.comment_in_text = true;
        lv.check = false;
    }
    void on_text_event(std::string_view s) {
        Level& lv = levels.back();
        bool b = blank(s);
        if (lv.last == Level::text) {
            lv.run_blank = lv.run_blank && b;
            return;
        }
        if (lv.last == Level::comment && lv.pending) lv.check = true;
        lv.run_blank = b;
        lv.last = Level::text;
    }
    void on_comment_event() {
        Level& lv = levels.back();
        end_run(lv);
        lv.pending = lv.last == Level::text;
        lv.pending_blank = lv.run_blank;
        lv.last = Level::comment;
    }
    void on_other_event() {
        Level& lv = levels.back();
        end_run(lv);
        lv.pending = false;
        lv.last = Level::other;
    }

    // --- output ---
    void text_escaped(std::string_view s) { core::append_xml_escaped(out, s, core::XmlEscape::c14n_text); }
    void attr_escaped(std::string_view s) { core::append_xml_escaped(out, s, core::XmlEscape::c14n_attribute); }
    void cr_escaped(std::string_view s) {
        for (char c : s) {
            if (c == '\r')
                out += "&#xD;";
            else
                out += c;
        }
    }
    // As libxml2's xmlBufWriteQuotedString.
    void quoted(std::string_view s) {
        if (s.find('"') == std::string_view::npos) {
            out += '"';
            out += s;
            out += '"';
        } else if (s.find('\'') == std::string_view::npos) {
            out += '\'';
            out += s;
            out += '\'';
        } else {
            out += '"';
            for (char c : s) {
                if (c == '"')
                    out += "&quot;";
                else
                    out += c;
            }
            out += '"';
        }
    }
    void qname(std::string_view prefix, std::string_view local) {
        if (!prefix.empty()) {
            out += prefix;
            out += ':';
        }
        out += local;
    }

    const Binding* lookup(std::string_view prefix, std::size_t end) const noexcept {
        for (std::size_t i = end; i-- > 0;) {
            if (decls[i].prefix == prefix) return &decls[i];
        }
        return nullptr;
    }
    bool rendered_has(std::string_view prefix, std::string_view uri) const noexcept {
        for (std::size_t i = rendered.size(); i-- > 0;) {
            if (rendered[i].prefix == prefix) return rendered[i].uri == uri;
        }
        return prefix.empty() && uri.empty();
    }

    void exclusive_namespaces(std::string_view prefix, std::string_view uri) {
        bool has_empty_ns = false, in_list_empty = false, utilized_empty = false;
        auto consider = [&](std::string_view p, std::string_view u) {
            if (!rendered_has(p, u)) {
                list.push_back({p, u});
                rendered.push_back({p, u});
            }
            if (p.empty()) has_empty_ns = true;
        };
        for (const auto& p : opts->prefixes) {
            std::string_view pp = (p == "#default") ? std::string_view() : std::string_view(p);
            if (pp.empty()) in_list_empty = true;
            if (pp == "xml") continue;
            if (const Binding* b = lookup(pp, decls.size()); b && b->uri != k_xml_ns) consider(pp, b->uri);
        }
        if (!prefix.empty()) {
            if (uri != k_xml_ns) consider(prefix, uri);
        } else if (!uri.empty()) {
            consider({}, uri);
        } else {
            utilized_empty = true;
            if (lookup({}, decls.size())) consider({}, {});
        }
        for (const Attr& a : attrs) {
            if (!a.prefix.empty() && a.uri != k_xml_ns) consider(a.prefix, a.uri);
        }
        if (!has_empty_ns && (utilized_empty || in_list_empty) && !rendered_has({}, {})) out += " xmlns=\"\"";
    }

    void inclusive_namespaces(std::size_t own_from) {
        for (std::size_t i = own_from; i < decls.size(); ++i) {
            const Binding& d = decls[i];
            if (d.prefix == "xml" || d.uri == k_xml_ns) continue;
            const Binding* parent = lookup(d.prefix, own_from);
            bool already = parent ? parent->uri == d.uri : (d.prefix.empty() && d.uri.empty());
            if (!already) list.push_back(d);
        }
    }

    void start(const xmlChar* localname, const xmlChar* prefix, const xmlChar* URI, int nb_namespaces,
               const xmlChar** namespaces, int nb_attributes, const xmlChar** attributes) {
        if (error) return;
        std::string_view local = svn(localname), pre = svn(prefix), uri = svn(URI);
        on_other_event();
        std::size_t depth = frames.size();
        Frame f{decls.size(), rendered.size(), visible(), false};
        for (int i = 0; i < nb_namespaces; ++i) {
            std::string_view p = svn(namespaces[2 * i]), u = svn(namespaces[2 * i + 1]);
            decls.push_back({p, u});
            if (!u.empty()) {
                std::string href(u);
                xmlURIPtr parsed = xmlParseURI(href.c_str());
                bool relative = parsed && (!parsed->scheme || !*parsed->scheme);
                if (parsed) xmlFreeURI(parsed);
                if (!parsed || relative) {
                    core::Error e =
                        error_at(name, line(), "malformed-xml",
                                 trf("the document cannot be canonicalized: namespace URI {uri}", fmt::arg("uri", u)));
                    fail(std::move(e));
                    return;
                }
            }
        }
        attrs.clear();
        for (int i = 0; i < nb_attributes; ++i) {
            const xmlChar** a = attributes + 5 * i;
            Attr at{svn(a[0]), svn(a[1]), svn(a[2]),
                    std::string_view(reinterpret_cast<const char*>(a[3]), static_cast<std::size_t>(a[4] - a[3]))};
            attrs.push_back(at);
            bool id =
                at.uri.empty() ? (at.local == "Id" || at.local == "ID") : (at.local == "id" && at.uri == k_xml_ns);
            if (id && !ids.insert(std::string(at.value)).second) facts.duplicate_id = true;
        }
        if (depth == 0) {
            pos = inside;
            facts.root_name = pre.empty() ? std::string(local) : std::string(pre) + ":" + std::string(local);
            for (int i = 0; i < nb_namespaces; ++i)
                facts.root_namespaces.emplace_back(svn(namespaces[2 * i]), svn(namespaces[2 * i + 1]));
            for (const Attr& a : attrs)
                facts.root_attributes.emplace_back(
                    a.prefix.empty() ? std::string(a.local) : std::string(a.prefix) + ":" + std::string(a.local),
                    std::string(a.value));
        }
        bool is_ds = uri == k_ds_ns;
        if (is_ds && local == "Manifest") ++facts.manifests;
        if (is_ds && local == "Signature") {
            ++facts.signatures;
            if (depth == 1 && opts->exclude_signature && !facts.signature_span) {
                auto consumed = static_cast<std::size_t>(std::max(xmlByteConsumed(ctxt), 0L));
                std::size_t at = consumed > 0 && consumed <= document.size() ? document.rfind('<', consumed - 1)
                                                                             : std::string_view::npos;
                facts.signature_span = std::make_pair(at, std::size_t{0});
                f.visible = false;
                f.excluded_here = true;
            }
        }
        if (f.visible) {
            out += '<';
            qname(pre, local);
            list.clear();
            if (exclusive)
                exclusive_namespaces(pre, uri);
            else
                inclusive_namespaces(f.decls_mark);
            std::sort(list.begin(), list.end(), [](const Binding& a, const Binding& b) { return a.prefix < b.prefix; });
            for (const Binding& b : list) {
                out += " xmlns";
                if (!b.prefix.empty()) {
                    out += ':';
                    out += b.prefix;
                }
                out += '=';
                quoted(b.uri);
            }
            std::sort(attrs.begin(), attrs.end(), [](const Attr& a, const Attr& b) {
                if (a.uri.empty() != b.uri.empty()) return a.uri.empty();
                if (a.uri != b.uri) return a.uri < b.uri;
                return a.local < b.local;
            });
            for (const Attr& a : attrs) {
                out += ' ';
                qname(a.prefix, a.local);
                out += "=\"";
                attr_escaped(a.value);
                out += '"';
            }
            out += '>';
            flush_if();
        }
        frames.push_back(f);
        levels.push_back(Level{});
    }

    void end(const xmlChar* localname, const xmlChar* prefix) {
        if (error || frames.empty()) return;
        Frame f = frames.back();
        frames.pop_back();
        end_run(levels.back());
        levels.pop_back();
        if (f.visible) {
            out += "</";
            qname(svn(prefix), svn(localname));
            out += '>';
            flush_if();
        }
        if (f.excluded_here && facts.signature_span)
            facts.signature_span->second = static_cast<std::size_t>(std::max(xmlByteConsumed(ctxt), 0L));
        decls.resize(f.decls_mark);
        rendered.resize(f.rendered_mark);
        if (frames.empty()) pos = after;
    }

    void characters(std::string_view s) {
        if (error) return;
        on_text_event(s);
        if (visible() && pos == inside) {
            text_escaped(s);
            flush_if();
        }
    }

    void comment(std::string_view s) {
        if (error) return;
        on_comment_event();
        if (!opts->keep_comments || !visible()) return;
        if (pos == after) out += '\n';
        out += "<!--";
        cr_escaped(s);
        out += "-->";
        if (pos == before) out += '\n';
        flush_if();
    }

    void pi(std::string_view target, std::string_view data) {
        if (error) return;
        on_other_event();
        if (!visible()) return;
        if (pos == after) out += '\n';
        out += "<?";
        out += target;
        if (!data.empty()) {
            out += ' ';
            cr_escaped(data);
        }
        out += "?>";
        if (pos == before) out += '\n';
        flush_if();
    }
};

State* state_of(void* ctx) {
    return static_cast<State*>(ctx);
}

void on_start(void* ctx, const xmlChar* localname, const xmlChar* prefix, const xmlChar* URI, int nb_namespaces,
              const xmlChar** namespaces, int nb_attributes, int, const xmlChar** attributes) {
    state_of(ctx)->start(localname, prefix, URI, nb_namespaces, namespaces, nb_attributes, attributes);
}
void on_end(void* ctx, const xmlChar* localname, const xmlChar* prefix, const xmlChar*) {
    state_of(ctx)->end(localname, prefix);
}
void on_chars(void* ctx, const xmlChar* ch, int len) {
    state_of(ctx)->characters(std::string_view(reinterpret_cast<const char*>(ch), static_cast<std::size_t>(len)));
}
void on_comment(void* ctx, const xmlChar* value) {
    state_of(ctx)->comment(svn(value));
}
void on_pi(void* ctx, const xmlChar* target, const xmlChar* data) {
    state_of(ctx)->pi(svn(target), svn(data));
}
void on_doctype(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
    State* s = state_of(ctx);
    s->fail(error_at(s->name, s->line(), "doctype",
                     tr("DOCTYPE is not allowed (adx reads no DTDs and no entity declarations)")));
}
void on_error(void* ctx, xmlErrorPtr err) {
    State* s = state_of(ctx);
    if (s->error || !err || err->level < XML_ERR_ERROR) return;
    std::string message = err->message ? err->message : "";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    s->error = error_at(s->name, static_cast<std::uint64_t>(std::max(err->line, 0)), "malformed-xml",
                        trf("malformed XML: {message}", fmt::arg("message", message)));
}
void silent(void*, const char*, ...) {}

}  // namespace

core::Expected<StreamFacts> stream_c14n(std::string_view name, std::string_view document, const StreamOptions& opts,
                                        const Sink& sink) {
    if (document.size() > opts.limits.max_bytes || document.size() > static_cast<std::size_t>(INT_MAX))
        return error_at(name, 0, "too-large",
                        trf("the document is larger than the limit of {limit} bytes",
                            fmt::arg("limit", std::min<std::size_t>(opts.limits.max_bytes, INT_MAX))));
    if (looks_utf16(document))
        return error_at(name, 1, "encoding", tr("the input is UTF-16 text; adx reads UTF-8 or GB18030"));
    xmlInitParser();
    xmlSetGenericErrorFunc(nullptr, silent);
    State st;
    st.name = name;
    st.document = document;
    st.opts = &opts;
    st.sink = &sink;
    st.exclusive = c14n_exclusive(opts.alg);
    st.out.reserve(k_flush + 4096);

    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(document.data(), static_cast<int>(document.size()));
    if (!ctxt || !ctxt->sax) {
        if (ctxt) xmlFreeParserCtxt(ctxt);
        return core::Error{core::Exit::software, tr("cannot start the XML parser")};
    }
    st.ctxt = ctxt;
    xmlSAXHandler* sax = ctxt->sax;
    std::memset(sax, 0, sizeof(*sax));
    sax->initialized = XML_SAX2_MAGIC;
    sax->startElementNs = on_start;
    sax->endElementNs = on_end;
    sax->characters = on_chars;
    sax->ignorableWhitespace = on_chars;
    sax->cdataBlock = on_chars;
    sax->comment = on_comment;
    sax->processingInstruction = on_pi;
    sax->internalSubset = on_doctype;
    sax->serror = on_error;
    ctxt->userData = &st;
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOENT | XML_PARSE_BIG_LINES);
    xmlParseDocument(ctxt);
    bool well_formed = ctxt->wellFormed != 0;
    std::string_view enc = ctxt->encoding ? svn(ctxt->encoding) : std::string_view();
    st.facts.utf8 = enc.empty() || enc == "UTF-8" || enc == "utf-8" || enc == "UTF8" || enc == "utf8";
    std::string version(ctxt->version ? svn(ctxt->version) : std::string_view("1.0"));
    std::uint64_t line = st.line();
    xmlFreeParserCtxt(ctxt);
    if (st.error) return *st.error;
    if (!well_formed) return error_at(name, line, "malformed-xml", tr("malformed XML"));
    if (st.facts.root_name.empty()) return error_at(name, 1, "malformed-xml", tr("the document has no root element"));
    if (version != "1.0")
        return error_at(
            name, 1, "malformed-xml",
            trf("XML version {version} is not supported (adx reads XML 1.0)", fmt::arg("version", version)));
    if (!st.out.empty()) sink(st.out);
    return std::move(st.facts);
}

}  // namespace adx::xmldsig::detail

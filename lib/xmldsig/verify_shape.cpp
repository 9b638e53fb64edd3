// SPDX-License-Identifier: Apache-2.0
// The strict profile's shape: one Signature, child of the document element,
// SignedInfo/SignatureValue/KeyInfo, one Reference to "" with the enveloped
// transform and at most one c14n, X509 certificates only (xmldsig.hpp).
#include "core/i18n.hpp"
#include "xmldsig/parse.hpp"
#include "xmldsig/profile.hpp"
#include "xmldsig/xmldsig.hpp"

#include <algorithm>
#include <initializer_list>
#include <unordered_set>

namespace adx::xmldsig::detail {

namespace {

// The XPath filter "not(ancestor-or-self::P:Signature)", P bound to the
// XML-DSig namespace, that older signers write after enveloped-signature: with
// one Signature in the document it selects exactly what enveloped-signature
// does, so it adds nothing. Any other XPath is refused.
constexpr std::string_view k_xpath = "http://www.w3.org/TR/1999/REC-xpath-19991116";

bool enveloped_xpath(xmlNode* transform) {
    xmlNode* x = nullptr;
    for (xmlNode* c = transform->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            if (x || !is_ds(c, "XPath")) return false;
            x = c;
        } else if (c->type != XML_TEXT_NODE) {
            return false;
        }
    }
    if (!x) return false;
    xmlChar* text = xmlNodeGetContent(x);
    std::string expr = text ? reinterpret_cast<const char*>(text) : "";
    xmlFree(text);
    auto first = expr.find_first_not_of(" \t\r\n");
    auto last = expr.find_last_not_of(" \t\r\n");
    if (first == std::string::npos) return false;
    expr = expr.substr(first, last - first + 1);
    const std::string_view head = "not(ancestor-or-self::";
    const std::string_view tail = ":Signature)";
    if (!expr.starts_with(head) || !expr.ends_with(tail) || expr.size() <= head.size() + tail.size()) return false;
    std::string prefix = expr.substr(head.size(), expr.size() - head.size() - tail.size());
    xmlNs* ns = xmlSearchNs(x->doc, x, reinterpret_cast<const xmlChar*>(prefix.c_str()));
    return ns && ns->href && std::string_view(reinterpret_cast<const char*>(ns->href)) == k_ns_dsig;
}

using core::tr;
using core::trf;

constexpr const char* k_exc_ns = "http://www.w3.org/2001/10/xml-exc-c14n#";

bool is_blank(std::string_view s) noexcept {
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

bool is_text(const xmlNode* n) noexcept {
    return n && (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE);
}

std::string qname(const xmlNode* n) {
    std::string out;
    if (n->ns && n->ns->prefix) {
        out = sv(n->ns->prefix);
        out += ':';
    }
    out += sv(n->name);
    return out;
}

std::string attr_name(const xmlAttr* a) {
    std::string out;
    if (a->ns && a->ns->prefix) {
        out = sv(a->ns->prefix);
        out += ':';
    }
    out += sv(a->name);
    return out;
}

class Checker {
public:
    explicit Checker(std::string_view name) : m_name(name) {}

    core::Error fail(const xmlNode* at, const char* rule, std::string message) const {
        core::Error e = error_at(m_name, line_of(at), rule, std::move(message));
        if (is_shape_rule(rule))
            e.hint = tr("adx verifies only the enveloped signature shape that adx sign writes (see adx-verify(1))");
        return e;
    }

    // Element children of n, in order; any other non-blank node is an error.
    core::Expected<std::vector<xmlNode*>> children(xmlNode* n) const {
        std::vector<xmlNode*> out;
        for (xmlNode* c = n->children; c; c = c->next) {
            if (c->type == XML_ELEMENT_NODE) {
                out.push_back(c);
            } else if (c->type == XML_TEXT_NODE && is_blank(sv(c->content))) {
                continue;
            } else {
                return fail(c, "unexpected-element",
                            trf("<{element}> may hold only elements here (found text, a comment or a processing "
                                "instruction)",
                                fmt::arg("element", qname(n))));
            }
        }
        return out;
    }

    // Only the attributes named may stand on n.
    core::Expected<void> attributes(const xmlNode* n, std::initializer_list<std::string_view> allowed) const {
        for (const xmlAttr* a = n->properties; a; a = a->next) {
            bool ok = !a->ns && std::find(allowed.begin(), allowed.end(), sv(a->name)) != allowed.end();
            if (!ok)
                return fail(n, "unexpected-attribute",
                            trf("attribute {attribute} is not allowed on <{element}>",
                                fmt::arg("attribute", attr_name(a)), fmt::arg("element", qname(n))));
        }
        return {};
    }

    core::Expected<std::string> algorithm(const xmlNode* n) const {
        xmlChar* v = xmlGetNoNsProp(n, xc("Algorithm"));
        if (!v)
            return fail(n, "malformed-signature",
                        trf("<{element}> has no Algorithm attribute", fmt::arg("element", qname(n))));
        std::string out(sv(v));
        xmlFree(v);
        return out;
    }

    // The base64 text of a leaf element (no element children).
    core::Expected<crypto::Bytes> base64_of(xmlNode* n) const {
        auto kids = children_text_only(n);
        if (!kids) return std::move(kids).error();
        xmlChar* text = xmlNodeGetContent(n);
        std::string s(sv(text));
        xmlFree(text);
        auto bytes = crypto::from_base64(s);
        if (!bytes || bytes->empty())
            return fail(n, "malformed-signature",
                        trf("<{element}> does not hold base64 data", fmt::arg("element", qname(n))));
        return std::move(bytes).value();
    }

    core::Expected<void> children_text_only(const xmlNode* n) const {
        for (const xmlNode* c = n->children; c; c = c->next) {
            if (c->type != XML_TEXT_NODE)
                return fail(c, "unexpected-element",
                            trf("<{element}> may hold only text", fmt::arg("element", qname(n))));
        }
        return {};
    }

    // No element children, or (exclusive c14n) one ec:InclusiveNamespaces.
    core::Expected<std::vector<std::string>> c14n_params(xmlNode* n, C14nAlg alg, const char* rule) const {
        auto kids = children(n);
        if (!kids) return std::move(kids).error();
        std::vector<std::string> prefixes;
        if (kids->empty()) return prefixes;
        xmlNode* k = kids->front();
        bool inclusive_ns = kids->size() == 1 && c14n_exclusive(alg) && k->ns && sv(k->ns->href) == k_exc_ns &&
                            sv(k->name) == "InclusiveNamespaces";
        if (!inclusive_ns)
            return fail(k, rule,
                        trf("<{element}> is not allowed in <{parent}>", fmt::arg("element", qname(k)),
                            fmt::arg("parent", qname(n))));
        if (auto ok = attributes(k, {"PrefixList"}); !ok) return std::move(ok).error();
        if (auto ok = children_text_only(k); !ok) return std::move(ok).error();
        xmlChar* list = xmlGetNoNsProp(k, xc("PrefixList"));
        std::string s(sv(list));
        xmlFree(list);
        std::size_t i = 0;
        while (i < s.size()) {
            while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
            std::size_t j = i;
            while (j < s.size() && !(s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r')) ++j;
            if (j > i) prefixes.emplace_back(s.substr(i, j - i));
            i = j;
        }
        return prefixes;
    }

    core::Expected<xmlNode*> expect(const std::vector<xmlNode*>& kids, std::size_t i, const xmlNode* parent,
                                    std::string_view local, const char* rule) const {
        if (i < kids.size() && is_ds(kids[i], local)) return kids[i];
        if (i < kids.size())
            return fail(
                kids[i], rule,
                trf("<{found}> is not allowed here in <{parent}>; expected <ds:{expected}>",
                    fmt::arg("found", qname(kids[i])), fmt::arg("parent", qname(parent)), fmt::arg("expected", local)));
        return fail(
            parent, rule,
            trf("<{parent}> has no <ds:{expected}>", fmt::arg("parent", qname(parent)), fmt::arg("expected", local)));
    }

    std::string_view name() const noexcept { return m_name; }

private:
    std::string_view m_name;
};

core::Expected<void> take_signed_info(const Checker& ck, Parts& p, std::span<const crypto::SigAlg> allowed);
core::Expected<void> take_reference(const Checker& ck, Parts& p);
core::Expected<void> take_key_info(const Checker& ck, Parts& p);

}  // namespace

bool is_ds(const xmlNode* n, std::string_view local) noexcept {
    return n && n->type == XML_ELEMENT_NODE && n->ns && sv(n->ns->href) == k_ds && sv(n->name) == local;
}

core::Expected<Scan> scan_document(std::string_view name, xmlDoc* doc) {
    Checker ck(name);
    Scan scan;
    std::unordered_set<std::string> ids;
    xmlNode* n = xmlDocGetRootElement(doc);
    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            if (is_ds(n, "Signature")) scan.signatures.push_back(n);
            if (is_ds(n, "Manifest")) scan.manifests.push_back(n);
            for (const xmlAttr* a = n->properties; a; a = a->next) {
                std::string_view an = sv(a->name);
                bool id = a->ns ? (an == "id" && sv(a->ns->href) == "http://www.w3.org/XML/1998/namespace")
                                : (an == "Id" || an == "ID");
                if (!id) continue;
                xmlChar* v = xmlNodeGetContent(reinterpret_cast<const xmlNode*>(a));
                std::string value(sv(v));
                xmlFree(v);
                if (!ids.insert(value).second)
                    return ck.fail(n, "duplicate-id",
                                   trf("a second element with {attribute}=\"{value}\"",
                                       fmt::arg("attribute", attr_name(a)), fmt::arg("value", value)));
            }
        } else if (n->type == XML_COMMENT_NODE && is_text(n->prev) && is_text(n->next) &&
                   !(is_blank(sv(n->prev->content)) && is_blank(sv(n->next->content)))) {
            return ck.fail(n, "comment-in-text",
                           tr("a comment splits a text node; comments are not signed, so the text a reader sees "
                              "could differ from the text that was signed"));
        }
        // Depth-first, without recursion.
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n && !n->next) {
            n = n->parent;
            if (n && n->type != XML_ELEMENT_NODE) n = nullptr;
        }
        if (n) n = n->next;
    }
    return scan;
}

core::Expected<Parts> take_apart(std::string_view name, xmlDoc* doc, const Scan& scan,
                                 std::span<const crypto::SigAlg> allowed) {
    Checker ck(name);
    xmlNode* root = xmlDocGetRootElement(doc);
    if (scan.signatures.empty())
        return ck.fail(root, "no-signature", tr("the document has no ds:Signature element; it is not signed"));
    if (scan.signatures.size() > 1)
        return ck.fail(scan.signatures[1], "multiple-signatures",
                       trf("a second ds:Signature (the first is at line {line}); adx accepts exactly one",
                           fmt::arg("line", line_of(scan.signatures[0]))));
    if (!scan.manifests.empty()) return ck.fail(scan.manifests[0], "manifest", tr("ds:Manifest is not allowed"));
    Parts p;
    p.signature = scan.signatures[0];
    if (p.signature->parent != root)
        return ck.fail(p.signature, "signature-placement",
                       tr("the ds:Signature is not a child of the document element (an enveloped signature is)"));
    if (auto ok = ck.attributes(p.signature, {"Id"}); !ok) return std::move(ok).error();
    auto kids = ck.children(p.signature);
    if (!kids) return std::move(kids).error();
    for (xmlNode* k : *kids) {
        if (is_ds(k, "Object")) return ck.fail(k, "object", tr("ds:Object is not allowed"));
    }
    auto si = ck.expect(*kids, 0, p.signature, "SignedInfo", "malformed-signature");
    if (!si) return std::move(si).error();
    p.signed_info = *si;
    auto sv_node = ck.expect(*kids, 1, p.signature, "SignatureValue", "malformed-signature");
    if (!sv_node) return std::move(sv_node).error();
    p.signature_value_node = *sv_node;
    auto ki = ck.expect(*kids, 2, p.signature, "KeyInfo", "key-info");
    if (!ki) return std::move(ki).error();
    p.key_info = *ki;
    if (kids->size() > 3)
        return ck.fail((*kids)[3], "unexpected-element",
                       trf("<{element}> is not allowed in ds:Signature", fmt::arg("element", qname((*kids)[3]))));
    if (auto ok = ck.attributes(p.signature_value_node, {"Id"}); !ok) return std::move(ok).error();
    auto value = ck.base64_of(p.signature_value_node);
    if (!value) return std::move(value).error();
    p.signature_value = std::move(value).value();
    if (auto ok = take_signed_info(ck, p, allowed); !ok) return std::move(ok).error();
    if (auto ok = take_key_info(ck, p); !ok) return std::move(ok).error();
    return p;
}

namespace {

core::Expected<void> take_signed_info(const Checker& ck, Parts& p, std::span<const crypto::SigAlg> allowed) {
    if (auto ok = ck.attributes(p.signed_info, {"Id"}); !ok) return std::move(ok).error();
    auto kids = ck.children(p.signed_info);
    if (!kids) return std::move(kids).error();
    auto cm = ck.expect(*kids, 0, p.signed_info, "CanonicalizationMethod", "malformed-signature");
    if (!cm) return std::move(cm).error();
    if (auto ok = ck.attributes(*cm, {"Algorithm"}); !ok) return std::move(ok).error();
    auto cm_uri = ck.algorithm(*cm);
    if (!cm_uri) return std::move(cm_uri).error();
    auto c14n = c14n_from_uri(*cm_uri);
    if (!c14n)
        return ck.fail(*cm, "algorithm-not-allowed",
                       trf("canonicalization {uri} is not allowed (W3C c14n 1.0, 1.1 or exclusive only)",
                           fmt::arg("uri", *cm_uri)));
    p.c14n = *c14n;
    auto prefixes = ck.c14n_params(*cm, p.c14n, "unexpected-element");
    if (!prefixes) return std::move(prefixes).error();
    p.c14n_prefixes = std::move(prefixes).value();

    auto sm = ck.expect(*kids, 1, p.signed_info, "SignatureMethod", "malformed-signature");
    if (!sm) return std::move(sm).error();
    p.signature_method = *sm;
    if (auto ok = ck.attributes(*sm, {"Algorithm"}); !ok) return std::move(ok).error();
    for (xmlNode* c = (*sm)->children; c; c = c->next) {
        if (is_ds(c, "HMACOutputLength"))
            return ck.fail(c, "hmac-output-length", tr("HMACOutputLength is not allowed (adx verifies no HMACs)"));
    }
    auto sm_kids = ck.children(*sm);
    if (!sm_kids) return std::move(sm_kids).error();
    if (!sm_kids->empty())
        return ck.fail(
            sm_kids->front(), "unexpected-element",
            trf("<{element}> is not allowed in ds:SignatureMethod", fmt::arg("element", qname(sm_kids->front()))));
    auto sm_uri = ck.algorithm(*sm);
    if (!sm_uri) return std::move(sm_uri).error();
    auto alg = crypto::sig_alg_from_uri(*sm_uri);
    bool ok_alg = alg && (allowed.empty() || std::find(allowed.begin(), allowed.end(), *alg) != allowed.end());
    if (!ok_alg)
        return ck.fail(*sm, "algorithm-not-allowed",
                       trf("signature method {uri} is not allowed", fmt::arg("uri", *sm_uri)));
    p.alg = *alg;

    std::size_t refs = 0;
    for (std::size_t i = 2; i < kids->size(); ++i) {
        if (is_ds((*kids)[i], "Reference")) {
            ++refs;
            if (!p.reference) p.reference = (*kids)[i];
        } else {
            return ck.fail((*kids)[i], "unexpected-element",
                           trf("<{element}> is not allowed in ds:SignedInfo", fmt::arg("element", qname((*kids)[i]))));
        }
    }
    if (refs != 1)
        return ck.fail(
            refs ? p.reference : p.signed_info, "reference-count",
            trf("ds:SignedInfo has {count} ds:Reference elements; adx accepts exactly one", fmt::arg("count", refs)));
    return take_reference(ck, p);
}

core::Expected<void> take_reference(const Checker& ck, Parts& p) {
    xmlNode* ref = p.reference;
    xmlChar* uri = xmlGetNoNsProp(ref, xc("URI"));
    if (!uri || *uri != 0) {
        std::string u = uri ? std::string(sv(uri)) : std::string();
        bool had = uri != nullptr;
        xmlFree(uri);
        return ck.fail(ref, "reference-uri",
                       had ? trf("the reference names \"{uri}\"; adx accepts only URI=\"\" (the whole document)",
                                 fmt::arg("uri", u))
                           : std::string(tr("the reference has no URI; adx accepts only URI=\"\" (the whole "
                                            "document)")));
    }
    xmlFree(uri);
    if (auto ok = ck.attributes(ref, {"URI", "Id"}); !ok) return std::move(ok).error();
    auto kids = ck.children(ref);
    if (!kids) return std::move(kids).error();
    auto tr_node = ck.expect(*kids, 0, ref, "Transforms", "transforms");
    if (!tr_node) return std::move(tr_node).error();
    if (auto ok = ck.attributes(*tr_node, {}); !ok) return std::move(ok).error();
    auto transforms = ck.children(*tr_node);
    if (!transforms) return std::move(transforms).error();
    if (transforms->empty() || transforms->size() > 2)
        return ck.fail(*tr_node, "transforms",
                       tr("the transforms must be enveloped-signature, optionally followed by one canonicalization"));
    for (std::size_t i = 0; i < transforms->size(); ++i) {
        xmlNode* t = (*transforms)[i];
        if (!is_ds(t, "Transform"))
            return ck.fail(t, "transforms",
                           trf("<{element}> is not allowed in ds:Transforms", fmt::arg("element", qname(t))));
        if (auto ok = ck.attributes(t, {"Algorithm"}); !ok) return std::move(ok).error();
        auto a = ck.algorithm(t);
        if (!a) return std::move(a).error();
        if (i == 0) {
            if (*a != k_enveloped)
                return ck.fail(t, "transforms",
                               trf("the first transform is {uri}; adx expects the enveloped-signature transform",
                                   fmt::arg("uri", *a)));
            auto none = ck.children(t);
            if (!none) return std::move(none).error();
            if (!none->empty())
                return ck.fail(none->front(), "transforms",
                               tr("the enveloped-signature transform takes no parameters"));
            continue;
        }
        if (*a == k_xpath && enveloped_xpath(t)) continue;  // the same node-set as enveloped-signature
        auto c = c14n_from_uri(*a);
        if (!c)
            return ck.fail(t, "transforms",
                           trf("transform {uri} is not allowed (after enveloped-signature only a W3C "
                               "canonicalization may follow)",
                               fmt::arg("uri", *a)));
        p.ref_c14n = *c;
        auto prefixes = ck.c14n_params(t, *c, "transforms");
        if (!prefixes) return std::move(prefixes).error();
        p.ref_prefixes = std::move(prefixes).value();
    }
    auto dm = ck.expect(*kids, 1, ref, "DigestMethod", "malformed-signature");
    if (!dm) return std::move(dm).error();
    if (auto ok = ck.attributes(*dm, {"Algorithm"}); !ok) return std::move(ok).error();
    auto dm_kids = ck.children(*dm);
    if (!dm_kids) return std::move(dm_kids).error();
    if (!dm_kids->empty())
        return ck.fail(dm_kids->front(), "unexpected-element", tr("ds:DigestMethod takes no parameters"));
    auto dm_uri = ck.algorithm(*dm);
    if (!dm_uri) return std::move(dm_uri).error();
    auto digest = digest_from_uri(*dm_uri);
    if (!digest)
        return ck.fail(*dm, "algorithm-not-allowed",
                       trf("digest method {uri} is not allowed (SHA-256, SHA-384, SHA-512 or SM3 only)",
                           fmt::arg("uri", *dm_uri)));
    p.digest = *digest;
    auto dv = ck.expect(*kids, 2, ref, "DigestValue", "malformed-signature");
    if (!dv) return std::move(dv).error();
    if (auto ok = ck.attributes(*dv, {}); !ok) return std::move(ok).error();
    if (kids->size() > 3)
        return ck.fail((*kids)[3], "unexpected-element",
                       trf("<{element}> is not allowed in ds:Reference", fmt::arg("element", qname((*kids)[3]))));
    p.digest_value_node = *dv;
    auto value = ck.base64_of(*dv);
    if (!value) return std::move(value).error();
    if (value->size() != crypto::digest_size(p.digest))
        return ck.fail(
            *dv, "malformed-signature",
            trf("the digest value has {got} bytes; {alg} has {want}", fmt::arg("got", value->size()),
                fmt::arg("alg", crypto::digest_name(p.digest)), fmt::arg("want", crypto::digest_size(p.digest))));
    p.digest_value = std::move(value).value();
    return {};
}

core::Expected<void> take_key_info(const Checker& ck, Parts& p) {
    if (auto ok = ck.attributes(p.key_info, {"Id"}); !ok) return std::move(ok).error();
    auto kids = ck.children(p.key_info);
    if (!kids) return std::move(kids).error();
    if (kids->size() == 1 && is_ds(kids->front(), "KeyName")) {
        // A key known by name: only a certificate of the trust store can be it.
        p.direct_trust = true;
        return {};
    }
    if (kids->size() != 1 || !is_ds(kids->front(), "X509Data")) {
        const xmlNode* at = kids->empty() ? p.key_info : kids->front();
        for (xmlNode* k : *kids) {
            if (!is_ds(k, "X509Data")) {
                at = k;
                break;
            }
        }
        return ck.fail(at, "key-info",
                       at == p.key_info ? std::string(tr("ds:KeyInfo holds no certificate"))
                                        : trf("<{element}> in ds:KeyInfo: adx accepts exactly one ds:X509Data with "
                                              "the signer's certificates",
                                              fmt::arg("element", qname(at))));
    }
    xmlNode* data = kids->front();
    if (auto ok = ck.attributes(data, {}); !ok) return std::move(ok).error();
    auto certs = ck.children(data);
    if (!certs) return std::move(certs).error();
    if (certs->empty()) return ck.fail(data, "key-info", tr("ds:X509Data holds no certificate"));
    for (xmlNode* c : *certs) {
        if (!is_ds(c, "X509Certificate"))
            return ck.fail(
                c, "key-info",
                trf("<{element}> in ds:X509Data: adx accepts only ds:X509Certificate", fmt::arg("element", qname(c))));
        if (auto ok = ck.attributes(c, {}); !ok) return std::move(ok).error();
        auto der = ck.base64_of(c);
        if (!der) return std::move(der).error();
        auto cert = crypto::Certificate::from_der(*der);
        if (!cert)
            return ck.fail(c, "malformed-signature",
                           trf("ds:X509Certificate does not hold a certificate: {reason}",
                               fmt::arg("reason", cert.error().message)));
        p.certs.push_back(std::move(cert).value());
    }
    return {};
}

}  // namespace

}  // namespace adx::xmldsig::detail

// SPDX-License-Identifier: Apache-2.0
// verify without the document's tree, for signatures placed as adx sign and
// xmlsec1 place them (the last child of the document element):
//   1. guess the Signature's bytes from the end of the document, parse them
//      alone and read the reference's transform and digest method;
//   2. one streaming pass (stream.hpp) canonicalizes the document without
//      that Signature into the digest and gathers the whole-document facts;
//      it must confirm the guess (one Signature, that one, no Manifest, no
//      duplicate Id, no comment splitting text);
//   3. rebuild the Signature's context (the document element's start tag
//      with its namespaces and attributes, padded so that line numbers stay
//      those of the document) around the Signature's bytes, and run the
//      profile's checks and the signature on that small tree.
// Whatever does not fit (another placement, an encoding the bytes cannot be
// reused in, any refusal before the signature) returns nullopt, and verify
// takes the tree, which is also what words every refusal.
#include "core/xml_escape.hpp"
#include "crypto/digest.hpp"
#include "xmldsig/layout.hpp"
#include "xmldsig/parse.hpp"
#include "xmldsig/profile.hpp"
#include "xmldsig/stream.hpp"

#include <algorithm>

namespace adx::xmldsig::detail {

namespace {

struct RefParams {
    std::optional<C14nAlg> c14n;
    std::vector<std::string> prefixes;
    crypto::DigestAlg digest{};
};

xmlNode* first_ds(xmlNode* parent, std::string_view local) {
    for (xmlNode* c = parent ? parent->children : nullptr; c; c = c->next) {
        if (is_ds(c, local)) return c;
    }
    return nullptr;
}

std::optional<std::string> algorithm_of(const xmlNode* n) {
    xmlChar* v = xmlGetNoNsProp(n, xc("Algorithm"));
    if (!v) return std::nullopt;
    std::string out(sv(v));
    xmlFree(v);
    return out;
}

// The reference's transform and digest method, read from the Signature
// alone (take_apart checks them properly later).
std::optional<RefParams> peek(xmlDoc* sigdoc) {
    xmlNode* sig = xmlDocGetRootElement(sigdoc);
    if (!is_ds(sig, "Signature")) return std::nullopt;
    xmlNode* ref = first_ds(first_ds(sig, "SignedInfo"), "Reference");
    xmlNode* transforms = first_ds(ref, "Transforms");
    xmlNode* dm = first_ds(ref, "DigestMethod");
    if (!transforms || !dm) return std::nullopt;
    RefParams out;
    auto d = algorithm_of(dm);
    auto digest = d ? digest_from_uri(*d) : std::nullopt;
    if (!digest) return std::nullopt;
    out.digest = *digest;
    std::size_t i = 0;
    for (xmlNode* t = transforms->children; t; t = t->next) {
        if (t->type != XML_ELEMENT_NODE) continue;
        if (i++ == 0) continue;  // enveloped-signature (take_apart checks)
        auto a = algorithm_of(t);
        out.c14n = a ? c14n_from_uri(*a) : std::nullopt;
        if (!out.c14n) return std::nullopt;
        for (xmlNode* k = t->children; k; k = k->next) {
            if (k->type != XML_ELEMENT_NODE || sv(k->name) != "InclusiveNamespaces") continue;
            xmlChar* list = xmlGetNoNsProp(k, xc("PrefixList"));
            std::string s(sv(list));
            xmlFree(list);
            std::size_t p = 0;
            while (p < s.size()) {
                std::size_t q = s.find_first_of(" \t\r\n", p);
                if (q == std::string::npos) q = s.size();
                if (q > p) out.prefixes.push_back(s.substr(p, q - p));
                p = q + 1;
            }
        }
    }
    return out;
}

bool is_ascii(std::string_view s) noexcept {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

std::optional<core::Expected<crypto::SignerInfo>> verify_streaming(std::string_view name, std::string_view document,
                                                                   const VerifyOptions& opts) {
    if (document.size() > opts.max_bytes) return std::nullopt;
    auto guess = guess_signature(document);
    if (!guess) return std::nullopt;
    std::string_view sig_bytes = document.substr(guess->first, guess->second - guess->first);
    auto sigdoc = parse(name, sig_bytes);
    if (!sigdoc) return std::nullopt;
    auto params = peek(sigdoc->get());
    if (!params) return std::nullopt;

    StreamOptions so;
    so.alg = params->c14n.value_or(C14nAlg::c14n10);
    so.prefixes = params->prefixes;
    so.exclude_signature = true;
    so.limits.max_bytes = opts.max_bytes;
    crypto::Digest hash(params->digest);
    auto facts = stream_c14n(name, document, so, [&hash](std::string_view s) { hash.update(s); });
    if (!facts) return std::nullopt;
    if (facts->signatures != 1 || facts->manifests != 0 || facts->duplicate_id || facts->comment_in_text ||
        facts->signature_span != guess)
        return std::nullopt;
    if (!facts->utf8 && !is_ascii(sig_bytes)) return std::nullopt;
    crypto::Bytes digest = hash.finish();

    // The Signature in its context, on the lines it has in the document.
    auto lines = static_cast<std::size_t>(
        std::count(document.begin(), document.begin() + static_cast<std::ptrdiff_t>(guess->first), '\n'));
    std::string syn = "<" + facts->root_name;
    for (const auto& [prefix, uri] : facts->root_namespaces) {
        syn += prefix.empty() ? " xmlns=\"" : " xmlns:" + prefix + "=\"";
        core::append_xml_escaped(syn, uri, core::XmlEscape::attribute);
        syn += '"';
    }
    for (const auto& [qname, value] : facts->root_attributes) {
        syn += ' ' + qname + "=\"";
        core::append_xml_escaped(syn, value, core::XmlEscape::attribute);
        syn += '"';
    }
    syn.append(lines, '\n');
    syn += '>';
    syn += sig_bytes;
    syn += "</" + facts->root_name + ">";
    auto doc = parse(name, syn);
    if (!doc) return std::nullopt;
    auto scan = scan_document(name, doc->get());
    if (!scan) return std::nullopt;
    auto parts = take_apart(name, doc->get(), *scan, opts.allowed);
    if (!parts) return std::nullopt;
    if (parts->ref_c14n != params->c14n || parts->ref_prefixes != params->prefixes || parts->digest != params->digest)
        return std::nullopt;
    return conclude(name, doc->get(), *parts, opts, [&]() -> core::Expected<crypto::Bytes> { return digest; });
}

}  // namespace adx::xmldsig::detail

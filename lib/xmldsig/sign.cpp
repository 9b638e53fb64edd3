// SPDX-License-Identifier: Apache-2.0
// adx sign for XML: the input bytes with one ds:Signature inserted before the
// end tag of the document element (xmldsig.hpp shows the shape). The digest
// streams from libxml2's canonicalizer into the hash; the original bytes are
// written as they came, so the document is not re-serialised.
#include "core/i18n.hpp"
#include "crypto/digest.hpp"
#include "xmldsig/c14n.hpp"
#include "xmldsig/layout.hpp"
#include "xmldsig/parse.hpp"
#include "xmldsig/profile.hpp"
#include "xmldsig/stream.hpp"
#include "xmldsig/xmldsig.hpp"

#include <fmt/format.h>

namespace adx::xmldsig {

namespace {

using core::tr;
using core::trf;
using detail::C14nAlg;

std::string wrap64(const std::string& b64) {
    std::string out;
    for (std::size_t i = 0; i < b64.size(); i += 64) {
        out += '\n';
        out.append(b64, i, 64);
    }
    out += '\n';
    return out;
}

std::string signed_info_xml(const crypto::SigAlgInfo& alg, crypto::DigestAlg digest, const std::string& digest_b64) {
    return fmt::format(
        "<ds:SignedInfo>\n"
        "<ds:CanonicalizationMethod Algorithm=\"{c14n}\"/>\n"
        "<ds:SignatureMethod Algorithm=\"{sig}\"/>\n"
        "<ds:Reference URI=\"\">\n"
        "<ds:Transforms>\n"
        "<ds:Transform Algorithm=\"{env}\"/>\n"
        "<ds:Transform Algorithm=\"{c14n}\"/>\n"
        "</ds:Transforms>\n"
        "<ds:DigestMethod Algorithm=\"{dig}\"/>\n"
        "<ds:DigestValue>{value}</ds:DigestValue>\n"
        "</ds:Reference>\n"
        "</ds:SignedInfo>",
        fmt::arg("c14n", k_exc_c14n), fmt::arg("sig", alg.xmldsig_uri), fmt::arg("env", k_enveloped),
        fmt::arg("dig", digest_uri(digest)), fmt::arg("value", digest_b64));
}

core::Error usage(std::string message) {
    core::Error e{core::Exit::usage, std::move(message)};
    e.rule = "key-mismatch";
    return e;
}

// Checks the request (Exit::usage) before any work on the document.
core::Expected<void> check_request(const SignRequest& req) {
    if (req.chain.empty()) return usage(tr("signing XML needs the signer's certificate"));
    if (!(req.chain.front().public_key() == req.key.public_key()))
        return usage(trf("the certificate ({subject}) is not the signing key's",
                         fmt::arg("subject", req.chain.front().subject())));
    auto signer = crypto::Signer::start(req.key, req.alg, req.opts);
    if (!signer) return std::move(signer).error();
    return {};
}

// The Signature element, given the reference digest.
core::Expected<std::string> make_signature(const crypto::Bytes& digest_value, const SignRequest& req) {
    const crypto::SigAlgInfo& alg = crypto::info(req.alg);
    crypto::DigestAlg digest = req.digest.value_or(alg.digest);
    auto signer = crypto::Signer::start(req.key, req.alg, req.opts);
    if (!signer) return std::move(signer).error();
    std::string signed_info = signed_info_xml(alg, digest, crypto::base64(digest_value));
    std::string open = fmt::format("<ds:Signature xmlns:ds=\"{}\">\n", k_ns_dsig);

    // The canonical SignedInfo: exclusive c14n depends on the SignedInfo
    // subtree alone (no inherited namespaces or xml: attributes), so it is
    // the same here as in the signed document.
    auto sigdoc = detail::parse("signature", open + signed_info + "</ds:Signature>");
    if (!sigdoc) return core::Error{core::Exit::software, sigdoc.error().message};
    xmlNode* si = xmlFirstElementChild(xmlDocGetRootElement(sigdoc->get()));
    detail::Selection sel;
    sel.subtree = si;
    auto canonical = detail::canonical_string(sigdoc->get(), C14nAlg::exc, sel);
    if (!canonical) return std::move(canonical).error();
    signer->update(*canonical);
    auto value = signer->finish(crypto::SigEncoding::raw);
    if (!value) return std::move(value).error();

    std::string out = open;
    out += signed_info;
    out += "\n<ds:SignatureValue>";
    out += crypto::base64(*value);
    out += "</ds:SignatureValue>\n<ds:KeyInfo>\n<ds:X509Data>\n";
    for (const auto& cert : req.chain) {
        out += "<ds:X509Certificate>";
        out += wrap64(crypto::base64(cert.der()));
        out += "</ds:X509Certificate>\n";
    }
    out += "</ds:X509Data>\n</ds:KeyInfo>\n</ds:Signature>";
    return out;
}

// The reference digest on the tree; also what reports a refusal.
core::Expected<crypto::Bytes> digest_on_tree(std::string_view name, std::string_view document, const SignRequest& req) {
    detail::ParseLimits limits;
    limits.max_bytes = req.max_bytes;
    auto doc = detail::parse(name, document, limits);
    if (!doc) return std::move(doc).error();
    auto scan = detail::scan_document(name, doc->get());
    if (!scan) return std::move(scan).error();
    if (!scan->signatures.empty())
        return detail::error_at(name, detail::line_of(scan->signatures.front()), "already-signed",
                                tr("the document already holds a ds:Signature; adx signs unsigned documents only"));
    crypto::Digest hash(req.digest.value_or(crypto::info(req.alg).digest));
    auto ok = detail::canonicalize(
        doc->get(), C14nAlg::exc, detail::Selection{}, [&hash](std::string_view s) { hash.update(s); }, {}, false);
    if (!ok) {
        core::Error e = std::move(ok).error();
        e.where.file = std::string(name);
        return e;
    }
    return hash.finish();
}

// The same in one streaming pass (stream.hpp); nullopt when the document
// needs the tree to say what is wrong with it.
std::optional<crypto::Bytes> digest_streaming(std::string_view name, std::string_view document,
                                              const SignRequest& req) {
    detail::StreamOptions so;
    so.alg = C14nAlg::exc;
    so.exclude_signature = false;
    so.limits.max_bytes = req.max_bytes;
    crypto::Digest hash(req.digest.value_or(crypto::info(req.alg).digest));
    auto facts = detail::stream_c14n(name, document, so, [&hash](std::string_view s) { hash.update(s); });
    if (!facts || facts->signatures || facts->duplicate_id || facts->comment_in_text) return std::nullopt;
    return hash.finish();
}

template <class Write>
core::Expected<void> sign_to(std::string_view name, std::string_view document, const SignRequest& req, Write&& write,
                             detail::Path path) {
    if (auto ok = check_request(req); !ok) return std::move(ok).error();
    std::optional<crypto::Bytes> digest;
    if (path != detail::Path::tree) digest = digest_streaming(name, document, req);
    if (!digest) {
        auto on_tree = digest_on_tree(name, document, req);
        if (!on_tree) return std::move(on_tree).error();
        digest = std::move(on_tree).value();
    }
    auto ins = detail::find_insertion(document);
    if (!ins)
        return core::Error{core::Exit::software, tr("cannot find the end of the document element to insert the "
                                                    "signature")};
    auto sig = make_signature(*digest, req);
    if (!sig) return std::move(sig).error();
    write(document.substr(0, ins->at));
    write(ins->before);
    write(*sig);
    write(ins->after);
    write(document.substr(ins->resume));
    return {};
}

}  // namespace

core::Expected<void> sign(std::string_view name, std::string_view document, const SignRequest& req, core::Output& out) {
    return sign_to(
        name, document, req,
        [&out](std::string_view s) {
            constexpr std::size_t k_chunk = std::size_t{1} << 20;
            for (std::size_t i = 0; i < s.size(); i += k_chunk) out.write(s.substr(i, k_chunk));
        },
        detail::Path::any);
}

core::Expected<std::string> sign(std::string_view name, std::string_view document, const SignRequest& req) {
    return detail::sign_with(name, document, req, detail::Path::any);
}

namespace detail {

core::Expected<std::string> sign_with(std::string_view name, std::string_view document, const SignRequest& req,
                                      Path path) {
    std::string out;
    out.reserve(document.size() + 4096);
    auto ok = sign_to(
        name, document, req, [&out](std::string_view s) { out.append(s); }, path);
    if (!ok) return std::move(ok).error();
    return out;
}

}  // namespace detail

}  // namespace adx::xmldsig

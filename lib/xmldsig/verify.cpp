// SPDX-License-Identifier: Apache-2.0
// adx verify for XML: strict shape first (verify_shape.cpp), then the
// signature over the canonical SignedInfo with the KeyInfo certificate whose
// key verifies it, then the reference digest over the document without the
// Signature, then the chain against the trust store.
#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "crypto/digest.hpp"
#include "xmldsig/c14n.hpp"
#include "xmldsig/parse.hpp"
#include "xmldsig/profile.hpp"
#include "xmldsig/xmldsig.hpp"

#include <ctime>
#include <functional>

namespace adx::xmldsig {

namespace {

using core::tr;
using core::trf;

core::Error located(core::Error e, std::string_view name, const xmlNode* at) {
    if (e.where.file.empty()) e.where.file = std::string(name);
    if (e.where.line == 0) e.where.line = detail::line_of(at);
    if (e.code != core::Exit::data) e.code = core::Exit::data;
    return e;
}

// A trust-store certificate that signed itself (KeyName): trusted as it is,
// but still only within its validity and its key usage.
core::Expected<std::vector<crypto::Certificate>> direct(const crypto::Certificate& cert, std::time_t at) {
    auto fail = [&](const char* rule, std::string message) {
        core::Error e{core::Exit::data, std::move(message)};
        e.rule = rule;
        return e;
    };
    auto when = [](std::time_t t) { return core::format_utc(core::SysTime(std::chrono::seconds(t))); };
    if (at < cert.not_before())
        return fail("not-yet-valid", trf("the certificate '{subject}' is not valid before {time}",
                                         fmt::arg("subject", cert.subject()), fmt::arg("time", when(cert.not_before()))));
    if (at > cert.not_after())
        return fail("expired", trf("the certificate '{subject}' expired at {time}", fmt::arg("subject", cert.subject()),
                                   fmt::arg("time", when(cert.not_after()))));
    if (!cert.allows_digital_signature())
        return fail("key-usage", trf("the certificate '{subject}' may not make signatures (no digitalSignature)",
                                     fmt::arg("subject", cert.subject())));
    return std::vector<crypto::Certificate>{cert};
}

}  // namespace

namespace detail {

// After the shape: the signature over the canonical SignedInfo, with the
// certificate whose key makes it hold; the reference digest; the chain.
core::Expected<crypto::SignerInfo> conclude(std::string_view name, xmlDoc* doc, Parts& p, const VerifyOptions& opts,
                                            const std::function<core::Expected<crypto::Bytes>()>& reference_digest) {
    const crypto::SigAlgInfo& alg = crypto::info(p.alg);
    detail::Selection si;
    si.subtree = p.signed_info;
    auto canonical = detail::canonical_string(doc, p.c14n, si, p.c14n_prefixes);
    if (!canonical) return located(std::move(canonical).error(), name, p.signed_info);
    // A key named in ds:KeyName: the candidates are the trust store's own
    // certificates (trusted as they are, so no chain is built for them).
    if (p.direct_trust) p.certs = opts.trust.anchors();
    std::optional<std::size_t> leaf;
    bool key_fits = false;
    for (std::size_t i = 0; i < p.certs.size() && !leaf; ++i) {
        crypto::PublicKey key = p.certs[i].public_key();
        if (key.alg() != alg.key) continue;
        key_fits = true;
        auto verifier = crypto::Verifier::start(key, p.alg, opts.opts);
        if (!verifier) return located(std::move(verifier).error(), name, p.signature_method);
        verifier->update(*canonical);
        auto holds = verifier->finish(p.signature_value, crypto::SigEncoding::raw);
        if (!holds) return located(std::move(holds).error(), name, p.signature_value_node);
        if (*holds) leaf = i;
    }
    if (p.direct_trust && !leaf)
        return detail::error_at(name, detail::line_of(p.key_info), "unknown-signer",
                                trf("ds:KeyInfo names a key, and no {alg} certificate of the trust store makes the "
                                    "signature hold",
                                    fmt::arg("alg", alg.name)));
    if (!key_fits)
        return detail::error_at(
            name, detail::line_of(p.signature_method), "algorithm-not-allowed",
            trf("signature method {alg} does not fit the certificate's key ({key})", fmt::arg("alg", alg.name),
                fmt::arg("key", crypto::key_alg_name(p.certs.front().public_key().alg()))));
    if (!leaf)
        return detail::error_at(name, detail::line_of(p.signature_value_node), "signature-invalid",
                                tr("the signature value does not verify with the certificate in ds:KeyInfo"));

    auto digest = reference_digest();
    if (!digest) return located(std::move(digest).error(), name, p.reference);
    if (*digest != p.digest_value)
        return detail::error_at(name, detail::line_of(p.digest_value_node), "digest-mismatch",
                                tr("the document was changed after signing (the digest of its content does not "
                                   "match the signed digest)"));

    // The chain, at the time asked (XML signatures here carry no signing time).
    std::vector<crypto::Certificate> untrusted;
    for (std::size_t i = 0; i < p.certs.size(); ++i) {
        if (i != *leaf) untrusted.push_back(p.certs[i]);
    }
    std::time_t at = opts.at.value_or(std::time(nullptr));
    auto chain = p.direct_trust ? direct(p.certs[*leaf], at) : opts.trust.verify(p.certs[*leaf], untrusted, at);
    if (!chain) return located(std::move(chain).error(), name, p.key_info);

    crypto::SignerInfo info;
    info.cert = p.certs[*leaf];
    info.chain = std::move(chain).value();
    info.subject = info.cert.subject();
    info.credit_code = info.cert.credit_code();
    info.alg = p.alg;
    info.signed_at = 0;
    return info;
}

}  // namespace detail

namespace {

// The whole check on the tree: the reference point, and what reports refusals.
core::Expected<crypto::SignerInfo> verify_tree(std::string_view name, std::string_view document,
                                               const VerifyOptions& opts) {
    detail::ParseLimits limits;
    limits.max_bytes = opts.max_bytes;
    auto doc = detail::parse(name, document, limits);
    if (!doc) return std::move(doc).error();
    auto scan = detail::scan_document(name, doc->get());
    if (!scan) return std::move(scan).error();
    auto parts = detail::take_apart(name, doc->get(), *scan, opts.allowed);
    if (!parts) return std::move(parts).error();
    detail::Parts& p = *parts;
    // The reference: the document without the Signature, comments dropped
    // (URI=""), canonicalized as the transform says (c14n 1.0 by default).
    return detail::conclude(name, doc->get(), p, opts, [&]() -> core::Expected<crypto::Bytes> {
        crypto::Digest hash(p.digest);
        detail::Selection env;
        env.exclude = p.signature;
        auto ok = detail::canonicalize(
            doc->get(), p.ref_c14n.value_or(detail::C14nAlg::c14n10), env,
            [&hash](std::string_view s) { hash.update(s); }, p.ref_prefixes, false);
        if (!ok) return std::move(ok).error();
        return hash.finish();
    });
}

}  // namespace

core::Expected<crypto::SignerInfo> verify(std::string_view name, std::string_view document, const VerifyOptions& opts) {
    return detail::verify_with(name, document, opts, detail::Path::any);
}

namespace detail {

core::Expected<crypto::SignerInfo> verify_with(std::string_view name, std::string_view document,
                                               const VerifyOptions& opts, Path path, Path* taken) {
    if (path != Path::tree) {
        auto fast = verify_streaming(name, document, opts);
        // A digest mismatch is confirmed on the tree.
        if (fast && (*fast || fast->error().rule != "digest-mismatch")) {
            if (taken) *taken = Path::stream;
            return std::move(*fast);
        }
    }
    if (taken) *taken = Path::tree;
    return verify_tree(name, document, opts);
}

}  // namespace detail

}  // namespace adx::xmldsig

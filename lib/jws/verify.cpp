// SPDX-License-Identifier: Apache-2.0
// Verification in adx's strict profile: the shape first (three parts, the
// header's members and types), then the algorithm against the allow-list,
// the profile's "b64"/"crit", the certificates, the chain at the signing
// time, and only then the payload's bytes.
#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "jws/header.hpp"
#include "jws/jws.hpp"

#include <algorithm>
#include <functional>

namespace adx::jws {

using core::Error;
using core::Expected;
using core::tr;
using core::trf;

namespace {

using Read = std::function<Expected<std::size_t>(char*, std::size_t)>;
constexpr std::size_t k_block = 1 << 20;

Error malformed(std::string message) {
    return jws_error("malformed-signature", std::move(message));
}

// Everything verified but the signature over the payload.
struct Checked {
    crypto::SigAlg alg{};
    crypto::Bytes signature;
    crypto::SignerInfo signer;
    std::string typ;
};

Expected<crypto::SigAlg> check_alg(const Header& h, const VerifyOptions& o) {
    auto not_allowed = [&](std::string why) { return jws_error("algorithm-not-allowed", std::move(why)); };
    auto alg = crypto::sig_alg_from_jws(h.alg);
    if (h.alg == "none") return not_allowed(tr("the JWS algorithm \"none\" (an unsigned JWS) is not allowed"));
    if (h.alg.starts_with("HS")) {
        return not_allowed(
            trf("the JWS algorithm \"{alg}\" is not allowed: an HMAC proves nothing about a "
                "certificate's holder",
                fmt::arg("alg", h.alg)));
    }
    bool allowed = alg && (o.allowed.empty() || std::find(o.allowed.begin(), o.allowed.end(), *alg) != o.allowed.end());
    if (!allowed) return not_allowed(trf("the JWS algorithm \"{alg}\" is not allowed", fmt::arg("alg", h.alg)));
    return *alg;
}

Expected<void> check_profile(const Header& h, const CompactParts& parts, bool detached) {
    if (detached) {
        if (!parts.payload.empty())
            return malformed(
                tr("the JWS carries its payload; adx's detached profile signs the file's bytes and "
                   "leaves the payload part empty"));
        if (h.b64 != false)
            return malformed(tr("the detached JWS does not declare an unencoded payload (\"b64\": false)"));
        if (!h.crit || std::find(h.crit->begin(), h.crit->end(), "b64") == h.crit->end())
            return malformed(tr("the JWS header does not list \"b64\" in \"crit\""));
        for (const auto& c : *h.crit) {
            if (c != "b64" && c != "sigT")
                return malformed(
                    trf("the critical header parameter \"{member}\" is not understood", fmt::arg("member", c)));
        }
    } else {
        if (h.b64) return malformed(tr("an attached JWS in adx's profile has no \"b64\" member"));
        if (h.crit) return malformed(tr("an attached JWS in adx's profile has no \"crit\" member"));
    }
    if (!h.sig_t) return malformed(tr("the JWS header has no signing time (\"sigT\")"));
    if (h.x5c.empty()) return malformed(tr("the JWS header has no certificate chain (\"x5c\")"));
    return {};
}

Expected<Checked> check(const CompactParts& parts, bool detached, const VerifyOptions& o) {
    auto header_json = decode_b64url_strict(parts.header, "header");
    if (!header_json) return std::move(header_json).error();
    auto h = parse_header(crypto::as_view(*header_json));
    if (!h) return std::move(h).error();
    auto alg = check_alg(*h, o);
    if (!alg) return std::move(alg).error();
    if (auto ok = check_profile(*h, parts, detached); !ok) return std::move(ok).error();

    std::vector<crypto::Certificate> certs;
    for (std::size_t i = 0; i < h->x5c.size(); ++i) {
        auto c = crypto::Certificate::from_der(h->x5c[i]);
        if (!c)
            return malformed(trf("certificate {n} of \"x5c\" cannot be read: {reason}", fmt::arg("n", i + 1),
                                 fmt::arg("reason", c.error().message)));
        certs.push_back(std::move(*c));
    }
    const crypto::Certificate& leaf = certs.front();
    if (h->x5t_s256 && *h->x5t_s256 != crypto::Digest::of(crypto::DigestAlg::sha256, crypto::as_view(h->x5c[0])))
        return malformed(tr("\"x5t#S256\" is not the thumbprint of the first \"x5c\" certificate"));
    const crypto::SigAlgInfo& info = crypto::info(*alg);
    crypto::PublicKey key = leaf.public_key();
    if (key.alg() != info.key) {
        return jws_error("algorithm-not-allowed",
                         trf("the JWS algorithm \"{alg}\" does not fit the signer's {key} key", fmt::arg("alg", h->alg),
                             fmt::arg("key", crypto::key_alg_name(key.alg()))));
    }
    if (key.alg() == crypto::KeyAlg::rsa && key.bits() < 2048) {
        return jws_error("algorithm-not-allowed", trf("the signer's RSA key has {bits} bits; at least 2048 are needed",
                                                      fmt::arg("bits", key.bits())));
    }

    auto sig = decode_b64url_strict(parts.signature, "signature");
    if (!sig) return std::move(sig).error();
    if (sig->empty() || sig->size() > k_max_signature_size)
        return malformed(trf("a JWS signature of {size} bytes cannot be right", fmt::arg("size", sig->size())));

    auto now = core::now();
    if (!now) return std::move(now).error();
    const std::time_t now_t = static_cast<std::time_t>(now->time_since_epoch().count());
    if (*h->sig_t > now_t + k_max_clock_skew) {
        return malformed(
            trf("the claimed signing time {time} is in the future", fmt::arg("time", format_sig_t(*h->sig_t))));
    }

    std::span<const crypto::Certificate> untrusted(certs);
    auto chain = o.trust.verify(leaf, untrusted.subspan(1), o.at.value_or(*h->sig_t));
    if (!chain) return std::move(chain).error();

    Checked out;
    out.alg = *alg;
    out.signature = std::move(*sig);
    out.signer.cert = leaf;
    out.signer.chain = std::move(*chain);
    out.signer.subject = leaf.subject();
    out.signer.credit_code = leaf.credit_code();
    out.signer.alg = *alg;
    out.signer.signed_at = *h->sig_t;
    out.typ = h->typ;
    return out;
}

Error tampered() {
    return jws_error("tampered", tr("the signature does not hold over these bytes: the content or the signature "
                                    "was changed after signing"));
}

// Data errors are about the signature; others (reading the payload) keep their own place.
Error located(Error e, const VerifyOptions& o) {
    if (e.code == core::Exit::data && e.where.file.empty() && !o.name.empty()) {
        e.where.file = o.name;
        e.where.line = 1;
    }
    return e;
}

Expected<crypto::SignerInfo> verify_stream(std::string_view jws_text, const Read& read, const VerifyOptions& o) {
    auto parts = split_compact(jws_text);
    if (!parts) return std::move(parts).error();
    auto c = check(*parts, true, o);
    if (!c) return std::move(c).error();
    auto verifier = crypto::Verifier::start(c->signer.cert.public_key(), c->alg, o.opts);
    if (!verifier) return std::move(verifier).error();
    verifier->update(parts->header);
    verifier->update(".");
    std::vector<char> buf(k_block);
    for (;;) {
        auto n = read(buf.data(), buf.size());
        if (!n) return std::move(n).error();
        if (*n == 0) break;
        verifier->update(buf.data(), *n);
    }
    auto ok = verifier->finish(c->signature, crypto::SigEncoding::raw);
    if (!ok) return std::move(ok).error();
    if (!*ok) return tampered();
    return std::move(c->signer);
}

}  // namespace

Expected<crypto::SignerInfo> verify_detached(std::string_view jws_text, core::Input& payload, const VerifyOptions& o) {
    auto r = verify_stream(
        jws_text, [&](char* p, std::size_t n) { return payload.read(p, n); }, o);
    if (!r) return located(std::move(r).error(), o);
    return r;
}

Expected<crypto::SignerInfo> verify_detached(std::string_view jws_text, std::string_view payload,
                                             const VerifyOptions& o) {
    auto r = verify_stream(
        jws_text,
        [&](char* p, std::size_t n) -> Expected<std::size_t> {
            std::size_t k = std::min(n, payload.size());
            std::copy_n(payload.data(), k, p);
            payload.remove_prefix(k);
            return k;
        },
        o);
    if (!r) return located(std::move(r).error(), o);
    return r;
}

Expected<CompactResult> verify_compact(std::string_view jws_text, const VerifyOptions& o) {
    auto run = [&]() -> Expected<CompactResult> {
        auto parts = split_compact(jws_text);
        if (!parts) return std::move(parts).error();
        auto c = check(*parts, false, o);
        if (!c) return std::move(c).error();
        auto payload = decode_b64url_strict(parts->payload, "payload");
        if (!payload) return std::move(payload).error();
        auto verifier = crypto::Verifier::start(c->signer.cert.public_key(), c->alg, o.opts);
        if (!verifier) return std::move(verifier).error();
        verifier->update(parts->header);
        verifier->update(".");
        verifier->update(parts->payload);
        auto ok = verifier->finish(c->signature, crypto::SigEncoding::raw);
        if (!ok) return std::move(ok).error();
        if (!*ok) return tampered();
        CompactResult r;
        r.payload = std::string(crypto::as_view(*payload));
        r.typ = std::move(c->typ);
        r.signer = std::move(c->signer);
        return r;
    };
    auto r = run();
    if (!r) return located(std::move(r).error(), o);
    return r;
}

}  // namespace adx::jws

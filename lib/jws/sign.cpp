// SPDX-License-Identifier: Apache-2.0
#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "jws/header.hpp"
#include "jws/jws.hpp"

#include <functional>

namespace adx::jws {

using core::Error;
using core::Exit;
using core::Expected;
using core::tr;

namespace {

using Read = std::function<Expected<std::size_t>(char*, std::size_t)>;
constexpr std::size_t k_block = 1 << 20;

struct Prepared {
    crypto::SigAlg alg;
    std::string header_b64;
};

Expected<Prepared> prepare(const SignRequest& req, bool detached) {
    if (req.chain.empty()) return Error{Exit::usage, tr("signing needs the signer's certificate")};
    const crypto::Certificate& leaf = req.chain.front();
    if (!(leaf.public_key() == req.key.public_key()))
        return Error{Exit::usage, tr("the private key does not belong to the signer's certificate")};
    crypto::SigAlg alg = req.alg.value_or(crypto::default_sig_alg(req.key.alg()));
    std::time_t at = 0;
    if (req.signed_at) {
        at = *req.signed_at;
    } else {
        auto now = core::now();
        if (!now) return std::move(now).error();
        at = static_cast<std::time_t>(now->time_since_epoch().count());
    }
    Header h;
    h.alg = std::string(crypto::info(alg).jws);
    if (detached) {
        h.b64 = false;
        h.crit = std::vector<std::string>{"b64"};
    }
    h.typ = req.typ;
    h.sig_t = at;
    const crypto::Bytes leaf_der = leaf.der();
    h.x5t_s256 = crypto::Digest::of(crypto::DigestAlg::sha256, crypto::as_view(leaf_der));
    for (const auto& c : req.chain) h.x5c.push_back(c.der());
    return Prepared{alg, crypto::base64url(write_header(h))};
}

Expected<std::string> sign_stream(const Read& read, const SignRequest& req) {
    auto prep = prepare(req, true);
    if (!prep) return std::move(prep).error();
    auto signer = crypto::Signer::start(req.key, prep->alg, req.opts);
    if (!signer) return std::move(signer).error();
    signer->update(prep->header_b64);
    signer->update(".");
    std::vector<char> buf(k_block);
    for (;;) {
        auto n = read(buf.data(), buf.size());
        if (!n) return std::move(n).error();
        if (*n == 0) break;
        signer->update(buf.data(), *n);
    }
    auto sig = signer->finish(crypto::SigEncoding::raw);
    if (!sig) return std::move(sig).error();
    return prep->header_b64 + ".." + crypto::base64url(*sig) + "\n";
}

}  // namespace

Expected<std::string> sign_detached(core::Input& payload, const SignRequest& req) {
    return sign_stream([&](char* p, std::size_t n) { return payload.read(p, n); }, req);
}

Expected<std::string> sign_detached(std::string_view payload, const SignRequest& req) {
    return sign_stream(
        [&](char* p, std::size_t n) -> Expected<std::size_t> {
            std::size_t k = std::min(n, payload.size());
            std::copy_n(payload.data(), k, p);
            payload.remove_prefix(k);
            return k;
        },
        req);
}

Expected<std::string> sign_compact(std::string_view payload, const SignRequest& req) {
    if (payload.size() > k_max_compact_payload) {
        return Error{Exit::usage,
                     core::trf("a compact JWS payload is at most {max} bytes", fmt::arg("max", k_max_compact_payload))};
    }
    auto prep = prepare(req, false);
    if (!prep) return std::move(prep).error();
    auto signer = crypto::Signer::start(req.key, prep->alg, req.opts);
    if (!signer) return std::move(signer).error();
    std::string input = prep->header_b64 + "." + crypto::base64url(payload);
    signer->update(input);
    auto sig = signer->finish(crypto::SigEncoding::raw);
    if (!sig) return std::move(sig).error();
    return input + "." + crypto::base64url(*sig);
}

}  // namespace adx::jws

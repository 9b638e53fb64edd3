// SPDX-License-Identifier: Apache-2.0
// Strict verification of enveloped XML signatures (parse, shape, c14n,
// signature, digest, chain) on arbitrary bytes, against a fixed trust store
// (the test PKI's P-256 root) at a fixed time. Every input must end in a
// SignerInfo or an Exit::data error with a rule id, without crashing,
// leaking, hanging or printing; the streaming path and the tree path must
// agree, and so must the streaming canonicalizer and libxml2's (exclusive
// and inclusive, minus the enveloped Signature). The seeds are signed documents.

#include "crypto/cert.hpp"
#include "crypto/trust.hpp"
#include "xmldsig/c14n.hpp"
#include "xmldsig/parse.hpp"
#include "xmldsig/profile.hpp"
#include "xmldsig/stream.hpp"
#include "xmldsig/xmldsig.hpp"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace adx::xmldsig::detail;

namespace {

const adx::crypto::TrustStore& trust() {
    static const adx::crypto::TrustStore store = [] {
        std::ifstream in(ADX_SOURCE_DIR "/tests/data/pki/p256/root.pem", std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        auto certs = adx::crypto::Certificate::from_pem(s.str());
        if (!certs) std::abort();
        return adx::crypto::TrustStore::from_certs(*certs);
    }();
    return store;
}

void same_c14n(std::string_view doc, C14nAlg alg) {
    StreamOptions so;
    so.alg = alg;
    std::string streamed;
    auto facts = stream_c14n("fuzz.xml", doc, so, [&](std::string_view s) { streamed.append(s); });
    auto tree = parse("fuzz.xml", doc);
    if (!tree) {
        if (facts) std::abort();
        return;
    }
    Selection sel;
    for (xmlNode* c = xmlDocGetRootElement(tree->get())->children; c; c = c->next) {
        if (is_ds(c, "Signature")) {
            sel.exclude = c;
            break;
        }
    }
    auto expected = canonical_string(tree->get(), alg, sel, {}, false);
    if (facts.has_value() != expected.has_value()) std::abort();
    if (expected && *expected != streamed) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view doc(reinterpret_cast<const char*>(data), size);
    adx::xmldsig::VerifyOptions opts{trust(), std::time_t{1795795200}};  // 2026-11-27T16:00:00Z
    auto fast = verify_with("fuzz.xml", doc, opts, Path::any);
    if (!fast && (fast.error().code != adx::core::Exit::data || fast.error().rule.empty())) std::abort();
    auto slow = verify_with("fuzz.xml", doc, opts, Path::tree);
    if (fast.has_value() != slow.has_value()) std::abort();
    if (!fast && fast.error().rule != slow.error().rule) std::abort();
    same_c14n(doc, C14nAlg::exc);
    same_c14n(doc, C14nAlg::c14n10);
    (void)adx::xmldsig::looks_like_xml(doc);
    return 0;
}

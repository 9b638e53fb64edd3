// SPDX-License-Identifier: Apache-2.0
#include "crypto/sign.hpp"

#include "core/i18n.hpp"
#include "crypto/ossl.hpp"

#include <openssl/ec.h>
#include <openssl/rsa.h>

namespace adx::crypto {

using core::Error;
using core::Exit;
using core::Expected;
using core::trf;

namespace {

Error malformed(std::string reason) {
    Error e{Exit::data, std::move(reason)};
    e.rule = "malformed-signature";
    return e;
}

Error key_mismatch(KeyAlg key, SigAlg alg) {
    Error e{Exit::usage, trf("a {key} key cannot make or check {alg} signatures", fmt::arg("key", key_alg_name(key)),
                             fmt::arg("alg", info(alg).name))};
    e.rule = "algorithm-not-allowed";
    return e;
}

// One digest-sign or digest-verify context. For SM2 the user ID goes into a
// PKEY context set on the MD context before init, as OpenSSL's SM2(7) shows;
// OpenSSL 3.0 would otherwise use an empty ID (STANDARDS.md §6.7).
struct Context {
    ossl::Ptr<EVP_MD_CTX> md{EVP_MD_CTX_new()};
    ossl::Ptr<EVP_PKEY_CTX> sm2;  // owned here: EVP_MD_CTX_set_pkey_ctx does not take it
    SigAlg alg{};
    std::size_t rsa_size = 0;

    ~Context() { md.reset(); }  // the MD context goes before the PKEY context it uses

    Expected<void> init(EVP_PKEY* pkey, KeyAlg key, SigAlg a, const SigOptions& opts, bool sign) {
        alg = a;
        const SigAlgInfo& i = info(a);
        if (key != i.key) return key_mismatch(key, a);
        EVP_PKEY_CTX* pctx = nullptr;
        if (a == SigAlg::sm2_sm3) {
            sm2.reset(EVP_PKEY_CTX_new(pkey, nullptr));
            if (!sm2 || EVP_PKEY_CTX_set1_id(sm2.get(), opts.sm2_id.data(), static_cast<int>(opts.sm2_id.size())) <= 0) {
                return Error{Exit::software, trf("cannot set the SM2 user ID: {reason}", fmt::arg("reason", ossl::last_error()))};
            }
            EVP_MD_CTX_set_pkey_ctx(md.get(), sm2.get());
        }
        const EVP_MD* mdalg = ossl::evp_md(i.digest);
        int ok = sign ? EVP_DigestSignInit(md.get(), &pctx, mdalg, nullptr, pkey)
                      : EVP_DigestVerifyInit(md.get(), &pctx, mdalg, nullptr, pkey);
        if (ok == 1 && a == SigAlg::ps256) {
            ok = EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
                 EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1 &&
                 EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, mdalg) == 1;
        }
        if (ok != 1) {
            return Error{Exit::software, trf("cannot start a {alg} signature: {reason}", fmt::arg("alg", i.name),
                                             fmt::arg("reason", ossl::last_error()))};
        }
        if (i.key == KeyAlg::rsa) rsa_size = static_cast<std::size_t>(EVP_PKEY_get_size(pkey));
        return {};
    }
};

bool is_ec(SigAlg alg) { return info(alg).raw_size != 0; }

}  // namespace

// ---- EC signature encodings -------------------------------------------------

Expected<Bytes> ec_der_to_raw(const Bytes& der, std::size_t n) {
    const unsigned char* p = der.data();
    ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
    if (!sig) return malformed(core::tr("the signature is not a DER SEQUENCE of two INTEGERs"));
    std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> owned(sig, ECDSA_SIG_free);
    if (p != der.data() + der.size()) return malformed(core::tr("the signature has bytes after its DER encoding"));
    // Strict DER: re-encoding must give the same bytes (no BER leniency).
    unsigned char* again = nullptr;
    int len = i2d_ECDSA_SIG(sig, &again);
    bool same = len == static_cast<int>(der.size()) && std::equal(der.begin(), der.end(), again);
    OPENSSL_free(again);
    if (!same) return malformed(core::tr("the signature's DER encoding is not canonical"));
    const BIGNUM* r = nullptr;
    const BIGNUM* s = nullptr;
    ECDSA_SIG_get0(sig, &r, &s);
    if (BN_is_negative(r) || BN_is_negative(s) || static_cast<std::size_t>(BN_num_bytes(r)) > n ||
        static_cast<std::size_t>(BN_num_bytes(s)) > n) {
        return malformed(core::tr("the signature's r or s is out of range"));
    }
    Bytes raw(2 * n);
    BN_bn2binpad(r, raw.data(), static_cast<int>(n));
    BN_bn2binpad(s, raw.data() + n, static_cast<int>(n));
    return raw;
}

Expected<Bytes> ec_raw_to_der(const Bytes& raw) {
    if (raw.empty() || raw.size() % 2) return malformed(core::tr("a raw r‖s signature must have an even length"));
    std::size_t n = raw.size() / 2;
    BIGNUM* r = BN_bin2bn(raw.data(), static_cast<int>(n), nullptr);
    BIGNUM* s = BN_bin2bn(raw.data() + n, static_cast<int>(n), nullptr);
    ECDSA_SIG* sig = ECDSA_SIG_new();
    if (!r || !s || !sig || ECDSA_SIG_set0(sig, r, s) != 1) {
        BN_free(r);
        BN_free(s);
        ECDSA_SIG_free(sig);
        return Error{Exit::software, core::tr("out of memory")};
    }
    unsigned char* der = nullptr;
    int len = i2d_ECDSA_SIG(sig, &der);
    ECDSA_SIG_free(sig);
    if (len <= 0) return Error{Exit::software, core::tr("cannot encode the signature")};
    Bytes out(der, der + len);
    OPENSSL_free(der);
    return out;
}

// ---- Signer -----------------------------------------------------------------

struct Signer::Impl : Context {};

Signer::Signer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Signer::Signer(Signer&&) noexcept = default;
Signer& Signer::operator=(Signer&&) noexcept = default;
Signer::~Signer() = default;

Expected<Signer> Signer::start(const PrivateKey& key, SigAlg alg, const SigOptions& opts) {
    auto impl = std::make_unique<Impl>();
    if (auto ok = impl->init(key.get(), key.alg(), alg, opts, true); !ok) return std::move(ok).error();
    return Signer(std::move(impl));
}

void Signer::update(const void* data, std::size_t n) { EVP_DigestSignUpdate(m_impl->md.get(), data, n); }

Expected<Bytes> Signer::finish(SigEncoding enc) {
    std::size_t len = 0;
    if (EVP_DigestSignFinal(m_impl->md.get(), nullptr, &len) != 1) {
        return Error{Exit::software, trf("signing failed: {reason}", fmt::arg("reason", ossl::last_error()))};
    }
    Bytes sig(len);
    if (EVP_DigestSignFinal(m_impl->md.get(), sig.data(), &len) != 1) {
        return Error{Exit::software, trf("signing failed: {reason}", fmt::arg("reason", ossl::last_error()))};
    }
    sig.resize(len);
    if (is_ec(m_impl->alg) && enc == SigEncoding::raw) return ec_der_to_raw(sig, info(m_impl->alg).raw_size);
    return sig;
}

// ---- Verifier ---------------------------------------------------------------

struct Verifier::Impl : Context {};

Verifier::Verifier(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Verifier::Verifier(Verifier&&) noexcept = default;
Verifier& Verifier::operator=(Verifier&&) noexcept = default;
Verifier::~Verifier() = default;

Expected<Verifier> Verifier::start(const PublicKey& key, SigAlg alg, const SigOptions& opts) {
    auto impl = std::make_unique<Impl>();
    if (auto ok = impl->init(key.get(), key.alg(), alg, opts, false); !ok) return std::move(ok).error();
    return Verifier(std::move(impl));
}

void Verifier::update(const void* data, std::size_t n) { EVP_DigestVerifyUpdate(m_impl->md.get(), data, n); }

Expected<bool> Verifier::finish(const Bytes& signature, SigEncoding enc) {
    const SigAlgInfo& i = info(m_impl->alg);
    Bytes der;
    const Bytes* sig = &signature;
    if (is_ec(m_impl->alg)) {
        if (enc == SigEncoding::raw) {
            if (signature.size() != 2 * i.raw_size) {
                return malformed(trf("a {alg} signature has {expected} bytes, this one {actual}",
                                     fmt::arg("alg", i.name), fmt::arg("expected", 2 * i.raw_size),
                                     fmt::arg("actual", signature.size())));
            }
            auto d = ec_raw_to_der(signature);
            if (!d) return std::move(d).error();
            der = std::move(*d);
            sig = &der;
        } else if (auto raw = ec_der_to_raw(signature, i.raw_size); !raw) {
            return std::move(raw).error();
        }
    } else if (signature.size() != m_impl->rsa_size) {
        return malformed(trf("a {alg} signature with this key has {expected} bytes, this one {actual}",
                             fmt::arg("alg", i.name), fmt::arg("expected", m_impl->rsa_size),
                             fmt::arg("actual", signature.size())));
    }
    int ok = EVP_DigestVerifyFinal(m_impl->md.get(), sig->data(), sig->size());
    ossl::last_error();  // a failed check leaves reasons in the queue; they are not errors here
    return ok == 1;
}

}  // namespace adx::crypto

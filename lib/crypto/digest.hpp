// SPDX-License-Identifier: Apache-2.0
#pragma once
// Message digests, streaming: SHA-256/384/512 and SM3 (GB/T 32905).

#include "crypto/bytes.hpp"

#include <memory>
#include <optional>
#include <string_view>

namespace adx::crypto {

enum class DigestAlg { sha256, sha384, sha512, sm3 };

// "SHA-256", "SHA-384", "SHA-512", "SM3".
std::string_view digest_name(DigestAlg alg) noexcept;
// Accepts the names above, case-insensitive, with or without the hyphen.
std::optional<DigestAlg> digest_from_name(std::string_view name) noexcept;
std::size_t digest_size(DigestAlg alg) noexcept;

class Digest {
public:
    explicit Digest(DigestAlg alg);
    Digest(Digest&&) noexcept;
    Digest& operator=(Digest&&) noexcept;
    ~Digest();

    void update(const void* data, std::size_t n);
    void update(std::string_view s) { update(s.data(), s.size()); }
    // The digest; the object is then reset for reuse.
    Bytes finish();

    static Bytes of(DigestAlg alg, std::string_view data);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    DigestAlg m_alg;
};

}  // namespace adx::crypto

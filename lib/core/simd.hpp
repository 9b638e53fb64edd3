// SPDX-License-Identifier: Apache-2.0
#pragma once
// The vector instructions of this CPU, for the few inner loops that choose
// theirs at run time (UTF-8 validation, the CSV scanners): a binary built for
// any x86-64 still uses AVX2 or AVX-512 where the CPU has them.

#include <algorithm>
#include <cstdint>

namespace adx::core {

// Ordered: each level has the ones below it. avx512 is AVX-512 F and BW.
enum class Simd : std::uint8_t { none, sse2, avx2, avx512 };

// The widest level of this CPU (and of its operating system, which must
// save the wider registers); none off x86-64.
Simd simd_level() noexcept;

// want, or the widest level below it that this CPU has (for tests that run
// every path the CPU can).
inline Simd simd_at_most(Simd want) noexcept {
    return std::min(want, simd_level());
}

}  // namespace adx::core

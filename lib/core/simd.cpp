// SPDX-License-Identifier: Apache-2.0
#include "core/simd.hpp"

namespace adx::core {

Simd simd_level() noexcept {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    // __builtin_cpu_supports also asks the operating system (XGETBV) whether
    // it saves the AVX and AVX-512 registers.
    static const Simd level = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") ? Simd::avx512
                              : __builtin_cpu_supports("avx2")                                        ? Simd::avx2
                                                                                                      : Simd::sse2;
    return level;
#else
    return Simd::none;
#endif
}

}  // namespace adx::core

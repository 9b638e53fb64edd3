// SPDX-License-Identifier: Apache-2.0
#pragma once
// A regular file mapped read-only, for a reader that takes its bytes without
// a copy (the CSV cutter: the kernel's copy was the largest single cost of
// reading). The pages behind the reader are given back (drop_before()), so
// that resident memory stays flat whatever the file's size.
//
// A file that shrinks while it is mapped (or whose pages cannot be read)
// would kill the process with SIGBUS where such a page is touched: a handler
// then says which file and exits with Exit::io (74). A file that grows is
// read to the size it had when it was mapped.

#include "core/input.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace adx::core {

class Mapping {
public:
    // The file behind input, from `behind` bytes before its read position
    // (bytes a reader has read but not used) to its end, when it is a
    // regular file with at least min_size bytes there; nullopt otherwise (a
    // pipe, a terminal, a small file, or mmap refused): read it instead.
    static std::optional<Mapping> of(const Input& input, std::size_t behind, std::uint64_t min_size);
    Mapping(Mapping&& other) noexcept;
    Mapping& operator=(Mapping&& other) noexcept;
    Mapping(const Mapping&) = delete;
    Mapping& operator=(const Mapping&) = delete;
    ~Mapping();

    // The mapped bytes: data()[0] is the first byte not yet used.
    const char* data() const noexcept { return m_base + m_skip; }
    std::size_t size() const noexcept { return m_size - m_skip; }
    // Reads [begin, end) of data() into memory ahead of use: one call, not a
    // page fault every 64 KiB. false if the file no longer reaches end.
    bool populate(std::size_t begin, std::size_t end) const noexcept;
    // Gives back the pages wholly before data() + end (they are read from
    // the file again if touched).
    void drop_before(std::size_t end) noexcept;

private:
    Mapping(const char* base, std::size_t size, std::size_t skip) noexcept
        : m_base(base), m_size(size), m_skip(skip), m_dropped(0) {}
    const char* m_base = nullptr;  // page-aligned
    std::size_t m_size = 0;        // from m_base
    std::size_t m_skip = 0;        // from m_base to data()
    std::size_t m_dropped = 0;     // from m_base: pages before it are given back
};

}  // namespace adx::core

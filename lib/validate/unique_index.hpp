// SPDX-License-Identifier: Apache-2.0
#pragma once
// Finds records that share a key (uniqueness rules) in flat memory, however
// large the file: each record adds a 64-bit hash of its key and its number
// and line (24 bytes) to a buffer, sorted 64 Ki entries at a time (a run that
// fits the CPU's cache, sorted while the input is still being read); a full
// buffer (1 Mi entries, 24 MiB) is merged and spilled to an unlinked
// temporary file; at the end the sorted runs are merged and equal hashes
// reported. Two different keys share a hash with a
// chance of about n²/2⁶⁵ (one in 10¹² for a million records).

#include "core/error.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string_view>
#include <vector>

namespace adx::validate {

std::uint64_t hash_bytes(std::string_view s) noexcept;

// The hash of a key of several parts, taken part by part (no key string is
// built). Each part's hash covers its length: ("ab", "c") and ("a", "bc")
// are different keys.
class KeyHash {
public:
    void add(std::string_view part) noexcept;
    std::uint64_t value() const noexcept;

private:
    std::uint64_t m_h = 0x9e3779b97f4a7c15ULL;
};

class UniqueIndex {
public:
    // run_entries: entries in memory before a spill; sort_run: entries
    // sorted at a time (small enough for the CPU's cache).
    explicit UniqueIndex(std::size_t run_entries = std::size_t{1} << 20, std::size_t sort_run = std::size_t{1} << 16)
        : m_run_entries(run_entries), m_sort_run(std::max<std::size_t>(sort_run, 1)) {}
    ~UniqueIndex();
    UniqueIndex(UniqueIndex&& other) noexcept;
    UniqueIndex& operator=(UniqueIndex&&) = delete;
    UniqueIndex(const UniqueIndex&) = delete;
    UniqueIndex& operator=(const UniqueIndex&) = delete;

    core::Expected<void> add(std::string_view key, std::uint64_t record, std::uint64_t line) {
        return add_hash(hash_bytes(key), record, line);
    }
    // The same with the key's hash_bytes() (hashed on another thread).
    core::Expected<void> add_hash(std::uint64_t hash, std::uint64_t record, std::uint64_t line);
    // Calls found(record, line, first) for every record whose key an earlier
    // record (first) had, in record order; then forgets everything.
    using Found = std::function<void(std::uint64_t record, std::uint64_t line, std::uint64_t first)>;
    // threads: how many may share the merge of an index that did not spill.
    core::Expected<void> finish(const Found& found, unsigned threads = 1);
    void clear();

private:
    struct Entry {
        std::uint64_t hash;
        std::uint64_t record;
        std::uint64_t line;
    };
    struct Duplicate {
        std::uint64_t record, line, first;
    };
    core::Expected<void> spill();
    void sort_tail();
    void merge_in_memory(std::vector<Duplicate>& out, unsigned threads) const;
    static constexpr std::size_t k_write = 4096;  // entries written to the spill file at a time
    std::size_t m_run_entries;
    std::size_t m_sort_run;
    std::vector<Entry> m_buffer;
    std::vector<Entry> m_scratch;  // for sorting a run
    std::FILE* m_spill = nullptr;
    std::vector<std::pair<long, std::size_t>> m_runs;  // offset in entries, length
};

}  // namespace adx::validate

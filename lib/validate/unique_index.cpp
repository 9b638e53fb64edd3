// SPDX-License-Identifier: Apache-2.0
#include "validate/unique_index.hpp"

#include "core/i18n.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <queue>

namespace adx::validate {

namespace {

core::Error spill_error(int err) {
    return core::Error{core::Exit::io, core::trf("cannot use a temporary file for the uniqueness check: {reason}",
                                                 fmt::arg("reason", std::strerror(err)))};
}

// A function object, not a function pointer: std::sort inlines it.
constexpr auto by_hash = [](const auto& a, const auto& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.record < b.record;
};

std::uint64_t load8(const char* p) noexcept {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    return x;
}

// 64 x 64 -> 128-bit multiplication, folded to 64 bits.
std::uint64_t mix(std::uint64_t a, std::uint64_t b) noexcept {
    unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
    return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}

// Sorts entries by hash, then record, in place: the entries are moved to
// buckets by the top 16 bits of their hash (an American flag sort: the hashes
// are uniform, so the buckets are small), then each bucket is sorted.
void sort_entries(auto& v) {
    if (v.size() < 4096) return std::sort(v.begin(), v.end(), by_hash);
    constexpr std::size_t k_buckets = 1 << 16;
    auto bucket = [](const auto& e) { return static_cast<std::size_t>(e.hash >> 48); };
    std::vector<std::size_t> end(k_buckets, 0);
    for (const auto& e : v) ++end[bucket(e)];
    for (std::size_t b = 1; b < k_buckets; ++b) end[b] += end[b - 1];
    std::vector<std::size_t> next(k_buckets, 0);
    for (std::size_t b = 1; b < k_buckets; ++b) next[b] = end[b - 1];
    for (std::size_t b = 0; b < k_buckets; ++b) {
        while (next[b] < end[b]) {
            auto e = v[next[b]];
            std::size_t d = bucket(e);
            while (d != b) {
                std::swap(e, v[next[d]++]);
                d = bucket(e);
            }
            v[next[b]++] = e;
        }
    }
    std::size_t from = 0;
    for (std::size_t b = 0; b < k_buckets; ++b) {
        if (end[b] - from > 1)
            std::sort(v.begin() + static_cast<std::ptrdiff_t>(from), v.begin() + static_cast<std::ptrdiff_t>(end[b]),
                      by_hash);
        from = end[b];
    }
}

}  // namespace

std::uint64_t hash_bytes(std::string_view s) noexcept {
    // Eight bytes at a time, each word multiplied into the state (as wyhash
    // and rapidhash do), then a final mix (splitmix64) to spread the bits.
    constexpr std::uint64_t k0 = 0xa0761d6478bd642fULL, k1 = 0xe7037ed1a0b428dbULL;
    std::uint64_t h = k0 ^ (s.size() * k1);
    const char* p = s.data();
    std::size_t n = s.size();
    for (; n >= 8; p += 8, n -= 8) h = mix(h ^ load8(p), k1) + k0;
    if (n > 0) {
        char tail[8] = {};
        std::memcpy(tail, p, n);
        h = mix(h ^ load8(tail), k1) + k0;
    }
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

UniqueIndex::~UniqueIndex() {
    if (m_spill) std::fclose(m_spill);
}

UniqueIndex::UniqueIndex(UniqueIndex&& other) noexcept
    : m_run_entries(other.m_run_entries),
      m_buffer(std::move(other.m_buffer)),
      m_spill(other.m_spill),
      m_runs(std::move(other.m_runs)) {
    other.m_spill = nullptr;
}

void UniqueIndex::clear() {
    m_buffer.clear();
    m_runs.clear();
    if (m_spill) std::fclose(m_spill);
    m_spill = nullptr;
}

core::Expected<void> UniqueIndex::add(std::string_view key, std::uint64_t record, std::uint64_t line) {
    m_buffer.push_back(Entry{hash_bytes(key), record, line});
    if (m_buffer.size() >= m_run_entries) return spill();
    return {};
}

core::Expected<void> UniqueIndex::spill() {
    if (!m_spill) {
        m_spill = std::tmpfile();
        if (!m_spill) return spill_error(errno);
    }
    sort_entries(m_buffer);
    long offset = static_cast<long>(m_runs.empty() ? 0 : m_runs.back().first + static_cast<long>(m_runs.back().second));
    if (std::fseek(m_spill, offset * static_cast<long>(sizeof(Entry)), SEEK_SET) != 0 ||
        std::fwrite(m_buffer.data(), sizeof(Entry), m_buffer.size(), m_spill) != m_buffer.size())
        return spill_error(errno);
    m_runs.emplace_back(offset, m_buffer.size());
    m_buffer.clear();
    return {};
}

core::Expected<void> UniqueIndex::finish(const Found& found) {
    struct Duplicate {
        std::uint64_t record, line, first;
        bool operator<(const Duplicate& o) const { return record < o.record; }
    };
    std::vector<Duplicate> duplicates;
    auto collect = [&](auto&& next_entry) {
        // Entries arrive sorted by hash, then record: the first of a hash is the first record.
        Entry prev{0, 0, 0};
        bool have = false;
        std::uint64_t first = 0;
        Entry e{};
        while (next_entry(e)) {
            if (have && e.hash == prev.hash) {
                duplicates.push_back(Duplicate{e.record, e.line, first});
            } else {
                first = e.record;
            }
            prev = e;
            have = true;
        }
    };
    if (m_runs.empty()) {
        sort_entries(m_buffer);
        std::size_t i = 0;
        collect([&](Entry& e) {
            if (i == m_buffer.size()) return false;
            e = m_buffer[i++];
            return true;
        });
    } else {
        if (!m_buffer.empty()) {
            if (auto r = spill(); !r) return r;
        }
        std::vector<Entry>().swap(m_buffer);
        // k-way merge of the sorted runs, reading each through a small window.
        constexpr std::size_t k_window = 4096;
        struct Run {
            long next;  // entry offset of the next unread entry
            std::size_t left;
            std::vector<Entry> window;
            std::size_t pos = 0;
        };
        std::vector<Run> runs;
        for (auto [off, len] : m_runs) runs.push_back(Run{off, len, {}, 0});
        auto refill = [&](Run& r) -> bool {
            if (r.pos < r.window.size()) return true;
            if (r.left == 0) return false;
            std::size_t n = std::min(k_window, r.left);
            r.window.resize(n);
            if (std::fseek(m_spill, r.next * static_cast<long>(sizeof(Entry)), SEEK_SET) != 0 ||
                std::fread(r.window.data(), sizeof(Entry), n, m_spill) != n)
                return false;
            r.next += static_cast<long>(n);
            r.left -= n;
            r.pos = 0;
            return true;
        };
        auto cmp = [&](std::size_t a, std::size_t b) {
            return by_hash(runs[b].window[runs[b].pos], runs[a].window[runs[a].pos]);
        };
        std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(cmp)> heap(cmp);
        for (std::size_t i = 0; i < runs.size(); ++i)
            if (refill(runs[i])) heap.push(i);
        collect([&](Entry& e) {
            if (heap.empty()) return false;
            std::size_t i = heap.top();
            heap.pop();
            e = runs[i].window[runs[i].pos++];
            if (refill(runs[i])) heap.push(i);
            return true;
        });
    }
    std::sort(duplicates.begin(), duplicates.end());
    for (const auto& d : duplicates) found(d.record, d.line, d.first);
    clear();
    return {};
}

}  // namespace adx::validate

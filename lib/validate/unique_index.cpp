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

// Sorts [first, last) by hash, then record, where the entries come in record
// order: a stable LSD radix sort by hash (six passes of eleven bits, the
// counts of all six taken in one pass) keeps equal hashes in record order.
// scratch holds the entries between passes.
template <typename Entry>
void radix_sort(Entry* first, Entry* last, std::vector<Entry>& scratch) {
    constexpr unsigned k_bits = 11, k_passes = 6;  // 66 bits: all 64 of the hash
    constexpr std::size_t k_buckets = std::size_t{1} << k_bits;
    const auto n = static_cast<std::size_t>(last - first);
    if (n < 256) return std::stable_sort(first, last, by_hash);
    scratch.resize(n);
    // 96 KiB of counts, kept off the stack; thread_local, as indexes may be
    // used on several threads.
    thread_local std::size_t counts[k_passes][k_buckets];
    std::memset(counts, 0, sizeof counts);
    auto digit = [](std::uint64_t hash, unsigned pass) { return (hash >> (k_bits * pass)) & (k_buckets - 1); };
    for (const Entry* e = first; e != last; ++e)
        for (unsigned b = 0; b < k_passes; ++b) ++counts[b][digit(e->hash, b)];
    Entry* from = first;
    Entry* to = scratch.data();
    for (unsigned b = 0; b < k_passes; ++b) {
        std::size_t at = 0;
        for (std::size_t& c : counts[b]) {
            std::size_t k = c;
            c = at;
            at += k;
        }
        for (const Entry* e = from; e != from + n; ++e) to[counts[b][digit(e->hash, b)]++] = *e;
        std::swap(from, to);
    }
    // Six passes (an even number): the entries are back in place.
}

// Merges the sorted runs of v (each `run` entries, the last one shorter)
// through a min-heap of the runs' heads, passing each entry on in order: no
// second buffer. The heads carry their entry's key, so that sifting compares
// in place, and the top is replaced and sifted down once per entry (not
// popped and pushed: half the comparisons). At the end of a file this is
// the one step no other thread shares.
template <typename Entry, typename Sink>
void merge_runs(const std::vector<Entry>& v, std::size_t run, Sink&& sink) {
    struct Head {
        std::uint64_t hash, record;
        std::size_t pos, end;
        bool before(const Head& o) const noexcept { return hash != o.hash ? hash < o.hash : record < o.record; }
    };
    std::vector<Head> heads;
    for (std::size_t from = 0; from < v.size(); from += run)
        heads.push_back(Head{v[from].hash, v[from].record, from, std::min(v.size(), from + run)});
    auto sift_down = [&heads](std::size_t i) {
        const std::size_t n = heads.size();
        Head h = heads[i];
        for (;;) {
            std::size_t c = 2 * i + 1;
            if (c >= n) break;
            if (c + 1 < n && heads[c + 1].before(heads[c])) ++c;
            if (!heads[c].before(h)) break;
            heads[i] = heads[c];
            i = c;
        }
        heads[i] = h;
    };
    for (std::size_t i = heads.size() / 2; i-- > 0;) sift_down(i);
    while (!heads.empty()) {
        Head& top = heads.front();
        sink(v[top.pos]);
        if (++top.pos == top.end) {
            top = heads.back();
            heads.pop_back();
            if (heads.empty()) break;
        } else {
            top.hash = v[top.pos].hash;
            top.record = v[top.pos].record;
        }
        sift_down(0);
    }
}

}  // namespace

namespace {

// Eight bytes at a time, each word multiplied into the state (as wyhash and
// rapidhash do), then a final mix (splitmix64) to spread the bits.
constexpr std::uint64_t k_hash0 = 0xa0761d6478bd642fULL, k_hash1 = 0xe7037ed1a0b428dbULL;

std::uint64_t absorb(std::uint64_t h, std::string_view s) noexcept {
    const char* p = s.data();
    std::size_t n = s.size();
    for (; n >= 8; p += 8, n -= 8) h = mix(h ^ load8(p), k_hash1) + k_hash0;
    if (n > 0) {
        char tail[8] = {};
        std::memcpy(tail, p, n);
        h = mix(h ^ load8(tail), k_hash1) + k_hash0;
    }
    return h;
}

std::uint64_t finish_hash(std::uint64_t h) noexcept {
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

}  // namespace

std::uint64_t hash_bytes(std::string_view s) noexcept {
    return finish_hash(absorb(k_hash0 ^ (s.size() * k_hash1), s));
}

// A key's parts go through one state, each after its length; the final mix
// once, in value().
void KeyHash::add(std::string_view part) noexcept {
    m_h = absorb(mix(m_h ^ part.size(), k_hash1) + k_hash0, part);
}

std::uint64_t KeyHash::value() const noexcept {
    return finish_hash(m_h);
}

UniqueIndex::~UniqueIndex() {
    if (m_spill) std::fclose(m_spill);
}

UniqueIndex::UniqueIndex(UniqueIndex&& other) noexcept
    : m_run_entries(other.m_run_entries),
      m_sort_run(other.m_sort_run),
      m_buffer(std::move(other.m_buffer)),
      m_scratch(std::move(other.m_scratch)),
      m_spill(other.m_spill),
      m_runs(std::move(other.m_runs)) {
    other.m_spill = nullptr;
}

void UniqueIndex::sort_tail() {
    Entry* end = m_buffer.data() + m_buffer.size();
    radix_sort(end - m_buffer.size() % m_sort_run, end, m_scratch);
}

void UniqueIndex::clear() {
    m_buffer.clear();
    std::vector<Entry>().swap(m_scratch);
    m_runs.clear();
    if (m_spill) std::fclose(m_spill);
    m_spill = nullptr;
}

core::Expected<void> UniqueIndex::add_hash(std::uint64_t hash, std::uint64_t record, std::uint64_t line) {
    m_buffer.push_back(Entry{hash, record, line});
    // Sorted a cache-sized run at a time, while the input is being read: at
    // the end there is only a merge left to do.
    if (m_buffer.size() % m_sort_run == 0) {
        Entry* end = m_buffer.data() + m_buffer.size();
        radix_sort(end - m_sort_run, end, m_scratch);
    }
    if (m_buffer.size() >= m_run_entries) return spill();
    return {};
}

core::Expected<void> UniqueIndex::spill() {
    if (!m_spill) {
        m_spill = std::tmpfile();
        if (!m_spill) return spill_error(errno);
    }
    sort_tail();
    std::vector<Entry> out;
    out.reserve(k_write);
    bool written = true;
    auto flush = [&] {
        if (written && !out.empty())
            written = std::fwrite(out.data(), sizeof(Entry), out.size(), m_spill) == out.size();
        out.clear();
    };
    long offset = static_cast<long>(m_runs.empty() ? 0 : m_runs.back().first + static_cast<long>(m_runs.back().second));
    if (std::fseek(m_spill, offset * static_cast<long>(sizeof(Entry)), SEEK_SET) != 0) return spill_error(errno);
    merge_runs(m_buffer, m_sort_run, [&](const Entry& e) {
        out.push_back(e);
        if (out.size() == k_write) flush();
    });
    flush();
    if (!written) return spill_error(errno);
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
    // Entries arrive sorted by hash, then record: the first of a hash is the first record.
    Entry prev{0, 0, 0};
    bool have = false;
    std::uint64_t first = 0;
    auto observe = [&](const Entry& e) {
        if (have && e.hash == prev.hash) {
            duplicates.push_back(Duplicate{e.record, e.line, first});
        } else {
            first = e.record;
        }
        prev = e;
        have = true;
    };
    auto collect = [&](auto&& next_entry) {
        Entry e{};
        while (next_entry(e)) observe(e);
    };
    if (m_runs.empty()) {
        sort_tail();
        merge_runs(m_buffer, m_sort_run, observe);
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

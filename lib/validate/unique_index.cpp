// SPDX-License-Identifier: Apache-2.0
#include "validate/unique_index.hpp"

#include "core/i18n.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <queue>
#include <system_error>
#include <thread>

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
// order. A stable LSD radix sort by the top 22 bits of the hash (two passes
// of eleven bits, both counted in one pass) keeps equal prefixes in record
// order; entries that share a prefix (a few in a run of 64 Ki, bar equal
// keys, which are in order already) are then sorted among themselves.
// scratch holds the entries between the passes.
template <typename Entry>
void radix_sort(Entry* first, Entry* last, std::vector<Entry>& scratch) {
    constexpr unsigned k_bits = 11, k_passes = 2, k_low = 64 - k_bits * k_passes;
    constexpr std::size_t k_buckets = std::size_t{1} << k_bits;
    const auto n = static_cast<std::size_t>(last - first);
    if (n < 256) return std::stable_sort(first, last, by_hash);
    scratch.resize(n);
    // 32 KiB of counts, kept off the stack; thread_local, as indexes may be
    // used on several threads.
    thread_local std::size_t counts[k_passes][k_buckets];
    std::memset(counts, 0, sizeof counts);
    auto digit = [](std::uint64_t hash, unsigned pass) { return (hash >> (k_low + k_bits * pass)) & (k_buckets - 1); };
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
    // Two passes (an even number): the entries are back in place, in order
    // of their prefix. A group with one prefix and more than one hash is
    // sorted by hash and record (std::sort: no input makes it quadratic).
    for (Entry* g = first; g != last;) {
        const std::uint64_t prefix = g->hash >> k_low;
        Entry* e = g + 1;
        bool ordered = true;
        for (; e != last && (e->hash >> k_low) == prefix; ++e) ordered = ordered && !by_hash(*e, e[-1]);
        if (!ordered) std::sort(g, e, by_hash);
        g = e;
    }
}

// A sorted run of v: entries [begin, end).
struct Span {
    std::size_t begin, end;
};

// The runs of v, each `run` entries (the last one shorter), with only the
// entries whose hash is in [lo, hi] (the part of each run that a thread
// merges: equal hashes are always in the same part).
template <typename Entry>
std::vector<Span> runs_of(const std::vector<Entry>& v, std::size_t run, std::uint64_t lo, std::uint64_t hi) {
    std::vector<Span> spans;
    for (std::size_t from = 0; from < v.size(); from += run) {
        auto first = v.begin() + static_cast<std::ptrdiff_t>(from);
        auto last = v.begin() + static_cast<std::ptrdiff_t>(std::min(v.size(), from + run));
        auto b = std::partition_point(first, last, [lo](const Entry& e) { return e.hash < lo; });
        auto e = std::partition_point(b, last, [hi](const Entry& x) { return x.hash <= hi; });
        if (b != e)
            spans.push_back(Span{static_cast<std::size_t>(b - v.begin()), static_cast<std::size_t>(e - v.begin())});
    }
    return spans;
}

// Merges sorted runs of v through a min-heap of the runs' heads, passing
// each entry on in order: no second buffer. The heads carry their entry's
// key, so that sifting compares in place, and the top is replaced and sifted
// down once per entry (not popped and pushed: half the comparisons).
template <typename Entry, typename Sink>
void merge_runs(const std::vector<Entry>& v, const std::vector<Span>& runs, Sink&& sink) {
    struct Head {
        std::uint64_t hash, record;
        std::size_t pos, end;
        bool before(const Head& o) const noexcept { return hash != o.hash ? hash < o.hash : record < o.record; }
    };
    std::vector<Head> heads;
    for (const Span& r : runs) heads.push_back(Head{v[r.begin].hash, v[r.begin].record, r.begin, r.end});
    if (heads.empty()) return;
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

// Takes merged entries (sorted by hash, then record) and keeps every one
// whose hash the entry before had, with the first record of that hash.
template <typename Duplicate>
struct Observer {
    std::vector<Duplicate>& out;
    std::uint64_t prev = 0, first = 0;
    bool have = false;

    template <typename Entry>
    void operator()(const Entry& e) {
        if (have && e.hash == prev)
            out.push_back(Duplicate{e.record, e.line, first});
        else
            first = e.record;
        prev = e.hash;
        have = true;
    }
};

}  // namespace

namespace {

// Eight bytes at a time, each word multiplied into the state (as wyhash and
// rapidhash do), then a final mix (splitmix64) to spread the bits. The last
// word overlaps the one before, and short parts take two overlapping 4-byte
// loads or three bytes: no copy into a padded word. Every byte goes in, and
// the length went in before (see KeyHash::add and hash_bytes).
constexpr std::uint64_t k_hash0 = 0xa0761d6478bd642fULL, k_hash1 = 0xe7037ed1a0b428dbULL;

std::uint32_t load4(const char* p) noexcept {
    std::uint32_t x;
    std::memcpy(&x, p, 4);
    return x;
}

std::uint64_t absorb(std::uint64_t h, std::string_view s) noexcept {
    const char* p = s.data();
    std::size_t n = s.size();
    if (n > 8) {
        for (; n > 8; p += 8, n -= 8) h = mix(h ^ load8(p), k_hash1) + k_hash0;
        return mix(h ^ load8(p + n - 8), k_hash1) + k_hash0;
    }
    std::uint64_t word = 0;
    if (n >= 4) {
        word = (std::uint64_t{load4(p)} << 32) | load4(p + n - 4);
    } else if (n > 0) {
        auto byte = [p](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(p[i])}; };
        word = (byte(0) << 16) | (byte(n / 2) << 8) | byte(n - 1);
    } else {
        return h;
    }
    return mix(h ^ word, k_hash1) + k_hash0;
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
    // The whole run's room at once (its pages are touched only as they
    // fill): growing by copies would hold two buffers at the peak.
    if (m_buffer.capacity() == 0) m_buffer.reserve(m_run_entries);
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
    merge_runs(m_buffer, runs_of(m_buffer, m_sort_run, 0, ~std::uint64_t{0}), [&](const Entry& e) {
        out.push_back(e);
        if (out.size() == k_write) flush();
    });
    flush();
    if (!written) return spill_error(errno);
    m_runs.emplace_back(offset, m_buffer.size());
    m_buffer.clear();
    return {};
}

// The merge at the end of a file is the one step that no other thread
// shares: with more than one thread, and runs large enough to be worth a
// thread's start, the lower and upper halves of the hashes are merged side
// by side (a duplicate's hashes are all in one half).
void UniqueIndex::merge_in_memory(std::vector<Duplicate>& out, unsigned threads) const {
    constexpr std::uint64_t k_half = std::uint64_t{1} << 63;
    if (threads > 1 && m_buffer.size() >= std::size_t{1} << 16) {
        std::vector<Duplicate> upper;
        std::jthread other;
        try {
            other = std::jthread([&] {
                Observer<Duplicate> observe{upper};
                merge_runs(m_buffer, runs_of(m_buffer, m_sort_run, k_half, ~std::uint64_t{0}), observe);
            });
        } catch (const std::system_error&) {
            // No thread to be had: all of it is merged here.
        }
        if (other.joinable()) {
            Observer<Duplicate> observe{out};
            merge_runs(m_buffer, runs_of(m_buffer, m_sort_run, 0, k_half - 1), observe);
            other.join();
            out.insert(out.end(), upper.begin(), upper.end());
            return;
        }
    }
    Observer<Duplicate> observe{out};
    merge_runs(m_buffer, runs_of(m_buffer, m_sort_run, 0, ~std::uint64_t{0}), observe);
}

core::Expected<void> UniqueIndex::finish(const Found& found, unsigned threads) {
    std::vector<Duplicate> duplicates;
    Observer<Duplicate> observe{duplicates};
    auto collect = [&](auto&& next_entry) {
        Entry e{};
        while (next_entry(e)) observe(e);
    };
    if (m_runs.empty()) {
        sort_tail();
        merge_in_memory(duplicates, threads);
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
    std::sort(duplicates.begin(), duplicates.end(),
              [](const Duplicate& a, const Duplicate& b) { return a.record < b.record; });
    for (const auto& d : duplicates) found(d.record, d.line, d.first);
    clear();
    return {};
}

}  // namespace adx::validate

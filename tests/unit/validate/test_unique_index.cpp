// SPDX-License-Identifier: Apache-2.0
#include "validate/unique_index.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

using adx::validate::UniqueIndex;

namespace {

using Found = std::vector<std::tuple<std::uint64_t, std::uint64_t, std::uint64_t>>;  // record, line, first

Found run(UniqueIndex& index, const std::vector<std::string>& keys) {
    for (std::size_t i = 0; i < keys.size(); ++i) REQUIRE(index.add(keys[i], i + 1, (i + 1) * 10));
    Found found;
    REQUIRE(index.finish([&](std::uint64_t r, std::uint64_t l, std::uint64_t f) { found.emplace_back(r, l, f); }));
    return found;
}

}  // namespace

TEST_CASE("duplicates are found with the first record that had the key", "[validate][unique]") {
    UniqueIndex index;
    auto found = run(index, {"a", "b", "a", "c", "b", "a"});
    CHECK(found == Found{{3, 30, 1}, {5, 50, 2}, {6, 60, 1}});
}

TEST_CASE("the same answer when the index spills sorted runs to disk", "[validate][unique]") {
    std::vector<std::string> keys;
    for (int i = 0; i < 1000; ++i) keys.push_back("k" + std::to_string(i % 337));
    UniqueIndex in_memory;
    UniqueIndex spilling(7);  // a run of 7 entries: 143 runs merged
    auto a = run(in_memory, keys);
    auto b = run(spilling, keys);
    CHECK(a.size() == 1000 - 337);
    CHECK(a == b);
    CHECK(std::get<2>(b.front()) == 1);  // record 338 repeats record 1
    CHECK(std::get<0>(b.front()) == 338);
}

TEST_CASE("an index forgets its keys after finish", "[validate][unique]") {
    UniqueIndex index(3);
    CHECK(run(index, {"x", "y", "x", "z", "x"}).size() == 2);
    CHECK(run(index, {"x", "y"}).empty());
}

TEST_CASE("the same answer whatever the runs sorted at a time", "[validate][unique]") {
    std::vector<std::string> keys;
    for (int i = 0; i < 1000; ++i) keys.push_back("k" + std::to_string((i * 7919) % 401));
    UniqueIndex reference;
    auto want = run(reference, keys);
    REQUIRE(want.size() == 1000 - 401);
    for (std::size_t sort_run : {1u, 2u, 3u, 64u, 999u, 1000u}) {
        for (std::size_t run_entries : {std::size_t{7}, std::size_t{128}, std::size_t{1} << 20}) {
            INFO("sort runs of " << sort_run << ", spill at " << run_entries);
            UniqueIndex index(run_entries, sort_run);
            CHECK(run(index, keys) == want);
        }
    }
}

TEST_CASE("hashes that share their leading bits are told apart", "[validate][unique]") {
    // The runs are sorted by the hash's leading bits first: hashes alike
    // there (here all of them share the top 30 bits), and equal ones, must
    // still come out in order, whatever the run and spill sizes.
    std::vector<std::uint64_t> hashes;
    for (std::uint64_t i = 0; i < 5000; ++i) hashes.push_back((std::uint64_t{0x2a5} << 34) | ((i * 7919) % 1733));
    Found want;
    std::map<std::uint64_t, std::uint64_t> first;
    for (std::size_t i = 0; i < hashes.size(); ++i) {
        auto [at, added] = first.emplace(hashes[i], i + 1);
        if (!added) want.emplace_back(i + 1, i + 2, at->second);
    }
    REQUIRE(want.size() == 5000 - 1733);
    for (std::size_t sort_run : {std::size_t{300}, std::size_t{4096}, std::size_t{1} << 16}) {
        for (std::size_t run_entries : {std::size_t{1000}, std::size_t{1} << 20}) {
            INFO("sort runs of " << sort_run << ", spill at " << run_entries);
            UniqueIndex index(run_entries, sort_run);
            for (std::size_t i = 0; i < hashes.size(); ++i) REQUIRE(index.add_hash(hashes[i], i + 1, i + 2));
            Found found;
            REQUIRE(
                index.finish([&](std::uint64_t r, std::uint64_t l, std::uint64_t f) { found.emplace_back(r, l, f); }));
            CHECK(found == want);
        }
    }
}

TEST_CASE("two threads merging halves find what one finds", "[validate][unique]") {
    // Enough entries for the merge to be shared (64 Ki at least), with
    // duplicates on both sides of the middle hash and at both ends.
    std::vector<std::uint64_t> hashes;
    const std::uint64_t half = std::uint64_t{1} << 63;
    const std::uint64_t edges[] = {0, 1, half - 2, half - 1, half, half + 1, ~std::uint64_t{0}};
    for (std::uint64_t i = 0; i < 100000; ++i)
        hashes.push_back(i % 10 < 3 ? edges[i % 7] : adx::validate::hash_bytes(std::to_string(i % 40000)));
    auto run_hashes = [&](unsigned threads) {
        UniqueIndex index;
        for (std::size_t i = 0; i < hashes.size(); ++i) REQUIRE(index.add_hash(hashes[i], i + 1, i + 2));
        Found found;
        REQUIRE(index.finish([&](std::uint64_t r, std::uint64_t l, std::uint64_t f) { found.emplace_back(r, l, f); },
                             threads));
        return found;
    };
    Found one = run_hashes(1);
    CHECK(one.size() > 30000);
    CHECK(run_hashes(2) == one);
    CHECK(run_hashes(8) == one);
}

TEST_CASE("every byte and every length goes into a key's hash", "[validate][unique]") {
    // Keys of 0 to 40 bytes, and the same with one byte changed at each
    // place: no two hash alike (a byte left out of the hash would be seen).
    std::set<std::uint64_t> seen;
    std::size_t keys = 0;
    for (std::size_t n = 0; n <= 40; ++n) {
        std::string base(n, 'a');
        seen.insert(adx::validate::hash_bytes(base));
        ++keys;
        for (std::size_t i = 0; i < n; ++i) {
            std::string changed = base;
            changed[i] = 'b';
            seen.insert(adx::validate::hash_bytes(changed));
            ++keys;
        }
    }
    CHECK(seen.size() == keys);
    // Parts are told apart by their lengths.
    adx::validate::KeyHash a, b;
    a.add("ab");
    a.add("c");
    b.add("a");
    b.add("bc");
    CHECK(a.value() != b.value());
}

// SPDX-License-Identifier: Apache-2.0
#include "validate/unique_index.hpp"

#include <catch2/catch.hpp>

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

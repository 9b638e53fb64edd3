// SPDX-License-Identifier: Apache-2.0
// The SQLite ledger: de-duplication by (sender, key), the transaction around
// the inbox's renames, schema versioning, and two writers racing.

#include "serve_fixture.hpp"
#include "transport/ledger.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <thread>

using namespace adx;
using namespace adx::transport;
using adx::transport::test::ScratchDir;

namespace {

Submission row(const std::string& id, const std::string& sender, const std::string& key) {
    Submission r;
    r.id = id;
    r.sender = sender;
    r.idempotency_key = key;
    r.format = "enterprise-filing";
    r.digest = "sha-256:" + key;
    r.size = 10;
    r.records = 1;
    r.status = "accepted";
    r.received_at = "2026-11-27T02:00:00Z";
    r.path = sender + "/2026-11-27/" + key + ".csv";
    r.receipt = "receipt-" + id;
    return r;
}

const std::string k_key1(64, 'a');
const std::string k_key2(64, 'b');

}  // namespace

TEST_CASE("ledger inserts once per sender and key", "[transport][ledger]") {
    ScratchDir dir;
    auto ledger = open_sqlite_ledger(dir / "ledger.db");
    REQUIRE(ledger);
    auto& l = **ledger;
    auto first = l.insert_if_absent(row("01", "S1", k_key1), {});
    REQUIRE(first);
    CHECK(first->inserted);
    auto again = l.insert_if_absent(row("02", "S1", k_key1), {});
    REQUIRE(again);
    CHECK_FALSE(again->inserted);
    CHECK(again->row.id == "01");
    CHECK(again->row.receipt == "receipt-01");
    // Another sender may use the same key.
    auto other = l.insert_if_absent(row("03", "S2", k_key1), {});
    REQUIRE(other);
    CHECK(other->inserted);
    auto found = l.find("S1", k_key1);
    REQUIRE(found);
    REQUIRE(*found);
    CHECK((*found)->id == "01");
    auto none = l.find("S1", k_key2);
    REQUIRE(none);
    CHECK_FALSE(*none);
    auto got = l.get("03");
    REQUIRE(got);
    REQUIRE(*got);
    CHECK((*got)->sender == "S2");
    CHECK((*got)->path == "S2/2026-11-27/" + k_key1 + ".csv");
    auto missing = l.get("ff");
    REQUIRE(missing);
    CHECK_FALSE(*missing);
}

TEST_CASE("ledger rolls back when before_commit fails", "[transport][ledger]") {
    ScratchDir dir;
    auto ledger = open_sqlite_ledger(dir / "ledger.db");
    REQUIRE(ledger);
    auto r = (*ledger)->insert_if_absent(row("01", "S1", k_key1), [] {
        return core::Expected<void>(core::Error{core::Exit::io, "disk"});
    });
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "disk");
    auto found = (*ledger)->find("S1", k_key1);
    REQUIRE(found);
    CHECK_FALSE(*found);
    bool ran = false;
    auto ok = (*ledger)->insert_if_absent(row("01", "S1", k_key1), [&] {
        ran = true;
        return core::Expected<void>();
    });
    REQUIRE(ok);
    CHECK(ok->inserted);
    CHECK(ran);
    // On conflict before_commit does not run.
    ran = false;
    auto dup = (*ledger)->insert_if_absent(row("02", "S1", k_key1), [&] {
        ran = true;
        return core::Expected<void>();
    });
    REQUIRE(dup);
    CHECK_FALSE(dup->inserted);
    CHECK_FALSE(ran);
}

TEST_CASE("ledger survives reopening, lists and removes", "[transport][ledger]") {
    ScratchDir dir;
    {
        auto ledger = open_sqlite_ledger(dir / "ledger.db");
        REQUIRE(ledger);
        REQUIRE((*ledger)->insert_if_absent(row("01", "S1", k_key1), {}));
        auto rejected = row("02", "S1", k_key2);
        rejected.status = "rejected";
        rejected.path = "";
        REQUIRE((*ledger)->insert_if_absent(rejected, {}));
    }
    auto ledger = open_sqlite_ledger(dir / "ledger.db");
    REQUIRE(ledger);
    auto stored = (*ledger)->list_stored();
    REQUIRE(stored);
    REQUIRE(stored->size() == 1);  // the rejected row has no document
    CHECK(stored->front().id == "01");
    REQUIRE((*ledger)->remove("01"));
    auto after = (*ledger)->get("01");
    REQUIRE(after);
    CHECK_FALSE(*after);
}

TEST_CASE("ledger schema version is checked", "[transport][ledger]") {
    ScratchDir dir;
    std::string path = dir / "ledger.db";
    {
        auto ledger = open_sqlite_ledger(path);
        REQUIRE(ledger);
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    int version = -1;
    sqlite3_exec(
        db, "PRAGMA user_version",
        [](void* v, int, char** vals, char**) {
            *static_cast<int*>(v) = std::atoi(vals[0]);
            return 0;
        },
        &version, nullptr);
    CHECK(version == k_ledger_schema_version);
    char mode[16] = {};
    sqlite3_exec(
        db, "PRAGMA journal_mode",
        [](void* m, int, char** vals, char**) {
            std::snprintf(static_cast<char*>(m), 16, "%s", vals[0]);
            return 0;
        },
        mode, nullptr);
    CHECK(std::string(mode) == "wal");
    REQUIRE(sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    auto newer = open_sqlite_ledger(path);
    REQUIRE_FALSE(newer);
    CHECK(newer.error().code == core::Exit::config);
}

TEST_CASE("two connections inserting the same key: one wins", "[transport][ledger]") {
    ScratchDir dir;
    std::string path = dir / "ledger.db";
    REQUIRE(open_sqlite_ledger(path));
    for (int round = 0; round < 20; ++round) {
        std::string key = std::string(62, 'c') + std::to_string(10 + round);
        std::atomic<int> inserted{0}, conflicts{0}, failures{0};
        std::atomic<bool> go{false};
        auto racer = [&](const std::string& id) {
            auto ledger = open_sqlite_ledger(path);
            if (!ledger) {
                ++failures;
                return;
            }
            while (!go) std::this_thread::yield();
            auto r = (*ledger)->insert_if_absent(row(id, "S1", key), [] { return core::Expected<void>(); });
            if (!r)
                ++failures;
            else if (r->inserted)
                ++inserted;
            else
                ++conflicts;
        };
        std::thread a(racer, "a" + std::to_string(round));
        std::thread b(racer, "b" + std::to_string(round));
        go = true;
        a.join();
        b.join();
        CHECK(failures == 0);
        CHECK(inserted == 1);
        CHECK(conflicts == 1);
    }
}

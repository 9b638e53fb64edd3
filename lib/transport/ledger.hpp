// SPDX-License-Identifier: Apache-2.0
#pragma once
// The receiver's ledger: one row per submission (accepted or rejected), keyed
// by (sender, idempotency key) for de-duplication and by submission id for
// GET /v1/submissions/{id}. One narrow interface, so that several adx serve
// instances can later share a ledger in PostgreSQL instead of SQLite:
//
//   a PostgreSQL backend implements the same five calls. insert_if_absent is
//   "BEGIN; INSERT ... ON CONFLICT (sender, idempotency_key) DO NOTHING
//   RETURNING id; (conflict: SELECT the existing row; ROLLBACK) ...
//   before_commit(); COMMIT" in READ COMMITTED, and open_ledger() chooses the
//   backend by the ledger setting's scheme (postgresql://...). The inbox must
//   then be a shared file system (or object store) as well.
//
// The SQLite backend (ledger_sqlite.cpp): WAL journal, synchronous=FULL
// (a COMMIT that returned is on disk: the receipt the sender holds must
// never name a row a power cut can take back; NORMAL could lose the last
// transactions of the WAL), busy_timeout 10 s (several processes or
// connections may write), the schema versioned with PRAGMA user_version.

#include "core/error.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace adx::transport {

struct Submission {
    std::string id;               // 32 lowercase hex
    std::string sender;           // credit code or CN (already whitelisted)
    std::string idempotency_key;  // 64 lowercase hex (the body's SHA-256)
    std::string format;
    std::string digest;  // "sha-256:HEX"
    std::uint64_t size = 0;
    std::uint64_t records = 0;
    std::string status;       // "accepted" | "rejected"
    std::string received_at;  // RFC 3339 UTC
    std::string path;         // document path relative to the inbox; "" when rejected
    std::string receipt;      // compact JWS
};

struct InsertResult {
    bool inserted = false;  // false: a row with the same (sender, key) existed
    Submission row;         // the new row, or the existing one
};

class Ledger {
public:
    virtual ~Ledger() = default;
    // The row of (sender, key), if any.
    virtual core::Expected<std::optional<Submission>> find(const std::string& sender, const std::string& key) = 0;
    // Inserts row unless (sender, idempotency_key) exists. On insert,
    // before_commit runs inside the transaction after the INSERT: when it
    // fails the row is rolled back and its error returned; the row is
    // committed only after it succeeded (the inbox renames the files there).
    // On conflict before_commit does not run and the existing row is returned.
    virtual core::Expected<InsertResult> insert_if_absent(
        const Submission& row, const std::function<core::Expected<void>()>& before_commit) = 0;
    // The row with this submission id, if any.
    virtual core::Expected<std::optional<Submission>> get(const std::string& id) = 0;
    // Every row with a document path (recovery), in insertion order.
    virtual core::Expected<std::vector<Submission>> list_stored() = 0;
    // Removes a row (recovery: its document is gone).
    virtual core::Expected<void> remove(const std::string& id) = 0;
};

// Opens (and creates or migrates) the SQLite ledger at path. Errors:
// Exit::cant_create (cannot open), Exit::config (a newer schema version).
core::Expected<std::unique_ptr<Ledger>> open_sqlite_ledger(const std::string& path);

inline constexpr int k_ledger_schema_version = 1;

}  // namespace adx::transport

// SPDX-License-Identifier: Apache-2.0
// The SQLite ledger (ledger.hpp says why WAL and synchronous=FULL). One
// connection per Ledger object, used by one thread at a time (a mutex); other
// connections and processes meet at SQLite's locks (BEGIN IMMEDIATE, busy
// timeout).

#include "core/i18n.hpp"
#include "transport/ledger.hpp"

#include <mutex>
#include <sqlite3.h>

namespace adx::transport {

namespace {

using core::Error;
using core::Exit;
using core::trf;

constexpr const char* k_schema_v1 = R"sql(
CREATE TABLE IF NOT EXISTS submissions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  sender TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  format TEXT NOT NULL,
  digest TEXT NOT NULL,
  size INTEGER NOT NULL,
  records INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
  received_at TEXT NOT NULL,
  path TEXT NOT NULL,
  receipt TEXT NOT NULL,
  UNIQUE (sender, idempotency_key)
);
)sql";

constexpr const char* k_columns =
    "id, sender, idempotency_key, format, digest, size, records, status, received_at, path, receipt";

struct Stmt {
    sqlite3_stmt* s = nullptr;
    ~Stmt() { sqlite3_finalize(s); }
};

class SqliteLedger final : public Ledger {
public:
    SqliteLedger(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
    ~SqliteLedger() override { sqlite3_close_v2(m_db); }

    core::Expected<void> init() {
        if (auto r = exec("PRAGMA journal_mode=WAL"); !r) return r;
        if (auto r = exec("PRAGMA synchronous=FULL"); !r) return r;
        if (auto r = exec("PRAGMA foreign_keys=ON"); !r) return r;
        if (auto r = exec("BEGIN IMMEDIATE"); !r) return r;
        int version = 0;
        {
            Stmt st;
            if (sqlite3_prepare_v2(m_db, "PRAGMA user_version", -1, &st.s, nullptr) != SQLITE_OK ||
                sqlite3_step(st.s) != SQLITE_ROW) {
                (void)exec("ROLLBACK");
                return fail("PRAGMA user_version");
            }
            version = sqlite3_column_int(st.s, 0);
        }
        if (version > k_ledger_schema_version) {
            (void)exec("ROLLBACK");
            return Error{Exit::config, trf("ledger '{path}' has schema version {v}; this adx knows up to {max}",
                                           fmt::arg("path", m_path), fmt::arg("v", version),
                                           fmt::arg("max", k_ledger_schema_version))};
        }
        if (version < 1) {
            // Migrations run in order, each in this transaction.
            if (auto r = exec(k_schema_v1); !r) {
                (void)exec("ROLLBACK");
                return r;
            }
            if (auto r = exec("PRAGMA user_version=1"); !r) {
                (void)exec("ROLLBACK");
                return r;
            }
        }
        return exec("COMMIT");
    }

    core::Expected<std::optional<Submission>> find(const std::string& sender, const std::string& key) override {
        std::lock_guard lock(m_mu);
        return select_one(
            std::string("SELECT ") + k_columns + " FROM submissions WHERE sender=?1 AND idempotency_key=?2", sender,
            key);
    }

    core::Expected<std::optional<Submission>> get(const std::string& id) override {
        std::lock_guard lock(m_mu);
        return select_one(std::string("SELECT ") + k_columns + " FROM submissions WHERE id=?1", id, {});
    }

    core::Expected<InsertResult> insert_if_absent(const Submission& row,
                                                  const std::function<core::Expected<void>()>& before_commit) override {
        std::lock_guard lock(m_mu);
        if (auto r = exec("BEGIN IMMEDIATE"); !r) return std::move(r).error();
        auto existing =
            select_one(std::string("SELECT ") + k_columns + " FROM submissions WHERE sender=?1 AND idempotency_key=?2",
                       row.sender, row.idempotency_key);
        if (!existing || *existing) {
            (void)exec("ROLLBACK");
            if (!existing) return std::move(existing).error();
            return InsertResult{false, **existing};
        }
        {
            Stmt st;
            std::string sql = std::string("INSERT INTO submissions (") + k_columns +
                              ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
            if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &st.s, nullptr) != SQLITE_OK) {
                (void)exec("ROLLBACK");
                return fail("prepare INSERT");
            }
            bind(st.s, 1, row.id);
            bind(st.s, 2, row.sender);
            bind(st.s, 3, row.idempotency_key);
            bind(st.s, 4, row.format);
            bind(st.s, 5, row.digest);
            sqlite3_bind_int64(st.s, 6, static_cast<sqlite3_int64>(row.size));
            sqlite3_bind_int64(st.s, 7, static_cast<sqlite3_int64>(row.records));
            bind(st.s, 8, row.status);
            bind(st.s, 9, row.received_at);
            bind(st.s, 10, row.path);
            bind(st.s, 11, row.receipt);
            if (sqlite3_step(st.s) != SQLITE_DONE) {
                auto e = fail("INSERT");
                (void)exec("ROLLBACK");
                return e;
            }
        }
        if (before_commit) {
            if (auto r = before_commit(); !r) {
                (void)exec("ROLLBACK");
                return std::move(r).error();
            }
        }
        if (auto r = exec("COMMIT"); !r) {
            (void)exec("ROLLBACK");
            return std::move(r).error();
        }
        return InsertResult{true, row};
    }

    core::Expected<std::vector<Submission>> list_stored() override {
        std::lock_guard lock(m_mu);
        Stmt st;
        std::string sql = std::string("SELECT ") + k_columns + " FROM submissions WHERE path <> '' ORDER BY seq";
        if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &st.s, nullptr) != SQLITE_OK) return fail("prepare SELECT");
        std::vector<Submission> out;
        for (;;) {
            int rc = sqlite3_step(st.s);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) return fail("SELECT");
            out.push_back(read_row(st.s));
        }
        return out;
    }

    core::Expected<void> remove(const std::string& id) override {
        std::lock_guard lock(m_mu);
        Stmt st;
        if (sqlite3_prepare_v2(m_db, "DELETE FROM submissions WHERE id=?1", -1, &st.s, nullptr) != SQLITE_OK)
            return fail("prepare DELETE");
        bind(st.s, 1, id);
        if (sqlite3_step(st.s) != SQLITE_DONE) return fail("DELETE");
        return {};
    }

private:
    static void bind(sqlite3_stmt* s, int i, const std::string& v) {
        sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    }
    static std::string text(sqlite3_stmt* s, int i) {
        const auto* p = sqlite3_column_text(s, i);
        return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(s, i)))
                 : std::string();
    }
    static Submission read_row(sqlite3_stmt* s) {
        Submission r;
        r.id = text(s, 0);
        r.sender = text(s, 1);
        r.idempotency_key = text(s, 2);
        r.format = text(s, 3);
        r.digest = text(s, 4);
        r.size = static_cast<std::uint64_t>(sqlite3_column_int64(s, 5));
        r.records = static_cast<std::uint64_t>(sqlite3_column_int64(s, 6));
        r.status = text(s, 7);
        r.received_at = text(s, 8);
        r.path = text(s, 9);
        r.receipt = text(s, 10);
        return r;
    }

    core::Expected<std::optional<Submission>> select_one(const std::string& sql, const std::string& a,
                                                         const std::optional<std::string>& b) {
        Stmt st;
        if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &st.s, nullptr) != SQLITE_OK) return fail("prepare SELECT");
        bind(st.s, 1, a);
        if (b) bind(st.s, 2, *b);
        int rc = sqlite3_step(st.s);
        if (rc == SQLITE_DONE) return std::optional<Submission>{};
        if (rc != SQLITE_ROW) return fail("SELECT");
        return std::optional<Submission>{read_row(st.s)};
    }

    core::Expected<void> exec(const char* sql) {
        char* msg = nullptr;
        if (sqlite3_exec(m_db, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
            std::string m = msg ? msg : sqlite3_errmsg(m_db);
            sqlite3_free(msg);
            return io_error(m);
        }
        return {};
    }

    Error fail(const char* what) const { return io_error(std::string(what) + ": " + sqlite3_errmsg(m_db)); }

    Error io_error(const std::string& reason) const {
        int code = sqlite3_errcode(m_db);
        // A busy or locked database is a temporary condition (503 upstream).
        Exit exit = (code == SQLITE_BUSY || code == SQLITE_LOCKED) ? Exit::temp_fail : Exit::io;
        Error e{exit, trf("ledger '{path}': {reason}", fmt::arg("path", m_path), fmt::arg("reason", reason))};
        e.rule = "ledger";
        return e;
    }

    sqlite3* m_db;
    std::string m_path;
    std::mutex m_mu;
};

}  // namespace

core::Expected<std::unique_ptr<Ledger>> open_sqlite_ledger(const std::string& path) {
    sqlite3* db = nullptr;
    int rc =
        sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string reason = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close_v2(db);
        Error e{Exit::cant_create,
                trf("cannot open ledger '{path}': {reason}", fmt::arg("path", path), fmt::arg("reason", reason))};
        e.rule = "ledger";
        return e;
    }
    sqlite3_busy_timeout(db, 10000);
    auto ledger = std::make_unique<SqliteLedger>(db, path);
    if (auto r = ledger->init(); !r) return std::move(r).error();
    return std::unique_ptr<Ledger>(std::move(ledger));
}

}  // namespace adx::transport

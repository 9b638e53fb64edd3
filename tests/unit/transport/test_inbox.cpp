// SPDX-License-Identifier: Apache-2.0
// The inbox: names that end up in paths (sender, extension) and the crash
// consistency of storing with the ledger (recovery).

#include "serve_fixture.hpp"
#include "transport/inbox.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace adx;
using namespace adx::transport;
using adx::transport::test::ScratchDir;
namespace fs = std::filesystem;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::size_t count_files(const std::string& dir) {
    std::size_t n = 0;
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(dir, ec))
        if (e.is_regular_file()) ++n;
    return n;
}

Submission row_for(const Spool& body, const std::string& sender, const std::string& ext) {
    Submission r;
    r.id = "0123456789abcdef0123456789abcdef";
    r.sender = sender;
    r.idempotency_key = crypto::hex(body.sha256());
    r.format = "enterprise-filing";
    r.digest = "sha-256:" + r.idempotency_key;
    r.size = body.size();
    r.status = "accepted";
    r.received_at = "2026-11-27T02:00:00Z";
    r.receipt = "h.p.s";
    r.path = Inbox::relative_path(r, ext, r.idempotency_key);
    return r;
}

}  // namespace

TEST_CASE("sender names are a strict whitelist", "[transport][inbox]") {
    CHECK(valid_sender("91310116MA1H4PLY6L"));
    CHECK(valid_sender("district-a.node_1"));
    CHECK(valid_sender(std::string(64, 'x')));
    CHECK_FALSE(valid_sender(std::string(65, 'x')));
    CHECK_FALSE(valid_sender(""));
    CHECK_FALSE(valid_sender("."));
    CHECK_FALSE(valid_sender(".."));
    CHECK_FALSE(valid_sender("../x"));
    CHECK_FALSE(valid_sender("a/b"));
    CHECK_FALSE(valid_sender("a\\b"));
    CHECK_FALSE(valid_sender("a b"));
    CHECK_FALSE(valid_sender(std::string("a\0b", 3)));
    CHECK_FALSE(valid_sender("示例区"));
    CHECK_FALSE(valid_sender("x%2F.."));
}

TEST_CASE("extensions come from a sanitised file name", "[transport][inbox]") {
    CHECK(ext_from_filename("filings.CSV") == "csv");
    CHECK(ext_from_filename("dir/report.2026.xml") == "xml");
    CHECK(ext_from_filename("../../x") == "bin");
    CHECK(ext_from_filename("../../etc/passwd") == "bin");
    CHECK(ext_from_filename("a.b/c") == "bin");
    CHECK(ext_from_filename("x.../") == "bin");
    CHECK(ext_from_filename("x./..") == "bin");
    CHECK(ext_from_filename("x.abcdefghi") == "bin");
    CHECK(ext_from_filename("x.a-b") == "bin");
    CHECK(ext_from_filename("x.") == "bin");
    CHECK(ext_from_filename("") == "bin");
    CHECK(ext_from_filename("..\\..\\x.json") == "json");
    CHECK(ext_from_filename("x.js%00on") == "bin");
}

TEST_CASE("store writes document, meta and receipt, a duplicate stores nothing", "[transport][inbox]") {
    ScratchDir dir;
    auto inbox = Inbox::open(dir / "inbox");
    REQUIRE(inbox);
    auto ledger = open_sqlite_ledger(dir / "ledger.db");
    REQUIRE(ledger);
    auto body = inbox->spool();
    REQUIRE(body);
    REQUIRE(body->write("uscc,name\n"));
    REQUIRE(body->write("91310116MA1H4PLY6L,x\n"));
    REQUIRE(body->finish());
    auto row = row_for(*body, "S1", "csv");
    auto r = inbox->store(**ledger, row, *body, "{\"meta\":1}\n", "h.p.s");
    REQUIRE(r);
    CHECK(r->inserted);
    std::string doc = dir / ("inbox/" + row.path);
    CHECK(slurp(doc) == "uscc,name\n91310116MA1H4PLY6L,x\n");
    CHECK(slurp(doc + ".meta.json") == "{\"meta\":1}\n");
    CHECK(slurp(doc + ".receipt.jws") == "h.p.s");
    CHECK(count_files(dir / "inbox/.tmp") == 0);

    auto again = inbox->spool();
    REQUIRE(again);
    REQUIRE(again->write("uscc,name\n91310116MA1H4PLY6L,x\n"));
    REQUIRE(again->finish());
    auto row2 = row_for(*again, "S1", "csv");
    row2.id = "ffffffffffffffffffffffffffffffff";
    auto dup = inbox->store(**ledger, row2, *again, "{}", "other");
    REQUIRE(dup);
    CHECK_FALSE(dup->inserted);
    CHECK(dup->row.id == row.id);
    CHECK(slurp(doc + ".receipt.jws") == "h.p.s");
    CHECK(count_files(dir / "inbox") == 4);  // 3 stored + the second spool, still open
}

TEST_CASE("recovery removes files without a row and rows without files", "[transport][inbox]") {
    ScratchDir dir;
    auto inbox = Inbox::open(dir / "inbox");
    REQUIRE(inbox);
    auto ledger = open_sqlite_ledger(dir / "ledger.db");
    REQUIRE(ledger);
    auto body = inbox->spool();
    REQUIRE(body);
    REQUIRE(body->write("a,b\n1,2\n"));
    REQUIRE(body->finish());
    auto row = row_for(*body, "S1", "csv");
    row.receipt = "receipt";
    REQUIRE(inbox->store(**ledger, row, *body, "{}", row.receipt));
    std::string doc = dir / ("inbox/" + row.path);

    // A crash after the renames, before COMMIT: files of another document, no row.
    fs::create_directories(dir / "inbox/S2/2026-11-27");
    std::ofstream(dir / "inbox/S2/2026-11-27/abc.csv") << "x";
    std::ofstream(dir / "inbox/S2/2026-11-27/abc.csv.meta.json") << "{}";
    std::ofstream(dir / "inbox/S2/2026-11-27/abc.csv.receipt.jws") << "r";
    std::ofstream(dir / "inbox/.tmp/body-123456") << "partial";
    // A receipt file lost: rewritten from the ledger.
    fs::remove(doc + ".receipt.jws");

    auto rep = inbox->recover(**ledger);
    REQUIRE(rep);
    CHECK(rep->temporaries == 1);
    CHECK(rep->orphan_files == 3);
    CHECK(rep->lost_rows == 0);
    CHECK(rep->receipts_rewritten == 1);
    CHECK(slurp(doc + ".receipt.jws") == "receipt");
    CHECK(fs::exists(doc));
    CHECK_FALSE(fs::exists(dir / "inbox/S2/2026-11-27/abc.csv"));

    // The document itself lost: the row goes, so that a retry stores it again.
    fs::remove(doc);
    auto rep2 = inbox->recover(**ledger);
    REQUIRE(rep2);
    CHECK(rep2->lost_rows == 1);
    auto gone = (*ledger)->find("S1", row.idempotency_key);
    REQUIRE(gone);
    CHECK_FALSE(*gone);
    CHECK_FALSE(fs::exists(doc + ".meta.json"));
}

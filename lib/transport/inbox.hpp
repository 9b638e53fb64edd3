// SPDX-License-Identifier: Apache-2.0
#pragma once
// The receiver's inbox: accepted documents, stored atomically as
//
//   INBOX/SENDER/YYYY-MM-DD/DIGESTHEX.EXT             the document, byte for byte
//   INBOX/SENDER/YYYY-MM-DD/DIGESTHEX.EXT.meta.json   what the receiver knew about it
//   INBOX/SENDER/YYYY-MM-DD/DIGESTHEX.EXT.receipt.jws the signed receipt
//   INBOX/.tmp/                                        bodies being received, files being stored
//
// SENDER passes valid_sender() (never mapped: anything else is refused) and
// EXT comes from ext_from_filename(); nothing the client sends is used as a
// path otherwise.
//
// Crash consistency between the files and the ledger, in this order:
//   1. the body is spooled to .tmp/ and fsynced while it is received; the
//      meta and receipt are written to .tmp/ and fsynced
//   2. BEGIN IMMEDIATE; the row is inserted (a conflict: the temporaries go,
//      the existing row is the answer)
//   3. rename meta, receipt, then the document into INBOX/SENDER/DATE/
//   4. fsync of that directory (and of SENDER/ and INBOX/ when created)
//   5. COMMIT
// A crash before 5 leaves files without a row (the sender never got a
// receipt and will retry); a row never exists without its files, since they
// were durable before the COMMIT. recover(), run at every start, removes
// .tmp/, files without a row, and rows without their document (only
// possible when files were lost behind adx's back; logged as errors, so
// that a retry stores the document again), and rewrites a missing receipt
// file from the ledger.
//
// Fault injection for tests: ADX_FAULT=NAME makes the process _exit(99) at
// the point NAME: after-temp, after-insert, after-rename, before-commit,
// after-commit.

#include "core/error.hpp"
#include "crypto/digest.hpp"
#include "transport/ledger.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace adx::transport {

// [A-Za-z0-9._-]{1,64}, and not "." or "..".
bool valid_sender(std::string_view sender) noexcept;

// The stored extension for an original file name (Adx-Filename): the part
// after the last "." of its last path component, lower-cased, when it is
// 1 to 8 of [A-Za-z0-9]; otherwise "bin".
std::string ext_from_filename(std::string_view filename);

// Exits the process with status 99 when ADX_FAULT names this point.
void fault_point(std::string_view name);

// A request body being received: a temporary file in INBOX/.tmp, digested
// (SHA-256 and SHA-512) as it is written. Removed on destruction unless the
// inbox took it.
class Spool {
public:
    Spool(Spool&& other) noexcept;
    Spool& operator=(Spool&&) = delete;
    Spool(const Spool&) = delete;
    Spool& operator=(const Spool&) = delete;
    ~Spool();

    core::Expected<void> write(std::string_view data);
    // fsync; call once, after the last write.
    core::Expected<void> finish();

    const std::string& path() const noexcept { return m_path; }
    std::uint64_t size() const noexcept { return m_size; }
    const crypto::Bytes& sha256() const noexcept { return m_sha256; }  // after finish()
    const crypto::Bytes& sha512() const noexcept { return m_sha512; }
    void release() noexcept { m_path.clear(); }  // the file was renamed away

private:
    friend class Inbox;
    Spool(int fd, std::string path);
    int m_fd = -1;
    std::string m_path;
    std::uint64_t m_size = 0;
    crypto::Digest m_d256{crypto::DigestAlg::sha256};
    crypto::Digest m_d512{crypto::DigestAlg::sha512};
    crypto::Bytes m_sha256, m_sha512;
};

struct RecoveryReport {
    std::uint64_t temporaries = 0;   // files removed from .tmp
    std::uint64_t orphan_files = 0;  // files without a row, removed
    std::uint64_t lost_rows = 0;     // rows without their document, removed
    std::uint64_t receipts_rewritten = 0;
};

class Inbox {
public:
    // Creates dir and dir/.tmp if needed. Exit::cant_create otherwise.
    static core::Expected<Inbox> open(const std::string& dir);

    const std::string& dir() const noexcept { return m_dir; }
    core::Expected<Spool> spool() const;

    // The path of a document relative to the inbox: SENDER/DATE/DIGESTHEX.EXT
    // (DATE: the first 10 characters of received_at).
    static std::string relative_path(const Submission& row, std::string_view ext, std::string_view digest_hex);

    // Stores body (finished) with its meta and receipt under row.path and
    // records row in the ledger, in the order above. A conflict returns the
    // existing row and stores nothing.
    core::Expected<InsertResult> store(Ledger& ledger, const Submission& row, Spool& body, std::string_view meta,
                                       std::string_view receipt) const;

    core::Expected<RecoveryReport> recover(Ledger& ledger) const;

private:
    explicit Inbox(std::string dir) : m_dir(std::move(dir)) {}
    core::Expected<std::string> write_temp(std::string_view data) const;
    std::string m_dir;
};

}  // namespace adx::transport

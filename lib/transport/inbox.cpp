// SPDX-License-Identifier: Apache-2.0
#include "transport/inbox.hpp"

#include "core/i18n.hpp"
#include "core/log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <set>
#include <sys/stat.h>
#include <vector>

namespace adx::transport {

namespace fs = std::filesystem;
using core::Error;
using core::Exit;
using core::trf;

namespace {

Error sys_error(Exit code, const std::string& what, const std::string& path, int err) {
    Error e{code, trf("{what} '{path}': {reason}", fmt::arg("what", what), fmt::arg("path", path),
                      fmt::arg("reason", std::strerror(err)))};
    e.rule = "inbox";
    return e;
}

core::Expected<void> fsync_dir(const std::string& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return sys_error(Exit::io, "cannot open directory", dir, errno);
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0) return sys_error(Exit::io, "cannot sync directory", dir, err);
    return {};
}

// mkdir that fsyncs the parent when it created the directory.
core::Expected<void> make_dir(const std::string& dir) {
    if (::mkdir(dir.c_str(), 0750) == 0) return fsync_dir(fs::path(dir).parent_path().string());
    if (errno == EEXIST) {
        struct stat st {};
        if (::lstat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return {};
        return sys_error(Exit::cant_create, "cannot create directory", dir, ENOTDIR);
    }
    return sys_error(Exit::cant_create, "cannot create directory", dir, errno);
}

bool is_alnum(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

constexpr std::string_view k_meta_suffix = ".meta.json";
constexpr std::string_view k_receipt_suffix = ".receipt.jws";

bool ends_with(std::string_view s, std::string_view suffix) noexcept {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

bool valid_sender(std::string_view sender) noexcept {
    if (sender.empty() || sender.size() > 64 || sender == "." || sender == "..") return false;
    for (char c : sender)
        if (!is_alnum(c) && c != '.' && c != '_' && c != '-') return false;
    return true;
}

std::string ext_from_filename(std::string_view filename) {
    if (auto slash = filename.find_last_of("/\\"); slash != std::string_view::npos) filename.remove_prefix(slash + 1);
    auto dot = filename.rfind('.');
    if (dot == std::string_view::npos) return "bin";
    std::string_view ext = filename.substr(dot + 1);
    if (ext.empty() || ext.size() > 8) return "bin";
    std::string out;
    for (char c : ext) {
        if (!is_alnum(c)) return "bin";
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return out;
}

void fault_point(std::string_view name) {
    static const char* fault = std::getenv("ADX_FAULT");
    if (fault && name == fault) ::_exit(99);
}

Spool::Spool(int fd, std::string path) : m_fd(fd), m_path(std::move(path)) {}

Spool::Spool(Spool&& other) noexcept
    : m_fd(other.m_fd),
      m_path(std::move(other.m_path)),
      m_size(other.m_size),
      m_d256(std::move(other.m_d256)),
      m_d512(std::move(other.m_d512)),
      m_sha256(std::move(other.m_sha256)),
      m_sha512(std::move(other.m_sha512)) {
    other.m_fd = -1;
    other.m_path.clear();
}

Spool::~Spool() {
    if (m_fd >= 0) ::close(m_fd);
    if (!m_path.empty()) ::unlink(m_path.c_str());
}

core::Expected<void> Spool::write(std::string_view data) {
    m_d256.update(data);
    m_d512.update(data);
    m_size += data.size();
    while (!data.empty()) {
        ssize_t n = ::write(m_fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return sys_error(Exit::io, "cannot write", m_path, errno);
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
}

core::Expected<void> Spool::finish() {
    m_sha256 = m_d256.finish();
    m_sha512 = m_d512.finish();
    if (::fsync(m_fd) != 0) return sys_error(Exit::io, "cannot sync", m_path, errno);
    ::close(m_fd);
    m_fd = -1;
    return {};
}

core::Expected<Inbox> Inbox::open(const std::string& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return sys_error(Exit::cant_create, "cannot create inbox", dir, ec.value());
    if (auto r = make_dir(dir + "/.tmp"); !r) return std::move(r).error();
    return Inbox(dir);
}

core::Expected<Spool> Inbox::spool() const {
    std::string tmpl = m_dir + "/.tmp/body-XXXXXX";
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) return sys_error(Exit::cant_create, "cannot create", tmpl, errno);
    ::fchmod(fd, 0640);
    return Spool(fd, tmpl);
}

core::Expected<std::string> Inbox::write_temp(std::string_view data) const {
    std::string tmpl = m_dir + "/.tmp/file-XXXXXX";
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) return sys_error(Exit::cant_create, "cannot create", tmpl, errno);
    ::fchmod(fd, 0640);
    std::string_view rest = data;
    while (!rest.empty()) {
        ssize_t n = ::write(fd, rest.data(), rest.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            int err = errno;
            ::close(fd);
            ::unlink(tmpl.c_str());
            return sys_error(Exit::io, "cannot write", tmpl, err);
        }
        rest.remove_prefix(static_cast<std::size_t>(n));
    }
    if (::fsync(fd) != 0) {
        int err = errno;
        ::close(fd);
        ::unlink(tmpl.c_str());
        return sys_error(Exit::io, "cannot sync", tmpl, err);
    }
    ::close(fd);
    return tmpl;
}

std::string Inbox::relative_path(const Submission& row, std::string_view ext, std::string_view digest_hex) {
    return row.sender + "/" + row.received_at.substr(0, 10) + "/" + std::string(digest_hex) + "." + std::string(ext);
}

core::Expected<InsertResult> Inbox::store(Ledger& ledger, const Submission& row, Spool& body, std::string_view meta,
                                          std::string_view receipt) const {
    auto meta_tmp = write_temp(meta);
    if (!meta_tmp) return std::move(meta_tmp).error();
    auto receipt_tmp = write_temp(receipt);
    if (!receipt_tmp) {
        ::unlink(meta_tmp->c_str());
        return std::move(receipt_tmp).error();
    }
    fault_point("after-temp");
    std::string doc = m_dir + "/" + row.path;
    std::string date_dir = fs::path(doc).parent_path().string();
    std::string sender_dir = fs::path(date_dir).parent_path().string();
    std::vector<std::string> renamed;
    auto move_in = [&]() -> core::Expected<void> {
        fault_point("after-insert");
        if (auto r = make_dir(sender_dir); !r) return r;
        if (auto r = make_dir(date_dir); !r) return r;
        const std::pair<std::string, std::string> moves[] = {{*meta_tmp, doc + std::string(k_meta_suffix)},
                                                             {*receipt_tmp, doc + std::string(k_receipt_suffix)},
                                                             {body.path(), doc}};
        for (const auto& [from, to] : moves) {
            if (::rename(from.c_str(), to.c_str()) != 0) return sys_error(Exit::io, "cannot store", to, errno);
            renamed.push_back(to);
        }
        body.release();
        fault_point("after-rename");
        if (auto r = fsync_dir(date_dir); !r) return r;
        fault_point("before-commit");
        return {};
    };
    auto result = ledger.insert_if_absent(row, move_in);
    if (!result || !result->inserted) {
        // Rolled back or a duplicate: nothing of this request stays.
        for (const auto& f : renamed) ::unlink(f.c_str());
        ::unlink(meta_tmp->c_str());
        ::unlink(receipt_tmp->c_str());
        return result;
    }
    fault_point("after-commit");
    return result;
}

core::Expected<RecoveryReport> Inbox::recover(Ledger& ledger) const {
    RecoveryReport rep;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(m_dir + "/.tmp", ec)) {
        if (fs::remove(entry.path(), ec)) ++rep.temporaries;
    }
    auto rows = ledger.list_stored();
    if (!rows) return std::move(rows).error();
    std::set<std::string, std::less<>> known;
    for (const auto& r : *rows) known.insert(r.path);
    // Files without a row: SENDER/DATE/FILE, nothing else is ours.
    for (const auto& sender : fs::directory_iterator(m_dir, ec)) {
        std::string sname = sender.path().filename().string();
        if (sname == ".tmp" || !sender.is_directory() || !valid_sender(sname)) continue;
        for (const auto& day : fs::directory_iterator(sender.path(), ec)) {
            if (!day.is_directory()) continue;
            for (const auto& file : fs::directory_iterator(day.path(), ec)) {
                std::string name = file.path().filename().string();
                std::string base = name;
                if (ends_with(name, k_meta_suffix))
                    base.resize(name.size() - k_meta_suffix.size());
                else if (ends_with(name, k_receipt_suffix))
                    base.resize(name.size() - k_receipt_suffix.size());
                std::string rel = sname + "/" + day.path().filename().string() + "/" + base;
                if (known.count(rel)) continue;
                if (fs::remove(file.path(), ec)) {
                    ++rep.orphan_files;
                    core::log().warning(Error{Exit::io, trf("recovery: removed '{path}': no ledger entry",
                                                            fmt::arg("path", file.path().string()))});
                }
            }
        }
    }
    for (const auto& r : *rows) {
        std::string doc = m_dir + "/" + r.path;
        if (!fs::exists(doc, ec)) {
            if (auto x = ledger.remove(r.id); !x) return std::move(x).error();
            fs::remove(doc + std::string(k_meta_suffix), ec);
            fs::remove(doc + std::string(k_receipt_suffix), ec);
            ++rep.lost_rows;
            Error e{Exit::io, trf("recovery: submission {id}: document '{path}' is missing; ledger entry removed",
                                  fmt::arg("id", r.id), fmt::arg("path", doc))};
            e.rule = "inbox-lost";
            core::log().error(e);
            continue;
        }
        std::string receipt = doc + std::string(k_receipt_suffix);
        if (!fs::exists(receipt, ec)) {
            auto tmp = write_temp(r.receipt);
            if (!tmp) return std::move(tmp).error();
            if (::rename(tmp->c_str(), receipt.c_str()) != 0)
                return sys_error(Exit::io, "cannot store", receipt, errno);
            ++rep.receipts_rewritten;
        }
    }
    return rep;
}

}  // namespace adx::transport

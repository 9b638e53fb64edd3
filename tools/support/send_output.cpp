// SPDX-License-Identifier: Apache-2.0
#include "tools/support/send_output.hpp"

#include "core/i18n.hpp"
#include "core/json_writer.hpp"
#include "core/log.hpp"

#include <unistd.h>

namespace adx::tools {

namespace {

using core::Exit;
using core::tr;
using core::trf;
using transport::Status;

void write_stderr(const std::string& s) {
    std::size_t off = 0;
    while (off < s.size()) {
        const ssize_t n = ::write(STDERR_FILENO, s.data() + off, s.size() - off);
        if (n <= 0) return;
        off += static_cast<std::size_t>(n);
    }
}

// Every JSON line has every key (adx-send(1), JSON REPORT).
struct Row {
    std::string file;
    const char* status = "failed";
    Exit exit = Exit::ok;
    int attempts = 0;
    long http_status = 0;
    const transport::Document* doc = nullptr;
    const transport::Receipt* receipt = nullptr;
    std::string receipt_path;
    std::string remote;
    const core::Error* error = nullptr;
    std::int64_t ms = 0;
};

std::string json_row(const Row& r, const transport::Destination& dest) {
    std::string out;
    core::JsonWriter w(out);
    auto text_or_null = [&](std::string_view k, const std::string& v) {
        w.key(k);
        v.empty() ? w.null() : w.value(v);
    };
    w.begin_object().field("file", r.file).field("destination", dest.url).field("transport", dest.transport->scheme);
    w.field("status", r.status).field("exit", static_cast<int>(r.exit)).field("attempts", r.attempts);
    w.key("http_status");
    r.http_status ? w.value(static_cast<std::int64_t>(r.http_status)) : w.null();
    w.key("size");
    r.doc ? w.value(r.doc->size) : w.null();
    text_or_null("digest", r.doc ? transport::receipt_digest(r.doc->sha256) : std::string());
    text_or_null("format", r.doc ? r.doc->format : std::string());
    text_or_null("submission_id", r.receipt ? r.receipt->submission_id : std::string());
    text_or_null("receipt", r.receipt_path);
    text_or_null("remote", r.remote);
    w.field("problem_count", r.receipt ? r.receipt->problem_count : std::uint64_t{0});
    w.key("problems").begin_array();
    if (r.receipt) {
        for (const auto& p : r.receipt->problems) {
            w.begin_object().field("rule", p.rule).field("message", p.message);
            w.key("line");
            p.line ? w.value(p.line) : w.null();
            w.key("record");
            p.record ? w.value(p.record) : w.null();
            text_or_null("field", p.field);
            w.end_object();
        }
    }
    w.end_array();
    w.field("ms", r.ms);
    w.key("error");
    if (r.error) {
        w.begin_object().field("rule", r.error->rule).field("message", r.error->message).end_object();
    } else {
        w.null();
    }
    w.end_object();
    out += '\n';
    return out;
}

std::string megabytes(std::uint64_t n) {
    return fmt::format("{:.1f} MB", static_cast<double>(n) / 1e6);
}

}  // namespace

SendPrinter::SendPrinter(Report report, const transport::Destination& dest)
    : m_report(report), m_dest(dest), m_out(core::unwrap(core::Output::open("-"))) {
    m_progress = ::isatty(STDERR_FILENO) && core::log().enabled(core::Severity::warning);
    m_started = std::chrono::steady_clock::now();
}

void SendPrinter::line(const std::string& s) {
    clear_progress();
    m_out.write(s);
    (void)m_out.flush();  // one line per file as it is done; a broken pipe shows in finish()
}

void SendPrinter::clear_progress() {
    if (!m_progress_shown) return;
    write_stderr("\r\033[K");
    m_progress_shown = false;
}

void SendPrinter::progress(const transport::Document& doc, std::uint64_t sent, std::uint64_t total) {
    const auto now = std::chrono::steady_clock::now();
    if (m_progress_doc != &doc) {
        m_progress_doc = &doc;
        m_started = now;
    }
    // Only for transfers that take more than a second, a few times a second.
    if (now - m_started < std::chrono::seconds(1) || now - m_last < std::chrono::milliseconds(200)) return;
    m_last = now;
    const double secs = std::chrono::duration<double>(now - m_started).count();
    const int pct = total ? static_cast<int>(sent * 100 / total) : 0;
    write_stderr(fmt::format("\r\033[K{}: {}% of {} ({}/s)", doc.path, pct, megabytes(total),
                             megabytes(static_cast<std::uint64_t>(static_cast<double>(sent) / secs))));
    m_progress_shown = true;
}

void SendPrinter::result(const transport::Document& doc, const transport::Outcome& out, const std::string& receipt,
                         std::int64_t ms) {
    const transport::Receipt* r = out.receipt ? &*out.receipt : nullptr;
    if (m_report == Report::json) {
        Row row;
        row.file = doc.path;
        row.status = transport::status_name(out.status);
        row.exit = out.exit;
        row.attempts = out.attempts;
        row.http_status = out.http_status;
        row.doc = &doc;
        row.receipt = r;
        row.receipt_path = receipt;
        row.remote = out.remote;
        row.ms = ms;
        if (out.status == Status::failed || out.status == Status::rejected) row.error = &out.error;
        line(json_row(row, m_dest));
        return;
    }
    const std::string kept =
        receipt.empty() ? tr("receipt not kept") : trf("receipt {path}", fmt::arg("path", receipt));
    switch (out.status) {
        case Status::accepted:
            line(trf("{file}: accepted, submission {id}, {receipt}\n", fmt::arg("file", doc.path),
                     fmt::arg("id", r->submission_id), fmt::arg("receipt", kept)));
            break;
        case Status::duplicate:
            if (r) {
                line(trf("{file}: accepted before (duplicate), submission {id}, {receipt}\n",
                         fmt::arg("file", doc.path), fmt::arg("id", r->submission_id), fmt::arg("receipt", kept)));
            } else {
                line(trf("{file}: already at {remote} with the same size ({size} bytes), not replaced\n",
                         fmt::arg("file", doc.path), fmt::arg("remote", out.remote), fmt::arg("size", doc.size)));
            }
            break;
        case Status::rejected:
            line(trf("{file}: rejected ({n} problems), submission {id}, {receipt}\n", fmt::arg("file", doc.path),
                     fmt::arg("n", r->problem_count), fmt::arg("id", r->submission_id), fmt::arg("receipt", kept)));
            break;
        case Status::delivered:
            line(trf("{file}: delivered to {remote} ({size} bytes, size checked; no receipt over SFTP)\n",
                     fmt::arg("file", doc.path), fmt::arg("remote", out.remote), fmt::arg("size", doc.size)));
            break;
        case Status::failed:
            line(trf("{file}: not delivered ({name}, exit {code})\n", fmt::arg("file", doc.path),
                     fmt::arg("name", core::exit_name(out.exit)), fmt::arg("code", static_cast<int>(out.exit))));
            break;
    }
}

void SendPrinter::failed(const std::string& file, const core::Error& e) {
    if (m_report == Report::json) {
        Row row;
        row.file = file;
        row.exit = e.code;
        row.error = &e;
        line(json_row(row, m_dest));
        return;
    }
    line(trf("{file}: not delivered ({name}, exit {code})\n", fmt::arg("file", file),
             fmt::arg("name", core::exit_name(e.code)), fmt::arg("code", static_cast<int>(e.code))));
}

void SendPrinter::skipped(const std::string& file) {
    if (m_report == Report::json) {
        Row row;
        row.file = file;
        row.status = "skipped";
        line(json_row(row, m_dest));
        return;
    }
    line(trf("{file}: not tried after the failure above\n", fmt::arg("file", file)));
}

void SendPrinter::problems(const transport::Document& doc, const transport::Receipt& r) {
    clear_progress();
    for (const auto& p : r.problems) {
        core::Error e{Exit::data, p.message};
        e.rule = p.rule;
        e.where.file = doc.path;
        e.where.line = p.line;
        e.where.record = p.record;
        e.where.field = p.field;
        core::log().error(e);
    }
    if (r.problem_count > r.problems.size()) {
        core::Error e{Exit::data, trf("{n} more problems not listed in the receipt",
                                      fmt::arg("n", r.problem_count - r.problems.size()))};
        e.where.file = doc.path;
        core::log().error(e);
    }
}

core::Expected<void> SendPrinter::finish() {
    clear_progress();
    return m_out.commit();
}

}  // namespace adx::tools

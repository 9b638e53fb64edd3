// SPDX-License-Identifier: Apache-2.0
// What adx serve checks in a body: its signature, then its records.

#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "core/input.hpp"
#include "jws/jws.hpp"
#include "records/reader.hpp"
#include "transport/receiver.hpp"
#include "validate/validator.hpp"
#include "xmldsig/xmldsig.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sys/mman.h>
#include <sys/stat.h>

namespace adx::transport {

using core::Error;
using core::Exit;
using core::tr;
using core::trf;

namespace {

// A read-only view of a file (the spooled body).
class Mapped {
public:
    ~Mapped() {
        if (m_data) ::munmap(m_data, m_size);
    }
    core::Expected<void> map(const std::string& path, std::uint64_t size) {
        if (size == 0) return {};
        int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return Error{Exit::io, trf("cannot read '{path}': {reason}", fmt::arg("path", path),
                                       fmt::arg("reason", std::strerror(errno)))};
        void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        ::close(fd);
        if (p == MAP_FAILED)
            return Error{Exit::io, trf("cannot map '{path}': {reason}", fmt::arg("path", path),
                                       fmt::arg("reason", std::strerror(errno)))};
        m_data = p;
        m_size = size;
        return {};
    }
    std::string_view view() const noexcept { return {static_cast<const char*>(m_data), m_size}; }

private:
    void* m_data = nullptr;
    std::size_t m_size = 0;
};

// Collects the first problems for the receipt.
class CollectReport final : public validate::Report {
public:
    explicit CollectReport(std::vector<ReceiptProblem>& out) : m_out(out) {}
    void begin_file(const std::string&) override {}
    void diagnostic(const validate::Diagnostic& d) override {
        if (d.severity != core::Severity::error || m_out.size() >= k_max_listed_problems) return;
        m_out.push_back(ReceiptProblem{d.rule, d.message, d.line, d.record, d.field});
    }
    void end_file(const validate::FileSummary& s) override { m_summary = s; }
    void finish(bool) override {}
    validate::FileSummary m_summary;

private:
    std::vector<ReceiptProblem>& m_out;
};

records::Syntax sniff_syntax(std::string_view head, std::string_view filename) {
    records::Syntax s = records::Syntax::csv;
    if (!filename.empty() && records::syntax_from_path(filename, s)) return s;
    if (xmldsig::looks_like_xml(head)) return records::Syntax::xml;
    std::size_t i = 0;
    if (head.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) ++i;
    if (i < head.size() && (head[i] == '[' || head[i] == '{')) return records::Syntax::json;
    return records::Syntax::csv;
}

ReceiptProblem problem_of(const Error& e) {
    return ReceiptProblem{e.rule.empty() ? "signature" : e.rule, e.message, e.where.line, e.where.record,
                          e.where.field};
}

// An anonymous file holding bytes, readable as a core::Input.
}  // namespace

core::Expected<BodyVerdict> check_body(const ReceiverConfig& config, const schema::Format& format,
                                       const std::string& body_path, std::uint64_t size, bool require_signature,
                                       std::optional<std::string_view> detached_jws, std::string_view filename) {
    BodyVerdict v;
    Mapped body;
    if (auto r = body.map(body_path, size); !r) return std::move(r).error();
    std::string_view bytes = body.view();
    bool is_xml = xmldsig::looks_like_xml(bytes.substr(0, 4096));

    if (require_signature || detached_jws) {
        auto reject = [&](ReceiptProblem p) {
            v.problems.push_back(std::move(p));
            v.problem_count = 1;
            v.signature_problem = true;
            return v;
        };
        if (!config.trust)
            return reject({"no-trust", tr("the receiver has no trust store for document signatures"), 0, 0, {}});
        core::Expected<crypto::SignerInfo> signer = Error{};
        if (detached_jws) {
            jws::VerifyOptions opts{*config.trust};
            opts.opts = config.sig_opts;
            opts.name = std::string(k_hdr_signature);
            signer = jws::verify_detached(*detached_jws, bytes, opts);
        } else if (is_xml) {
            xmldsig::VerifyOptions opts{*config.trust};
            opts.opts = config.sig_opts;
            opts.max_bytes = config.max_body;
            signer = xmldsig::verify("document", bytes, opts);
        } else {
            return reject(
                {"no-signature",
                 tr("a signature is required: an enveloped XML signature, or a detached JWS in Adx-Signature"),
                 0,
                 0,
                 {}});
        }
        if (!signer) return reject(problem_of(signer.error()));
        v.signer = signer->subject;
    }

    // Records: the XML reader skips the enveloped ds:Signature of a signed document.
    auto input = core::Input::open(body_path);
    if (!input) return std::move(input).error();

    validate::Options options;
    options.max_errors = k_max_listed_problems;
    auto today = core::today();
    auto now = core::now();
    if (!today) return std::move(today).error();
    if (!now) return std::move(now).error();
    options.today = *today;
    options.now = now->time_since_epoch().count();
    CollectReport report(v.problems);
    validate::Validator validator(format, options, report);
    auto summary = validator.validate(*input, sniff_syntax(bytes.substr(0, 4096), filename));
    if (!summary) return std::move(summary).error();
    v.records = summary->records;
    v.problem_count = validator.errors();
    return v;
}

}  // namespace adx::transport

// SPDX-License-Identifier: Apache-2.0
#include "transport/receiver.hpp"

#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "core/json_writer.hpp"
#include "jws/jws.hpp"

#include <algorithm>

namespace adx::transport {

using core::Error;
using core::Exit;
using core::tr;
using core::trf;

namespace {

// The one value of a header that may appear once; error text when repeated.
std::optional<std::string_view> single(const Headers& h, std::string_view name, bool& repeated) {
    auto v = header_values(h, name);
    if (v.size() > 1) repeated = true;
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::string meta_json(const Submission& row, const RequestHead& head, std::string_view filename,
                      std::string_view signer) {
    std::string out;
    core::JsonWriter w(out);
    w.begin_object()
        .field("submission_id", row.id)
        .field("sender", row.sender)
        .field("subject", head.who.subject)
        .field("format", row.format)
        .field("digest", row.digest)
        .field("size", row.size)
        .field("records", row.records)
        .field("received_at", row.received_at)
        .field("status", row.status)
        .field("filename", filename)
        .field("signer", signer)
        .end_object();
    out.push_back('\n');
    return out;
}

}  // namespace

Response Receiver::problem(int status, std::string detail, std::string rule) {
    Response r;
    r.status = status;
    r.content_type = "application/problem+json";
    r.body = problem_json(status, detail, rule);
    r.rule = std::move(rule);
    return r;
}

core::Expected<std::unique_ptr<Receiver>> Receiver::open(ReceiverConfig config) {
    auto inbox = Inbox::open(config.inbox);
    if (!inbox) return std::move(inbox).error();
    auto ledger = open_sqlite_ledger(config.ledger);
    if (!ledger) return std::move(ledger).error();
    std::unique_ptr<Receiver> r(new Receiver(std::move(config), std::move(*inbox), std::move(*ledger)));
    auto rep = r->m_inbox.recover(*r->m_ledger);
    if (!rep) return std::move(rep).error();
    r->m_recovery = *rep;
    return r;
}

std::optional<Response> Receiver::admit(const RequestHead& head) {
    std::string id;
    Route route = route_of(head.path, &id);
    if (route == Route::unknown) return problem(404, tr("no such resource"), "not-found");
    if (route == Route::health) {
        if (head.method != "GET" && head.method != "HEAD") return problem(405, tr("use GET"), "method");
        Response r;
        r.status = 200;
        r.content_type = "application/json";
        r.body = "{\"status\":\"ok\"}\n";
        return r;
    }
    if (route == Route::submit && head.method != "POST") return problem(405, tr("use POST"), "method");
    if (route == Route::status && head.method != "GET") return problem(405, tr("use GET"), "method");
    if (!head.who.certificate) return problem(401, tr("a client certificate is required"), "no-client-cert");
    if (!head.who.trusted)
        return problem(401, trf("the client certificate is not trusted: {why}", fmt::arg("why", head.who.problem)),
                       "untrusted-client-cert");
    if (!valid_sender(head.who.sender)) {
        auto r = problem(403, tr("the certificate's sender name is not usable (letters, digits, '.', '_', '-')"),
                         "sender-name");
        return r;
    }
    auto policy = m_config.senders.find(head.who.sender);
    if (policy == m_config.senders.end()) {
        auto r = problem(403, trf("sender '{sender}' is not configured", fmt::arg("sender", head.who.sender)),
                         "unknown-sender");
        r.sender = head.who.sender;
        return r;
    }
    if (route == Route::status) {
        auto r = status_of(head, id);
        r.sender = head.who.sender;
        return r;
    }
    auto refuse = [&](int status, std::string detail, std::string rule) {
        auto r = problem(status, std::move(detail), std::move(rule));
        r.sender = head.who.sender;
        return std::optional<Response>(std::move(r));
    };
    bool repeated = false;
    auto format = single(head.headers, k_hdr_format, repeated);
    auto key = single(head.headers, k_hdr_idempotency, repeated);
    auto digest = single(head.headers, k_hdr_digest, repeated);
    (void)single(head.headers, k_hdr_filename, repeated);
    (void)single(head.headers, k_hdr_signature, repeated);
    if (repeated) return refuse(400, tr("a protocol header is repeated"), "header");
    if (!format || !key || !digest)
        return refuse(400, tr("Adx-Format, Idempotency-Key and Content-Digest are required"), "header");
    if (!m_config.formats.count(*format))
        return refuse(400, trf("unknown format '{format}'", fmt::arg("format", *format)), "unknown-format");
    const auto& allowed = policy->second.formats;
    if (std::find(allowed.begin(), allowed.end(), *format) == allowed.end())
        return refuse(403,
                      trf("sender '{sender}' may not submit format '{format}'", fmt::arg("sender", head.who.sender),
                          fmt::arg("format", *format)),
                      "format-not-allowed");
    if (!valid_idempotency_key(*key))
        return refuse(400, tr("Idempotency-Key must be the body's SHA-256 in 64 lowercase hex digits"),
                      "idempotency-key");
    if (auto d = parse_content_digest(*digest); !d) return refuse(400, d.error().message, "content-digest");
    if (head.content_length && *head.content_length > m_config.max_body)
        return refuse(413, trf("the body is larger than {max} bytes", fmt::arg("max", m_config.max_body)), "too-large");
    return std::nullopt;
}

Response Receiver::status_of(const RequestHead& head, const std::string& id) {
    auto row = m_ledger->get(id);
    if (!row) return problem(503, row.error().message, "ledger");
    if (!*row || (*row)->sender != head.who.sender) return problem(404, tr("no such submission"), "not-found");
    Response r;
    r.status = 200;
    r.content_type = "application/json";
    core::JsonWriter w(r.body);
    w.begin_object()
        .field("submission_id", (*row)->id)
        .field("status", (*row)->status)
        .field("receipt", (*row)->receipt)
        .end_object();
    r.body.push_back('\n');
    r.submission_id = id;
    return r;
}

Response Receiver::receipt_response(const Submission& row, int status) const {
    Response r;
    r.status = status;
    r.content_type = "application/jose";
    r.body = row.receipt;
    r.headers.emplace_back("Location", "/v1/submissions/" + row.id);
    r.headers.emplace_back(std::string(k_hdr_submission_id), row.id);
    r.sender = row.sender;
    r.submission_id = row.id;
    return r;
}

core::Expected<std::string> Receiver::sign_receipt(const ReceiptFacts& facts) const {
    jws::SignRequest req{m_config.sign_key};
    req.chain = m_config.sign_chain;
    req.opts = m_config.sig_opts;
    req.typ = std::string(k_receipt_typ);
    return jws::sign_compact(receipt_payload(facts), req);
}

Response Receiver::submit(const RequestHead& head, Spool& body) {
    auto refuse = [&](int status, std::string detail, std::string rule) {
        auto r = problem(status, std::move(detail), std::move(rule));
        r.sender = head.who.sender;
        return r;
    };
    bool repeated = false;
    std::string format{single(head.headers, k_hdr_format, repeated).value_or("")};
    std::string key{single(head.headers, k_hdr_idempotency, repeated).value_or("")};
    auto digest = parse_content_digest(single(head.headers, k_hdr_digest, repeated).value_or(""));
    std::string filename{single(head.headers, k_hdr_filename, repeated).value_or("")};
    auto jws_header = single(head.headers, k_hdr_signature, repeated);
    if (!digest) return refuse(400, digest.error().message, "content-digest");
    if (digest->sha256 != body.sha256() || (digest->sha512 && *digest->sha512 != body.sha512()))
        return refuse(400, tr("Content-Digest does not match the body"), "content-digest");
    std::string hex = crypto::hex(body.sha256());
    if (key != hex) return refuse(400, tr("Idempotency-Key is not the body's SHA-256"), "idempotency-key");

    auto seen = m_ledger->find(head.who.sender, key);
    if (!seen) return refuse(503, seen.error().message, "ledger");
    if (*seen) {
        auto r = receipt_response(**seen, (*seen)->status == "accepted" ? 200 : 422);
        r.rule = "duplicate";
        return r;
    }

    const auto& policy = m_config.senders.find(head.who.sender)->second;
    auto verdict = check_body(m_config, m_config.formats.at(format), body.path(), body.size(), policy.require_signature,
                              jws_header, filename);
    if (!verdict)
        return refuse(500, verdict.error().message, verdict.error().rule.empty() ? "internal" : verdict.error().rule);

    auto now = core::now();
    if (!now) return refuse(500, now.error().message, "clock");
    ReceiptFacts facts;
    facts.submission_id = new_submission_id();
    facts.sender = head.who.sender;
    facts.format = format;
    facts.digest_hex = hex;
    facts.size = body.size();
    facts.records = verdict->records;
    facts.received_at = core::format_utc(*now);
    facts.accepted = verdict->problem_count == 0;
    facts.problems = verdict->problems;
    facts.problem_count = verdict->problem_count;
    auto receipt = sign_receipt(facts);
    if (!receipt) return refuse(500, receipt.error().message, "receipt");

    Submission row;
    row.id = facts.submission_id;
    row.sender = facts.sender;
    row.idempotency_key = key;
    row.format = format;
    row.digest = "sha-256:" + hex;
    row.size = facts.size;
    row.records = facts.records;
    row.status = facts.accepted ? "accepted" : "rejected";
    row.received_at = facts.received_at;
    row.receipt = *receipt;
    core::Expected<InsertResult> stored = InsertResult{};
    if (facts.accepted) {
        row.path = Inbox::relative_path(row, ext_from_filename(filename), hex);
        stored = m_inbox.store(*m_ledger, row, body, meta_json(row, head, filename, verdict->signer), row.receipt);
    } else if (!verdict->signature_problem) {
        stored = m_ledger->insert_if_absent(row, {});
    } else {
        stored = InsertResult{true, row};  // not recorded: a retry is checked again
    }
    if (!stored) {
        Exit code = stored.error().code;
        return refuse(code == Exit::temp_fail ? 503 : 500, stored.error().message, "store");
    }
    if (!stored->inserted) {
        // A concurrent request with the same key won.
        auto r = receipt_response(stored->row, stored->row.status == "accepted" ? 200 : 422);
        r.rule = "duplicate";
        return r;
    }
    auto r = receipt_response(row, facts.accepted ? 201 : 422);
    if (!facts.accepted && !facts.problems.empty()) r.rule = facts.problems.front().rule;
    return r;
}

}  // namespace adx::transport

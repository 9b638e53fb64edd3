// SPDX-License-Identifier: Apache-2.0
#pragma once
// The receiving side of the protocol, without HTTP: given who is asking
// (the verified client certificate), the method, path and headers, and for a
// submission the spooled body, the status, headers and body of the answer.
// The server (server.hpp) only moves bytes and counts requests.
//
// Order of the checks (the first failing one answers; nothing is stored):
//   route and method                                        404 / 405
//   client certificate present, chain to client_ca          401 (rule no-client-cert, untrusted-client-cert)
//   sender id (credit code, else CN) valid as a file name   403 (rule sender-name)
//   sender configured ([senders.ID])                        403 (rule unknown-sender)
//   one of each protocol header; Adx-Format known           400 (rule header, unknown-format)
//   format allowed for the sender                           403 (rule format-not-allowed)
//   Idempotency-Key syntax, Content-Digest syntax           400 (rule idempotency-key, content-digest)
//   Content-Length over max_body                            413 (rule too-large)
// then the body is read (413 when it grows over max_body), and:
//   Content-Digest and Idempotency-Key equal the body's     400 (rule content-digest, idempotency-key)
//   (sender, key) seen before                               200 with the original receipt
//   signature (when required, or Adx-Signature given)       422 signed rejection receipt
//   validation against the format                           422 signed rejection receipt
//   stored, recorded                                        201 signed receipt
// Rejections by validation are recorded in the ledger too: the same key gets
// the same rejection receipt again (200 is reserved for "accepted before"; a
// repeated rejection answers 422 with the original receipt). Rejections by
// signature are not recorded: they depend on the Adx-Signature header and
// the trust store, not on the body alone, so a retry is checked again (its
// receipt's submission id is not kept: GET answers 404).

#include "core/config.hpp"
#include "core/error.hpp"
#include "crypto/cert.hpp"
#include "crypto/key.hpp"
#include "crypto/sign.hpp"
#include "crypto/trust.hpp"
#include "schema/format.hpp"
#include "transport/inbox.hpp"
#include "transport/ledger.hpp"
#include "transport/protocol.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace adx::transport {

struct SenderPolicy {
    std::vector<std::string> formats;
    bool require_signature = false;
};

struct ReceiverConfig {
    std::string inbox;
    std::string ledger;
    std::uint64_t max_body = 100ull << 20;
    bool require_signature = false;
    std::map<std::string, SenderPolicy, std::less<>> senders;
    std::optional<crypto::TrustStore> trust;  // document signatures
    crypto::PrivateKey sign_key;              // receipts
    std::vector<crypto::Certificate> sign_chain;
    crypto::SigOptions sig_opts;
    std::map<std::string, schema::Format, std::less<>> formats;  // every format adx knows, by name
};

// Who is asking, as the TLS layer established it.
struct Identity {
    bool certificate = false;  // a client certificate was presented
    bool trusted = false;      // and its chain leads to client_ca
    std::string sender;        // credit code, else CN
    std::string subject;
    std::string problem;  // why not trusted
};

struct RequestHead {
    std::string method;
    std::string path;
    Headers headers;
    Identity who;
    std::optional<std::uint64_t> content_length;
};

struct Response {
    int status = 500;
    std::string content_type;
    Headers headers;
    std::string body;
    // For the access log.
    std::string rule;
    std::string sender;
    std::string submission_id;
};

class Receiver {
public:
    // Opens the inbox and ledger and runs recovery (Inbox::recover).
    static core::Expected<std::unique_ptr<Receiver>> open(ReceiverConfig config);

    // Headers are in: the answer when the request is refused or needs no
    // body (GET), or nullopt when the body must be read and passed to submit().
    std::optional<Response> admit(const RequestHead& head);
    // A spool for the body, in the inbox's file system.
    core::Expected<Spool> spool() const { return m_inbox.spool(); }
    std::uint64_t max_body() const noexcept { return m_config.max_body; }
    // The body is in (spool finished, at most max_body bytes).
    Response submit(const RequestHead& head, Spool& body);
    // A response with a problem body.
    static Response problem(int status, std::string detail, std::string rule);
    const RecoveryReport& recovery() const noexcept { return m_recovery; }

private:
    Receiver(ReceiverConfig config, Inbox inbox, std::unique_ptr<Ledger> ledger)
        : m_config(std::move(config)), m_inbox(std::move(inbox)), m_ledger(std::move(ledger)) {}
    Response status_of(const RequestHead& head, const std::string& id);
    Response receipt_response(const Submission& row, int status) const;
    core::Expected<std::string> sign_receipt(const ReceiptFacts& facts) const;

    ReceiverConfig m_config;
    Inbox m_inbox;
    std::unique_ptr<Ledger> m_ledger;
    RecoveryReport m_recovery;
};

// Reads [serve] and [senders.*] of cfg (key files checked) into a config.
core::Expected<ReceiverConfig> receiver_config(const core::Config& cfg);

// Checks run on the spooled body (receiver_checks.cpp).
struct BodyVerdict {
    std::uint64_t records = 0;
    std::vector<ReceiptProblem> problems;
    std::uint64_t problem_count = 0;
    std::string signer;              // subject of a verified signature
    bool signature_problem = false;  // rejected for its signature (not recorded)
};
// Signature (when required or a detached JWS is given) then validation.
core::Expected<BodyVerdict> check_body(const ReceiverConfig& config, const schema::Format& format,
                                       const std::string& body_path, std::uint64_t size, bool require_signature,
                                       std::optional<std::string_view> detached_jws, std::string_view filename);

}  // namespace adx::transport

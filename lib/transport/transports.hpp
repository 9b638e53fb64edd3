// SPDX-License-Identifier: Apache-2.0
#pragma once
// Destinations, by URL scheme: one table (STYLE.md §7). Each record names
// its scheme, says what it does, checks a profile for it and opens a sender.
//
//   https   POST /v1/submissions with mutual TLS; a signed receipt back (adx-serve(1))
//   sftp    upload to a temporary name, rename, check the size; no receipt
//
// A Sender keeps its connection between documents (one libcurl handle), so
// that sending many files costs one TLS or SSH handshake.

#include "core/config.hpp"
#include "core/error.hpp"
#include "transport/retry.hpp"
#include "transport/submission.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace adx::transport {

struct Transport;

// A destination, read from an adx.toml profile (adx.toml(5)).
struct Destination {
    std::string profile;
    std::string url;
    const Transport* transport = nullptr;
    core::Location where;  // the profile's url line, for messages

    std::string client_cert;  // https: TLS client certificate (PEM)
    std::string client_key;   // https: its private key (mode 0600)
    std::string key_passphrase_file;
    std::string ca_bundle;    // https: CAs for the server's certificate; empty: the system's
    std::string trust;        // https: trust store for receipts
    std::string sm2_user_id;  // receipts signed with SM2
    std::string ssh_key;      // sftp: private key (mode 0600)
    std::string known_hosts;  // sftp: the server's host key must be listed here
    std::string format;       // default Adx-Format

    long connect_timeout = 15;    // seconds
    long timeout = 0;             // seconds per attempt; 0: no limit (the low-speed limit still applies)
    long low_speed_limit = 1024;  // bytes per second ...
    long low_speed_time = 120;    // ... for this many seconds aborts the attempt
    RetryPolicy retry;
};

// Reads a destination from a profile. The URL's scheme picks the transport,
// whose check() then vets the rest. Errors: Exit::config, located at the key.
// source names the configuration file (Config::source()) in messages.
core::Expected<Destination> destination_from(const core::Settings& profile, const std::string& source = {});

enum class Status {
    accepted,   // 201: new, receipt kept
    duplicate,  // 200: seen before, the original receipt kept
    rejected,   // 422: the receiver refused the document; receipt lists why
    delivered,  // sftp: stored and its size checked (no receipt)
    failed,     // see Outcome::error
};
const char* status_name(Status s) noexcept;  // "accepted", …

struct Outcome {
    Status status = Status::failed;
    core::Exit exit = core::Exit::software;
    long http_status = 0;  // last HTTP status; 0 for none (or sftp)
    int attempts = 0;
    std::string receipt_text;        // the compact JWS, as received
    std::optional<Receipt> receipt;  // checked
    std::string remote;              // sftp: where the file now is
    core::Error error;               // when failed
};

struct Hooks {
    // Before waiting to try again: what failed and how long the wait is.
    std::function<void(const Document&, const core::Error&, int attempt, Millis delay)> on_retry;
    // Bytes sent so far of total (at most a few times a second).
    std::function<void(const Document&, std::uint64_t sent, std::uint64_t total)> on_progress;
};

class Sender {
public:
    virtual ~Sender() = default;
    // Delivers doc, retrying temporary failures as dest.retry says. Never
    // throws; the outcome says what happened.
    virtual Outcome send(const Document& doc) = 0;
};

struct Transport {
    std::string_view scheme;  // "https"
    const char* summary;      // msgid
    // Checks what this scheme needs of a destination (Exit::config).
    core::Expected<void> (*check)(const Destination& dest);
    core::Expected<std::unique_ptr<Sender>> (*open)(const Destination& dest, Hooks hooks);
};

std::span<const Transport> transports() noexcept;
// The transport for url's scheme (case-insensitive), or nullptr.
const Transport* find_transport(std::string_view url) noexcept;

}  // namespace adx::transport

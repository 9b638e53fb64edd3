// SPDX-License-Identifier: Apache-2.0
#pragma once
// adx serve's HTTPS server: libmicrohttpd with GnuTLS, one thread per
// connection (the receiver blocks on fsync and validation; MHD's own limit
// on connections is max_concurrency * 2 + 16, so that overload is answered
// with 503 rather than refused connections).
//
// Client certificates: the handshake requests one (MHD_OPTION_HTTPS_MEM_TRUST
// makes GnuTLS send CertificateRequest with client_ca's names) but does not
// fail without one; every request then reads the peer's chain
// (gnutls_certificate_get_peers), and crypto::TrustStore::verify checks it
// against client_ca, now. No certificate, or one that does not chain: 401,
// logged, nothing read. (Refusing at the handshake would leave no access-log
// line and no reason the client can read.) GnuTLS does no SM2 TLS: the TLS
// certificates are ECDSA P-256 or RSA; receipts may be signed with SM2.
//
// Limits: a Content-Length over max_body is answered 413 before the body is
// read; a chunked body that grows over it is discarded and answered 413
// (the connection is closed when it goes on past twice the limit).
// Requests in progress over max_concurrency: 503; one sender's over
// per_sender_concurrency: 429; both with Retry-After.
//
// Access log: one JSON object per line per request:
//   {"time","remote","sender","method","path","status","bytes","ms","submission_id","rule"}
//
// Shutdown (stop()): no new connections (MHD_quiesce_daemon), requests in
// progress get shutdown_grace seconds to finish, then MHD_stop_daemon; a
// body still being received is removed with its spool file.

#include "core/error.hpp"
#include "crypto/trust.hpp"
#include "transport/receiver.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

namespace adx::transport {

struct ServerConfig {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8443;
    std::string tls_cert_pem;  // chain, leaf first
    std::string tls_key_pem;
    std::string client_ca_pem;
    crypto::TrustStore client_ca;
    std::string access_log;  // path; empty: standard error
    unsigned max_concurrency = 64;
    unsigned per_sender_concurrency = 4;
    unsigned retry_after = 5;
    unsigned shutdown_grace = 30;
};

// Reads [serve]'s listen, tls_*, client_ca, access_log and limits.
core::Expected<ServerConfig> server_config(const core::Config& cfg);

// "ADDRESS:PORT" ("[v6]:PORT" for IPv6) into address and port.
core::Expected<void> parse_listen(std::string_view listen, std::string& address, std::uint16_t& port);

class Server {
public:
    static core::Expected<std::unique_ptr<Server>> start(ServerConfig config, Receiver& receiver);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    std::uint16_t port() const noexcept;  // the bound port (config port 0: chosen by the system)
    // Graceful stop, as above. Returns the number of requests cut off.
    unsigned stop();

    struct Impl;

private:
    explicit Server(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace adx::transport

// SPDX-License-Identifier: Apache-2.0
// adx serve over libmicrohttpd (server.hpp says how).

#include "transport/server.hpp"

#include "core/i18n.hpp"
#include "transport/access_log.hpp"
#include "transport/peer.hpp"

#include <microhttpd.h>

#include <arpa/inet.h>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>

namespace adx::transport {

using core::Error;
using core::Exit;
using core::tr;
using core::trf;
using Clock = std::chrono::steady_clock;

struct Server::Impl {
    ServerConfig config;
    Receiver& receiver;
    AccessLog log;
    MHD_Daemon* daemon = nullptr;
    std::uint16_t port = 0;
    std::mutex mu;
    std::condition_variable idle;
    unsigned active = 0;      // requests in progress (any kind)
    unsigned submitting = 0;  // submissions holding a slot
    std::map<std::string, unsigned, std::less<>> per_sender;
    std::atomic<bool> stopping{false};

    Impl(ServerConfig c, Receiver& r, AccessLog l) : config(std::move(c)), receiver(r), log(std::move(l)) {}
};

namespace {

struct Request {
    RequestHead head;
    std::string remote;
    Clock::time_point start = Clock::now();
    std::optional<Spool> spool;
    std::uint64_t received = 0;
    bool too_large = false;
    bool slot = false;  // holds a submission slot
    bool failed = false;
    Response response;
    bool responded = false;
};

MHD_Result collect_header(void* cls, MHD_ValueKind, const char* key, const char* value) {
    auto* h = static_cast<Headers*>(cls);
    if (h->size() < 200) h->emplace_back(key ? key : "", value ? value : "");
    return MHD_YES;
}

std::string remote_of(MHD_Connection* c) {
    const MHD_ConnectionInfo* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!info || !info->client_addr) return "";
    char buf[INET6_ADDRSTRLEN] = {};
    const sockaddr* sa = info->client_addr;
    if (sa->sa_family == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(sa);
        ::inet_ntop(AF_INET, &in->sin_addr, buf, sizeof buf);
        return std::string(buf) + ":" + std::to_string(ntohs(in->sin_port));
    }
    if (sa->sa_family == AF_INET6) {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(sa);
        ::inet_ntop(AF_INET6, &in6->sin6_addr, buf, sizeof buf);
        return "[" + std::string(buf) + "]:" + std::to_string(ntohs(in6->sin6_port));
    }
    return "";
}

std::optional<std::uint64_t> content_length(const Headers& h) {
    auto v = header_values(h, "Content-Length");
    if (v.size() != 1 || v.front().empty() || v.front().size() > 19) return std::nullopt;
    std::uint64_t n = 0;
    for (char c : v.front()) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return n;
}

MHD_Result send(Server::Impl& s, MHD_Connection* c, Request& r, Response resp) {
    MHD_Response* m = MHD_create_response_from_buffer(resp.body.size(), resp.body.data(), MHD_RESPMEM_MUST_COPY);
    if (!m) return MHD_NO;
    if (!resp.content_type.empty()) MHD_add_response_header(m, "Content-Type", resp.content_type.c_str());
    for (const auto& [k, v] : resp.headers) MHD_add_response_header(m, k.c_str(), v.c_str());
    if (resp.status == 429 || resp.status == 503)
        MHD_add_response_header(m, "Retry-After", std::to_string(s.config.retry_after).c_str());
    if (resp.status == 413 || resp.status == 401 || s.stopping) MHD_add_response_header(m, "Connection", "close");
    MHD_Result ok = MHD_queue_response(c, static_cast<unsigned>(resp.status), m);
    MHD_destroy_response(m);
    r.response = std::move(resp);
    r.responded = true;
    return ok;
}

// A submission slot (global and per sender); the status to refuse with otherwise.
int take_slot(Server::Impl& s, Request& r) {
    std::lock_guard lock(s.mu);
    if (s.stopping) return 503;
    if (s.submitting >= s.config.max_concurrency) return 503;
    unsigned& mine = s.per_sender[r.head.who.sender];
    if (mine >= s.config.per_sender_concurrency) return 429;
    ++mine;
    ++s.submitting;
    r.slot = true;
    return 0;
}

void release_slot(Server::Impl& s, Request& r) {
    if (!r.slot) return;
    std::lock_guard lock(s.mu);
    auto it = s.per_sender.find(r.head.who.sender);
    if (it != s.per_sender.end() && --it->second == 0) s.per_sender.erase(it);
    --s.submitting;
    r.slot = false;
}

MHD_Result on_request(void* cls, MHD_Connection* c, const char* url, const char* method, const char*, const char* data,
                      size_t* data_size, void** con_cls) {
    auto& s = *static_cast<Server::Impl*>(cls);
    auto* r = static_cast<Request*>(*con_cls);
    if (!r) {
        r = new Request;
        *con_cls = r;
        {
            std::lock_guard lock(s.mu);
            ++s.active;
        }
        r->head.method = method ? method : "";
        r->head.path = url ? url : "";
        MHD_get_connection_values(c, MHD_HEADER_KIND, collect_header, &r->head.headers);
        r->head.content_length = content_length(r->head.headers);
        r->head.who = peer_identity(c, s.config.client_ca);
        r->remote = remote_of(c);
        if (auto refused = s.receiver.admit(r->head)) return send(s, c, *r, std::move(*refused));
        if (int status = take_slot(s, *r)) {
            auto resp = Receiver::problem(
                status,
                status == 429 ? tr("too many submissions of this sender in progress") : tr("the receiver is busy"),
                status == 429 ? "sender-concurrency" : "overload");
            resp.sender = r->head.who.sender;
            return send(s, c, *r, std::move(resp));
        }
        auto spool = s.receiver.spool();
        if (!spool) {
            auto resp = Receiver::problem(503, spool.error().message, "spool");
            resp.sender = r->head.who.sender;
            return send(s, c, *r, std::move(resp));
        }
        r->spool.emplace(std::move(*spool));
        return MHD_YES;
    }
    if (r->responded) {
        *data_size = 0;  // a refusal is queued: the rest of the body is dropped
        return MHD_YES;
    }
    if (*data_size > 0) {
        r->received += *data_size;
        if (r->received > s.receiver.max_body()) {
            r->too_large = true;
            if (r->received > 2 * s.receiver.max_body()) return MHD_NO;
        } else if (!r->failed) {
            if (auto w = r->spool->write(std::string_view(data, *data_size)); !w) r->failed = true;
        }
        *data_size = 0;
        return MHD_YES;
    }
    // The whole body is in.
    Response resp;
    if (r->too_large) {
        resp = Receiver::problem(
            413, trf("the body is larger than {max} bytes", fmt::arg("max", s.receiver.max_body())), "too-large");
        resp.sender = r->head.who.sender;
    } else if (r->failed) {
        resp = Receiver::problem(503, tr("cannot spool the body"), "spool");
    } else if (auto f = r->spool->finish(); !f) {
        resp = Receiver::problem(503, f.error().message, "spool");
    } else {
        resp = s.receiver.submit(r->head, *r->spool);
    }
    return send(s, c, *r, std::move(resp));
}

void on_completed(void* cls, MHD_Connection*, void** con_cls, MHD_RequestTerminationCode code) {
    auto& s = *static_cast<Server::Impl*>(cls);
    auto* r = static_cast<Request*>(*con_cls);
    if (!r) return;
    *con_cls = nullptr;
    release_slot(s, *r);
    AccessEntry e;
    e.remote = r->remote;
    e.sender = r->response.sender.empty() ? r->head.who.sender : r->response.sender;
    e.method = r->head.method;
    e.path = r->head.path;
    e.status = r->responded ? r->response.status : 0;
    e.bytes = r->received;
    e.ms = std::chrono::duration<double, std::milli>(Clock::now() - r->start).count();
    e.submission_id = r->response.submission_id;
    e.rule = r->response.rule;
    if (code != MHD_REQUEST_TERMINATED_COMPLETED_OK) {
        e.rule = code == MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN ? "shutdown" : "aborted";
        if (!r->responded) e.status = 0;
    }
    s.log.write(e);
    delete r;  // the spool file goes with it unless stored
    std::lock_guard lock(s.mu);
    --s.active;
    s.idle.notify_all();
}

void mhd_logger(void*, const char* fmt, va_list ap) {
    char buf[512];
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    std::fprintf(stderr, "adx serve: libmicrohttpd: %s", buf);
}

}  // namespace

Server::Server(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

Server::~Server() {
    stop();
}

std::uint16_t Server::port() const noexcept {
    return m_impl->port;
}

core::Expected<std::unique_ptr<Server>> Server::start(ServerConfig config, Receiver& receiver) {
    auto log = AccessLog::open(config.access_log);
    if (!log) return std::move(log).error();
    auto impl = std::make_unique<Impl>(std::move(config), receiver, std::move(*log));
    const ServerConfig& c = impl->config;
    sockaddr_storage addr{};
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_TLS | MHD_USE_ITC |
                     MHD_USE_POLL | MHD_USE_ERROR_LOG;
    auto* in = reinterpret_cast<sockaddr_in*>(&addr);
    auto* in6 = reinterpret_cast<sockaddr_in6*>(&addr);
    if (::inet_pton(AF_INET, c.address.c_str(), &in->sin_addr) == 1) {
        in->sin_family = AF_INET;
        in->sin_port = htons(c.port);
    } else if (::inet_pton(AF_INET6, c.address.c_str(), &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(c.port);
        flags |= MHD_USE_IPv6;
    } else {
        return Error{Exit::config,
                     trf("listen address '{addr}' is not a numeric IPv4 or IPv6 address", fmt::arg("addr", c.address))};
    }
    // The logger comes first: libmicrohttpd reports problems with the options after it through it.
    impl->daemon = MHD_start_daemon(flags, c.port, nullptr, nullptr, on_request, impl.get(), MHD_OPTION_EXTERNAL_LOGGER,
                                    mhd_logger, nullptr, MHD_OPTION_SOCK_ADDR, &addr, MHD_OPTION_HTTPS_MEM_CERT,
                                    c.tls_cert_pem.c_str(), MHD_OPTION_HTTPS_MEM_KEY, c.tls_key_pem.c_str(),
                                    MHD_OPTION_HTTPS_MEM_TRUST, c.client_ca_pem.c_str(), MHD_OPTION_NOTIFY_COMPLETED,
                                    on_completed, impl.get(), MHD_OPTION_CONNECTION_LIMIT, c.max_concurrency * 2 + 16,
                                    MHD_OPTION_CONNECTION_TIMEOUT, 60u, MHD_OPTION_END);
    if (!impl->daemon)
        return Error{Exit::unavailable, trf("cannot listen on {addr}:{port} (address in use, or a TLS key or "
                                            "certificate libmicrohttpd cannot use)",
                                            fmt::arg("addr", c.address), fmt::arg("port", c.port))};
    const MHD_DaemonInfo* info = MHD_get_daemon_info(impl->daemon, MHD_DAEMON_INFO_LISTEN_FD);
    sockaddr_storage bound{};
    socklen_t len = sizeof bound;
    if (info && ::getsockname(info->listen_fd, reinterpret_cast<sockaddr*>(&bound), &len) == 0) {
        if (bound.ss_family == AF_INET) impl->port = ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
        if (bound.ss_family == AF_INET6) impl->port = ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port);
    }
    return std::unique_ptr<Server>(new Server(std::move(impl)));
}

unsigned Server::stop() {
    if (!m_impl || !m_impl->daemon) return 0;
    Impl& s = *m_impl;
    MHD_socket listen = MHD_quiesce_daemon(s.daemon);
    if (listen != MHD_INVALID_SOCKET) ::close(listen);
    unsigned cut = 0;
    {
        std::unique_lock lock(s.mu);
        s.stopping = true;
        s.idle.wait_for(lock, std::chrono::seconds(s.config.shutdown_grace), [&] { return s.active == 0; });
        cut = s.active;
    }
    MHD_stop_daemon(s.daemon);
    s.daemon = nullptr;
    return cut;
}

}  // namespace adx::transport

// SPDX-License-Identifier: Apache-2.0
// [serve] and [senders.ID] of adx.toml (adx.toml(5), adx-serve(1)).

#include "core/i18n.hpp"
#include "crypto/cert.hpp"
#include "crypto/key.hpp"
#include "transport/receiver.hpp"
#include "transport/server.hpp"

#include <fstream>
#include <sstream>

namespace adx::transport {

using core::Error;
using core::Exit;
using core::tr;
using core::trf;

namespace {

Error config_error(const core::Config& cfg, const core::Settings& s, std::string_view key, std::string message) {
    Error e{Exit::config, std::move(message)};
    e.where.file = cfg.source();
    if (auto it = s.values.find(key); it != s.values.end()) {
        e.where.line = it->second.line;
        e.where.column = it->second.column;
    } else {
        e.where.line = s.line;
    }
    return e;
}

core::Expected<std::string> required(const core::Config& cfg, const core::Settings& s, std::string_view key) {
    auto v = s.string(key);
    if (!v || v->empty()) return config_error(cfg, s, key, trf("[serve] needs '{key}'", fmt::arg("key", key)));
    return *v;
}

core::Expected<std::uint64_t> positive(const core::Config& cfg, const core::Settings& s, std::string_view key,
                                       std::uint64_t fallback, std::uint64_t max) {
    auto v = s.integer(key);
    if (!v) return fallback;
    if (*v <= 0 || static_cast<std::uint64_t>(*v) > max)
        return config_error(cfg, s, key,
                            trf("'{key}' must be between 1 and {max}", fmt::arg("key", key), fmt::arg("max", max)));
    return static_cast<std::uint64_t>(*v);
}

core::Expected<std::string> read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{Exit::no_input, trf("cannot read '{path}'", fmt::arg("path", path))};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The TLS key decrypted, as unencrypted PKCS#8 PEM for the TLS library.
core::Expected<std::string> tls_key_pem(const std::string& path, const std::string& passphrase) {
    auto key = crypto::PrivateKey::load(path, passphrase);
    if (!key) return std::move(key).error();
    return key->to_pem(std::nullopt);
}

std::vector<std::string> split_list(std::string_view s) {
    std::vector<std::string> out;
    while (!s.empty()) {
        auto comma = s.find(',');
        std::string_view item = s.substr(0, comma);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
        if (!item.empty()) out.emplace_back(item);
        if (comma == std::string_view::npos) break;
        s.remove_prefix(comma + 1);
    }
    return out;
}

}  // namespace

core::Expected<ReceiverConfig> receiver_config(const core::Config& cfg) {
    const core::Settings& s = cfg.serve();
    if (s.values.empty())
        return Error{Exit::config, cfg.source().empty()
                                       ? tr("no configuration file: adx serve needs [serve]")
                                       : trf("{file} has no [serve] table", fmt::arg("file", cfg.source()))};
    if (auto r = cfg.check_secrets(s, core::ConfigSection::serve); !r) return std::move(r).error();
    ReceiverConfig rc;
    for (const char* key : {"inbox", "ledger", "sign_key", "sign_cert"})
        if (auto v = required(cfg, s, key); !v) return std::move(v).error();
    rc.inbox = *s.string("inbox");
    rc.ledger = *s.string("ledger");
    auto max_body = positive(cfg, s, "max_body", rc.max_body, std::uint64_t{1} << 40);
    if (!max_body) return std::move(max_body).error();
    rc.max_body = *max_body;
    rc.require_signature = s.boolean("require_signature").value_or(false);
    if (auto id = s.string("sm2_user_id")) rc.sig_opts.sm2_id = *id;

    for (const auto& name : schema::list_formats()) {
        auto f = schema::find_format(name);
        if (!f) return std::move(f).error();
        rc.formats.emplace(name, std::move(*f));
    }
    bool any_signature = rc.require_signature;
    for (const auto& id : cfg.sender_ids()) {
        const core::Settings& ss = *cfg.sender(id);
        SenderPolicy p;
        p.formats = split_list(ss.string("formats").value_or(""));
        for (const auto& f : p.formats)
            if (!rc.formats.count(f))
                return config_error(
                    cfg, ss, "formats",
                    trf("[senders.{id}]: unknown format '{format}'", fmt::arg("id", id), fmt::arg("format", f)));
        p.require_signature = ss.boolean("require_signature").value_or(rc.require_signature);
        any_signature = any_signature || p.require_signature;
        rc.senders.emplace(id, std::move(p));
    }
    if (auto trust = s.string("trust")) {
        auto t = crypto::TrustStore::load(*trust);
        if (!t) return std::move(t).error();
        rc.trust = std::move(*t);
    } else if (any_signature) {
        return config_error(cfg, s, "trust", tr("require_signature needs 'trust' in [serve]"));
    }

    crypto::PassphraseSource pass;
    pass.file = s.string("key_passphrase_file").value_or("");
    auto passphrase = crypto::read_passphrase(pass);
    if (!passphrase) return std::move(passphrase).error();
    auto key = crypto::PrivateKey::load(*s.string("sign_key"), *passphrase);
    if (!key) return std::move(key).error();
    rc.sign_key = std::move(*key);
    auto cert = crypto::Certificate::load(*s.string("sign_cert"));
    if (!cert) return std::move(cert).error();
    rc.sign_chain = std::move(*cert);
    if (auto chain = s.string("sign_chain")) {
        auto more = crypto::Certificate::load(*chain);
        if (!more) return std::move(more).error();
        rc.sign_chain.insert(rc.sign_chain.end(), more->begin(), more->end());
    }
    if (rc.sign_chain.empty() || !(rc.sign_chain.front().public_key() == rc.sign_key.public_key()))
        return config_error(cfg, s, "sign_cert", tr("sign_cert is not the certificate of sign_key"));
    return rc;
}

core::Expected<void> parse_listen(std::string_view listen, std::string& address, std::uint16_t& port) {
    auto colon = listen.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == listen.size())
        return Error{Exit::usage, trf("listen address '{value}' is not ADDRESS:PORT", fmt::arg("value", listen))};
    std::string_view host = listen.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    unsigned long p = 0;
    for (char c : listen.substr(colon + 1)) {
        if (c < '0' || c > '9' || p > 65535)
            return Error{Exit::usage, trf("listen address '{value}' has no valid port", fmt::arg("value", listen))};
        p = p * 10 + static_cast<unsigned long>(c - '0');
    }
    if (p > 65535)
        return Error{Exit::usage, trf("listen address '{value}' has no valid port", fmt::arg("value", listen))};
    address = std::string(host);
    port = static_cast<std::uint16_t>(p);
    return {};
}

core::Expected<ServerConfig> server_config(const core::Config& cfg) {
    const core::Settings& s = cfg.serve();
    ServerConfig sc;
    if (auto l = s.string("listen"))
        if (auto r = parse_listen(*l, sc.address, sc.port); !r) {
            Error e = std::move(r).error();
            e.code = Exit::config;
            return e;
        }
    for (const char* key : {"tls_cert", "tls_key", "client_ca"})
        if (auto v = required(cfg, s, key); !v) return std::move(v).error();
    auto cert = read_text(*s.string("tls_cert"));
    if (!cert) return std::move(cert).error();
    // An encrypted TLS key is decrypted here (OpenSSL, as every adx key) and
    // handed to the TLS library in memory, never written out.
    crypto::PassphraseSource tls_pass;
    tls_pass.file = s.string("tls_key_passphrase_file").value_or("");
    auto tls_passphrase = crypto::read_passphrase(tls_pass);
    if (!tls_passphrase) return std::move(tls_passphrase).error();
    auto key = *tls_passphrase ? tls_key_pem(*s.string("tls_key"), **tls_passphrase) : read_text(*s.string("tls_key"));
    if (!key) return std::move(key).error();
    auto ca = read_text(*s.string("client_ca"));
    if (!ca) return std::move(ca).error();
    auto store = crypto::TrustStore::load(*s.string("client_ca"));
    if (!store) return std::move(store).error();
    sc.tls_cert_pem = std::move(*cert);
    sc.tls_key_pem = std::move(*key);
    sc.client_ca_pem = std::move(*ca);
    sc.client_ca = std::move(*store);
    sc.access_log = s.string("access_log").value_or("");
    auto mc = positive(cfg, s, "max_concurrency", sc.max_concurrency, 10000);
    if (!mc) return std::move(mc).error();
    auto ps = positive(cfg, s, "per_sender_concurrency", sc.per_sender_concurrency, 10000);
    if (!ps) return std::move(ps).error();
    auto ra = positive(cfg, s, "retry_after", sc.retry_after, 3600);
    if (!ra) return std::move(ra).error();
    auto sg = positive(cfg, s, "shutdown_grace", sc.shutdown_grace, 3600);
    if (!sg) return std::move(sg).error();
    sc.max_concurrency = static_cast<unsigned>(*mc);
    sc.per_sender_concurrency = static_cast<unsigned>(*ps);
    sc.retry_after = static_cast<unsigned>(*ra);
    sc.shutdown_grace = static_cast<unsigned>(*sg);
    return sc;
}

}  // namespace adx::transport

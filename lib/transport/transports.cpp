// SPDX-License-Identifier: Apache-2.0
#include "transport/transports.hpp"

#include "core/i18n.hpp"
#include "transport/senders.hpp"

#include <array>
#include <cctype>

namespace adx::transport {

namespace {

using core::Error;
using core::Exit;
using core::N_;
using core::trf;

const std::array k_transports{
    Transport{"https", N_("HTTPS POST with mutual TLS, signed receipt (adx serve)"), detail::check_https,
              detail::open_https},
    Transport{"sftp", N_("SFTP upload with key authentication: temporary name, rename, size check"), detail::check_sftp,
              detail::open_sftp},
};

core::Location at(const core::Settings& s, std::string_view key, const std::string& source) {
    core::Location where;
    where.file = source;
    auto it = s.values.find(key);
    where.line = it != s.values.end() ? it->second.line : s.line;
    if (it != s.values.end()) where.column = it->second.column;
    return where;
}

}  // namespace

std::span<const Transport> transports() noexcept {
    return k_transports;
}

const Transport* find_transport(std::string_view url) noexcept {
    const auto colon = url.find("://");
    if (colon == std::string_view::npos) return nullptr;
    const auto scheme = url.substr(0, colon);
    for (const auto& t : k_transports) {
        if (t.scheme.size() != scheme.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < scheme.size(); ++i)
            same = same && std::tolower(static_cast<unsigned char>(scheme[i])) == t.scheme[i];
        if (same) return &t;
    }
    return nullptr;
}

const char* status_name(Status s) noexcept {
    switch (s) {
        case Status::accepted:
            return "accepted";
        case Status::duplicate:
            return "duplicate";
        case Status::rejected:
            return "rejected";
        case Status::delivered:
            return "delivered";
        case Status::failed:
            return "failed";
    }
    return "failed";
}

core::Expected<Destination> destination_from(const core::Settings& profile, const std::string& source) {
    Destination d;
    d.profile = profile.name;
    d.where = at(profile, "url", source);
    auto error = [&](std::string_view key, std::string message) {
        Error e{Exit::config, std::move(message)};
        e.where = at(profile, key, source);
        return e;
    };
    auto url = profile.string("url");
    if (!url || url->empty()) {
        return error("url", trf("profile '{profile}' names no destination (url)", fmt::arg("profile", profile.name)));
    }
    d.url = *url;
    d.transport = find_transport(d.url);
    if (!d.transport) {
        std::string schemes;
        for (const auto& t : k_transports) schemes += (schemes.empty() ? "" : ", ") + std::string(t.scheme) + "://";
        return error("url",
                     trf("profile '{profile}': url '{url}' is not one of {schemes}", fmt::arg("profile", profile.name),
                         fmt::arg("url", d.url), fmt::arg("schemes", schemes)));
    }
    auto text = [&](std::string_view key) { return profile.string(key).value_or(""); };
    d.client_cert = text("client_cert");
    d.client_key = text("client_key");
    d.key_passphrase_file = text("key_passphrase_file");
    d.ca_bundle = text("ca_bundle");
    d.trust = text("trust");
    d.sm2_user_id = text("sm2_user_id");
    d.ssh_key = text("ssh_key");
    d.known_hosts = text("known_hosts");
    d.format = text("format");

    struct Limit {
        std::string_view key;
        std::int64_t min, max;
    };
    auto number = [&](const Limit& l, auto& field) -> core::Expected<void> {
        auto v = profile.integer(l.key);
        if (!v) return {};
        if (*v < l.min || *v > l.max) {
            return error(l.key, trf("profile '{profile}': {key} must be between {min} and {max}",
                                    fmt::arg("profile", profile.name), fmt::arg("key", l.key), fmt::arg("min", l.min),
                                    fmt::arg("max", l.max)));
        }
        field = static_cast<std::remove_reference_t<decltype(field)>>(*v);
        return {};
    };
    long max_backoff = 60;
    for (auto r :
         {number({"connect_timeout", 1, 3600}, d.connect_timeout), number({"timeout", 0, 7 * 86400}, d.timeout),
          number({"low_speed_limit", 0, 1 << 30}, d.low_speed_limit),
          number({"low_speed_time", 1, 86400}, d.low_speed_time), number({"retries", 0, 100}, d.retry.retries),
          number({"max_backoff", 0, 86400}, max_backoff)}) {
        if (!r) return std::move(r).error();
    }
    d.retry.max_backoff = std::chrono::seconds(max_backoff);
    if (d.retry.base > d.retry.max_backoff) d.retry.base = d.retry.max_backoff;
    if (auto r = d.transport->check(d); !r) return std::move(r).error();
    return d;
}

}  // namespace adx::transport

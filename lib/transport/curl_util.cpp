// SPDX-License-Identifier: Apache-2.0
#include "transport/curl_util.hpp"

#include "core/i18n.hpp"
#include "crypto/bytes.hpp"
#include "crypto/key.hpp"

#include <array>
#include <fmt/format.h>
#include <mutex>
#include <openssl/rand.h>
#include <random>
#include <string_view>

namespace adx::transport::detail {

using core::Exit;

void curl_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

core::Expected<void> need_key(const Destination& dest, std::string_view scheme, const std::string& value,
                              const char* key) {
    if (!value.empty()) return {};
    core::Error e{Exit::config, core::trf("profile '{profile}': an {scheme} destination needs '{key}'",
                                          fmt::arg("profile", dest.profile), fmt::arg("scheme", scheme),
                                          fmt::arg("key", key))};
    e.where = dest.where;
    return e;
}

core::Expected<std::string> key_passphrase(const Destination& dest) {
    crypto::PassphraseSource src;
    src.file = dest.key_passphrase_file;
    auto p = crypto::read_passphrase(src);
    if (!p) return std::move(p).error();
    return p->value_or("");
}

void set_transfer_options(CURL* c, const Destination& dest) {
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, dest.connect_timeout);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, dest.timeout);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, dest.low_speed_limit);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, dest.low_speed_time);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(c, CURLOPT_UPLOAD_BUFFERSIZE, 512L * 1024);
}

namespace {

// TLS alerts that say the peer does not accept our certificate (RFC 8446
// §6.2), as OpenSSL words them.
constexpr std::array k_cert_alerts{
    std::string_view{"alert bad certificate"},     std::string_view{"alert unsupported certificate"},
    std::string_view{"alert certificate revoked"}, std::string_view{"alert certificate expired"},
    std::string_view{"alert certificate unknown"}, std::string_view{"alert unknown ca"},
    std::string_view{"alert access denied"},       std::string_view{"alert certificate required"},
    std::string_view{"alert handshake failure"},
};

bool cert_refused(const std::string& errbuf) noexcept {
    for (auto a : k_cert_alerts)
        if (errbuf.find(a) != std::string::npos) return true;
    return false;
}

}  // namespace

Exit classify(CURLcode code, const std::string& errbuf) noexcept {
    switch (code) {
        case CURLE_PEER_FAILED_VERIFICATION:  // we do not trust its certificate or host key
        case CURLE_LOGIN_DENIED:              // ssh: our key refused
        case CURLE_REMOTE_ACCESS_DENIED:
        case CURLE_AUTH_ERROR:
            return Exit::no_perm;
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_ENGINE_NOTFOUND:
        case CURLE_SSL_ENGINE_SETFAILED:
        case CURLE_SSL_CRL_BADFILE:
            return Exit::config;
        case CURLE_READ_ERROR:
        case CURLE_ABORTED_BY_CALLBACK:
            return Exit::io;
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
            return cert_refused(errbuf) ? Exit::no_perm : Exit::temp_fail;
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_COULDNT_CONNECT:
        case CURLE_OPERATION_TIMEDOUT:
        case CURLE_PARTIAL_FILE:
        case CURLE_UPLOAD_FAILED:
        case CURLE_REMOTE_DISK_FULL:
        case CURLE_SSH:
        case CURLE_AGAIN:
            return Exit::temp_fail;
        default:
            return Exit::unavailable;
    }
}

std::string describe(CURLcode code, const std::string& errbuf) {
    const std::string text = errbuf.empty() ? std::string(curl_easy_strerror(code)) : errbuf;
    return fmt::format("{} (curl error {})", text, static_cast<int>(code));
}

std::string random_hex(std::size_t n) {
    crypto::Bytes b(n);
    if (RAND_bytes(b.data(), static_cast<int>(n)) != 1) {
        std::random_device rd;
        for (auto& x : b) x = static_cast<std::uint8_t>(rd());
    }
    return crypto::hex(b);
}

}  // namespace adx::transport::detail

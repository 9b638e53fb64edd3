// SPDX-License-Identifier: Apache-2.0
#include "transport/protocol.hpp"

#include "core/i18n.hpp"
#include "core/json_writer.hpp"

#include <cerrno>
#include <sys/random.h>

namespace adx::transport {

using core::Error;
using core::Exit;
using core::tr;
using core::trf;

namespace {

char lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_lower_hex(std::string_view s) noexcept {
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

Error digest_error(std::string message) {
    Error e{Exit::data, std::move(message)};
    e.rule = "content-digest";
    return e;
}

void skip_ows(std::string_view& s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
}

// RFC 8941 key: lcalpha / "*" first, then lcalpha / DIGIT / "_" / "-" / "." / "*".
bool take_key(std::string_view& s, std::string& key) {
    key.clear();
    if (s.empty() || !((s.front() >= 'a' && s.front() <= 'z') || s.front() == '*')) return false;
    while (!s.empty()) {
        char c = s.front();
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == '*') {
            key.push_back(c);
            s.remove_prefix(1);
        } else {
            break;
        }
    }
    return true;
}

// Skips ";key[=value]" parameters (values: tokens, integers, strings not holding ';' or ',').
bool skip_params(std::string_view& s) {
    while (!s.empty() && s.front() == ';') {
        s.remove_prefix(1);
        skip_ows(s);
        std::string k;
        if (!take_key(s, k)) return false;
        if (!s.empty() && s.front() == '=') {
            s.remove_prefix(1);
            if (s.empty()) return false;
            if (s.front() == '"') {
                auto end = s.find('"', 1);
                if (end == std::string_view::npos) return false;
                s.remove_prefix(end + 1);
            } else {
                std::size_t n = 0;
                while (n < s.size() && s[n] != ';' && s[n] != ',' && s[n] != ' ' && s[n] != '\t') ++n;
                if (n == 0) return false;
                s.remove_prefix(n);
            }
        }
    }
    return true;
}

}  // namespace

bool header_name_equal(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

std::vector<std::string_view> header_values(const Headers& headers, std::string_view name) {
    std::vector<std::string_view> out;
    for (const auto& [n, v] : headers)
        if (header_name_equal(n, name)) out.emplace_back(v);
    return out;
}

core::Expected<ContentDigest> parse_content_digest(std::string_view value) {
    ContentDigest out;
    bool have256 = false;
    std::vector<std::string> seen;
    std::string_view s = value;
    skip_ows(s);
    if (s.empty()) return digest_error(tr("Content-Digest is empty"));
    while (true) {
        std::string key;
        if (!take_key(s, key)) return digest_error(tr("Content-Digest is not a structured dictionary (RFC 8941)"));
        for (const auto& k : seen)
            if (k == key) return digest_error(trf("Content-Digest names '{alg}' twice", fmt::arg("alg", key)));
        seen.push_back(key);
        if (s.empty() || s.front() != '=')
            return digest_error(trf("Content-Digest member '{alg}' is not a byte sequence", fmt::arg("alg", key)));
        s.remove_prefix(1);
        if (s.empty() || s.front() != ':')
            return digest_error(trf("Content-Digest member '{alg}' is not a byte sequence", fmt::arg("alg", key)));
        auto end = s.find(':', 1);
        if (end == std::string_view::npos)
            return digest_error(trf("Content-Digest member '{alg}' is not a byte sequence", fmt::arg("alg", key)));
        std::string_view b64 = s.substr(1, end - 1);
        s.remove_prefix(end + 1);
        for (char c : b64)
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                return digest_error(trf("Content-Digest member '{alg}' is not base64", fmt::arg("alg", key)));
        auto bytes = crypto::from_base64(b64);
        if (!bytes) return digest_error(trf("Content-Digest member '{alg}' is not base64", fmt::arg("alg", key)));
        if (key == "sha-256") {
            if (bytes->size() != 32) return digest_error(tr("Content-Digest sha-256 is not 32 bytes long"));
            out.sha256 = std::move(*bytes);
            have256 = true;
        } else if (key == "sha-512") {
            if (bytes->size() != 64) return digest_error(tr("Content-Digest sha-512 is not 64 bytes long"));
            out.sha512 = std::move(*bytes);
        }
        if (!skip_params(s)) return digest_error(tr("Content-Digest is not a structured dictionary (RFC 8941)"));
        skip_ows(s);
        if (s.empty()) break;
        if (s.front() != ',') return digest_error(tr("Content-Digest is not a structured dictionary (RFC 8941)"));
        s.remove_prefix(1);
        skip_ows(s);
        if (s.empty()) return digest_error(tr("Content-Digest is not a structured dictionary (RFC 8941)"));
    }
    if (!have256) return digest_error(tr("Content-Digest has no sha-256 member"));
    return out;
}

std::string format_content_digest(const crypto::Bytes& sha256) {
    return "sha-256=:" + crypto::base64(sha256) + ":";
}

bool valid_idempotency_key(std::string_view key) noexcept {
    return key.size() == 64 && is_lower_hex(key);
}

bool valid_submission_id(std::string_view id) noexcept {
    return id.size() == 32 && is_lower_hex(id);
}

std::string new_submission_id() {
    crypto::Bytes b(16);
    std::size_t got = 0;
    while (got < b.size()) {
        ssize_t n = ::getrandom(b.data() + got, b.size() - got, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            std::terminate();  // no randomness: nothing safe to do
        }
        got += static_cast<std::size_t>(n);
    }
    return crypto::hex(b);
}

std::string_view status_title(int status) noexcept {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 411:
            return "Length Required";
        case 413:
            return "Content Too Large";
        case 422:
            return "Unprocessable Content";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            return "Error";
    }
}

std::string problem_json(int status, std::string_view detail, std::string_view rule) {
    std::string out;
    core::JsonWriter w(out);
    w.begin_object()
        .field("type", "about:blank")
        .field("title", status_title(status))
        .field("status", status)
        .field("detail", detail)
        .field("rule", rule)
        .end_object();
    out.push_back('\n');
    return out;
}

std::string receipt_payload(const ReceiptFacts& f) {
    std::string out;
    core::JsonWriter w(out);
    w.begin_object()
        .field("submission_id", f.submission_id)
        .field("sender", f.sender)
        .field("format", f.format)
        .field("digest", "sha-256:" + f.digest_hex)
        .field("size", f.size)
        .field("records", f.records)
        .field("received_at", f.received_at)
        .field("status", f.accepted ? "accepted" : "rejected");
    if (!f.accepted) {
        w.key("problems").begin_array();
        std::size_t n = 0;
        for (const auto& p : f.problems) {
            if (n++ == k_max_listed_problems) break;
            w.begin_object().field("rule", p.rule).field("message", p.message);
            if (p.line) w.field("line", p.line);
            if (p.record) w.field("record", p.record);
            if (!p.field.empty()) w.field("field", p.field);
            w.end_object();
        }
        w.end_array();
        w.field("problem_count", f.problem_count);
    }
    w.end_object();
    return out;
}

Route route_of(std::string_view path, std::string* id) {
    constexpr std::string_view subs = "/v1/submissions";
    if (path == "/v1/health") return Route::health;
    if (path == subs) return Route::submit;
    if (path.size() > subs.size() + 1 && path.substr(0, subs.size() + 1) == "/v1/submissions/") {
        std::string_view rest = path.substr(subs.size() + 1);
        if (!valid_submission_id(rest)) return Route::unknown;
        if (id) *id = std::string(rest);
        return Route::status;
    }
    return Route::unknown;
}

}  // namespace adx::transport

// SPDX-License-Identifier: Apache-2.0
// https:// destinations: POST /v1/submissions with mutual TLS (adx-serve(1)).
// One libcurl handle per destination keeps the connection (and HTTP/2 when
// the server offers it) from one document to the next.

#include "core/i18n.hpp"
#include "core/json_value.hpp"
#include "transport/senders.hpp"

#include <cctype>
#include <cstring>
#include <fstream>
#include <random>
#include <thread>

namespace adx::transport::detail {

namespace {

using core::Error;
using core::Exit;
using core::tr;
using core::trf;

constexpr std::size_t k_max_answer = 1 << 20;

// What one request brought back.
struct Answer {
    CURLcode code = CURLE_OK;
    long status = 0;
    std::string body;
    std::string content_type;
    std::string retry_after;
    std::string submission_id;
    std::string errbuf;
    bool too_long = false;
    std::optional<Error> local;  // the document could not be read
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* self) {
    auto* a = static_cast<Answer*>(self);
    const std::string_view line(data, size * n);
    if (line.starts_with("HTTP/")) {  // a new response (after 100 Continue): forget the last one's headers
        a->content_type.clear();
        a->retry_after.clear();
        a->submission_id.clear();
        return size * n;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return size * n;
    const auto name = trim(line.substr(0, colon));
    const auto value = trim(line.substr(colon + 1));
    if (iequals(name, "content-type"))
        a->content_type = std::string(value);
    else if (iequals(name, "retry-after"))
        a->retry_after = std::string(value);
    else if (iequals(name, "adx-submission-id"))
        a->submission_id = std::string(value);
    return size * n;
}

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* self) {
    auto* a = static_cast<Answer*>(self);
    if (a->body.size() + size * n > k_max_answer) {
        a->too_long = true;
        return 0;
    }
    a->body.append(data, size * n);
    return size * n;
}

bool media_type_is(std::string_view content_type, std::string_view want) {
    return iequals(trim(content_type.substr(0, content_type.find(';'))), want);
}

// Header values are ASCII without control characters; anything else in a
// file name becomes '_' (the receiver only looks at the extension).
std::string header_safe(std::string_view s) {
    std::string out;
    for (char c : s) out += (c >= 0x20 && c < 0x7f) ? c : '_';
    return out;
}

// "title: detail" of an RFC 9457 problem body, and its rule; the raw start
// of any other body.
void read_problem(const Answer& a, std::string& text, std::string& rule) {
    if (media_type_is(a.content_type, "application/problem+json")) {
        if (auto v = core::json_parse(a.body); v && v->is_object()) {
            auto get = [&](std::string_view k) {
                const auto* m = v->find(k);
                return m && m->is_string() ? m->text() : std::string();
            };
            text = get("title");
            if (auto d = get("detail"); !d.empty()) text += text.empty() ? d : ": " + d;
            rule = get("rule");
            return;
        }
    }
    text = header_safe(a.body.substr(0, 200));
}

class HttpsSender final : public Sender {
public:
    HttpsSender(const Destination& dest, Hooks hooks, crypto::TrustStore trust, Easy curl)
        : m_dest(dest),
          m_hooks(std::move(hooks)),
          m_trust(std::move(trust)),
          m_curl(std::move(curl)),
          m_rng(std::random_device{}()) {
        // The profile's url is the server's base, with or without "v1/".
        m_endpoint = m_dest.url;
        while (m_endpoint.ends_with('/')) m_endpoint.pop_back();
        m_endpoint += m_endpoint.ends_with("/v1") ? "/submissions" : "/v1/submissions";
        m_sm2.sm2_id = m_dest.sm2_user_id.empty() ? std::string(crypto::k_sm2_default_id) : m_dest.sm2_user_id;
    }

    Outcome send(const Document& doc) override {
        Outcome out;
        for (int attempt = 0;; ++attempt) {
            Answer a = request(doc);
            ++out.attempts;
            out.http_status = a.status;
            std::optional<std::chrono::seconds> wait;
            if (judge(doc, a, out, wait)) return out;
            // A temporary failure: out.error says what.
            if (attempt >= m_dest.retry.retries) break;
            auto delay = next_delay(m_dest.retry, attempt, wait, m_rng);
            if (!delay) {
                out.error.message += ' ';
                out.error.message += trf("(the server asks to wait {seconds} s, more than max_backoff)",
                                         fmt::arg("seconds", wait->count()));
                return out;
            }
            if (m_hooks.on_retry) m_hooks.on_retry(doc, out.error, attempt + 1, *delay);
            std::this_thread::sleep_for(*delay);
        }
        out.error.message += ' ';
        out.error.message += trf("(gave up after {n} attempts)", fmt::arg("n", out.attempts));
        return out;
    }

private:
    Answer request(const Document& doc) {
        Answer a;
        auto body = BodySource::open(doc.path, doc.size);
        if (!body) {
            a.local = std::move(body).error();
            return a;
        }
        SList headers;
        headers.add("Content-Type: application/octet-stream");
        headers.add("Accept: application/jose, application/problem+json");
        headers.add("Adx-Format: " + doc.format);
        headers.add("Idempotency-Key: " + doc.key);
        headers.add("Content-Digest: " + format_content_digest(doc.sha256));
        if (!doc.name.empty()) headers.add("Adx-Filename: " + header_safe(doc.name));
        if (!doc.signature.empty()) headers.add("Adx-Signature: " + doc.signature);
        char errbuf[CURL_ERROR_SIZE] = {};
        ProgressState progress{&m_hooks, &doc};
        CURL* c = m_curl.get();
        curl_easy_setopt(c, CURLOPT_URL, m_endpoint.c_str());
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(doc.size));
        curl_easy_setopt(c, CURLOPT_READFUNCTION, &BodySource::read);
        curl_easy_setopt(c, CURLOPT_READDATA, &*body);
        curl_easy_setopt(c, CURLOPT_SEEKFUNCTION, &BodySource::seek);
        curl_easy_setopt(c, CURLOPT_SEEKDATA, &*body);
        curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &on_header);
        curl_easy_setopt(c, CURLOPT_HEADERDATA, &a);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &on_body);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &a);
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, m_hooks.on_progress ? 0L : 1L);
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &ProgressState::callback);
        curl_easy_setopt(c, CURLOPT_XFERINFODATA, &progress);
        a.code = curl_easy_perform(c);
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a.status);
        a.errbuf = errbuf;
        if (body->read_errno()) {
            a.local = Error{Exit::io, trf("cannot read '{path}': {reason}", fmt::arg("path", doc.path),
                                          fmt::arg("reason", std::strerror(body->read_errno())))};
        }
        if (a.code == CURLE_WRITE_ERROR && a.too_long) a.errbuf = tr("the answer is longer than 1 MiB");
        // Nothing of this request may outlive it.
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, nullptr);
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
        return a;
    }

    Error located(Exit code, std::string message, std::string rule = {}) const {
        Error e{code, std::move(message)};
        e.where.file = m_dest.url;
        e.rule = std::move(rule);
        return e;
    }

    // Fills out from a; true when this is the end (success or a failure not
    // worth repeating), false for a temporary failure (wait: Retry-After).
    bool judge(const Document& doc, const Answer& a, Outcome& out, std::optional<std::chrono::seconds>& wait) {
        out.status = Status::failed;
        if (a.local) {
            out.exit = a.local->code;
            out.error = *a.local;
            return true;
        }
        if (a.code != CURLE_OK) {
            out.exit = classify(a.code, a.errbuf);
            out.error = located(out.exit, describe(a.code, a.errbuf));
            return out.exit != Exit::temp_fail;
        }
        const long s = a.status;
        if (s == 200 || s == 201 || s == 422) return receipt(doc, a, out);
        std::string text, rule;
        read_problem(a, text, rule);
        const std::string message = trf("HTTP {status}: {text}", fmt::arg("status", s), fmt::arg("text", text));
        if (s == 408 || s == 429 || s >= 500) {
            out.exit = Exit::temp_fail;
            out.error = located(out.exit, message, rule);
            if (s == 429 || s == 503) wait = parse_retry_after(a.retry_after, std::time(nullptr));
            return false;
        }
        out.exit = (s == 401 || s == 403) ? Exit::no_perm : Exit::unavailable;
        out.error = located(out.exit, message, rule);
        return true;
    }

    bool receipt(const Document& doc, const Answer& a, Outcome& out) {
        const bool accepted = a.status != 422;
        auto fail = [&](std::string why) {
            out.exit = Exit::data;
            out.error =
                located(Exit::data, trf("receipt is not valid: {reason}", fmt::arg("reason", why)), "receipt-invalid");
            return true;
        };
        if (!media_type_is(a.content_type, "application/jose")) {
            return fail(trf("HTTP {status} with '{type}', not application/jose", fmt::arg("status", a.status),
                            fmt::arg("type", a.content_type)));
        }
        jws::VerifyOptions vo{m_trust, std::nullopt, {}, m_sm2, doc.path + ".receipt.jws"};
        auto r = check_receipt(a.body, doc, vo);
        if (!r) {
            out.exit = Exit::data;
            out.error = std::move(r).error();
            out.error.where.file = m_dest.url;
            return true;
        }
        if ((r->status == "accepted") != accepted) {
            return fail(trf("HTTP {status} with a receipt that says '{said}'", fmt::arg("status", a.status),
                            fmt::arg("said", r->status)));
        }
        if (!a.submission_id.empty() && a.submission_id != r->submission_id) {
            return fail(tr("Adx-Submission-Id differs from the receipt's submission_id"));
        }
        out.receipt_text = std::string(trim(a.body));
        out.receipt = std::move(*r);
        if (accepted) {
            out.status = a.status == 201 ? Status::accepted : Status::duplicate;
            out.exit = Exit::ok;
            return true;
        }
        out.status = Status::rejected;
        out.exit = Exit::data;
        out.error = located(Exit::data,
                            trf("rejected by the receiver ({n} problems)", fmt::arg("n", out.receipt->problem_count)),
                            "rejected");
        return true;
    }

    Destination m_dest;
    Hooks m_hooks;
    crypto::TrustStore m_trust;
    Easy m_curl;
    std::mt19937_64 m_rng;
    std::string m_endpoint;
    crypto::SigOptions m_sm2;
};

}  // namespace

core::Expected<void> check_https(const Destination& dest) {
    if (auto r = need_key(dest, "https", dest.client_cert, "client_cert"); !r) return r;
    if (auto r = need_key(dest, "https", dest.client_key, "client_key"); !r) return r;
    return need_key(dest, "https", dest.trust, "trust");
}

core::Expected<std::unique_ptr<Sender>> open_https(const Destination& dest, Hooks hooks) {
    curl_init();
    auto trust = crypto::TrustStore::load(dest.trust);
    if (!trust) return std::move(trust).error();
    auto passphrase = key_passphrase(dest);
    if (!passphrase) return std::move(passphrase).error();
    Easy curl(curl_easy_init());
    if (!curl) return Error{Exit::software, "curl_easy_init failed"};
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
    if (!dest.ca_bundle.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, dest.ca_bundle.c_str());
    curl_easy_setopt(c, CURLOPT_SSLCERT, dest.client_cert.c_str());
    curl_easy_setopt(c, CURLOPT_SSLKEY, dest.client_key.c_str());
    if (!passphrase->empty()) curl_easy_setopt(c, CURLOPT_KEYPASSWD, passphrase->c_str());  // copied by libcurl
    set_transfer_options(c, dest);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "adx-send");
    return std::unique_ptr<Sender>(
        std::make_unique<HttpsSender>(dest, std::move(hooks), std::move(*trust), std::move(curl)));
}

}  // namespace adx::transport::detail

// SPDX-License-Identifier: Apache-2.0
// sftp:// destinations (libcurl with libssh2): key authentication, the host
// key checked strictly against known_hosts, the document uploaded to a
// temporary name (".NAME.part-RANDOM") and renamed to NAME in the same
// session, then its size read back. SFTP gives no receipt.
//
// The rename never replaces a file: when NAME is already there (an earlier
// run delivered it, or another document has the name), the size of what is
// there decides: the same size counts as delivered before, another size is a
// permanent refusal. The temporary file is removed in both cases, and a
// retry first removes the temporary file an interrupted attempt left.

#include "core/i18n.hpp"
#include "transport/senders.hpp"

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

struct UrlFree {
    void operator()(CURLU* u) const noexcept { curl_url_cleanup(u); }
};
struct CurlFree {
    void operator()(char* p) const noexcept { curl_free(p); }
};

// A path as an SFTP quote command takes it: in double quotes, with " and \ escaped.
std::string quoted(std::string_view path) {
    std::string out = "\"";
    for (char c : path) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + '"';
}

std::string url_encode(CURL* c, std::string_view s) {
    std::unique_ptr<char, CurlFree> e(curl_easy_escape(c, s.data(), static_cast<int>(s.size())));
    return e ? std::string(e.get()) : std::string();
}

int host_key_check(CURL*, const curl_khkey*, const curl_khkey*, curl_khmatch match, void*) {
    return match == CURLKHMATCH_OK ? CURLKHSTAT_FINE : CURLKHSTAT_REJECT;
}

// The parts of an sftp:// URL the sender needs.
struct SftpUrl {
    std::string base;  // sftp://user@host:port/dir/ (as given, with a trailing '/')
    std::string dir;   // /dir/, decoded, for quote commands
};

core::Expected<SftpUrl> parse_url(const Destination& dest) {
    auto bad = [&](std::string why) {
        Error e{Exit::config, trf("profile '{profile}': url '{url}': {why}", fmt::arg("profile", dest.profile),
                                  fmt::arg("url", dest.url), fmt::arg("why", why))};
        e.where = dest.where;
        return e;
    };
    std::unique_ptr<CURLU, UrlFree> u(curl_url());
    if (curl_url_set(u.get(), CURLUPART_URL, dest.url.c_str(), 0) != CURLUE_OK) return bad(tr("not a valid URL"));
    auto part = [&](CURLUPart p, unsigned flags = 0) {
        char* v = nullptr;
        if (curl_url_get(u.get(), p, &v, flags) != CURLUE_OK || !v) return std::string();
        std::unique_ptr<char, CurlFree> owned(v);
        return std::string(v);
    };
    if (part(CURLUPART_USER).empty()) return bad(tr("it names no user (sftp://USER@HOST/DIR)"));
    if (!part(CURLUPART_PASSWORD).empty()) return bad(tr("a password does not belong in the configuration"));
    if (!part(CURLUPART_QUERY).empty() || !part(CURLUPART_FRAGMENT).empty())
        return bad(tr("it has a query or fragment"));
    SftpUrl r;
    r.dir = part(CURLUPART_PATH, CURLU_URLDECODE);
    if (r.dir.empty()) r.dir = "/";
    if (!r.dir.ends_with('/')) r.dir += '/';
    r.base = dest.url;
    if (!r.base.ends_with('/')) r.base += '/';
    return r;
}

class SftpSender final : public Sender {
public:
    SftpSender(const Destination& dest, Hooks hooks, SftpUrl url, Easy curl)
        : m_dest(dest),
          m_hooks(std::move(hooks)),
          m_url(std::move(url)),
          m_curl(std::move(curl)),
          m_rng(std::random_device{}()) {}

    Outcome send(const Document& doc) override {
        Outcome out;
        const std::string final_url = m_url.base + url_encode(m_curl.get(), doc.name);
        std::string stale;  // a temporary file an interrupted attempt may have left
        for (int attempt = 0;; ++attempt) {
            const std::string part = "." + doc.name + ".part-" + random_hex(8);
            ++out.attempts;
            if (step(doc, part, final_url, stale, out)) return out;
            stale = part;
            if (attempt >= m_dest.retry.retries) break;
            auto delay = backoff_delay(m_dest.retry, attempt, m_rng);
            if (m_hooks.on_retry) m_hooks.on_retry(doc, out.error, attempt + 1, delay);
            std::this_thread::sleep_for(delay);
        }
        out.error.message += ' ';
        out.error.message += trf("(gave up after {n} attempts)", fmt::arg("n", out.attempts));
        return out;
    }

private:
    struct Result {
        CURLcode code = CURLE_OK;
        std::string errbuf;
        curl_off_t size = -1;
        std::optional<Error> local;
    };

    // One request: an upload of doc (when body) or a look at url's size
    // (NOBODY), with the quote commands given.
    Result perform(const std::string& url, const Document& doc, bool body, const std::vector<std::string>& quote,
                   const std::vector<std::string>& postquote) {
        Result r;
        std::optional<BodySource> src;
        if (body) {
            auto s = BodySource::open(doc.path, doc.size);
            if (!s) {
                r.local = std::move(s).error();
                return r;
            }
            src.emplace(std::move(*s));
        }
        SList q, pq;
        for (const auto& s : quote) q.add(s);
        for (const auto& s : postquote) pq.add(s);
        char errbuf[CURL_ERROR_SIZE] = {};
        ProgressState progress{&m_hooks, &doc};
        CURL* c = m_curl.get();
        curl_easy_setopt(c, CURLOPT_URL, url.c_str());
        curl_easy_setopt(c, CURLOPT_UPLOAD, body ? 1L : 0L);
        curl_easy_setopt(c, CURLOPT_NOBODY, body ? 0L : 1L);
        curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, body ? static_cast<curl_off_t>(doc.size) : curl_off_t{-1});
        curl_easy_setopt(c, CURLOPT_READFUNCTION, body ? &BodySource::read : nullptr);
        curl_easy_setopt(c, CURLOPT_READDATA, body ? &*src : nullptr);
        curl_easy_setopt(c, CURLOPT_QUOTE, q.get());
        curl_easy_setopt(c, CURLOPT_POSTQUOTE, pq.get());
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, body && m_hooks.on_progress ? 0L : 1L);
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &ProgressState::callback);
        curl_easy_setopt(c, CURLOPT_XFERINFODATA, &progress);
        r.code = curl_easy_perform(c);
        r.errbuf = errbuf;
        if (!body && r.code == CURLE_OK) curl_easy_getinfo(c, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &r.size);
        if (src && src->read_errno()) {
            r.local = Error{Exit::io, trf("cannot read '{path}': {reason}", fmt::arg("path", doc.path),
                                          fmt::arg("reason", std::strerror(src->read_errno())))};
        }
        curl_easy_setopt(c, CURLOPT_QUOTE, nullptr);
        curl_easy_setopt(c, CURLOPT_POSTQUOTE, nullptr);
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
        curl_easy_setopt(c, CURLOPT_READDATA, nullptr);
        return r;
    }

    void fail(Outcome& out, Exit code, std::string message) const {
        out.status = Status::failed;
        out.exit = code;
        out.error = Error{code, std::move(message)};
        out.error.where.file = m_dest.url;
    }

    bool failed(const Result& r, Outcome& out) const {
        if (r.local) {
            out.status = Status::failed;
            out.exit = r.local->code;
            out.error = *r.local;
            return true;
        }
        if (r.code == CURLE_OK) return false;
        fail(out, classify(r.code, r.errbuf), describe(r.code, r.errbuf));
        return true;
    }

    // One attempt; true when it is the end (delivered, or a failure not worth repeating).
    bool step(const Document& doc, const std::string& part, const std::string& final_url, const std::string& stale,
              Outcome& out) {
        const std::string part_path = m_url.dir + part;
        const std::string final_path = m_url.dir + doc.name;
        std::vector<std::string> quote;
        if (!stale.empty()) quote.push_back("*rm " + quoted(m_url.dir + stale));
        auto up = perform(m_url.base + url_encode(m_curl.get(), part), doc, true, quote,
                          {"rename " + quoted(part_path) + " " + quoted(final_path)});
        bool existed = false;
        if (up.code == CURLE_QUOTE_ERROR && !up.local) {
            existed = true;  // uploaded, but NAME is taken: look at it, and remove ours
        } else if (failed(up, out)) {
            return out.exit != Exit::temp_fail;
        }
        std::vector<std::string> cleanup;
        if (existed) cleanup.push_back("*rm " + quoted(part_path));
        auto look = perform(final_url, doc, false, cleanup, {});
        if (failed(look, out)) return out.exit != Exit::temp_fail;
        out.remote = final_url;
        if (look.size != static_cast<curl_off_t>(doc.size)) {
            fail(out, Exit::unavailable,
                 existed ? trf("'{name}' is already there with {got} bytes, not {want}; not replaced",
                               fmt::arg("name", doc.name), fmt::arg("got", look.size), fmt::arg("want", doc.size))
                         : trf("'{name}' arrived with {got} bytes, not {want}", fmt::arg("name", doc.name),
                               fmt::arg("got", look.size), fmt::arg("want", doc.size)));
            return true;
        }
        out.status = existed ? Status::duplicate : Status::delivered;
        out.exit = Exit::ok;
        return true;
    }

    Destination m_dest;
    Hooks m_hooks;
    SftpUrl m_url;
    Easy m_curl;
    std::mt19937_64 m_rng;
};

}  // namespace

core::Expected<void> check_sftp(const Destination& dest) {
    if (auto r = need_key(dest, "sftp", dest.ssh_key, "ssh_key"); !r) return r;
    if (auto r = need_key(dest, "sftp", dest.known_hosts, "known_hosts"); !r) return r;
    curl_init();
    auto url = parse_url(dest);
    if (!url) return std::move(url).error();
    return {};
}

core::Expected<std::unique_ptr<Sender>> open_sftp(const Destination& dest, Hooks hooks) {
    curl_init();
    auto url = parse_url(dest);
    if (!url) return std::move(url).error();
    if (!std::ifstream(dest.known_hosts)) {
        return Error{Exit::config, trf("cannot read known_hosts file '{path}'", fmt::arg("path", dest.known_hosts))};
    }
    auto passphrase = key_passphrase(dest);
    if (!passphrase) return std::move(passphrase).error();
    Easy curl(curl_easy_init());
    if (!curl) return Error{Exit::software, "curl_easy_init failed"};
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "sftp");
    curl_easy_setopt(c, CURLOPT_SSH_AUTH_TYPES, static_cast<long>(CURLSSH_AUTH_PUBLICKEY));
    curl_easy_setopt(c, CURLOPT_SSH_PRIVATE_KEYFILE, dest.ssh_key.c_str());
    const std::string pub = dest.ssh_key + ".pub";
    // "" lets libssh2 derive the public key from the private one.
    curl_easy_setopt(c, CURLOPT_SSH_PUBLIC_KEYFILE, std::ifstream(pub) ? pub.c_str() : "");
    if (!passphrase->empty()) curl_easy_setopt(c, CURLOPT_KEYPASSWD, passphrase->c_str());
    curl_easy_setopt(c, CURLOPT_SSH_KNOWNHOSTS, dest.known_hosts.c_str());
    curl_easy_setopt(c, CURLOPT_SSH_KEYFUNCTION, &host_key_check);
    curl_easy_setopt(c, CURLOPT_NEW_FILE_PERMS, 0644L);
    set_transfer_options(c, dest);
    return std::unique_ptr<Sender>(
        std::make_unique<SftpSender>(dest, std::move(hooks), std::move(*url), std::move(curl)));
}

}  // namespace adx::transport::detail

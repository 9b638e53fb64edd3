// SPDX-License-Identifier: Apache-2.0
// adx serve's request handling without the network: arbitrary bytes become a
// request line and header fields ("METHOD PATH\nName: value\n...") that the
// receiver admits or refuses (Receiver::admit, against a real inbox, ledger
// and receipt key in a scratch directory), and the header parsers on their
// own (Content-Digest, file name, sender name, routes). Every input must end
// in an answer with a known status and a problem body or nullopt, without
// crashing, leaking or touching any file outside the scratch inbox.

#include "transport/inbox.hpp"
#include "transport/protocol.hpp"
#include "transport/receiver.hpp"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

using namespace adx::transport;

Receiver& receiver() {
    static std::unique_ptr<Receiver> r = [] {
        namespace fs = std::filesystem;
        std::string tmpl = (fs::temp_directory_path() / "adx-fuzz-serve-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) std::abort();
        static const std::string scratch = tmpl;
        std::atexit([] {
            std::error_code ec;
            fs::remove_all(scratch, ec);
        });
        const std::string pki = ADX_SOURCE_DIR "/tests/data/pki/p256/";
        fs::copy_file(pki + "city.key", tmpl + "/city.key");
        fs::permissions(tmpl + "/city.key", fs::perms::owner_read | fs::perms::owner_write);
        ReceiverConfig c;
        c.inbox = tmpl + "/inbox";
        c.ledger = tmpl + "/ledger.db";
        c.max_body = 1 << 16;
        auto key = adx::crypto::PrivateKey::load(tmpl + "/city.key", std::nullopt);
        auto chain = adx::crypto::Certificate::load(pki + "city.pem");
        if (!key || !chain) std::abort();
        c.sign_key = std::move(*key);
        c.sign_chain = *chain;
        for (const char* name : {"enterprise-filing", "stat-report", "e-license"}) {
            auto f = adx::schema::find_format(name);
            if (!f) std::abort();
            c.formats.emplace(name, std::move(*f));
        }
        c.senders["S1"] = SenderPolicy{{"enterprise-filing", "e-license"}, false};
        auto r = Receiver::open(std::move(c));
        if (!r) std::abort();
        return std::move(*r);
    }();
    return *r;
}

std::string_view next_line(std::string_view& s) {
    auto nl = s.find('\n');
    std::string_view line = s.substr(0, nl);
    s.remove_prefix(nl == std::string_view::npos ? s.size() : nl + 1);
    return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    RequestHead h;
    std::string_view first = next_line(in);
    auto sp = first.find(' ');
    h.method = std::string(first.substr(0, sp));
    h.path = sp == std::string_view::npos ? "" : std::string(first.substr(sp + 1));
    while (!in.empty()) {
        std::string_view line = next_line(in);
        auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        h.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
    }
    // The sender: the Adx-Fuzz-Sender field stands for the certificate's name.
    auto who = header_values(h.headers, "Adx-Fuzz-Sender");
    h.who = Identity{true, true, who.empty() ? "S1" : std::string(who.front()), "CN=fuzz", ""};
    for (auto v : header_values(h.headers, "Content-Digest")) (void)parse_content_digest(v);
    for (auto v : header_values(h.headers, "Adx-Filename")) {
        std::string ext = ext_from_filename(v);
        if (ext.empty() || ext.size() > 8 || ext.find_first_of("./\\") != std::string::npos) std::abort();
    }
    std::string id;
    if (route_of(h.path, &id) == Route::status && !valid_submission_id(id)) std::abort();
    auto answer = receiver().admit(h);
    if (answer) {
        if (answer->status < 200 || answer->status > 599) std::abort();
        if (answer->status >= 400 && answer->rule.empty()) std::abort();
    } else {
        // Admitted: a POST of a configured sender with well-formed headers.
        if (h.method != "POST" || !valid_sender(h.who.sender)) std::abort();
        auto key = header_values(h.headers, "Idempotency-Key");
        if (key.size() != 1 || !valid_idempotency_key(key.front())) std::abort();
    }
    return 0;
}

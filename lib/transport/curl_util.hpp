// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the libcurl transports share (internal to lib/transport): handles
// that clean up after themselves, and which failures are worth a retry.

#include "core/error.hpp"
#include "transport/transports.hpp"

#include <curl/curl.h>
#include <memory>
#include <string>
#include <vector>

namespace adx::transport::detail {

// curl_global_init, once per process.
void curl_init();

struct EasyFree {
    void operator()(CURL* c) const noexcept { curl_easy_cleanup(c); }
};
using Easy = std::unique_ptr<CURL, EasyFree>;

// A curl_slist owning its strings.
class SList {
public:
    SList() = default;
    SList(const SList&) = delete;
    SList& operator=(const SList&) = delete;
    ~SList() { curl_slist_free_all(m_list); }
    void add(const std::string& s) { m_list = curl_slist_append(m_list, s.c_str()); }
    curl_slist* get() const noexcept { return m_list; }

private:
    curl_slist* m_list = nullptr;
};

// The category of a failed transfer (DESIGN.md exit codes):
//   temp_fail   cannot connect, timed out, connection lost, server busy
//   no_perm     the peer refused our certificate or key, or we refused its
//               certificate or host key
//   config      a local certificate, key or CA file that libcurl cannot use
//   io          reading the document failed
//   unavailable anything else
// errbuf is CURLOPT_ERRORBUFFER's text (may be empty).
core::Exit classify(CURLcode code, const std::string& errbuf) noexcept;

// "connection refused (curl 7: Failed to connect ...)", for messages.
std::string describe(CURLcode code, const std::string& errbuf);

// Nothing when value is set; otherwise "profile 'P': an SCHEME destination
// needs 'KEY'" (Exit::config, at the profile's line).
core::Expected<void> need_key(const Destination& dest, std::string_view scheme, const std::string& value,
                              const char* key);

// The passphrase of dest.key_passphrase_file (a secret file: mode 0600; its
// first line), empty when there is none.
core::Expected<std::string> key_passphrase(const Destination& dest);

// What both transports set alike: connect and total timeouts, the low-speed
// limit, no signals, TCP keep-alive, a 512 KiB upload buffer.
void set_transfer_options(CURL* c, const Destination& dest);

// Random lowercase hex, n bytes' worth (RAND_bytes).
std::string random_hex(std::size_t n);

}  // namespace adx::transport::detail

// SPDX-License-Identifier: Apache-2.0
#include "core/config_schema.hpp"

#include <array>

namespace adx::core {

namespace {

using enum ConfigSection;
using enum ConfigType;

constexpr std::array k_keys{
    ConfigKey{defaults, "profile", string, "profile used when --profile is not given"},
    ConfigKey{defaults, "log_format", string, "text or json", "text|json"},
    ConfigKey{defaults, "encoding", string, "input encoding: auto, utf-8 or gb18030", "auto|utf-8|gb18030"},
    ConfigKey{defaults, "sm2_user_id", string, "SM2 distinguishing identifier (GM/T 0009 default 1234567812345678)"},
    ConfigKey{profile, "description", string, "what this profile is for"},
    ConfigKey{profile, "url", string, "destination: https://host[:port]/ or sftp://user@host[:port]/dir"},
    ConfigKey{profile, "client_cert", path, "TLS client certificate (PEM)"},
    ConfigKey{profile, "client_key", secret_path, "TLS client private key (PEM, mode 0600)"},
    ConfigKey{profile, "ca_bundle", path, "CA certificates that authenticate the destination"},
    ConfigKey{profile, "sign_key", secret_path, "signing private key (PKCS#8 PEM, mode 0600)"},
    ConfigKey{profile, "sign_cert", path, "signing certificate (PEM)"},
    ConfigKey{profile, "sign_chain", path, "intermediate certificates sent with signatures (PEM)"},
    ConfigKey{profile, "key_passphrase_file", secret_path, "file holding the private key's passphrase (mode 0600)"},
    ConfigKey{profile, "trust", path, "trust store (PEM bundle or directory) for signatures and receipts"},
    ConfigKey{profile, "sm2_user_id", string, "SM2 distinguishing identifier agreed with the peer"},
    ConfigKey{profile, "ssh_key", secret_path, "SSH private key for sftp:// destinations (mode 0600)"},
    ConfigKey{profile, "known_hosts", path, "known_hosts file for sftp:// destinations"},
    ConfigKey{profile, "connect_timeout", integer, "seconds to wait for a connection"},
    ConfigKey{profile, "timeout", integer, "seconds a whole transfer may take"},
    ConfigKey{profile, "retries", integer, "attempts after the first on a temporary failure"},
    // adx send (adx-send(1))
    ConfigKey{profile, "format", string, "document format sent when adx send has no --format"},
    ConfigKey{profile, "max_backoff", integer, "longest wait in seconds between attempts (and longest Retry-After honoured)"},
    ConfigKey{profile, "low_speed_limit", integer, "bytes per second below which a transfer counts as stalled"},
    ConfigKey{profile, "low_speed_time", integer, "seconds a stalled transfer may last before it is abandoned"},
    // adx serve (adx-serve(1))
    ConfigKey{serve, "listen", string, "address and port to listen on: ADDRESS:PORT (port 0: any free port)"},
    ConfigKey{serve, "tls_cert", path, "server TLS certificate chain (PEM; ECDSA P-256 or RSA)"},
    ConfigKey{serve, "tls_key", secret_path, "server TLS private key (PEM, mode 0600)"},
    ConfigKey{serve, "tls_key_passphrase_file", secret_path, "file holding the TLS key's passphrase (mode 0600)"},
    ConfigKey{serve, "client_ca", path, "CA certificates that authenticate senders' client certificates (PEM)"},
    ConfigKey{serve, "sign_key", secret_path, "receipt signing private key (PKCS#8 PEM, mode 0600)"},
    ConfigKey{serve, "sign_cert", path, "receipt signing certificate (PEM)"},
    ConfigKey{serve, "sign_chain", path, "intermediate certificates sent with receipts (PEM)"},
    ConfigKey{serve, "key_passphrase_file", secret_path, "file holding the signing key's passphrase (mode 0600)"},
    ConfigKey{serve, "sm2_user_id", string, "SM2 distinguishing identifier for receipts and document signatures"},
    ConfigKey{serve, "inbox", path, "directory where accepted documents are stored"},
    ConfigKey{serve, "ledger", path, "de-duplication ledger (SQLite database file)"},
    ConfigKey{serve, "access_log", path, "access log, JSON lines (default: standard error)"},
    ConfigKey{serve, "max_body", integer, "largest request body accepted, in bytes"},
    ConfigKey{serve, "max_concurrency", integer, "requests processed at once; more are answered 503"},
    ConfigKey{serve, "per_sender_concurrency", integer, "requests of one sender processed at once; more are answered 429"},
    ConfigKey{serve, "retry_after", integer, "seconds announced in Retry-After with 429 and 503"},
    ConfigKey{serve, "shutdown_grace", integer, "seconds in-flight requests may take to finish after SIGTERM"},
    ConfigKey{serve, "require_signature", boolean, "documents must carry a signature that verifies against trust"},
    ConfigKey{serve, "trust", path, "trust store (PEM bundle or directory) for document signatures"},
    ConfigKey{sender, "formats", string, "formats this sender may submit, comma-separated"},
    ConfigKey{sender, "require_signature", boolean, "overrides [serve] require_signature for this sender"},
    ConfigKey{sender, "description", string, "who this sender is"},
};

}  // namespace

std::span<const ConfigKey> config_keys() noexcept { return k_keys; }

const ConfigKey* find_config_key(ConfigSection section, std::string_view name) noexcept {
    for (const auto& k : k_keys)
        if (k.section == section && k.name == name) return &k;
    return nullptr;
}

const char* config_type_name(ConfigType t) noexcept {
    switch (t) {
    case string: return "string";
    case integer: return "integer";
    case boolean: return "boolean";
    case path: return "path";
    case secret_path: return "path (secret)";
    }
    return "string";
}

}  // namespace adx::core

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

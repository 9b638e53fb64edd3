// SPDX-License-Identifier: Apache-2.0
#pragma once
// adx.toml: found as DESIGN.md says (--config, $ADX_CONFIG, ./adx.toml,
// ~/.config/adx/adx.toml, /etc/adx/adx.toml), checked against the key table
// (config_schema.hpp): unknown keys and wrong types are errors with
// file:line:column (Exit::config). Secrets never live in the file: it names
// key files, and a key file that group or others can read is refused
// (Exit::no_perm) when a profile that names it is used.

#include "core/config_schema.hpp"
#include "core/error.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace adx::core {

struct ConfigValue {
    std::variant<std::string, std::int64_t, bool> value;
    std::uint64_t line = 0;
    std::uint64_t column = 0;
};

// One table of settings: [defaults] or [profiles.NAME].
struct Settings {
    std::string name;  // profile name; "defaults" for [defaults]
    std::map<std::string, ConfigValue, std::less<>> values;
    std::uint64_t line = 0;

    std::optional<std::string> string(std::string_view key) const;
    std::optional<std::int64_t> integer(std::string_view key) const;
    std::optional<bool> boolean(std::string_view key) const;
};

class Config {
public:
    // Parses text as adx.toml; name is used in messages and to resolve
    // relative paths (relative to its folder).
    static Expected<Config> parse(std::string_view text, const std::string& name);
    // Reads and parses a file (at most 1 MiB).
    static Expected<Config> load(const std::string& path);
    // The search order; explicit is --config (may be empty). No file found is
    // not an error: the result is an empty configuration.
    static Expected<Config> discover(const std::string& explicit_path);
    // The places discover() looks, in order.
    static std::vector<std::string> search_path();

    const std::string& source() const noexcept { return m_source; }  // empty: none
    const Settings& defaults() const noexcept { return m_defaults; }
    std::vector<std::string> profile_names() const;
    // The named profile (or defaults.profile when name is empty), with every
    // secret_path key checked: missing, or readable by group/others, is an error.
    Expected<const Settings*> profile(std::string_view name) const;
    // The named profile's settings without any check; nullptr if undefined.
    const Settings* profile_settings(std::string_view name) const;

    // [serve] (adx serve); empty when absent.
    const Settings& serve() const noexcept { return m_serve; }
    // [senders.ID]: the sender's settings, or nullptr; and every ID, sorted.
    const Settings* sender(std::string_view id) const;
    std::vector<std::string> sender_ids() const;
    // Checks every secret_path key of settings (a table of section) as profile() does.
    Expected<void> check_secrets(const Settings& settings, ConfigSection section) const;

private:
    std::string m_source;
    Settings m_defaults;
    Settings m_serve;
    std::map<std::string, Settings, std::less<>> m_senders;
    std::map<std::string, Settings, std::less<>> m_profiles;
};

// Refuses a secret file (private key, passphrase) that group or others can
// read or write, or that is missing. where names the config line that named it.
Expected<void> check_secret_file(const std::string& path, const Location& where = {});

}  // namespace adx::core

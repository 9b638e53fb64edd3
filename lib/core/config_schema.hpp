// SPDX-License-Identifier: Apache-2.0
#pragma once
// The keys adx.toml may hold: one table, so that the loader, `adx config
// keys` and adx.toml(5) agree. A later tool adds its keys here.

#include <span>
#include <string_view>

namespace adx::core {

enum class ConfigType { string, integer, boolean, path, secret_path };

enum class ConfigSection {
    defaults,  // [defaults]
    profile,   // [profiles.NAME]
    serve,     // [serve]: adx serve, the receiving endpoint
    sender,    // [senders.ID]: one sender adx serve accepts (ID: credit code or CN)
};

struct ConfigKey {
    ConfigSection section;
    std::string_view name;
    ConfigType type;
    std::string_view summary;  // English, for adx config keys
    std::string_view choices = {};  // allowed values, "|"-separated; empty: any
};

std::span<const ConfigKey> config_keys() noexcept;
const ConfigKey* find_config_key(ConfigSection section, std::string_view name) noexcept;
const char* config_type_name(ConfigType t) noexcept;  // "string", "integer", …

}  // namespace adx::core

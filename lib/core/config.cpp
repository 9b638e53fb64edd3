// SPDX-License-Identifier: Apache-2.0
#include "core/config.hpp"

#include "core/i18n.hpp"
#include "core/suggest.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

namespace adx::core {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t k_max_config_size = 1 << 20;

Error config_error(const std::string& file, const toml::source_region& where, std::string message) {
    Error e{Exit::config, std::move(message)};
    e.where.file = file;
    e.where.line = where.begin.line;
    e.where.column = where.begin.column;
    return e;
}

std::vector<std::string> key_names(ConfigSection section) {
    std::vector<std::string> names;
    for (const auto& k : config_keys())
        if (k.section == section) names.emplace_back(k.name);
    return names;
}

const char* toml_type_name(toml::node_type t) {
    switch (t) {
    case toml::node_type::string: return "string";
    case toml::node_type::integer: return "integer";
    case toml::node_type::floating_point: return "float";
    case toml::node_type::boolean: return "boolean";
    case toml::node_type::table: return "table";
    case toml::node_type::array: return "array";
    case toml::node_type::date: return "date";
    case toml::node_type::time: return "time";
    case toml::node_type::date_time: return "date-time";
    default: return "value";
    }
}

bool is_choice(std::string_view choices, std::string_view value) {
    while (!choices.empty()) {
        std::size_t bar = choices.find('|');
        if (choices.substr(0, bar) == value) return true;
        if (bar == std::string_view::npos) break;
        choices.remove_prefix(bar + 1);
    }
    return false;
}

// Reads one [defaults] or [profiles.NAME] table into settings.
Expected<void> read_settings(const toml::table& table, ConfigSection section, const std::string& file,
                             const fs::path& base, Settings& settings) {
    settings.line = table.source().begin.line;
    for (const auto& [k, node] : table) {
        std::string key{k.str()};
        const ConfigKey* spec = find_config_key(section, key);
        if (!spec) {
            std::string where = section == ConfigSection::defaults ? "[defaults]"
                                : section == ConfigSection::serve  ? "[serve]"
                                : section == ConfigSection::sender ? "[senders." + settings.name + "]"
                                                                   : "[profiles." + settings.name + "]";
            Error e = config_error(file, k.source(), trf("unknown key '{key}' in {table}", fmt::arg("key", key),
                                                         fmt::arg("table", where)));
            if (auto s = closest(key, key_names(section)); !s.empty())
                e.hint = trf("did you mean '{name}'?", fmt::arg("name", s));
            return e;
        }
        ConfigValue v;
        v.line = node.source().begin.line;
        v.column = node.source().begin.column;
        bool ok = false;
        switch (spec->type) {
        case ConfigType::string:
        case ConfigType::path:
        case ConfigType::secret_path:
            if (auto s = node.value<std::string>(); s && node.is_string()) {
                ok = true;
                std::string value = *s;
                if (!spec->choices.empty() && !is_choice(spec->choices, value))
                    return config_error(file, node.source(),
                                        trf("key '{key}' must be one of {choices}, found '{value}'",
                                            fmt::arg("key", key), fmt::arg("choices", spec->choices),
                                            fmt::arg("value", value)));
                if (spec->type != ConfigType::string && value.rfind("~/", 0) == 0) {
                    const char* home = std::getenv("HOME");
                    if (home && *home) value = std::string(home) + value.substr(1);
                }
                if (spec->type != ConfigType::string && !value.empty() && fs::path(value).is_relative())
                    value = (base / value).lexically_normal().string();
                v.value = value;
            }
            break;
        case ConfigType::integer:
            if (node.is_integer()) {
                ok = true;
                v.value = node.value<std::int64_t>().value_or(0);
            }
            break;
        case ConfigType::boolean:
            if (node.is_boolean()) {
                ok = true;
                v.value = node.value<bool>().value_or(false);
            }
            break;
        }
        if (!ok)
            return config_error(file, node.source(),
                                trf("key '{key}' must be of type {type}, found {found}", fmt::arg("key", key),
                                    fmt::arg("type", tr(config_type_name(spec->type))),
                                    fmt::arg("found", toml_type_name(node.type()))));
        settings.values.emplace(key, std::move(v));
    }
    return {};
}

}  // namespace

std::optional<std::string> Settings::string(std::string_view key) const {
    auto it = values.find(key);
    if (it == values.end()) return std::nullopt;
    if (auto p = std::get_if<std::string>(&it->second.value)) return *p;
    return std::nullopt;
}

std::optional<std::int64_t> Settings::integer(std::string_view key) const {
    auto it = values.find(key);
    if (it == values.end()) return std::nullopt;
    if (auto p = std::get_if<std::int64_t>(&it->second.value)) return *p;
    return std::nullopt;
}

std::optional<bool> Settings::boolean(std::string_view key) const {
    auto it = values.find(key);
    if (it == values.end()) return std::nullopt;
    if (auto p = std::get_if<bool>(&it->second.value)) return *p;
    return std::nullopt;
}

Expected<Config> Config::parse(std::string_view text, const std::string& name) {
    toml::table root;
    try {
        root = toml::parse(text, name);
    } catch (const toml::parse_error& err) {
        return config_error(name, err.source(), trf("invalid TOML: {reason}", fmt::arg("reason", err.description())));
    }
    Config cfg;
    cfg.m_source = name;
    cfg.m_defaults.name = "defaults";
    cfg.m_serve.name = "serve";
    fs::path base = fs::path(name).parent_path();
    if (base.empty()) base = ".";
    for (const auto& [k, node] : root) {
        std::string key{k.str()};
        if (key == "defaults") {
            if (!node.is_table())
                return config_error(name, node.source(), tr("[defaults] must be a table"));
            if (auto r = read_settings(*node.as_table(), ConfigSection::defaults, name, base, cfg.m_defaults); !r)
                return std::move(r).error();
        } else if (key == "profiles") {
            if (!node.is_table())
                return config_error(name, node.source(), tr("[profiles] must hold tables such as [profiles.city]"));
            for (const auto& [pk, pnode] : *node.as_table()) {
                Settings s;
                s.name = std::string(pk.str());
                if (!pnode.is_table())
                    return config_error(name, pnode.source(),
                                        trf("profile '{name}' must be a table", fmt::arg("name", s.name)));
                if (auto r = read_settings(*pnode.as_table(), ConfigSection::profile, name, base, s); !r)
                    return std::move(r).error();
                cfg.m_profiles.emplace(s.name, std::move(s));
            }
        } else if (key == "serve") {
            if (!node.is_table()) return config_error(name, node.source(), tr("[serve] must be a table"));
            if (auto r = read_settings(*node.as_table(), ConfigSection::serve, name, base, cfg.m_serve); !r)
                return std::move(r).error();
        } else if (key == "senders") {
            if (!node.is_table())
                return config_error(name, node.source(), tr("[senders] must hold tables such as [senders.ID]"));
            for (const auto& [sk, snode] : *node.as_table()) {
                Settings s;
                s.name = std::string(sk.str());
                if (!snode.is_table())
                    return config_error(name, snode.source(),
                                        trf("sender '{name}' must be a table", fmt::arg("name", s.name)));
                if (auto r = read_settings(*snode.as_table(), ConfigSection::sender, name, base, s); !r)
                    return std::move(r).error();
                cfg.m_senders.emplace(s.name, std::move(s));
            }
        } else {
            Error e = config_error(name, k.source(), trf("unknown table or key '{key}'", fmt::arg("key", key)));
            if (auto s = closest(key, {"defaults", "profiles", "serve", "senders"}); !s.empty())
                e.hint = trf("did you mean '{name}'?", fmt::arg("name", s));
            return e;
        }
    }
    if (auto p = cfg.m_defaults.string("profile"); p && !cfg.m_profiles.count(*p)) {
        const auto& v = cfg.m_defaults.values.at("profile");
        Error e{Exit::config, trf("default profile '{name}' is not defined", fmt::arg("name", *p))};
        e.where = Location{name, v.line, v.column, 0, {}};
        return e;
    }
    return cfg;
}

Expected<Config> Config::load(const std::string& path) {
    std::error_code ec;
    auto size = fs::file_size(path, ec);
    if (ec)
        return Error{Exit::no_input, trf("cannot read configuration '{path}': {reason}", fmt::arg("path", path),
                                         fmt::arg("reason", ec.message()))};
    if (size > k_max_config_size)
        return Error{Exit::config, trf("configuration '{path}' is larger than 1 MiB", fmt::arg("path", path))};
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in.good() && !in.eof())
        return Error{Exit::no_input, trf("cannot read configuration '{path}'", fmt::arg("path", path))};
    return parse(text.str(), path);
}

std::vector<std::string> Config::search_path() {
    std::vector<std::string> out{"./adx.toml"};
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
        out.push_back(std::string(xdg) + "/adx/adx.toml");
    else if (const char* home = std::getenv("HOME"); home && *home)
        out.push_back(std::string(home) + "/.config/adx/adx.toml");
    out.emplace_back("/etc/adx/adx.toml");
    return out;
}

Expected<Config> Config::discover(const std::string& explicit_path) {
    if (!explicit_path.empty()) return load(explicit_path);
    if (const char* env = std::getenv("ADX_CONFIG"); env && *env) return load(env);
    for (const auto& candidate : search_path()) {
        std::error_code ec;
        if (fs::is_regular_file(candidate, ec)) return load(candidate);
    }
    Config empty;
    empty.m_defaults.name = "defaults";
    return empty;
}

std::vector<std::string> Config::profile_names() const {
    std::vector<std::string> names;
    for (const auto& [n, _] : m_profiles) names.push_back(n);
    return names;
}

const Settings* Config::profile_settings(std::string_view name) const {
    auto it = m_profiles.find(name);
    return it == m_profiles.end() ? nullptr : &it->second;
}

Expected<const Settings*> Config::profile(std::string_view name) const {
    std::string wanted{name};
    if (wanted.empty()) wanted = m_defaults.string("profile").value_or("");
    if (wanted.empty())
        return Error{Exit::usage, tr("no profile given (use --profile NAME or set profile in [defaults])")};
    auto it = m_profiles.find(wanted);
    if (it == m_profiles.end()) {
        Error e{Exit::config, m_source.empty()
                                  ? trf("profile '{name}' is not defined: no configuration file was found",
                                        fmt::arg("name", wanted))
                                  : trf("profile '{name}' is not defined in {file}", fmt::arg("name", wanted),
                                        fmt::arg("file", m_source))};
        if (auto s = closest(wanted, profile_names()); !s.empty())
            e.hint = trf("did you mean '{name}'?", fmt::arg("name", s));
        return e;
    }
    const Settings& s = it->second;
    for (const auto& [key, value] : s.values) {
        const ConfigKey* spec = find_config_key(ConfigSection::profile, key);
        if (!spec || spec->type != ConfigType::secret_path) continue;
        Location where{m_source, value.line, value.column, 0, {}};
        if (auto r = check_secret_file(std::get<std::string>(value.value), where); !r) return std::move(r).error();
    }
    return &s;
}

const Settings* Config::sender(std::string_view id) const {
    auto it = m_senders.find(id);
    return it == m_senders.end() ? nullptr : &it->second;
}

std::vector<std::string> Config::sender_ids() const {
    std::vector<std::string> ids;
    for (const auto& [n, _] : m_senders) ids.push_back(n);
    return ids;
}

Expected<void> Config::check_secrets(const Settings& settings, ConfigSection section) const {
    for (const auto& [key, value] : settings.values) {
        const ConfigKey* spec = find_config_key(section, key);
        if (!spec || spec->type != ConfigType::secret_path) continue;
        Location where{m_source, value.line, value.column, 0, {}};
        if (auto r = check_secret_file(std::get<std::string>(value.value), where); !r) return std::move(r).error();
    }
    return {};
}

Expected<void> check_secret_file(const std::string& path, const Location& where) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        int err = errno;
        Error e{Exit::no_input, trf("cannot read key file '{path}': {reason}", fmt::arg("path", path),
                                    fmt::arg("reason", std::strerror(err)))};
        e.where = where;
        return e;
    }
    if (st.st_mode & (S_IRWXG | S_IRWXO)) {
        Error e{Exit::no_perm,
                trf("key file '{path}' can be read or written by group or others (mode {mode:04o}); refusing to use it",
                    fmt::arg("path", path), fmt::arg("mode", st.st_mode & 07777))};
        e.where = where;
        e.rule = "key-permissions";
        e.hint = trf("chmod 600 '{path}'", fmt::arg("path", path));
        return e;
    }
    return {};
}

}  // namespace adx::core

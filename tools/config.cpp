// SPDX-License-Identifier: Apache-2.0
// adx config: where the configuration comes from, what it holds, whether it
// is sound (unknown keys, types, key-file permissions).

#include "core/config.hpp"
#include "core/i18n.hpp"
#include "core/json_writer.hpp"
#include "core/output.hpp"
#include "tools/tool.hpp"

namespace adx::tools {

namespace {

using core::Exit;
using core::tr;
using core::trf;

// TOML for a value: strings quoted (the JSON escapes are valid TOML ones).
std::string value_text(const core::ConfigValue& v) {
    if (auto s = std::get_if<std::string>(&v.value)) {
        std::string out;
        core::json_escape(out, *s);
        return out;
    }
    if (auto i = std::get_if<std::int64_t>(&v.value)) return fmt::format("{}", *i);
    return std::get<bool>(v.value) ? "true" : "false";
}

class ConfigTool final : public Tool {
public:
    void setup(CLI::App& app) override {
        app.require_subcommand(1);
        m_show = app.add_subcommand("show", tr("print the configuration in use and where it came from"));
        add_report_option(*m_show, m_report);
        m_check = app.add_subcommand("check", tr("check the configuration and every profile's key files"));
        m_check->add_option("PROFILE", m_profiles, tr("profiles to check (default: --profile, else all)"));
        m_keys = app.add_subcommand("keys", tr("list the keys adx.toml may hold"));
        m_path = app.add_subcommand("path", tr("print the files searched for the configuration, in order"));
    }

    Exit run(const Context& ctx) override {
        auto out = core::unwrap(core::Output::open("-"));
        const auto& cfg = ctx.config;
        if (m_path->parsed()) {
            for (const auto& p : core::Config::search_path()) out.write(p + "\n");
        } else if (m_keys->parsed()) {
            for (const auto& k : core::config_keys())
                out.write(fmt::format("{}.{}\t{}\t{}\n",
                                      k.section == core::ConfigSection::defaults ? "defaults"
                                      : k.section == core::ConfigSection::serve ? "serve"
                                      : k.section == core::ConfigSection::sender ? "senders.ID"
                                                                                 : "profiles.NAME",
                                      k.name, core::config_type_name(k.type), k.summary));
        } else if (m_show->parsed()) {
            show(out, cfg);
        } else {
            auto names = m_profiles;
            if (names.empty() && !ctx.profile.empty()) names.push_back(ctx.profile);
            if (names.empty()) names = cfg.profile_names();
            for (const auto& n : names) core::unwrap(cfg.profile(n));
            out.write(cfg.source().empty()
                          ? tr("no configuration file found\n")
                          : trf("{file}: ok, profiles checked: {n}\n", fmt::arg("file", cfg.source()),
                                fmt::arg("n", names.size())));
        }
        core::unwrap(out.commit());
        return Exit::ok;
    }

private:
    void show(core::Output& out, const core::Config& cfg) {
        std::vector<std::string> names = cfg.profile_names();
        if (m_report == Report::json) {
            std::string buf;
            core::JsonWriter w(buf);
            w.begin_object().field("source", cfg.source());
            auto dump = [&](const core::Settings& s) {
                w.begin_object();
                for (const auto& [k, v] : s.values) {
                    w.key(k);
                    if (auto str = std::get_if<std::string>(&v.value))
                        w.value(std::string_view(*str));
                    else if (auto i = std::get_if<std::int64_t>(&v.value))
                        w.value(*i);
                    else
                        w.value(std::get<bool>(v.value));
                }
                w.end_object();
            };
            w.key("defaults");
            dump(cfg.defaults());
            w.key("profiles").begin_object();
            for (const auto& n : names) {
                w.key(n);
                dump(*find(cfg, n));
            }
            w.end_object().end_object();
            out.write(buf + "\n");
            return;
        }
        out.write(cfg.source().empty() ? tr("# no configuration file found\n")
                                       : trf("# {file}\n", fmt::arg("file", cfg.source())));
        auto dump = [&](const std::string& header, const core::Settings& s) {
            out.write(header + "\n");
            for (const auto& [k, v] : s.values)
                out.write(fmt::format("{} = {}    # line {}\n", k, value_text(v), v.line));
        };
        dump("[defaults]", cfg.defaults());
        for (const auto& n : names) dump("\n[profiles." + n + "]", *find(cfg, n));
    }

    // A profile's settings without the key-file checks (show must work even
    // when a key file is unsafe; check reports that).
    static const core::Settings* find(const core::Config& cfg, const std::string& name) {
        return cfg.profile_settings(name);
    }

    CLI::App* m_show = nullptr;
    CLI::App* m_check = nullptr;
    CLI::App* m_keys = nullptr;
    CLI::App* m_path = nullptr;
    Report m_report = Report::text;
    std::vector<std::string> m_profiles;
};

}  // namespace

std::unique_ptr<Tool> make_config_tool() { return std::make_unique<ConfigTool>(); }

}  // namespace adx::tools

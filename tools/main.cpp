// SPDX-License-Identifier: Apache-2.0
// adx: the one binary. Parse the command line, set up logging and the
// configuration, run the chosen tool, map every outcome to a sysexits code.

#include "core/config.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/suggest.hpp"
#include "tools/support/help.hpp"
#include "tools/tool.hpp"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <new>
#include <string>
#include <vector>

namespace {

using adx::core::Exit;
using adx::core::tr;
using adx::core::trf;

std::vector<std::string> tool_names() {
    std::vector<std::string> names;
    for (const auto& t : adx::tools::tools()) names.emplace_back(t.name);
    names.emplace_back("help");
    return names;
}

int usage_error(const std::string& component, const std::string& message, const std::string& hint = {}) {
    adx::core::Error e{Exit::usage, message};
    e.hint = hint;
    std::fputs((adx::core::format_diagnostic(component, adx::core::Severity::error, e) + "\n").c_str(), stderr);
    return static_cast<int>(Exit::usage);
}

// The deepest subcommand that was selected, and its name path ("adx id check").
CLI::App* selected(CLI::App& app, std::string& path) {
    CLI::App* cur = &app;
    path = "adx";
    for (;;) {
        auto subs = cur->get_subcommands();
        if (subs.empty()) return cur;
        cur = subs.front();
        path += " " + cur->get_name();
    }
}

// The subcommand the words of argv name (parsing may have stopped before
// selecting it), and its name path ("adx id check").
// *stray is set to the first word that names no subcommand where one was due.
CLI::App* named(CLI::App& app, int argc, char** argv, std::string& path, std::string* stray) {
    CLI::App* cur = &app;
    path = "adx";
    for (int i = 1; i < argc; ++i) {
        std::string word = argv[i];
        if (word.empty() || word[0] == '-') continue;
        auto subs = cur->get_subcommands({});
        CLI::App* sub = nullptr;
        for (auto* s : subs) {
            if (s->get_name() == word) sub = s;
        }
        if (!sub) {
            if (!subs.empty() && stray && stray->empty()) *stray = word;
            continue;
        }
        cur = sub;
        path += " " + word;
    }
    return cur;
}

// One line for a CLI11 parse error, with a suggestion for a mistyped option.
int parse_error(CLI::App& app, const CLI::ParseError& err, int argc, char** argv) {
    std::string path, stray;
    CLI::App* at = named(app, argc, argv, path, &stray);
    if (!stray.empty()) {
        std::vector<std::string> subs;
        for (auto* s : at->get_subcommands({})) subs.push_back(s->get_name());
        std::string s = adx::core::closest(stray, subs);
        return usage_error(path, trf("unknown subcommand '{name}'", fmt::arg("name", stray)),
                           s.empty() ? trf("see '{path} --help'", fmt::arg("path", path))
                                     : trf("did you mean '{name}'?", fmt::arg("name", s)));
    }
    std::vector<std::string> names;
    for (CLI::App* a = at; a; a = a->get_parent())
        for (const auto* opt : a->get_options())
            for (const auto& l : opt->get_lnames()) names.push_back(l);
    std::string hint;
    for (int i = 1; i < argc && hint.empty(); ++i) {
        std::string arg = argv[i];
        if (arg.rfind("--", 0) != 0 || arg.size() == 2) continue;
        std::string name = arg.substr(2, arg.find('=') - 2);
        if (std::find(names.begin(), names.end(), name) != names.end()) continue;
        if (auto s = adx::core::closest(name, names); !s.empty())
            hint = trf("did you mean '--{name}'?", fmt::arg("name", s));
    }
    if (hint.empty()) hint = trf("see '{path} --help'", fmt::arg("path", path));
    return usage_error(path, err.what(), hint);
}

}  // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);  // a closed pipe is a write error (exit 74), not a silent death
    adx::core::init_i18n(argc > 0 ? argv[0] : "adx");

    // An unknown tool gets a suggestion before CLI11 sees it.
    if (argc > 1 && argv[1][0] != '-') {
        std::string first = argv[1];
        auto names = tool_names();
        if (std::find(names.begin(), names.end(), first) == names.end()) {
            std::string hint = adx::core::closest(first, names);
            return usage_error("adx", trf("unknown tool '{name}'", fmt::arg("name", first)),
                               hint.empty() ? tr("see 'adx --help' for the list of tools")
                                            : trf("did you mean '{name}'?", fmt::arg("name", hint)));
        }
    }

    CLI::App app{tr("adx: administrative data exchange between districts and the city"), "adx"};
    app.formatter(adx::tools::make_formatter());
    app.require_subcommand(0, 1);
    app.fallthrough();
    app.footer(tr("Run 'adx help TOOL' or 'man adx-TOOL' for a tool's manual; 'man adx' for exit codes and files."));
    std::string config_path, profile, log_format = "text";
    bool quiet = false, verbose = false, version = false;
    app.add_option("--config", config_path, tr("configuration file (default: $ADX_CONFIG, ./adx.toml, ~/.config/adx/adx.toml, /etc/adx/adx.toml)"))
        ->option_text("FILE");
    app.add_option("--profile", profile, tr("configuration profile to use"))->option_text("NAME");
    auto* log_opt = app.add_option("--log-format", log_format, tr("diagnostics on standard error: text or json"))
                        ->check(CLI::IsMember({"text", "json"}))
                        ->option_text("text|json");
    app.add_flag("-q,--quiet", quiet, tr("print errors only"));
    app.add_flag("-v,--verbose", verbose, tr("print progress and details"));
    app.add_flag("-V,--version", version, tr("print the version and the features compiled in"));

    std::vector<std::pair<const adx::tools::ToolInfo*, std::unique_ptr<adx::tools::Tool>>> tools;
    for (const auto& info : adx::tools::tools()) {
        auto* sub = app.add_subcommand(std::string(info.name), tr(info.summary));
        sub->footer(trf("See 'man adx-{name}' or 'adx help {name}'.", fmt::arg("name", info.name)));
        auto tool = info.make();
        tool->setup(*sub);
        tools.emplace_back(&info, std::move(tool));
    }
    std::string help_topic;
    auto* help = app.add_subcommand("help", tr("show the manual page of a tool (adx help TOOL)"));
    help->add_option("TOOL", help_topic, tr("tool name; none for adx(1) itself"));

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return parse_error(app, e, argc, argv);
    }

    if (version) {
        std::fputs(adx::tools::version_text().c_str(), stdout);
        return 0;
    }
    std::string component;
    CLI::App* chosen = selected(app, component);
    if (chosen == &app) {
        std::fputs(app.help().c_str(), stdout);
        return 0;
    }

    auto& log = adx::core::log();
    auto threshold = quiet ? adx::core::Severity::error
                           : (verbose ? adx::core::Severity::debug : adx::core::Severity::warning);
    log.configure(component, log_format == "json" ? adx::core::LogFormat::json : adx::core::LogFormat::text,
                  threshold);
    try {
        if (help->parsed()) return static_cast<int>(adx::tools::show_manual(help_topic, tool_names()));
        auto config = adx::core::unwrap(adx::core::Config::discover(config_path));
        if (log_opt->count() == 0) {
            if (auto f = config.defaults().string("log_format"); f && *f == "json")
                log.configure(component, adx::core::LogFormat::json, threshold);
        }
        if (!config.source().empty()) log.debug(trf("configuration: {file}", fmt::arg("file", config.source())));
        adx::tools::Context ctx{config, profile};
        for (auto& [info, tool] : tools) {
            if (app.got_subcommand(std::string(info->name))) return static_cast<int>(tool->run(ctx));
        }
        return 0;
    } catch (const adx::core::Failure& f) {
        log.error(f.error());
        return static_cast<int>(f.error().code);
    } catch (const std::bad_alloc&) {
        log.error({Exit::software, tr("out of memory")});
        return static_cast<int>(Exit::software);
    } catch (const std::exception& e) {
        log.error({Exit::software, trf("internal error: {what}", fmt::arg("what", e.what()))});
        return static_cast<int>(Exit::software);
    }
}

// SPDX-License-Identifier: Apache-2.0
#pragma once
// A tool is one subcommand: setup() declares its options (no I/O, no work),
// run() does the work after parsing (STYLE.md §1–2). Tools are thin: they wire
// lib/ parts together and turn errors into exit codes.

#include "core/config.hpp"
#include "core/error.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace adx::tools {

struct Context {
    const core::Config& config;
    std::string profile;  // --profile, may be empty
};

class Tool {
public:
    virtual ~Tool() = default;
    virtual void setup(CLI::App& app) = 0;
    // Returns the exit code; throws core::Failure for errors.
    virtual core::Exit run(const Context& ctx) = 0;
};

struct ToolInfo {
    std::string_view name;
    const char* summary;  // msgid
    std::unique_ptr<Tool> (*make)();
};

// The explicit list of tools (tools/registry.cpp): --help, man pages and the
// smoke tests all come from it.
std::span<const ToolInfo> tools();

// Report formats shared by tools.
enum class Report { text, json };
// Adds --report text|json to app.
void add_report_option(CLI::App& app, Report& report);

}  // namespace adx::tools

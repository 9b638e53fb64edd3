// SPDX-License-Identifier: Apache-2.0
#pragma once
// --help layout, --version text, and `adx help TOOL`.

#include "core/error.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

namespace adx::tools {

std::shared_ptr<CLI::Formatter> make_formatter();

// "adx 0.1.0" and the features compiled in, from the registries.
std::string version_text();

// Opens the manual page adx-TOPIC(1) (adx(1) for an empty topic) with man(1).
// Looks in $ADX_MANDIR, beside the executable (../share/man), the build tree,
// then man's own search path. Unknown topic: Exit::usage.
core::Exit show_manual(const std::string& topic, const std::vector<std::string>& known);

}  // namespace adx::tools

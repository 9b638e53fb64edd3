// SPDX-License-Identifier: Apache-2.0
#pragma once
// What adx sign and adx verify share: settings from the profile, the SM2
// user ID, reading a document whole, and telling XML from anything else.
// Not a tool of its own.

#include "core/config.hpp"
#include "core/input.hpp"
#include "crypto/sign.hpp"
#include "tools/tool.hpp"

#include <optional>
#include <string>

namespace adx::tools {

// The profile named by --profile (or defaults.profile), or nullptr when the
// configuration has none. Secret files it names are checked (Exit::no_perm).
const core::Settings* signing_profile(const Context& ctx);

// opt if given, else the profile's key, else "".
std::string setting(const std::string& opt, const core::Settings* profile, std::string_view key);

// The SM2 user ID: --sm2-id, else the profile's sm2_user_id, else
// [defaults] sm2_user_id, else GM/T 0009's default.
crypto::SigOptions sig_options(const std::optional<std::string>& opt, const Context& ctx,
                               const core::Settings* profile);

// The whole input, at most max bytes (Exit::data, rule "too-large", beyond).
// size_hint (file_size_hint): the expected size, to allocate once.
core::Expected<std::string> read_all(core::Input& in, std::size_t max, std::size_t size_hint = 0);

// The size of a regular file, else 0 (standard input, a pipe, an error).
std::size_t file_size_hint(const std::string& path);

// Does the file start like an XML document? Reads its first bytes only.
bool file_looks_like_xml(const std::string& path);

}  // namespace adx::tools

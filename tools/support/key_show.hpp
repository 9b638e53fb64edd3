// SPDX-License-Identifier: Apache-2.0
#pragma once
// adx key show: certificates, requests, keys and CRLs in words or JSON.

#include "crypto/key.hpp"
#include "tools/tool.hpp"

#include <string>
#include <vector>

namespace adx::tools {

// Shows every item (PEM block, or the one DER object) of each file on
// standard output. JSON: one object per item and line (man adx-key).
core::Exit show_files(const std::vector<std::string>& files, const crypto::PassphraseSource& pass, Report report);

}  // namespace adx::tools

// SPDX-License-Identifier: Apache-2.0
#pragma once
// Helpers for the xmldsig tests: files, the shared corpora.

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace xmldsig_test {

inline std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline std::filesystem::path shared_dir() {
    const char* env = std::getenv("ADX_SHARED_DIR");
    return env && *env ? env : ADX_SHARED_DIR;
}

inline std::filesystem::path corpora() {
    return shared_dir() / "corpora";
}

inline std::filesystem::path source_dir() {
    return ADX_SOURCE_DIR;
}

}  // namespace xmldsig_test

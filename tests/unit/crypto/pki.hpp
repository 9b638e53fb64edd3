// SPDX-License-Identifier: Apache-2.0
#pragma once
// The committed test PKI (tests/data/pki, README.md there) for crypto tests.

#include "crypto/cert.hpp"
#include "crypto/key.hpp"

#include <catch2/catch.hpp>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>

namespace adx::crypto::test {

inline std::string pki_path(const std::string& alg, const std::string& file) {
    return std::string(ADX_SOURCE_DIR) + "/tests/data/pki/" + alg + "/" + file;
}

inline std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline Certificate pki_cert(const std::string& alg, const std::string& name) {
    auto certs = Certificate::load(pki_path(alg, name + ".pem"));
    REQUIRE(certs.has_value());
    return certs->front();
}

// Read through from_pem: git does not keep the keys' mode 0600.
inline PrivateKey pki_key(const std::string& alg, const std::string& name) {
    auto key = PrivateKey::from_pem(read_text(pki_path(alg, name + ".key")), std::nullopt, name);
    REQUIRE(key.has_value());
    return *key;
}

inline std::time_t utc(int y, int m, int d) {
    struct tm tm {};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    return timegm(&tm);
}

// A moment when every "good" certificate of the PKI is valid.
inline const std::time_t k_pki_now = utc(2026, 11, 27);

}  // namespace adx::crypto::test

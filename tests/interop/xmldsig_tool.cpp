// SPDX-License-Identifier: Apache-2.0
// A thin driver of lib/xmldsig for the interop scripts (xmldsig_xmlsec1.sh),
// independent of the adx command line:
//   xmldsig_tool sign KEY.pem CERTS.pem IN OUT   (CERTS.pem: signer first, then chain)
//   xmldsig_tool verify TRUST.pem IN [UNIX-TIME]
// verify prints "ok SUBJECT" or "RULE: MESSAGE" and exits 0 or 65.

#include "core/diagnostic.hpp"
#include "crypto/cert.hpp"
#include "crypto/key.hpp"
#include "crypto/trust.hpp"
#include "xmldsig/xmldsig.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

using namespace adx;

namespace {

std::string slurp(const char* path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cerr << "cannot read " << path << "\n";
        std::exit(66);
    }
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

template <class T>
T need(core::Expected<T>&& e) {
    if (!e) {
        std::cerr << core::format_diagnostic("xmldsig_tool", core::Severity::error, e.error()) << "\n";
        std::exit(static_cast<int>(e.error().code));
    }
    return std::move(e).value();
}

}  // namespace

int main(int argc, char** argv) {
    std::string cmd = argc > 1 ? argv[1] : "";
    if (cmd == "sign" && argc == 6) {
        auto key = need(crypto::PrivateKey::from_pem(slurp(argv[2]), std::nullopt, argv[2]));
        auto certs = need(crypto::Certificate::from_pem(slurp(argv[3]), argv[3]));
        xmldsig::SignRequest req{key, certs, crypto::default_sig_alg(key.alg())};
        std::string out = need(xmldsig::sign(argv[4], slurp(argv[4]), req));
        std::ofstream o(argv[5], std::ios::binary);
        o << out;
        return o ? 0 : 74;
    }
    if (cmd == "verify" && (argc == 4 || argc == 5)) {
        auto trust = crypto::TrustStore::from_certs(need(crypto::Certificate::from_pem(slurp(argv[2]), argv[2])));
        xmldsig::VerifyOptions opts{trust};
        if (argc == 5) opts.at = static_cast<std::time_t>(std::strtoll(argv[4], nullptr, 10));
        auto info = xmldsig::verify(argv[3], slurp(argv[3]), opts);
        if (!info) {
            std::cout << info.error().rule << ": " << info.error().message << "\n";
            return static_cast<int>(info.error().code);
        }
        std::cout << "ok " << info->subject << "\n";
        return 0;
    }
    std::cerr << "usage: xmldsig_tool sign KEY CERTS IN OUT | verify TRUST IN [UNIX-TIME]\n";
    return 64;
}

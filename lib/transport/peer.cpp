// SPDX-License-Identifier: Apache-2.0
#include "transport/peer.hpp"

#include "core/clock.hpp"
#include "core/i18n.hpp"

#include <microhttpd.h>

#include <algorithm>
#include <gnutls/gnutls.h>

namespace adx::transport {

Identity identity_of(const std::vector<crypto::Bytes>& der_chain, const crypto::TrustStore& client_ca,
                     std::time_t now) {
    Identity id;
    if (der_chain.empty()) return id;
    id.certificate = true;
    std::vector<crypto::Certificate> certs;
    for (const auto& der : der_chain) {
        auto c = crypto::Certificate::from_der(der);
        if (!c) {
            id.problem = c.error().message;
            return id;
        }
        certs.push_back(std::move(*c));
    }
    const crypto::Certificate& leaf = certs.front();
    id.subject = leaf.subject();
    std::span<const crypto::Certificate> rest(certs.data() + 1, certs.size() - 1);
    if (auto chain = client_ca.verify(leaf, rest, now); !chain) {
        id.problem = chain.error().message;
        return id;
    }
    auto eku = leaf.ext_key_usage();
    if (!eku.empty() && std::find(eku.begin(), eku.end(), "clientAuth") == eku.end()) {
        id.problem = core::tr("the certificate is not for TLS clients (no clientAuth)");
        return id;
    }
    id.trusted = true;
    id.sender = leaf.credit_code();
    if (id.sender.empty()) id.sender = leaf.common_name();
    return id;
}

Identity peer_identity(MHD_Connection* connection, const crypto::TrustStore& client_ca) {
    const MHD_ConnectionInfo* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_GNUTLS_SESSION);
    if (!info || !info->tls_session) return {};
    auto session = static_cast<gnutls_session_t>(info->tls_session);
    unsigned int n = 0;
    const gnutls_datum_t* peers = gnutls_certificate_get_peers(session, &n);
    std::vector<crypto::Bytes> der;
    for (unsigned i = 0; peers && i < n && i < 8; ++i) der.emplace_back(peers[i].data, peers[i].data + peers[i].size);
    auto now = core::now();
    std::time_t t = now ? static_cast<std::time_t>(now->time_since_epoch().count()) : std::time(nullptr);
    return identity_of(der, client_ca, t);
}

}  // namespace adx::transport

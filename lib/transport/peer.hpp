// SPDX-License-Identifier: Apache-2.0
#pragma once
// Who is on the other end of a TLS connection: the client certificate chain
// from GnuTLS (libmicrohttpd's TLS), checked with crypto::TrustStore against
// client_ca. Internal to lib/transport.

#include "crypto/trust.hpp"
#include "transport/receiver.hpp"

struct MHD_Connection;

namespace adx::transport {

// The identity of the connection's client certificate (sender: the credit
// code of the subject, else its CN). The leaf must chain to client_ca now,
// and when it has extendedKeyUsage, list clientAuth.
Identity peer_identity(MHD_Connection* connection, const crypto::TrustStore& client_ca);

// The same from DER certificates, leaf first (tests and the fuzz target).
Identity identity_of(const std::vector<crypto::Bytes>& der_chain, const crypto::TrustStore& client_ca, std::time_t now);

}  // namespace adx::transport

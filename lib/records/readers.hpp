// SPDX-License-Identifier: Apache-2.0
#pragma once
// The readers behind open_reader(), one per syntax family.

#include "records/reader.hpp"

namespace adx::records::detail {

// delimiter 0: detect it from the header line (comma, semicolon or tab).
core::Expected<std::unique_ptr<Reader>> open_csv(core::Input& input, char delimiter, core::Encoding encoding,
                                                 const Limits& limits);
// lines: JSON Lines instead of one JSON document.
core::Expected<std::unique_ptr<Reader>> open_json(core::Input& input, bool lines, core::Encoding encoding,
                                                  const Limits& limits);
core::Expected<std::unique_ptr<Reader>> open_xml(core::Input& input, core::Encoding encoding, const XmlNames& names,
                                                 const Limits& limits);

}  // namespace adx::records::detail

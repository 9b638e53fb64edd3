// SPDX-License-Identifier: Apache-2.0
#include "core/error.hpp"

namespace adx::core {

const char* exit_name(Exit code) noexcept {
    switch (code) {
    case Exit::ok: return "EX_OK";
    case Exit::usage: return "EX_USAGE";
    case Exit::data: return "EX_DATAERR";
    case Exit::no_input: return "EX_NOINPUT";
    case Exit::unavailable: return "EX_UNAVAILABLE";
    case Exit::software: return "EX_SOFTWARE";
    case Exit::cant_create: return "EX_CANTCREAT";
    case Exit::io: return "EX_IOERR";
    case Exit::temp_fail: return "EX_TEMPFAIL";
    case Exit::no_perm: return "EX_NOPERM";
    case Exit::config: return "EX_CONFIG";
    }
    return "EX_SOFTWARE";
}

}  // namespace adx::core

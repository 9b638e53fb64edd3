// SPDX-License-Identifier: Apache-2.0
#pragma once
// Every user-facing message goes through tr(): English is the msgid, the
// zh_CN catalog (po/zh_CN.po, gettext) translates it. Placeholders are named
// fmt fields ("{file}") so that a translation may reorder them.

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace adx::core {

// Bind the "adx" text domain. Looks for catalogs in $ADX_LOCALEDIR, next to
// the executable (../share/locale), in the build tree, then the install
// prefix. Works even when the zh_CN locale itself is not generated on the
// machine: the message language then follows LANGUAGE/LC_ALL/LC_MESSAGES/LANG.
void init_i18n(const char* argv0);

// The translation of msgid (itself when there is none).
const char* tr(const char* msgid) noexcept;

// True when messages are being translated to Chinese.
bool chinese() noexcept;

// Translate, then format with named arguments: trf("bad {x}", fmt::arg("x", 1)).
template <class... Args>
std::string trf(const char* msgid, Args&&... args) {
    return fmt::format(fmt::runtime(tr(msgid)), std::forward<Args>(args)...);
}

// Marks a string for extraction without translating it where it stands.
constexpr const char* N_(const char* msgid) noexcept { return msgid; }

}  // namespace adx::core

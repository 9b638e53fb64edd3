// SPDX-License-Identifier: Apache-2.0
#include "core/i18n.hpp"

#include <libintl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

namespace adx::core {

namespace {

constexpr const char* k_domain = "adx";
bool g_chinese = false;

bool has_catalog(const std::filesystem::path& dir) {
    std::error_code ec;
    return std::filesystem::exists(dir / "zh_CN" / "LC_MESSAGES" / "adx.mo", ec);
}

std::filesystem::path find_localedir(const char* argv0) {
    if (const char* env = std::getenv("ADX_LOCALEDIR"); env && *env) return env;
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec && argv0) exe = std::filesystem::absolute(argv0, ec);
    if (!ec) {
        auto beside = exe.parent_path().parent_path() / "share" / "locale";
        if (has_catalog(beside)) return beside;
    }
    if (has_catalog(ADX_BUILD_LOCALEDIR)) return ADX_BUILD_LOCALEDIR;
    return ADX_INSTALL_LOCALEDIR;
}

// The language the user asked for, in the order gettext itself honours.
std::string wanted_language() {
    for (const char* var : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* v = std::getenv(var);
        if (v && *v) return v;
    }
    return {};
}

}  // namespace

void init_i18n(const char* argv0) {
    const char* ok = std::setlocale(LC_ALL, "");
    std::string lang = wanted_language();
    g_chinese = lang.rfind("zh", 0) == 0;
    // gettext ignores LANGUAGE under the C locale (LANG unset, as under cron).
    const char* messages = std::setlocale(LC_MESSAGES, nullptr);
    bool c_locale = !messages || std::strcmp(messages, "C") == 0 || std::strcmp(messages, "POSIX") == 0;
    if ((!ok || c_locale) && g_chinese) {
        // The zh_CN locale is not generated here (or only LANGUAGE asks for
        // Chinese): translate messages anyway under C.UTF-8, where gettext
        // honours LANGUAGE.
        std::setlocale(LC_ALL, "C.UTF-8");
        if (!std::getenv("LANGUAGE")) ::setenv("LANGUAGE", "zh_CN", 1);
    }
    // Numbers and dates are formatted by adx itself, never by the locale.
    std::setlocale(LC_NUMERIC, "C");
    auto dir = find_localedir(argv0);
    bindtextdomain(k_domain, dir.c_str());
    bind_textdomain_codeset(k_domain, "UTF-8");
    textdomain(k_domain);
}

const char* tr(const char* msgid) noexcept { return dgettext(k_domain, msgid); }

bool chinese() noexcept { return g_chinese; }

}  // namespace adx::core

// SPDX-License-Identifier: Apache-2.0
// adx.toml parsing and checking on arbitrary text.

#include "core/config.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto config = adx::core::Config::parse(text, "/fuzz/adx.toml");
    if (!config) {
        (void)config.error().message.size();
        return 0;
    }
    const auto& c = *config;
    auto look = [](const adx::core::Settings& s) {
        for (const auto& [key, value] : s.values) {
            (void)s.string(key);
            (void)s.integer(key);
            (void)s.boolean(key);
        }
        (void)s.string("profile");
    };
    look(c.defaults());
    for (const auto& name : c.profile_names()) {
        const auto* s = c.profile_settings(name);
        if (!s) __builtin_trap();
        look(*s);
        // Checks secret files named by the profile: missing under /fuzz.
        auto checked = c.profile(name);
        (void)checked.has_value();
    }
    (void)c.profile("");
    return 0;
}

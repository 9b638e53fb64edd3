// SPDX-License-Identifier: Apache-2.0
#include "tools/support/signing.hpp"

#include "core/i18n.hpp"
#include "xmldsig/xmldsig.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace adx::tools {

const core::Settings* signing_profile(const Context& ctx) {
    if (ctx.profile.empty() && !ctx.config.defaults().string("profile")) return nullptr;
    return core::unwrap(ctx.config.profile(ctx.profile));
}

std::string setting(const std::string& opt, const core::Settings* profile, std::string_view key) {
    if (!opt.empty()) return opt;
    if (profile) return profile->string(key).value_or("");
    return {};
}

crypto::SigOptions sig_options(const std::optional<std::string>& opt, const Context& ctx,
                               const core::Settings* profile) {
    crypto::SigOptions o;
    if (opt) {
        o.sm2_id = *opt;
    } else if (auto p = profile ? profile->string("sm2_user_id") : std::nullopt) {
        o.sm2_id = *p;
    } else if (auto d = ctx.config.defaults().string("sm2_user_id")) {
        o.sm2_id = *d;
    }
    return o;
}

core::Expected<std::string> read_all(core::Input& in, std::size_t max, std::size_t size_hint) {
    // With the size known the whole input lands in one allocation, filled by
    // read() in 1 MiB steps (no copying as the string grows); the end of
    // input is probed in a small buffer on the side.
    std::string data;
    if (size_hint > 0) data.reserve(std::min(size_hint, max) + 1);
    constexpr std::size_t k_block = std::size_t{1} << 20;
    char probe[4096];
    for (;;) {
        std::size_t at = data.size();
        std::size_t room = data.capacity() - at;
        core::Expected<std::size_t> n = std::size_t{0};
        if (room >= sizeof probe) {
            std::size_t want = std::min(room, k_block);
            data.resize(at + want);
            n = in.read(data.data() + at, want);
            if (n) data.resize(at + *n);
        } else {
            n = in.read(probe, sizeof probe);
            if (n) data.append(probe, *n);
        }
        if (!n) return std::move(n).error();
        if (*n == 0) break;
        if (data.size() > max) {
            core::Error e{core::Exit::data, core::trf("{file}: larger than {max} bytes, the limit for XML signatures",
                                                      fmt::arg("file", in.name()), fmt::arg("max", max))};
            e.rule = "too-large";
            return e;
        }
    }
    return data;
}

std::size_t file_size_hint(const std::string& path) {
    if (path == "-") return 0;
    std::error_code ec;
    auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::is_regular_file(status)) return 0;
    auto size = std::filesystem::file_size(path, ec);
    return ec ? 0 : static_cast<std::size_t>(size);
}

bool file_looks_like_xml(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char head[512];
    in.read(head, sizeof head);
    return xmldsig::looks_like_xml(std::string_view(head, static_cast<std::size_t>(in.gcount())));
}

}  // namespace adx::tools

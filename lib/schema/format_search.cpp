// SPDX-License-Identifier: Apache-2.0
// Where format specifications are found: $ADX_FORMATS_DIR, the installed
// share/adx/formats next to the executable, then the source tree's formats/.

#include "core/i18n.hpp"
#include "core/suggest.hpp"
#include "schema/format.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace adx::schema {

namespace fs = std::filesystem;
using core::tr;
using core::trf;

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::vector<std::string> format_search_path() {
    std::vector<std::string> dirs;
    if (const char* env = std::getenv("ADX_FORMATS_DIR"); env && *env) {
        // Like PATH: several folders separated by ':'.
        std::string_view list = env;
        while (!list.empty()) {
            std::size_t colon = list.find(':');
            if (colon != 0) dirs.emplace_back(list.substr(0, colon));
            if (colon == std::string_view::npos) break;
            list.remove_prefix(colon + 1);
        }
    }
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) dirs.push_back((exe.parent_path().parent_path() / "share" / "adx" / "formats").string());
    dirs.emplace_back(ADX_SOURCE_FORMATS_DIR);
    return dirs;
}

std::vector<std::string> list_formats() {
    std::vector<std::string> names;
    for (const auto& dir : format_search_path()) {
        std::error_code ec;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            std::string file = it->path().filename().string();
            if (!ends_with(file, ".toml") || file.size() == 5 || !it->is_regular_file(ec)) continue;
            std::string name = file.substr(0, file.size() - 5);
            if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

core::Expected<Format> find_format(const std::string& name_or_path) {
    if (ends_with(name_or_path, ".toml") || name_or_path.find('/') != std::string::npos)
        return load_format(name_or_path);
    for (const auto& dir : format_search_path()) {
        fs::path p = fs::path(dir) / (name_or_path + ".toml");
        std::error_code ec;
        if (!fs::is_regular_file(p, ec)) continue;
        auto f = load_format(p.string());
        if (f && f->name != name_or_path) {
            core::Error e{core::Exit::config,
                          trf("{file} names the format '{name}', not '{file_name}'", fmt::arg("file", p.string()),
                              fmt::arg("name", f->name), fmt::arg("file_name", name_or_path))};
            e.where.file = p.string();
            e.rule = "format-spec";
            e.hint = tr("a specification's file name is its format name followed by .toml");
            return e;
        }
        return f;
    }
    core::Error e{core::Exit::usage, trf("unknown format '{name}'", fmt::arg("name", name_or_path))};
    auto names = list_formats();
    if (auto s = core::closest(name_or_path, names); !s.empty())
        e.hint = trf("did you mean '{name}'?", fmt::arg("name", s));
    else
        e.hint = names.empty()
                     ? trf("no specifications found in {dirs}", fmt::arg("dirs", fmt::join(format_search_path(), ", ")))
                     : trf("the formats are: {list}", fmt::arg("list", fmt::join(names, ", ")));
    return e;
}

}  // namespace adx::schema

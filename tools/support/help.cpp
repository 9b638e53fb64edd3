// SPDX-License-Identifier: Apache-2.0
#include "tools/support/help.hpp"

#include "core/encoding.hpp"
#include "core/i18n.hpp"
#include "core/suggest.hpp"
#include "crypto/sign.hpp"
#include "ids/industry.hpp"
#include "ids/region.hpp"
#include "ids/verdict.hpp"
#include "records/reader.hpp"
#include "schema/format.hpp"
#include "tools/tool.hpp"
#include "transport/transports.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>

namespace adx::tools {

namespace fs = std::filesystem;
using core::tr;
using core::trf;

std::shared_ptr<CLI::Formatter> make_formatter() {
    auto f = std::make_shared<CLI::Formatter>();
    f->column_width(34);
    return f;
}

std::string version_text() {
    std::string out = fmt::format("adx {}\n", ADX_VERSION);
    out += tr("identifiers:");
    for (const auto& t : ids::types()) out += fmt::format(" {}", t.name);
    out += "\n";
    out += tr("syntaxes:");
    for (const auto& s : records::syntaxes()) out += fmt::format(" {}", s.name);
    out += "\n";
    out += tr("formats:");
    for (const auto& f : schema::list_formats()) out += fmt::format(" {}", f);
    out += "\n";
    out += tr("encodings:");
    out += " utf-8 gb18030\n";
    out += tr("reports:");
    out += " text json junit\n";
    out += tr("code lists:");
    out += fmt::format(" GB/T 2260 ({} periods, to 2019) GB/T 4754-2017 ({} codes)\n", ids::Regions::get().size(),
                       ids::Industries::get().size());
    out += tr("signatures:");
    for (const auto& a : crypto::sig_algs()) out += fmt::format(" {}", a.name);
    out += " (XML-DSig, JWS)\n";
    out += tr("transports:");
    for (const auto& t : transport::transports()) out += fmt::format(" {}", t.scheme);
    out += "\n";
    out += tr("tools:");
    for (const auto& t : tools()) out += fmt::format(" {}", t.name);
    out += "\n";
    return out;
}

namespace {

fs::path find_page(const std::string& page) {
    std::vector<fs::path> dirs;
    if (const char* env = std::getenv("ADX_MANDIR"); env && *env) dirs.emplace_back(env);
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) dirs.push_back(exe.parent_path().parent_path() / "share" / "man");
    dirs.emplace_back(ADX_BUILD_MANDIR);
    for (const auto& d : dirs) {
        for (const char* section : {"man1", "man5"}) {
            for (const char* ext : {".1", ".5"}) {
                fs::path p = d / section / (page + ext);
                if (fs::is_regular_file(p, ec)) return p;
            }
        }
    }
    return {};
}

}  // namespace

core::Exit show_manual(const std::string& topic, const std::vector<std::string>& known) {
    std::string page = topic.empty() || topic == "adx" ? "adx" : "adx-" + topic;
    if (!topic.empty() && topic != "adx" && std::find(known.begin(), known.end(), topic) == known.end() &&
        topic != "formats" && topic != "toml") {
        core::Error e{core::Exit::usage, trf("no manual for '{name}'", fmt::arg("name", topic))};
        if (auto s = core::closest(topic, known); !s.empty()) e.hint = trf("did you mean '{name}'?", fmt::arg("name", s));
        throw core::Failure(e);
    }
    if (topic == "toml") page = "adx.toml";
    fs::path file = find_page(page);
    std::fflush(stdout);
    if (!file.empty()) {
        ::execlp("man", "man", "-l", file.c_str(), static_cast<char*>(nullptr));
    } else {
        ::execlp("man", "man", page.c_str(), static_cast<char*>(nullptr));
    }
    throw core::Failure({core::Exit::unavailable,
                         trf("cannot run man(1) to show {page}; the page is {file}", fmt::arg("page", page),
                             fmt::arg("file", file.empty() ? tr("not installed") : file.string()))});
}

}  // namespace adx::tools

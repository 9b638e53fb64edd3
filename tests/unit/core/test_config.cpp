// SPDX-License-Identifier: Apache-2.0
// adx.toml: parsing against the key table, messages that name the place,
// paths relative to the file, and key files that others can read.

#include "core/config.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

using namespace adx::core;
using Catch::Contains;
namespace fs = std::filesystem;

namespace {

class TempDir {
public:
    TempDir() {
        char tmpl[] = "/tmp/adx-config-XXXXXX";
        REQUIRE(::mkdtemp(tmpl) != nullptr);
        m_path = tmpl;
    }
    ~TempDir() { fs::remove_all(m_path); }
    std::string operator/(const std::string& name) const { return m_path + "/" + name; }
    std::string write(const std::string& name, const std::string& text, unsigned mode = 0644) const {
        std::string path = *this / name;
        fs::create_directories(fs::path(path).parent_path());
        std::ofstream(path) << text;
        REQUIRE(::chmod(path.c_str(), mode) == 0);
        return path;
    }

private:
    std::string m_path;
};

// The error of a configuration that must not parse.
Error parse_error(const std::string& text, const std::string& name = "/etc/adx/adx.toml") {
    auto cfg = Config::parse(text, name);
    REQUIRE_FALSE(cfg);
    return cfg.error();
}

const char* const k_valid = R"([defaults]
profile = "city"
log_format = "json"
encoding = "gb18030"

[profiles.city]
description = "Shanghai exchange centre"
url = "https://exchange.sh.example/"
client_cert = "certs/jinshan.pem"
client_key = "keys/jinshan.key"
ca_bundle = "/etc/ssl/city-ca.pem"
sign_key = "../secret/sign.key"
retries = 3
timeout = 60

[profiles.backup]
url = "sftp://adx@backup.example/incoming"
)";

}  // namespace

TEST_CASE("config: a valid file", "[core][config]") {
    auto cfg = Config::parse(k_valid, "/srv/adx/adx.toml");
    REQUIRE(cfg);
    CHECK(cfg->source() == "/srv/adx/adx.toml");
    CHECK(cfg->defaults().string("profile") == "city");
    CHECK(cfg->defaults().string("log_format") == "json");
    CHECK(cfg->profile_names() == std::vector<std::string>{"backup", "city"});
    const Settings* city = cfg->profile_settings("city");
    REQUIRE(city != nullptr);
    CHECK(city->string("url") == "https://exchange.sh.example/");
    CHECK(city->integer("retries") == 3);
    CHECK(city->integer("timeout") == 60);
    CHECK_FALSE(city->integer("connect_timeout").has_value());
    CHECK_FALSE(city->integer("url").has_value());  // a string, not an integer
    CHECK(city->line == 6);
    CHECK(city->values.at("retries").line == 13);
    CHECK(city->values.at("retries").column == 11);
    CHECK(cfg->profile_settings("nowhere") == nullptr);
}

TEST_CASE("config: paths are resolved against the file's folder", "[core][config]") {
    auto cfg = Config::parse(k_valid, "/srv/adx/adx.toml");
    REQUIRE(cfg);
    const Settings* city = cfg->profile_settings("city");
    REQUIRE(city != nullptr);
    CHECK(city->string("client_cert") == "/srv/adx/certs/jinshan.pem");
    CHECK(city->string("client_key") == "/srv/adx/keys/jinshan.key");
    CHECK(city->string("sign_key") == "/srv/secret/sign.key");   // normalized
    CHECK(city->string("ca_bundle") == "/etc/ssl/city-ca.pem");  // absolute: as written
    CHECK(city->string("description") == "Shanghai exchange centre");  // not a path

    auto here = Config::parse("[profiles.p]\ntrust = \"trust.pem\"\n", "adx.toml");
    REQUIRE(here);
    CHECK(here->profile_settings("p")->string("trust") == "trust.pem");
}

TEST_CASE("config: an unknown key names its place and the likely key", "[core][config]") {
    Error e = parse_error("[defaults]\nlog_format = \"text\"\n\n[profiles.city]\nurl = \"https://x/\"\n  retires = 3\n");
    CHECK(e.code == Exit::config);
    CHECK(e.where.file == "/etc/adx/adx.toml");
    CHECK(e.where.line == 6);
    CHECK(e.where.column == 3);
    CHECK_THAT(e.message, Contains("retires") && Contains("[profiles.city]"));
    CHECK_THAT(e.hint, Contains("retries"));

    Error d = parse_error("[defaults]\nlog_fromat = \"json\"\n");
    CHECK(d.where.line == 2);
    CHECK(d.where.column == 1);
    CHECK_THAT(d.hint, Contains("log_format"));

    // A key of the other section is unknown here, with no far-fetched hint.
    Error far = parse_error("[defaults]\nxyzzy = 1\n");
    CHECK(far.code == Exit::config);
    CHECK(far.hint.empty());

    Error table = parse_error("[profile.city]\nurl = \"https://x/\"\n");
    CHECK(table.where.line == 1);
    CHECK_THAT(table.hint, Contains("profiles"));
}

TEST_CASE("config: wrong types and choices", "[core][config]") {
    Error e = parse_error("[profiles.city]\nretries = \"3\"\n");
    CHECK(e.code == Exit::config);
    CHECK(e.where.line == 2);
    CHECK(e.where.column == 11);
    CHECK_THAT(e.message, Contains("retries") && Contains("integer") && Contains("string"));

    Error url = parse_error("[profiles.city]\nurl = 443\n");
    CHECK_THAT(url.message, Contains("url") && Contains("string"));
    Error array = parse_error("[profiles.city]\nclient_key = [\"a\", \"b\"]\n");
    CHECK_THAT(array.message, Contains("array"));

    Error choice = parse_error("[defaults]\nlog_format = \"xml\"\n");
    CHECK(choice.code == Exit::config);
    CHECK(choice.where.line == 2);
    CHECK_THAT(choice.message, Contains("text|json") && Contains("xml"));
    CHECK(Config::parse("[defaults]\nlog_format = \"text\"\n", "a.toml"));

    Error not_table = parse_error("defaults = 3\n");
    CHECK(not_table.code == Exit::config);
    Error undefined = parse_error("[defaults]\nprofile = \"ctiy\"\n[profiles.city]\n");
    CHECK(undefined.where.line == 2);
    CHECK_THAT(undefined.message, Contains("ctiy"));
}

TEST_CASE("config: TOML syntax errors name the line", "[core][config]") {
    Error e = parse_error("[defaults]\nlog_format = \"json\"\n[profiles.city\nurl = \"x\"\n", "conf/a.toml");
    CHECK(e.code == Exit::config);
    CHECK(e.where.file == "conf/a.toml");
    CHECK(e.where.line == 3);
    CHECK(e.where.column > 0);
    CHECK_THAT(e.message, Contains("TOML"));

    Error dup = parse_error("[profiles.city]\nretries = 1\nretries = 2\n");
    CHECK(dup.where.line == 3);
    Error str = parse_error("[profiles.city]\nurl = \"unterminated\n");
    CHECK(str.where.line == 2);
}

TEST_CASE("config: key files must be private", "[core][config]") {
    TempDir dir;
    dir.write("keys/client.key", "-----BEGIN PRIVATE KEY-----\n", 0644);
    std::string path = dir.write("adx.toml", "[profiles.city]\nurl = \"https://x/\"\nclient_key = \"keys/client.key\"\n");
    auto cfg = Config::load(path);
    REQUIRE(cfg);
    CHECK(cfg->profile_settings("city")->string("client_key") == dir / "keys/client.key");

    auto refused = cfg->profile("city");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == Exit::no_perm);
    CHECK(refused.error().rule == "key-permissions");
    CHECK(refused.error().where.file == path);
    CHECK(refused.error().where.line == 3);
    CHECK_THAT(refused.error().message, Contains("0644"));
    CHECK_THAT(refused.error().hint, Contains("chmod 600"));

    for (unsigned bad : {0640u, 0604u, 0620u, 0602u}) {
        REQUIRE(::chmod((dir / "keys/client.key").c_str(), bad) == 0);
        INFO(std::oct << bad);
        CHECK(cfg->profile("city").error().code == Exit::no_perm);
    }
    REQUIRE(::chmod((dir / "keys/client.key").c_str(), 0600) == 0);
    auto accepted = cfg->profile("city");
    REQUIRE(accepted);
    CHECK((*accepted)->name == "city");
    REQUIRE(::chmod((dir / "keys/client.key").c_str(), 0400) == 0);
    CHECK(cfg->profile("city"));

    fs::remove(dir / "keys/client.key");
    auto missing = cfg->profile("city");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == Exit::no_input);
    CHECK(missing.error().where.line == 3);

    CHECK(check_secret_file(dir / "nothing").error().code == Exit::no_input);
}

TEST_CASE("config: choosing a profile", "[core][config]") {
    auto cfg = Config::parse(k_valid, "/srv/adx/adx.toml");
    REQUIRE(cfg);
    auto backup = cfg->profile("backup");  // names no key files
    REQUIRE(backup);
    CHECK((*backup)->string("url") == "sftp://adx@backup.example/incoming");
    auto typo = cfg->profile("bakcup");
    REQUIRE_FALSE(typo);
    CHECK(typo.error().code == Exit::config);
    CHECK_THAT(typo.error().hint, Contains("backup"));

    auto none = Config::parse("[profiles.a]\n", "x.toml");
    REQUIRE(none);
    CHECK(none->profile("").error().code == Exit::usage);
}

TEST_CASE("config: loading files", "[core][config]") {
    TempDir dir;
    auto missing = Config::load(dir / "absent.toml");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == Exit::no_input);

    std::string big = dir.write("big.toml", std::string((1 << 20) + 1, '#'));
    CHECK(Config::load(big).error().code == Exit::config);

    std::string path = dir.write("adx.toml", "[defaults]\nencoding = \"utf-8\"\n");
    ::setenv("ADX_CONFIG", path.c_str(), 1);
    auto found = Config::discover("");
    ::unsetenv("ADX_CONFIG");
    REQUIRE(found);
    CHECK(found->source() == path);
    CHECK(found->defaults().string("encoding") == "utf-8");
    auto explicit_missing = Config::discover(dir / "nope.toml");
    REQUIRE_FALSE(explicit_missing);
    CHECK(explicit_missing.error().code == Exit::no_input);
}

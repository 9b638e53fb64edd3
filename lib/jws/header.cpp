// SPDX-License-Identifier: Apache-2.0
#include "jws/header.hpp"

#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "core/json_value.hpp"
#include "core/json_writer.hpp"

#include <algorithm>
#include <chrono>

namespace adx::jws {

using core::Error;
using core::Expected;
using core::JsonValue;
using core::tr;
using core::trf;

Error jws_error(std::string rule, std::string message) {
    Error e{core::Exit::data, std::move(message)};
    e.rule = std::move(rule);
    return e;
}

namespace {

Error malformed(std::string message) {
    return jws_error("malformed-signature", std::move(message));
}

Error wrong_type(std::string_view member, const char* type) {
    return malformed(trf("the JWS header member \"{member}\" must be {type}", fmt::arg("member", member),
                         fmt::arg("type", tr(type))));
}

bool b64url_char(char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

Expected<crypto::Bytes> decode_b64_strict(std::string_view s) {
    auto bad = [] { return malformed(tr("an \"x5c\" certificate is not canonical base64")); };
    if (s.find_first_of(" \t\r\n") != std::string_view::npos) return bad();
    auto der = crypto::from_base64(s);
    if (!der || crypto::base64(*der) != s) return bad();
    return der;
}

Expected<std::string> string_member(const JsonValue& v, std::string_view name) {
    if (!v.is_string()) return wrong_type(name, core::N_("a string"));
    return v.text();
}

}  // namespace

Expected<crypto::Bytes> decode_b64url_strict(std::string_view s, std::string_view what) {
    auto b = crypto::from_base64url(s);
    if (!b || crypto::base64url(*b) != s)
        return malformed(trf("the JWS {part} is not canonical base64url", fmt::arg("part", what)));
    return b;
}

std::string format_sig_t(std::time_t t) {
    return core::format_utc(core::SysTime{std::chrono::seconds{t}});
}

std::optional<std::time_t> parse_sig_t(std::string_view s) {
    // YYYY-MM-DDTHH:MM:SSZ exactly; parse_iso8601 checks the fields.
    if (s.size() != 20 || s[10] != 'T' || s[19] != 'Z') return std::nullopt;
    core::SysTime t;
    if (!core::parse_iso8601(s, t)) return std::nullopt;
    return static_cast<std::time_t>(t.time_since_epoch().count());
}

std::string write_header(const Header& h) {
    std::string out;
    core::JsonWriter w(out);
    w.begin_object();
    w.field("alg", h.alg);
    if (h.b64) w.field("b64", *h.b64);
    if (h.crit) {
        w.key("crit").begin_array();
        for (const auto& c : *h.crit) w.value(c);
        w.end_array();
    }
    if (!h.typ.empty()) w.field("typ", h.typ);
    if (!h.cty.empty()) w.field("cty", h.cty);
    if (!h.kid.empty()) w.field("kid", h.kid);
    if (h.sig_t) w.field("sigT", format_sig_t(*h.sig_t));
    if (h.x5t_s256) w.field("x5t#S256", crypto::base64url(*h.x5t_s256));
    if (!h.x5c.empty()) {
        w.key("x5c").begin_array();
        for (const auto& der : h.x5c) w.value(crypto::base64(der));
        w.end_array();
    }
    w.end_object();
    return out;
}

Expected<Header> parse_header(std::string_view json) {
    core::JsonLimits limits;
    limits.max_size = k_max_header_size;
    limits.max_depth = 2;
    limits.max_values = 64;
    auto doc = core::json_parse(json, limits);
    if (!doc) {
        return malformed(trf("the JWS header is not valid JSON: {reason}", fmt::arg("reason", doc.error().message)));
    }
    if (!doc->is_object()) return malformed(tr("the JWS header is not a JSON object"));
    Header h;
    bool have_alg = false;
    for (const auto& [name, v] : doc->members()) {
        if (name == "alg") {
            auto s = string_member(v, name);
            if (!s) return std::move(s).error();
            h.alg = std::move(*s);
            have_alg = true;
        } else if (name == "b64") {
            if (!v.is_bool()) return wrong_type(name, core::N_("true or false"));
            h.b64 = v.as_bool();
        } else if (name == "crit") {
            if (!v.is_array() || v.items().empty()) return wrong_type(name, core::N_("a non-empty array of strings"));
            std::vector<std::string> crit;
            for (const auto& item : v.items()) {
                if (!item.is_string()) return wrong_type(name, core::N_("a non-empty array of strings"));
                if (std::find(crit.begin(), crit.end(), item.text()) != crit.end())
                    return malformed(trf("\"crit\" names \"{member}\" twice", fmt::arg("member", item.text())));
                crit.push_back(item.text());
            }
            h.crit = std::move(crit);
        } else if (name == "x5c") {
            if (!v.is_array() || v.items().empty()) return wrong_type(name, core::N_("a non-empty array of strings"));
            if (v.items().size() > k_max_x5c)
                return malformed(trf("\"x5c\" holds more than {max} certificates", fmt::arg("max", k_max_x5c)));
            for (const auto& item : v.items()) {
                if (!item.is_string()) return wrong_type(name, core::N_("a non-empty array of strings"));
                auto der = decode_b64_strict(item.text());
                if (!der) return std::move(der).error();
                h.x5c.push_back(std::move(*der));
            }
        } else if (name == "x5t#S256") {
            auto s = string_member(v, name);
            if (!s) return std::move(s).error();
            auto d = decode_b64url_strict(*s, "x5t#S256");
            if (!d || d->size() != 32) return wrong_type(name, core::N_("a base64url SHA-256 thumbprint"));
            h.x5t_s256 = std::move(*d);
        } else if (name == "sigT") {
            auto s = string_member(v, name);
            if (!s) return std::move(s).error();
            h.sig_t = parse_sig_t(*s);
            if (!h.sig_t) return wrong_type(name, core::N_("a UTC time of the form 2026-11-27T10:00:00Z"));
        } else if (name == "typ" || name == "cty" || name == "kid") {
            auto s = string_member(v, name);
            if (!s) return std::move(s).error();
            (name == "typ" ? h.typ : name == "cty" ? h.cty : h.kid) = std::move(*s);
        } else {
            return malformed(
                trf("the JWS header member \"{member}\" is not part of adx's profile", fmt::arg("member", name)));
        }
    }
    if (!have_alg) return malformed(tr("the JWS header has no \"alg\""));
    return h;
}

Expected<CompactParts> split_compact(std::string_view text) {
    if (text.size() > k_max_jws_size) {
        return malformed(trf("a JWS of {size} bytes exceeds the limit of {max} bytes", fmt::arg("size", text.size()),
                             fmt::arg("max", k_max_jws_size)));
    }
    if (text.ends_with("\r\n"))
        text.remove_suffix(2);
    else if (text.ends_with('\n'))
        text.remove_suffix(1);
    std::string_view parts[3];
    std::size_t n = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == '.') {
            if (n == 3) return malformed(tr("a compact JWS has three parts separated by '.', this one more"));
            parts[n++] = text.substr(start, i - start);
            start = i + 1;
        } else if (!b64url_char(text[i])) {
            return malformed(trf("a compact JWS holds only base64url characters and '.'; found byte {byte} at {at}",
                                 fmt::arg("byte", fmt::format("0x{:02X}", static_cast<unsigned char>(text[i]))),
                                 fmt::arg("at", i + 1)));
        }
    }
    if (n != 3) return malformed(tr("a compact JWS has three parts separated by '.', this one fewer"));
    return CompactParts{parts[0], parts[1], parts[2]};
}

}  // namespace adx::jws

// SPDX-License-Identifier: Apache-2.0
// Hand-written because OpenSSL's EVP_EncodeBlock/DecodeBlock neither skip
// whitespace nor reject misplaced padding strictly, and has no base64url.
#include "crypto/bytes.hpp"

#include "core/i18n.hpp"

#include <array>

namespace adx::crypto {

using core::Error;
using core::Exit;
using core::Expected;

namespace {

constexpr char k_hex_lower[] = "0123456789abcdef";
constexpr char k_hex_upper[] = "0123456789ABCDEF";
constexpr char k_b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char k_b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::array<std::int8_t, 256> decode_table(const char* alphabet) {
    std::array<std::int8_t, 256> t{};
    for (auto& v : t) v = -1;
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
    return t;
}
constexpr auto k_b64_dec = decode_table(k_b64);
constexpr auto k_b64url_dec = decode_table(k_b64url);

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string encode(std::string_view in, const char* alphabet, bool pad) {
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    std::size_t i = 0;
    auto byte = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(in[k])); };
    for (; i + 3 <= in.size(); i += 3) {
        std::uint32_t v = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
        out += alphabet[v & 63];
    }
    std::size_t rest = in.size() - i;
    if (rest == 1) {
        std::uint32_t v = byte(i) << 16;
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        if (pad) out += "==";
    } else if (rest == 2) {
        std::uint32_t v = (byte(i) << 16) | (byte(i + 1) << 8);
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
        if (pad) out += '=';
    }
    return out;
}

Error bad_encoding(const char* what) {
    Error e{Exit::data, core::trf("not valid {encoding}", fmt::arg("encoding", what))};
    e.rule = "malformed-signature";
    return e;
}

// Decodes groups of four symbols; `padded` means the input must be a
// multiple of four with '=' padding, otherwise no padding is allowed.
Expected<Bytes> decode(std::string_view in, const std::array<std::int8_t, 256>& table, bool padded,
                       bool skip_space, const char* what) {
    Bytes out;
    out.reserve(in.size() / 4 * 3 + 3);
    std::uint32_t acc = 0;
    int n = 0;
    int pads = 0;
    for (char c : in) {
        if (skip_space && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) continue;
        if (c == '=' && padded) {
            ++pads;
            continue;
        }
        int v = table[static_cast<unsigned char>(c)];
        if (v < 0 || pads) return bad_encoding(what);
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        if (++n == 4) {
            out.push_back(static_cast<std::uint8_t>(acc >> 16));
            out.push_back(static_cast<std::uint8_t>(acc >> 8));
            out.push_back(static_cast<std::uint8_t>(acc));
            acc = 0;
            n = 0;
        }
    }
    if (padded && (n + pads) % 4 != 0) return bad_encoding(what);
    if (padded && pads > 2) return bad_encoding(what);
    if (n == 1) return bad_encoding(what);
    if (n == 2) {
        if (acc & 0xF) return bad_encoding(what);  // non-canonical trailing bits
        out.push_back(static_cast<std::uint8_t>(acc >> 4));
    } else if (n == 3) {
        if (acc & 0x3) return bad_encoding(what);
        out.push_back(static_cast<std::uint8_t>(acc >> 10));
        out.push_back(static_cast<std::uint8_t>(acc >> 2));
    }
    if (padded && n == 0 && pads) return bad_encoding(what);
    return out;
}

}  // namespace

std::string hex(const Bytes& b, bool upper) {
    const char* digits = upper ? k_hex_upper : k_hex_lower;
    std::string out;
    out.reserve(b.size() * 2);
    for (auto c : b) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

Expected<Bytes> from_hex(std::string_view s) {
    if (s.size() % 2) return bad_encoding("hex");
    Bytes out(s.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
        int hi = hex_value(s[2 * i]);
        int lo = hex_value(s[2 * i + 1]);
        if (hi < 0 || lo < 0) return bad_encoding("hex");
        out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
    }
    return out;
}

std::string base64(const Bytes& b) { return encode(as_view(b), k_b64, true); }

Expected<Bytes> from_base64(std::string_view s) { return decode(s, k_b64_dec, true, true, "base64"); }

std::string base64url(std::string_view b) { return encode(b, k_b64url, false); }

Expected<Bytes> from_base64url(std::string_view s) { return decode(s, k_b64url_dec, false, false, "base64url"); }

}  // namespace adx::crypto

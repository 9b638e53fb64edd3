// SPDX-License-Identifier: Apache-2.0
#include "schema/expr_lexer.hpp"

#include "core/i18n.hpp"
#include "schema/expr_impl.hpp"

#include <charconv>
#include <cmath>

namespace adx::schema {

using core::tr;
using core::trf;

namespace {

bool ident_start(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool ident_char(char c) noexcept { return ident_start(c) || (c >= '0' && c <= '9'); }
bool digit(char c) noexcept { return c >= '0' && c <= '9'; }

struct Keyword {
    std::string_view word;
    Tok kind;
};
constexpr Keyword k_keywords[] = {
    {"and", Tok::kw_and},   {"or", Tok::kw_or},       {"not", Tok::kw_not},   {"in", Tok::kw_in},
    {"true", Tok::kw_true}, {"false", Tok::kw_false}, {"null", Tok::kw_null},
};

// The character at pos as a message shows it: itself when it is printable
// UTF-8, else \xNN.
std::string show_char(std::string_view text, std::size_t pos) {
    auto byte = static_cast<unsigned char>(text[pos]);
    std::size_t n = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xe ? 3 : (byte >> 3) == 0x1e ? 4 : 0;
    bool ok = n > 0 && pos + n <= text.size() && (byte >= 0x20 && byte != 0x7f);
    for (std::size_t i = 1; ok && i < n; ++i) ok = (static_cast<unsigned char>(text[pos + i]) >> 6) == 0x2;
    if (ok) return std::string(text.substr(pos, n));
    return fmt::format("\\x{:02x}", byte);
}

struct Lexer {
    std::string_view text;
    std::size_t i = 0;
    std::vector<Token> out;

    core::Error error(std::size_t pos, std::string message) const {
        return expr_error(text, pos, "expr-syntax", std::move(message));
    }

    void push(Tok kind, std::size_t start, std::size_t len) {
        Token t;
        t.kind = kind;
        t.pos = static_cast<std::uint32_t>(start);
        t.len = static_cast<std::uint32_t>(len);
        out.push_back(std::move(t));
    }

    core::Expected<void> number() {
        std::size_t start = i;
        while (i < text.size() && digit(text[i])) ++i;
        if (i < text.size() && text[i] == '.' && i + 1 < text.size() && digit(text[i + 1])) {
            ++i;
            while (i < text.size() && digit(text[i])) ++i;
        }
        if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
            std::size_t j = i + 1;
            if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
            if (j < text.size() && digit(text[j])) {
                i = j;
                while (i < text.size() && digit(text[i])) ++i;
            }
        }
        if (i < text.size() && (ident_char(text[i]) || text[i] == '.')) {
            while (i < text.size() && (ident_char(text[i]) || text[i] == '.')) ++i;
            return error(start, trf("invalid number '{text}'", fmt::arg("text", text.substr(start, i - start))));
        }
        double v = 0;
        auto [end, ec] = std::from_chars(text.data() + start, text.data() + i, v);
        if (ec != std::errc{} || end != text.data() + i || !std::isfinite(v))
            return error(start, trf("number out of range: {text}", fmt::arg("text", text.substr(start, i - start))));
        push(Tok::number, start, i - start);
        out.back().number = v;
        return {};
    }

    core::Expected<void> string() {
        std::size_t start = i;
        char quote = text[i++];
        std::string s;
        for (;;) {
            if (i >= text.size()) return error(start, tr("unterminated string"));
            char c = text[i];
            if (c == quote) break;
            if (c == '\\' && i + 1 < text.size() && (text[i + 1] == '"' || text[i + 1] == '\'' || text[i + 1] == '\\')) {
                s += text[i + 1];
                i += 2;
                continue;
            }
            s += c;
            ++i;
        }
        ++i;
        push(Tok::string, start, i - start);
        out.back().str = std::move(s);
        return {};
    }

    core::Expected<void> ident() {
        std::size_t start = i;
        while (i < text.size() && ident_char(text[i])) ++i;
        std::string_view word = text.substr(start, i - start);
        Tok kind = Tok::ident;
        for (const auto& k : k_keywords)
            if (k.word == word) kind = k.kind;
        push(kind, start, i - start);
        return {};
    }

    core::Expected<void> op() {
        std::size_t start = i;
        char c = text[i];
        char next = i + 1 < text.size() ? text[i + 1] : '\0';
        auto two = [&](Tok kind) { push(kind, start, 2), i += 2; };
        auto one = [&](Tok kind) { push(kind, start, 1), i += 1; };
        auto instead = [&](std::string_view op, const char* use) {
            return error(start, trf("'{op}' is not an operator here; use '{use}'", fmt::arg("op", op),
                                    fmt::arg("use", use)));
        };
        switch (c) {
            case '(': one(Tok::lparen); return {};
            case ')': one(Tok::rparen); return {};
            case '[': one(Tok::lbracket); return {};
            case ']': one(Tok::rbracket); return {};
            case ',': one(Tok::comma); return {};
            case '+': one(Tok::plus); return {};
            case '-': one(Tok::minus); return {};
            case '*': one(Tok::star); return {};
            case '/': one(Tok::slash); return {};
            case '=': next == '=' ? two(Tok::eq) : one(Tok::eq); return {};
            case '<':
                if (next == '>') return instead("<>", "!=");
                next == '=' ? two(Tok::le) : one(Tok::lt);
                return {};
            case '>': next == '=' ? two(Tok::ge) : one(Tok::gt); return {};
            case '!':
                if (next == '=') {
                    two(Tok::ne);
                    return {};
                }
                return instead("!", "not");
            case '&': return instead(next == '&' ? "&&" : "&", "and");
            case '|': return instead(next == '|' ? "||" : "|", "or");
            default: break;
        }
        return error(start, trf("unexpected character '{char}'", fmt::arg("char", show_char(text, start))));
    }

    core::Expected<void> run() {
        while (i < text.size()) {
            char c = text[i];
            core::Expected<void> r;
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                ++i;
                continue;
            }
            if (digit(c))
                r = number();
            else if (c == '"' || c == '\'')
                r = string();
            else if (ident_start(c))
                r = ident();
            else
                r = op();
            if (!r) return r;
        }
        push(Tok::end, text.size(), 0);
        return {};
    }
};

}  // namespace

core::Expected<std::vector<Token>> lex(std::string_view text) {
    Lexer lexer;
    lexer.text = text;
    if (auto r = lexer.run(); !r) return std::move(r).error();
    return std::move(lexer.out);
}

std::string describe(const Token& t, std::string_view text) {
    if (t.kind == Tok::end) return tr("the end");
    std::string_view s = text.substr(t.pos, t.len);
    if (s.size() > 40) {
        std::size_t cut = 40;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) >> 6) == 0x2) --cut;
        return fmt::format("'{}…'", s.substr(0, cut));
    }
    return fmt::format("'{}'", s);
}

}  // namespace adx::schema

// SPDX-License-Identifier: Apache-2.0
#pragma once
// The tokens of the rule language (internal to lib/schema/expr*.cpp).

#include "core/error.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace adx::schema {

enum class Tok : std::uint8_t {
    end, number, string, ident,
    kw_and, kw_or, kw_not, kw_in, kw_true, kw_false, kw_null,
    lparen, rparen, lbracket, rbracket, comma,
    plus, minus, star, slash, eq, ne, lt, le, gt, ge,
};

struct Token {
    Tok kind = Tok::end;
    std::uint32_t pos = 0;  // byte offset in the text
    std::uint32_t len = 0;  // bytes
    double number = 0;      // Tok::number
    std::string str;        // Tok::string, escapes resolved
};

// Splits text (at most k_expr_max_length bytes) into tokens, ending with
// Tok::end. Errors: stray characters, unterminated strings, malformed or
// non-finite numbers.
core::Expected<std::vector<Token>> lex(std::string_view text);

// How a message names a token: "'revenue'", "')'", "the end".
std::string describe(const Token& t, std::string_view text);

}  // namespace adx::schema

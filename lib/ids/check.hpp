// SPDX-License-Identifier: Apache-2.0
#pragma once
// Checking identifiers of a given type, or of a type guessed from their shape.

#include "ids/verdict.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace adx::ids {

// The type a normalized value most likely is, from its shape (and, for the
// 18-character ambiguity between credit codes and identity numbers, from which
// check passes). Type::unknown if nothing fits.
Type detect(std::string_view normalized, std::chrono::year_month_day today);

// Checks a normalized value as type t (Type::unknown: detect first).
Verdict check(Type t, std::string_view normalized, std::chrono::year_month_day today);

// Normalizes and checks one value after another, reusing its buffers.
class Checker {
public:
    Checker(Type type, std::chrono::year_month_day today) : m_type(type), m_today(today) {}
    // The verdict on raw (as typed); normalized() is valid until the next call.
    Verdict check(std::string_view raw);
    std::string_view normalized() const noexcept { return m_normalized; }

private:
    Type m_type;
    std::chrono::year_month_day m_today;
    std::string m_buf;
    std::string_view m_normalized;
};

}  // namespace adx::ids

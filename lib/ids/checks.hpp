// SPDX-License-Identifier: Apache-2.0
#pragma once
// One checker per identifier type. Each takes the normalized value (see
// normalize.hpp) and returns what it found; none allocates.

#include "ids/verdict.hpp"

#include <chrono>
#include <string_view>

namespace adx::ids {

// GB 32100-2015: length, alphabet, check character, the embedded GB 11714
// organization code's own check, the authority/category pair; an unknown
// region part is a warning.
Verdict check_uscc(std::string_view v);

// GB 11643-1999: region (known now or in the past; a code not valid in the
// birth year is a warning), birth date (real, not after today), check
// character. 15-digit numbers are legacy (valid, with a warning).
Verdict check_ric(std::string_view v, std::chrono::year_month_day today);

// GB 11714-1997: eight digits or capitals and a check character.
Verdict check_orgcode(std::string_view v);

// GB/T 2260: six digits, known now or historically (info: name and years).
Verdict check_region(std::string_view v);

// GB/T 4754-2017: a section letter, 2–4 digits, or a letter and 2–4 digits
// (the letter must be the division's section).
Verdict check_industry(std::string_view v);

// GB/T 36904: 1.2.156.3005.2.TYPE.ISSUER.SERIAL.VERSION.CHECK with an ISO 7064
// MOD 37,36 check character over TYPE ISSUER SERIAL VERSION.
Verdict check_license_id(std::string_view v);

}  // namespace adx::ids

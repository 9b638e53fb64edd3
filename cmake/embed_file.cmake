# SPDX-License-Identifier: Apache-2.0
# Script mode: write OUT, a C++ file defining the string_view SYMBOL over IN's bytes.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR size "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE "${OUT}" "// Generated from ${IN}; do not edit.\n#include <string_view>\nnamespace adx::embedded {\nstatic const char k_data[] = {${bytes} '\\0'};\nextern const std::string_view ${SYMBOL};\nconst std::string_view ${SYMBOL}{k_data, ${size}};\n}\n")

# SPDX-License-Identifier: Apache-2.0
# Warnings, sanitizers and fuzzing flags, applied to every adx target through
# the interface library adx_options. (-Wnull-dereference is left out: GCC 12
# reports false positives inside libstdc++ at -O2.)
add_library(adx_options INTERFACE)
target_compile_options(adx_options INTERFACE -Wall -Wextra -Wshadow -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wconversion -Wsign-conversion
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(adx_options INTERFACE -Wduplicated-cond -Wlogical-op)
endif()
if(ADX_WERROR)
  target_compile_options(adx_options INTERFACE -Werror)
endif()
if(ADX_SANITIZE)
  target_compile_options(adx_options INTERFACE -fsanitize=address,undefined
    -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(adx_options INTERFACE -fsanitize=address,undefined)
endif()
if(ADX_FUZZ)
  target_compile_options(adx_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined)
  target_link_options(adx_options INTERFACE -fsanitize=address,undefined)
endif()

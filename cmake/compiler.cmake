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
# Profile-guided optimization (scripts/build makes the profile): an
# instrumented build writes counts to ADX_PGO_DIR while adx checks generated
# documents; the real build then lays out and inlines the code as they say.
# File names in the profile are relative to the build folder, so the
# instrumented build and the real one need not share a folder. Code the
# training does not run is optimized as usual (-fprofile-partial-training);
# scripts/build trains again once the code has changed.
# ADX_PGO_OPTIONS is for lib/ and tools/ (add_compile_options there): the
# tests are compiled as they are without a profile.
set(ADX_PGO_OPTIONS "")
if(ADX_PGO STREQUAL "generate")
  set(ADX_PGO_OPTIONS "-fprofile-generate=${ADX_PGO_DIR}" "-fprofile-prefix-path=${CMAKE_BINARY_DIR}"
    -fprofile-update=atomic)
  target_link_options(adx_options INTERFACE "-fprofile-generate=${ADX_PGO_DIR}")
elseif(ADX_PGO STREQUAL "use")
  set(ADX_PGO_OPTIONS "-fprofile-use=${ADX_PGO_DIR}" "-fprofile-prefix-path=${CMAKE_BINARY_DIR}"
    -fprofile-partial-training -Wno-missing-profile -Wno-coverage-mismatch)
elseif(NOT ADX_PGO STREQUAL "")
  message(FATAL_ERROR "ADX_PGO is generate, use or empty, not '${ADX_PGO}'")
endif()

# With a profile, the objects of these targets are compiled again when it is
# made again (scripts/build touches ADX_PGO_DIR/trained after training).
function(adx_pgo_depends)
  if(NOT ADX_PGO STREQUAL "use")
    return()
  endif()
  foreach(target IN LISTS ARGN)
    get_target_property(sources ${target} SOURCES)
    get_target_property(dir ${target} SOURCE_DIR)
    list(TRANSFORM sources PREPEND "${dir}/" REGEX "^[^/]")
    set_source_files_properties(${sources} DIRECTORY "${dir}" PROPERTIES OBJECT_DEPENDS "${ADX_PGO_DIR}/trained")
  endforeach()
endfunction()

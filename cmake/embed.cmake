# SPDX-License-Identifier: Apache-2.0
# adx_embed(TARGET SYMBOL FILE): compile FILE into TARGET as
#   extern const std::string_view SYMBOL;
# Code lists ship inside the binary so that adx works without an installed
# data directory; the source of truth stays the file under formats/.
function(adx_embed target symbol file)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embed_${symbol}.cpp")
  add_custom_command(OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${out} -DSYMBOL=${symbol}
            -P "${PROJECT_SOURCE_DIR}/cmake/embed_file.cmake"
    DEPENDS "${file}" "${PROJECT_SOURCE_DIR}/cmake/embed_file.cmake"
    COMMENT "Embedding ${file}")
  target_sources(${target} PRIVATE "${out}")
endfunction()

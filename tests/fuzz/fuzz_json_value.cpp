// SPDX-License-Identifier: Apache-2.0
// The strict JSON document parser (core/json_value). It must agree with the
// records tokenizer's json_valid() on what is JSON, differing only where it
// is stricter on purpose (duplicate member names) or hits its limits; what it
// parses must serialize to text that parses back to the same value.

#include "core/json_value.hpp"
#include "records/json_tokenizer.hpp"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    adx::core::JsonLimits limits;
    limits.max_depth = 32;
    auto v = adx::core::json_parse(text, limits);
    const bool valid = adx::records::json_valid(text, limits.max_depth);
    if (v) {
        if (!valid) std::abort();
        std::string out = adx::core::json_serialize(*v);
        auto back = adx::core::json_parse(out, adx::core::JsonLimits{out.size(), limits.max_depth, limits.max_values});
        if (!back || !(*back == *v) || adx::core::json_serialize(*back) != out) std::abort();
    } else {
        const auto& e = v.error();
        if (e.code != adx::core::Exit::data) std::abort();
        if (e.rule == "json-syntax" && valid) std::abort();
        if (e.rule != "json-syntax" && e.rule != "json-duplicate-key" && e.rule != "json-limit") std::abort();
    }
    return 0;
}

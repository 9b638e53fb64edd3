// SPDX-License-Identifier: Apache-2.0
#pragma once
// A minimal streaming JSON writer. Written by hand because adx emits JSON
// Lines at millions of lines per second (adx id check --report json); the
// DOM libraries allocate a tree per line.

#include <cstdint>
#include <string>
#include <string_view>

namespace adx::core {

// Append s to out as a JSON string literal (quotes included). Invalid UTF-8
// bytes become U+FFFD, control characters \uXXXX escapes.
void json_escape(std::string& out, std::string_view s);

// Builds one JSON value into a string; the caller keeps object/array nesting
// balanced. Commas are inserted automatically.
class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : m_out(out) {}
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view k);
    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view{s}); }
    JsonWriter& value(bool b);
    JsonWriter& value(std::int64_t n);
    JsonWriter& value(std::uint64_t n);
    JsonWriter& value(int n) { return value(static_cast<std::int64_t>(n)); }
    JsonWriter& null();
    // key + value shorthand
    template <class T>
    JsonWriter& field(std::string_view k, const T& v) {
        key(k);
        return value(v);
    }

private:
    void separate();
    std::string& m_out;
    bool m_need_comma = false;
};

}  // namespace adx::core

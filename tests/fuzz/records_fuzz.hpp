// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the record-reader fuzz targets share: the text as a memfd that
// core::Input reads like a file, and a whole read summarized (records and the
// errors), so that two reads of the same text can be compared.

#include "core/encoding.hpp"
#include "core/input.hpp"
#include "records/reader.hpp"

#include <unistd.h>

#include <cstdlib>
#include <string>
#include <sys/mman.h>

namespace records_fuzz {

inline void check(bool ok) {
    if (!ok) std::abort();
}

struct MemInput {
    explicit MemInput(std::string_view text) {
        fd = ::memfd_create("fuzz", MFD_CLOEXEC);
        check(fd >= 0);
        check(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    }
    ~MemInput() { ::close(fd); }
    MemInput(const MemInput&) = delete;
    MemInput& operator=(const MemInput&) = delete;
    adx::core::Input open() const {
        return std::move(adx::core::Input::open("/proc/self/fd/" + std::to_string(fd)).value());
    }
    int fd = -1;
};

// Reads everything (going on after record-shape errors); a summary of every
// record and error. Values and names must be UTF-8, places plausible.
inline std::string read_all(const MemInput& mem, adx::records::Syntax syntax, adx::core::Encoding encoding,
                            const adx::records::Limits& limits, const adx::records::XmlNames& names = {}) {
    adx::core::Input input = mem.open();
    auto reader = adx::records::open_reader(input, syntax, encoding, names, limits);
    if (!reader) {
        check(reader.error().code == adx::core::Exit::data && !reader.error().message.empty());
        return "open: " + reader.error().message;
    }
    std::string out;
    adx::records::Record rec;
    std::uint64_t number = 0;
    for (int guard = 0; guard < 100000; ++guard) {
        auto more = (*reader)->next(rec);
        if (!more) {
            const auto& e = more.error();
            check(e.code == adx::core::Exit::data && !e.message.empty() && !e.rule.empty());
            out += "error " + e.rule + " " + std::to_string(e.where.line) + ":" + std::to_string(e.where.column) + " " +
                   e.message + "\n";
            if (e.rule != "record-shape") break;
            check(e.where.record == ++number);
            continue;
        }
        if (!*more) break;
        check(rec.number == ++number);
        check(rec.size <= limits.max_fields && rec.size <= rec.cells.size());
        out += "record " + std::to_string(rec.line) + "\n";
        for (const auto& c : rec.used()) {
            check(adx::core::utf8_invalid_offset(c.value) == std::string_view::npos);
            check(adx::core::utf8_invalid_offset(c.name) == std::string_view::npos);
            check(c.value.size() <= limits.max_field);
            check(!c.null || c.value.empty());
            check(c.line >= rec.line);
            out += c.name + "=";
            out += c.value;
            out += std::string(c.null ? "(null)" : "") + "@" + std::to_string(c.line) + ":" +
                   std::to_string(c.char_column()) + "\n";
        }
    }
    return out;
}

}  // namespace records_fuzz

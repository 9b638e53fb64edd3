// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the record-reader fuzz targets share: the text as a memfd that
// core::Input reads like a file, and a whole read summarized (records and the
// errors), so that two reads of the same text can be compared.

#include "core/encoding.hpp"
#include "core/input.hpp"
#include "records/csv_chunks.hpp"
#include "records/reader.hpp"

#include <unistd.h>

#include <cstdlib>
#include <memory>
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

// A summary of every record and error of a read, checked as it is made.
// Values and names must be UTF-8, places plausible, records numbered on.
struct Summary {
    const adx::records::Limits& limits;
    std::string out;
    std::uint64_t number = 0;

    // base: the records before the reader's first (a chunk's reader numbers
    // from 1). false: the error ends the reading.
    bool error(const adx::core::Error& e, std::uint64_t base) {
        check(e.code == adx::core::Exit::data && !e.message.empty() && !e.rule.empty());
        out += "error " + e.rule + " " + std::to_string(e.where.line) + ":" + std::to_string(e.where.column) + " " +
               e.message + "\n";
        if (e.rule != "record-shape") return false;
        check(e.where.record + base == ++number);
        return true;
    }
    void record(const adx::records::Record& rec, std::uint64_t base) {
        check(rec.number + base == ++number);
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
    // Reads on to the end (going on after record-shape errors); false if an
    // error ended the reading.
    bool read(adx::records::Reader& reader, adx::records::Record& rec, std::uint64_t base) {
        for (int guard = 0; guard < 100000; ++guard) {
            auto more = reader.next(rec);
            if (!more) {
                if (!error(more.error(), base)) return false;
                continue;
            }
            if (!*more) return true;
            record(rec, base);
        }
        return true;
    }
};

// Opens a reader over the text; on failure, the summary of the error.
inline adx::core::Expected<std::unique_ptr<adx::records::Reader>> open(
    adx::core::Input& input, adx::records::Syntax syntax, adx::core::Encoding encoding,
    const adx::records::Limits& limits, const adx::records::XmlNames& names, std::string& out) {
    auto reader = adx::records::open_reader(input, syntax, encoding, names, limits);
    if (!reader) {
        check(reader.error().code == adx::core::Exit::data && !reader.error().message.empty());
        out = "open: " + reader.error().message;
    }
    return reader;
}

// Reads everything with one reader.
inline std::string read_all(const MemInput& mem, adx::records::Syntax syntax, adx::core::Encoding encoding,
                            const adx::records::Limits& limits, const adx::records::XmlNames& names = {}) {
    adx::core::Input input = mem.open();
    Summary s{limits, {}, 0};
    auto reader = open(input, syntax, encoding, limits, names, s.out);
    if (!reader) return s.out;
    adx::records::Record rec;
    s.read(**reader, rec, 0);
    return s.out;
}

// Reads everything as adx validate does on several threads: CSV or TSV cut
// into chunks of about target bytes, each read on its own, then the rest
// (where the cutter gave up) with the one reader. Must say what read_all says.
inline std::string read_chunked(const MemInput& mem, adx::records::Syntax syntax, adx::core::Encoding encoding,
                                const adx::records::Limits& limits, std::size_t target) {
    adx::core::Input input = mem.open();
    Summary s{limits, {}, 0};
    auto reader = open(input, syntax, encoding, limits, {}, s.out);
    if (!reader) return s.out;
    adx::records::CsvCutter* cutter = adx::records::csv_cutter(**reader);
    check(cutter != nullptr);
    adx::records::CsvChunk chunk;
    adx::records::Record rec;
    while (cutter->cut(chunk, target)) {
        check(!chunk.text.empty());
        const std::uint64_t base = s.number;
        if (!s.read(*adx::records::open_csv_chunk(cutter->layout(), chunk), rec, base)) return s.out;
    }
    cutter->resume(s.number);
    s.read(**reader, rec, 0);
    return s.out;
}

}  // namespace records_fuzz

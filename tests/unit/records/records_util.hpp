// SPDX-License-Identifier: Apache-2.0
#pragma once
// Helpers for the record reader tests: documents in memory (a memfd opened
// through /proc, so that core::Input reads it like a file), and whole-input
// reads that collect records and errors.

#include "core/input.hpp"
#include "records/reader.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <sys/mman.h>
#include <vector>

namespace records_test {

using adx::core::Encoding;
using adx::core::Error;
using adx::records::Cell;
using adx::records::Limits;
using adx::records::Syntax;
using adx::records::XmlNames;

class MemFile {
public:
    explicit MemFile(std::string_view text) {
        m_fd = ::memfd_create("records-test", MFD_CLOEXEC);
        REQUIRE(m_fd >= 0);
        REQUIRE(::write(m_fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    }
    ~MemFile() { ::close(m_fd); }
    MemFile(const MemFile&) = delete;
    MemFile& operator=(const MemFile&) = delete;
    adx::core::Input open() const {
        auto in = adx::core::Input::open("/proc/self/fd/" + std::to_string(m_fd));
        REQUIRE(in);
        return std::move(in).value();
    }

private:
    int m_fd = -1;
};

// A record's cells kept past the reader's next call: values copied,
// columns counted.
inline std::vector<Cell> keep(std::span<const Cell> cells) {
    std::vector<Cell> out(cells.begin(), cells.end());
    for (Cell& c : out) {
        c.own = std::string(c.value);
        c.value = c.own;
        c.column = c.char_column();
        c.before = {};
    }
    return out;
}

struct Result {
    std::vector<std::vector<Cell>> records;
    std::vector<Error> errors;  // record-shape errors, then at most one other
    Encoding encoding = Encoding::auto_detect;
    bool opened = false;
    // The first error that ended the reading (or none).
    const Error* fatal() const {
        return !errors.empty() && errors.back().rule != "record-shape" ? &errors.back() : nullptr;
    }
    std::string value(std::size_t record, std::size_t cell) const {
        return std::string(records.at(record).at(cell).value);
    }
};

// Reads on to the end into r, past record-shape errors; false when an error
// ended the reading. number: the input's records so far, checked against
// the reader's numbering; base: the records before the reader's first (a
// chunk's reader numbers from 1), added to the errors' record numbers too.
inline bool read_on(adx::records::Reader& reader, adx::records::Record& rec, Result& r, std::uint64_t& number,
                    std::uint64_t base = 0) {
    for (std::size_t guard = 0; guard < 1000000; ++guard) {
        auto more = reader.next(rec);
        if (!more) {
            Error e = more.error();
            if (e.where.record) e.where.record += base;
            r.errors.push_back(e);
            if (e.rule != "record-shape") return false;
            ++number;
            continue;
        }
        if (!*more) return true;
        CHECK(rec.number + base == ++number);
        r.records.push_back(keep(rec.used()));
    }
    return true;
}

inline Result read_all(std::string_view text, Syntax syntax, Encoding encoding = Encoding::auto_detect,
                       Limits limits = {}, const XmlNames& names = {}) {
    MemFile file(text);
    adx::core::Input input = file.open();
    Result r;
    auto reader = adx::records::open_reader(input, syntax, encoding, names, limits);
    if (!reader) {
        r.errors.push_back(reader.error());
        return r;
    }
    r.opened = true;
    adx::records::Record rec;
    std::uint64_t number = 0;
    read_on(**reader, rec, r, number);
    r.encoding = (*reader)->encoding();
    return r;
}

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline std::string shared_dir() {
    return ADX_SHARED_DIR;
}

}  // namespace records_test

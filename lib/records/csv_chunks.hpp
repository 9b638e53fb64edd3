// SPDX-License-Identifier: Apache-2.0
#pragma once
// CSV/TSV in chunks, for validating on several threads: the reader that has
// read the header cuts the rest of the input into chunks of whole records (a
// fast scan that tracks quotes, so that a line break inside a quoted field is
// never a cut), and each chunk is parsed on its own by a reader over that
// chunk alone. A chunk's reader gives the same records, values, places and
// errors as the one reader over the whole input would; only the record
// numbers start again at 1 in every chunk (the caller adds the records of
// the chunks before).
//
// The cutter gives up (and the caller reads the rest with next(), after the
// chunks so far) on anything out of the ordinary: a record longer than
// max_record_bytes, a read or encoding error, or a previous error. The
// sequential reader then reports it exactly as without chunks.

#include "records/reader.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace adx::records {

// What every chunk of one input shares (set when the header has been read).
struct CsvLayout {
    std::string file;  // the input's name, for places
    char delimiter = ',';
    bool converted = false;          // the text was converted from GB18030 (already valid UTF-8)
    std::vector<std::string> names;  // the header row
    std::uint64_t names_id = 0;      // Record::names_id of every record of the input
    Limits limits;
};

struct CsvChunk {
    // Whole records, in UTF-8 (the last may end at the end of the input):
    // a view into buffer, which was the reader's window until cut() swapped
    // it for the chunk's previous one. Reusing a chunk reuses its buffer.
    std::string_view text;
    std::vector<char> buffer;
    std::uint64_t line = 1;    // line of text's first byte
    std::uint64_t offset = 0;  // stream offset of text's first byte (in the UTF-8 text when converted)
};

class CsvCutter {
public:
    virtual ~CsvCutter() = default;
    virtual const CsvLayout& layout() const noexcept = 0;
    // Moves the next records from the reader into chunk, without copying
    // them: the whole records within target bytes (at least one record; all
    // that is left at the end of the input). false: no chunk; read
    // the rest with Reader::next() once resume() has been called.
    virtual bool cut(CsvChunk& chunk, std::size_t target) = 0;
    // The chunks so far held this many records: next() numbers on from there.
    virtual void resume(std::uint64_t records) noexcept = 0;
};

// The cutter of a reader from open_reader() for CSV or TSV; nullptr for the
// other syntaxes.
CsvCutter* csv_cutter(Reader& reader) noexcept;

// A reader over one chunk (which must outlive it), records numbered from 1.
std::unique_ptr<Reader> open_csv_chunk(const CsvLayout& layout, const CsvChunk& chunk);

}  // namespace adx::records

// SPDX-License-Identifier: Apache-2.0
#pragma once
// Checking a CSV/TSV input on several threads, with the same output as on
// one. This thread cuts the input into chunks of whole records
// (records/csv_chunks.hpp) and hands them to worker threads, each with its
// own RecordCheck; a worker parses and checks a chunk into a list of
// diagnostics and hashed uniqueness keys. This thread takes the results back
// in input order and emits them as if it had checked the records itself:
// record numbers shifted by the records of the chunks before, the
// diagnostics about the columns (said with the first record) said once,
// every key added to its one uniqueness index in record order. At most a few
// chunks are in flight (memory stays flat); reading stops at the first chunk
// that ends in an error that ends the file (as one thread stops there).

#include "records/csv_chunks.hpp"
#include "schema/format.hpp"
#include "validate/record_check.hpp"

#include <cstdint>
#include <string>

namespace adx::validate {

struct ChunkRun {
    std::uint64_t records = 0;  // records in the chunks, counted as one thread counts them
    bool fatal = false;         // a chunk ended in an error that ends the file: read no more
    bool header_done = false;   // the column diagnostics have been emitted
};

// Checks chunks from cutter on `threads` workers until it gives up, emitting
// into emit and adding keys to check's index. Afterwards (unless fatal) the
// caller reads the rest with the reader, after cutter.resume(records).
ChunkRun check_chunks(records::CsvCutter& cutter, const std::string& file, records::Syntax syntax,
                      const schema::Format& format, const Options& options, unsigned threads, RecordCheck& check,
                      const Emit& emit);

}  // namespace adx::validate

// SPDX-License-Identifier: Apache-2.0
#pragma once
// Streaming record readers: bytes in, one record at a time out, memory flat
// whatever the input's size. A record is a list of named cells; the names are
// what the document says (a CSV header, a JSON key, an XML element name), and
// the validator maps them to a format's fields.

#include "core/encoding.hpp"
#include "core/error.hpp"
#include "core/input.hpp"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace adx::records {

struct alignas(64) Cell {
    // What every record sets and reads first, together at the front: one
    // cache line (a cell is two, aligned); the name and the copy after.
    //
    // The text as written (UTF-8); empty for null/absent. Valid until the
    // reader's next call to next(): a CSV value is most often a view into
    // the reader's window, with no copy made.
    std::string_view value;
    // CSV: the text of the value's line before the value (valid as long as
    // the value is). Its characters are counted only when a column is asked
    // for: most values never need one.
    std::string_view before;
    std::uint64_t line = 0;  // where the value starts (1-based; 0 unknown)
    // 1-based, in characters where known, else 0. CSV leaves it 0 and sets
    // `before` instead: ask char_column().
    std::uint64_t column = 0;
    bool null = false;  // JSON null, or an empty XML element with xsi:nil
    std::string name;   // column header / key / element name (UTF-8)
    // The reader's copy of the value, where the input does not hold it as it
    // is (JSON and XML unescaped; a CSV field with doubled quotes).
    std::string own;
    // The column in characters: from `before` where set, else `column`.
    std::uint64_t char_column() const noexcept;
};

struct Record {
    std::uint64_t number = 0;  // 1-based record number in the input
    std::uint64_t line = 0;    // line where the record starts
    std::vector<Cell> cells;   // reused between records: clear values, keep capacity
    std::size_t size = 0;      // cells in use (cells.size() may be larger)
    // Not 0: the cells' names are those of every record that had this id
    // before (the header of one CSV input), so that a consumer may map the
    // names to fields once. 0: no such promise. Readers that do not set it
    // leave it 0.
    std::uint64_t names_id = 0;
    std::span<const Cell> used() const noexcept { return {cells.data(), size}; }
};

// Limits every reader enforces; exceeding one is Exit::data with the place
// (rule "limit").
struct Limits {
    std::size_t max_field = 1 << 20;  // bytes in one value
    std::size_t max_fields = 1024;    // cells in one record
    std::size_t max_depth = 64;       // JSON/XML nesting
    std::uint64_t max_record_bytes = 16 << 20;
    // Not a limit: the read size. Small blocks are for tests and fuzzing.
    std::size_t block = 1 << 20;
    // Not a limit: a CSV file cut into chunks is mapped into memory, not
    // read, from this many bytes left on (a regular file; tests set 0).
    std::uint64_t map_from = 8 << 20;
};

class Reader {
public:
    virtual ~Reader() = default;
    // The next record; false at the end. A malformed document is an error
    // (Exit::data) with file, line and column and a rule id:
    //   csv-syntax, json-syntax, xml-syntax, encoding, limit;
    //   header          the CSV header row (empty or repeated names);
    //   document-shape  well-formed, but not records (a JSON scalar, an XML
    //                   root element of another name);
    //   record-shape    one record's shape is wrong: a CSV record with more
    //                   or fewer fields than the header, a JSON/XML field that
    //                   is not a plain value, a key given twice, an attribute.
    // After a record-shape error (where.record set) the bad record has been
    // skipped and next() may be called again; after any other error the
    // reader is done (next() repeats the error). The reader owns the cells'
    // names: do not change them between calls.
    virtual core::Expected<bool> next(Record& record) = 0;
    // The encoding in use (after detection).
    virtual core::Encoding encoding() const noexcept = 0;
};

enum class Syntax : std::uint8_t { csv, tsv, json, jsonl, xml };

// The registry of syntaxes (adx --version; inference by extension).
struct SyntaxInfo {
    Syntax syntax;
    std::string_view name;        // "csv"
    std::string_view extensions;  // ".csv" (space-separated)
    const char* summary;          // msgid
};
std::span<const SyntaxInfo> syntaxes() noexcept;
bool parse_syntax(std::string_view name, Syntax& out) noexcept;
// From a file name's extension; false if unknown.
bool syntax_from_path(std::string_view path, Syntax& out) noexcept;

// The format's XML mapping. An empty ns means "no namespace check"; an empty
// root or record name accepts any element name at that level.
struct XmlNames {
    std::string ns, root, record;
};

// Opens a reader over input. CSV/TSV: RFC 4180 (quotes, embedded newlines,
// CRLF, BOM), header row required; CSV's delimiter is detected from the header
// line (comma, semicolon, tab) unless syntax is tsv. JSON: a top-level array
// of flat objects, or an object with one array member of them. JSON Lines: one
// flat object per line. XML: <root><record><field>value</field>…</record>…</root>
// with the names given; no DTD, no entities, no network.
// Encoding: UTF-8 (a BOM is skipped) or GB18030, given or detected from the
// first block (CSV, TSV, JSON, JSON Lines); XML follows its declaration
// unless gb18030 is given. Values come out in UTF-8.
// input must outlive the reader. Errors here: Exit::io, or Exit::data for an
// unreadable start (a bad header row, UTF-16 text, a DOCTYPE).
core::Expected<std::unique_ptr<Reader>> open_reader(core::Input& input, Syntax syntax, core::Encoding encoding,
                                                    const XmlNames& xml = {}, const Limits& limits = {});

}  // namespace adx::records

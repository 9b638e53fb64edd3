// SPDX-License-Identifier: Apache-2.0
// CSV and TSV after RFC 4180: quoted fields with doubled quotes and line
// breaks kept verbatim, LF or CRLF record ends, a header row whose names
// become the cells' names. TSV is the same with a tab (quotes included, as
// spreadsheets write it). A lone CR inside an unquoted field is data.
//
// Decisions: blank lines between records are skipped (so a one-column file
// cannot hold an empty record); a record with more or fewer fields than the
// header is a "record-shape" error after which reading goes on.
//
// This is the hot path of adx validate: the window holds whole records and
// each is parsed in place (restarted from its first byte when a block ends
// inside it); values are views into the window (copied only to undouble
// quotes), valid until the next record is asked for; UTF-8 is checked a
// chunk or a record at a time, and columns in characters are counted only
// for diagnostics.

#include "core/i18n.hpp"
#include "records/csv_chunks.hpp"
#include "records/csv_scan.hpp"
#include "records/readers.hpp"
#include "records/source.hpp"
#include "records/text.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <optional>

namespace adx::records::detail {

namespace {

using core::tr;
using core::trf;

enum class Step { record, blank, end, more, error };

class CsvReader final : public Reader, public CsvCutter {
public:
    CsvReader(core::Input& input, char delimiter, const Limits& limits)
        : m_src(input, limits.block, limits.max_record_bytes + limits.block),
          m_limits(limits),
          m_delimiter(delimiter),
          m_scan(delimiter),
          m_cut(limits.max_record_bytes) {}
    // Over one chunk, after the header (see csv_chunks.hpp).
    CsvReader(const CsvLayout& layout, const CsvChunk& chunk)
        : m_src(chunk.text, layout.file, chunk.offset, layout.converted),
          m_limits(layout.limits),
          m_delimiter(layout.delimiter),
          m_scan(layout.delimiter),
          m_names(layout.names),
          m_names_id(layout.names_id),
          m_line(chunk.line),
          m_cut(layout.limits.max_record_bytes),
          m_valid_text(layout.converted),
          m_checked_to(chunk.text.data()),
          m_chunk_end(chunk.text.data() + chunk.text.size()) {}

    core::Expected<void> open(core::Encoding requested);
    core::Expected<bool> next(Record& record) override;
    core::Encoding encoding() const noexcept override { return m_encoding; }

    const CsvLayout& layout() const noexcept override { return m_layout; }
    bool cut(CsvChunk& chunk, std::size_t target) override;
    void resume(std::uint64_t records) noexcept override { m_number = records; }

private:
    Step parse(Record& rec, std::size_t& used, std::uint64_t& next_line);
    core::Expected<bool> read(Record& rec);
    Step fail(core::Error e) {
        m_failed = std::move(e);
        return Step::error;
    }
    std::uint64_t column(const char* line_start, const char* p) const noexcept {
        return 1 + count_chars({line_start, static_cast<std::size_t>(p - line_start)});
    }
    core::Expected<void> check_text(std::string_view text);
    core::Expected<char> detect_delimiter();
    core::Expected<void> read_header();

    Source m_src;
    Limits m_limits;
    char m_delimiter;
    CsvScanner m_scan;
    core::Encoding m_encoding = core::Encoding::utf8;
    std::vector<std::string> m_names;
    std::uint64_t m_names_id = 0;  // see Record::names_id
    std::uint64_t m_line = 1;      // the line the next record starts on
    std::uint64_t m_number = 0;
    std::optional<core::Error> m_failed;
    std::vector<std::size_t> m_copied;  // the record's cells whose value is in Cell::own
    const Record* m_named = nullptr;    // the record whose cells carry the names
    const Cell* m_named_cells = nullptr;

    // Cutting into chunks: where records end in the window, and a read
    // error met while looking ahead (next() reports it where it would have
    // met it: after the records before it).
    CsvLayout m_layout;
    BoundaryScan m_cut;
    std::optional<core::Error> m_fill_failed;
    bool m_map_tried = false;
    bool m_valid_text = false;  // all of the text is known to be valid UTF-8
    // A chunk's UTF-8 is checked a window at a time, just ahead of the
    // records parsed: the window is then in the CPU's first-level cache
    // when they are parsed and checked. [chunk start, m_checked_to) is
    // valid; null: not a chunk, or a window had a bad byte (each record is
    // then checked by itself, to say where).
    const char* m_checked_to = nullptr;
    const char* m_chunk_end = nullptr;
};

// Parses the record at the front of the window. used: its bytes with the
// line break; next_line: the line after it.
Step CsvReader::parse(Record& rec, std::size_t& used, std::uint64_t& next_line) {
    const char* const begin = m_src.data();
    const char* const end = begin + m_src.size();
    const bool eof = m_src.eof();
    const char* p = begin;
    if (p == end) return eof ? Step::end : Step::more;
    if (*p == '\n' || *p == '\r') {
        std::size_t n = *p == '\n' ? 1 : (p + 1 < end && p[1] == '\n') ? 2 : (p + 1 == end && eof) ? 1 : 0;
        if (n > 0) {
            used = n;
            return Step::blank;
        }
        if (p + 1 == end) return Step::more;
    }
    const std::string_view file = m_src.name();
    m_copied.clear();
    std::uint64_t line = m_line;
    const char* line_start = begin;
    std::size_t field = 0;
    CsvScanner::Cursor cursor;
    // In locals: the stores into cells below could otherwise alias them.
    const std::size_t max_fields = m_limits.max_fields, max_field = m_limits.max_field;
    const char delimiter = m_delimiter;
    Cell* cells = rec.cells.data();  // (again after a new cell)
    std::size_t cell_count = rec.cells.size();
    for (;; ++field) {
        if (field == max_fields) return fail(too_many_fields(file, line, column(line_start, p), max_fields));
        if (field == cell_count) {
            rec.cells.emplace_back();
            cells = rec.cells.data();
            cell_count = rec.cells.size();
        }
        Cell& cell = cells[field];
        cell.line = line;
        // The column is counted only if a diagnostic asks for it.
        cell.column = 0;
        cell.before = {line_start, static_cast<std::size_t>(p - line_start)};
        cell.null = false;
        const char* q = p;
        for (;;) {
            q = m_scan.find(cursor, q, end);
            if (q == end) {
                if (!eof) return Step::more;
                break;
            }
            if (*q != '\r') break;
            if (q + 1 == end) {
                if (!eof) return Step::more;
                break;
            }
            if (q[1] == '\n') break;
            ++q;  // a lone CR is data
        }
        if (q < end && *q == '"') {
            if (q != p)
                return fail(
                    error_at(file, line, column(line_start, q), "csv-syntax",
                             tr("quote inside an unquoted field (quote the whole field and double the quote)")));
            // A quoted field (the first special byte is its opening quote).
            ++p;
            // The value is the text between the quotes, a view into the
            // window, unless a doubled quote makes a copy necessary.
            const char* const text = p;
            const char* piece = p;  // the part not yet in cell.own
            bool copied = false;
            for (;;) {
                auto close = static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)));
                if (!close) {
                    if (!eof) return Step::more;
                    return fail(error_at(file, cell.line, cell.char_column(), "csv-syntax",
                                         tr("quoted field is not closed before the end of the input")));
                }
                for (const char* s = p; s < close;) {
                    auto nl = static_cast<const char*>(std::memchr(s, '\n', static_cast<std::size_t>(close - s)));
                    if (!nl) break;
                    ++line;
                    line_start = s = nl + 1;
                }
                const std::size_t length = copied ? cell.own.size() + static_cast<std::size_t>(close - piece)
                                                  : static_cast<std::size_t>(close - text);
                if (length > max_field) return fail(field_too_long(file, cell.line, cell.char_column(), max_field));
                if (close + 1 == end && !eof) return Step::more;
                p = close + 1;
                if (p < end && *p == '"') {
                    if (!copied) cell.own.clear();
                    cell.own.append(piece, p);  // up to and with the first of the two quotes
                    copied = true;
                    piece = ++p;
                    continue;
                }
                break;
            }
            if (copied) {
                cell.own.append(piece, p - 1);
                m_copied.push_back(field);
            } else {
                cell.value = {text, static_cast<std::size_t>(p - 1 - text)};
            }
            if (p == end) break;
            if (*p == delimiter) {
                ++p;
                continue;
            }
            if (*p == '\n') {
                ++p;
                break;
            }
            if (*p == '\r') {
                if (p + 1 == end) {
                    if (!eof) return Step::more;
                    ++p;
                    break;
                }
                if (p[1] == '\n') {
                    p += 2;
                    break;
                }
            }
            return fail(error_at(file, line, column(line_start, p), "csv-syntax",
                                 tr("unexpected text after the closing quote of a field")));
        }
        auto n = static_cast<std::size_t>(q - p);
        if (n > max_field) return fail(field_too_long(file, line, cell.char_column(), max_field));
        cell.value = {p, n};
        p = q;
        if (p == end) break;
        if (*p == delimiter) {
            ++p;
            continue;
        }
        p += (*p == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
        break;
    }
    rec.size = field + 1;
    // Set last: a new cell may have moved the ones before it.
    for (std::size_t i : m_copied) rec.cells[i].value = rec.cells[i].own;
    used = static_cast<std::size_t>(p - begin);
    next_line = line + 1;
    return Step::record;
}

// Checks the record's text: UTF-8, unless converted from GB18030 (already
// valid) or, in a chunk, checked ahead a window at a time.
core::Expected<void> CsvReader::check_text(std::string_view text) {
    if (m_valid_text || m_src.converting()) return {};
    const char* const end = text.data() + text.size();
    while (m_checked_to != nullptr && m_checked_to < end) {
        // Windows end before a lead or ASCII byte, so that no sequence
        // crosses them (a cut sequence would only send the rest of the
        // chunk to the check by record: valid pieces join into valid text).
        constexpr std::size_t k_window = std::size_t{16} << 10;
        const char* to =
            m_chunk_end - m_checked_to > static_cast<std::ptrdiff_t>(k_window) ? m_checked_to + k_window : m_chunk_end;
        for (int back = 0; back < 3 && to < m_chunk_end && (static_cast<unsigned char>(*to) & 0xC0) == 0x80; ++back)
            --to;
        if (core::utf8_invalid_offset({m_checked_to, static_cast<std::size_t>(to - m_checked_to)}) !=
            std::string_view::npos)
            m_checked_to = nullptr;
        else
            m_checked_to = to;
    }
    if (m_checked_to != nullptr) return {};
    std::size_t bad = core::utf8_invalid_offset(text);
    if (bad == std::string_view::npos) return {};
    std::string_view before = text.substr(0, bad);
    std::size_t nl = before.rfind('\n');
    std::size_t line_start = nl == std::string_view::npos ? 0 : nl + 1;
    auto lines = static_cast<std::uint64_t>(std::count(before.begin(), before.end(), '\n'));
    core::Error e = error_at(m_src.name(), m_line + lines, 1 + count_chars(before.substr(line_start)), "encoding",
                             trf("invalid {encoding} byte sequence at byte offset {offset}",
                                 fmt::arg("encoding", "UTF-8"), fmt::arg("offset", m_src.offset() + bad)));
    e.hint = tr("if the file is GBK or GB18030, say --encoding gb18030");
    return e;
}

// The next record into rec, without the header check.
core::Expected<bool> CsvReader::read(Record& rec) {
    for (;;) {
        std::size_t used = 0;
        std::uint64_t next_line = m_line;
        switch (parse(rec, used, next_line)) {
            case Step::record: {
                rec.line = m_line;
                if (used > m_limits.max_record_bytes) {
                    m_failed = record_too_long(m_src.name(), m_line, m_limits.max_record_bytes);
                    return *m_failed;
                }
                auto ok = check_text({m_src.data(), used});
                m_src.consume(used);
                m_line = next_line;
                if (!ok) {
                    m_failed = std::move(ok).error();
                    return *m_failed;
                }
                return true;
            }
            case Step::blank:
                m_src.consume(used);
                ++m_line;
                continue;
            case Step::end:
                return false;
            case Step::error:
                return *m_failed;
            case Step::more: {
                if (m_fill_failed) {
                    m_failed = std::move(*m_fill_failed);
                    m_fill_failed.reset();
                    return *m_failed;
                }
                if (m_src.size() > m_limits.max_record_bytes) {
                    m_failed = record_too_long(m_src.name(), m_line, m_limits.max_record_bytes);
                    return *m_failed;
                }
                auto more = m_src.fill();
                if (!more) {
                    m_failed = std::move(more).error();
                    return *m_failed;
                }
                if (!*more && !m_src.eof()) {
                    m_failed = record_too_long(m_src.name(), m_line, m_limits.max_record_bytes);
                    return *m_failed;
                }
                continue;
            }
        }
    }
}

core::Expected<bool> CsvReader::next(Record& rec) {
    if (m_failed) return *m_failed;
    auto more = read(rec);
    if (!more || !*more) return more;
    rec.number = ++m_number;
    const std::size_t n = m_names.size();
    if (rec.size != n) {
        std::uint64_t col = rec.size > n ? rec.cells[n].char_column() : 0;
        std::uint64_t line = rec.size > n ? rec.cells[n].line : rec.line;
        core::Error e = error_at(m_src.name(), line, col, "record-shape",
                                 trf("record has {fields} fields, the header has {columns}",
                                     fmt::arg("fields", rec.size), fmt::arg("columns", n)));
        e.where.record = rec.number;
        return e;
    }
    // Names are set once per Record (a cleared one is noticed by its last name).
    if (m_named != &rec || m_named_cells != rec.cells.data() || (n > 0 && rec.cells[n - 1].name != m_names[n - 1])) {
        for (std::size_t i = 0; i < n; ++i) rec.cells[i].name = m_names[i];
        m_named = &rec;
        m_named_cells = rec.cells.data();
    }
    rec.names_id = m_names_id;
    return true;
}

core::Expected<void> CsvReader::open(core::Encoding requested) {
    auto enc = m_src.start(requested);
    if (!enc) return std::move(enc).error();
    m_encoding = *enc;
    if (m_delimiter == 0) {
        auto d = detect_delimiter();
        if (!d) return std::move(d).error();
        m_delimiter = *d;
        m_scan = CsvScanner(m_delimiter);
    }
    return read_header();
}

// The most frequent of comma, semicolon and tab outside quotes on the header
// line (comma on a tie or when there is none).
core::Expected<char> CsvReader::detect_delimiter() {
    for (;;) {
        std::string_view s = m_src.view();
        std::size_t i = 0, comma = 0, semicolon = 0, tab = 0;
        while (i < s.size() && (s[i] == '\n' || s[i] == '\r')) ++i;
        bool quoted = false, complete = false;
        for (; i < s.size(); ++i) {
            char c = s[i];
            if (c == '"') quoted = !quoted;
            if (quoted) continue;
            if (c == '\n') {
                complete = true;
                break;
            }
            comma += c == ',';
            semicolon += c == ';';
            tab += c == '\t';
        }
        if (complete || m_src.eof()) {
            if (semicolon > comma && semicolon >= tab) return ';';
            if (tab > comma && tab > semicolon) return '\t';
            return ',';
        }
        auto more = m_src.fill();
        if (!more) return std::move(more).error();
        if (!*more && !m_src.eof()) return record_too_long(m_src.name(), 1, m_limits.max_record_bytes);
    }
}

core::Expected<void> CsvReader::read_header() {
    Record header;
    auto more = read(header);
    if (!more) return std::move(more).error();
    if (!*more) return error_at(m_src.name(), m_line, 0, "header", tr("the input is empty: a header row is needed"));
    m_names.clear();
    for (std::size_t i = 0; i < header.size; ++i) {
        const Cell& c = header.cells[i];
        if (c.value.empty())
            return error_at(m_src.name(), c.line, c.char_column(), "header",
                            trf("column {column} of the header row has no name", fmt::arg("column", i + 1)));
        for (const auto& name : m_names) {
            if (name == c.value) {
                core::Error e = error_at(m_src.name(), c.line, c.char_column(), "header",
                                         trf("the header row names column '{name}' twice", fmt::arg("name", name)));
                e.where.field = name;
                return e;
            }
        }
        m_names.emplace_back(c.value);
    }
    m_layout.file = m_src.name();
    m_layout.delimiter = m_delimiter;
    m_layout.converted = m_src.converting();
    m_layout.names = m_names;
    // One id per header read in this process: a record's names are known by it.
    static std::atomic<std::uint64_t> s_names_ids{0};
    m_layout.names_id = ++s_names_ids;
    m_names_id = m_layout.names_id;
    m_layout.limits = m_limits;
    return {};
}

bool CsvReader::cut(CsvChunk& chunk, std::size_t target) {
    if (m_failed || m_fill_failed) return false;
    if (!m_map_tried) {
        // Chunks of a large file are views into its mapping: no copy.
        m_map_tried = true;
        m_src.map_rest(m_limits.map_from);
    }
    for (;;) {
        const std::size_t size = m_src.size();
        // The chunk ends at the last record end within target bytes (the
        // window holds about that much: little is left to move), or at the
        // first record end when the first record is longer.
        m_cut.scan(m_src.data(), size, target);
        std::size_t take = m_cut.boundary();
        if (m_src.eof() && !m_cut.stopped() && !m_cut.paused()) {
            // The end of the input ends the last record, unless it is too long.
            if (size - take <= m_limits.max_record_bytes) take = size;
        } else if (!m_cut.stopped() && !m_cut.paused() && (size < target || take == 0)) {
            auto more = m_src.fill();
            if (more && *more) continue;
            if (!more) m_fill_failed = std::move(more).error();
            // else the window is full, or the input has ended: look again.
            else if (m_src.eof())
                continue;
        }
        if (take == 0) return false;
        chunk.line = m_line;
        chunk.offset = m_src.offset();
        m_line += take == size
                      ? m_cut.boundary_lines() + static_cast<std::uint64_t>(std::count(m_src.data() + m_cut.boundary(),
                                                                                       m_src.data() + size, '\n'))
                      : m_cut.boundary_lines();
        chunk.text = m_src.hand_over(take, chunk.buffer);
        m_cut.drop(take);
        return true;
    }
}

}  // namespace

core::Expected<std::unique_ptr<Reader>> open_csv(core::Input& input, char delimiter, core::Encoding encoding,
                                                 const Limits& limits) {
    auto reader = std::make_unique<CsvReader>(input, delimiter, limits);
    auto ok = reader->open(encoding);
    if (!ok) return std::move(ok).error();
    return std::unique_ptr<Reader>(std::move(reader));
}

}  // namespace adx::records::detail

namespace adx::records {

CsvCutter* csv_cutter(Reader& reader) noexcept {
    return dynamic_cast<CsvCutter*>(&reader);
}

std::unique_ptr<Reader> open_csv_chunk(const CsvLayout& layout, const CsvChunk& chunk) {
    return std::make_unique<detail::CsvReader>(layout, chunk);
}

}  // namespace adx::records

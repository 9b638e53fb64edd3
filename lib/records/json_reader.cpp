// SPDX-License-Identifier: Apache-2.0
// JSON and JSON Lines records over the streaming tokenizer.
//
// JSON: a top-level array of flat objects, or a top-level object with one
// array member holding them ({"filings": [...]}); its other members, which
// must not be arrays, are skipped. JSON Lines: one flat object per line,
// blank lines skipped. Values: strings as they are, numbers as written
// ("1.50"), true/false as "true"/"false", null as a null cell. A field whose
// value is an object or array, a key given twice, or a record that is not an
// object are "record-shape" errors: the record is skipped and reading goes on.

#include "core/i18n.hpp"
#include "records/json_tokenizer.hpp"
#include "records/readers.hpp"
#include "records/text.hpp"

namespace adx::records::detail {

namespace {

using core::tr;
using core::trf;

class JsonReader final : public Reader {
public:
    JsonReader(core::Input& input, bool lines, const Limits& limits)
        : m_src(input, limits.block, limits.max_record_bytes + limits.block),
          m_limits(limits),
          m_lines(lines),
          m_tokens(m_src, limits, lines) {}

    core::Expected<void> open(core::Encoding requested);
    core::Expected<bool> next(Record& record) override;
    core::Encoding encoding() const noexcept override { return m_encoding; }

private:
    core::Expected<bool> read(Record& rec);
    core::Expected<bool> finish();
    core::Expected<JsonToken> token() {
        auto t = m_tokens.next();
        if (!t) m_failed = t.error();
        return t;
    }
    core::Error fail(core::Error e) {
        m_failed = e;
        return e;
    }
    core::Error at_token(const char* rule, std::string message) {
        return error_at(m_src.name(), m_tokens.line(), m_tokens.column(), rule, std::move(message));
    }
    core::Error one_per_line() {
        return fail(at_token("json-syntax", tr("each line of JSON Lines must hold one JSON object")));
    }

    Source m_src;
    Limits m_limits;
    bool m_lines;
    JsonTokenizer m_tokens;
    core::Encoding m_encoding = core::Encoding::utf8;
    bool m_wrapped = false;  // the records are an array inside an object
    bool m_done = false;
    std::uint64_t m_number = 0;
    std::uint64_t m_last_line = 0;  // JSON Lines: where the last value ended
    std::optional<core::Error> m_failed;
};

core::Expected<void> JsonReader::open(core::Encoding requested) {
    auto enc = m_src.start(requested);
    if (!enc) return std::move(enc).error();
    m_encoding = *enc;
    if (m_lines) return {};
    auto t = token();
    if (!t) return std::move(t).error();
    if (*t == JsonToken::begin_array) return {};
    if (*t == JsonToken::begin_object) {
        for (;;) {
            auto key = token();
            if (!key) return std::move(key).error();
            if (*key == JsonToken::end_object) break;
            auto value = token();
            if (!value) return std::move(value).error();
            if (*value == JsonToken::begin_array) {
                m_wrapped = true;
                return {};
            }
            auto skipped = m_tokens.skip(*value);
            if (!skipped) return fail(std::move(skipped).error());
        }
    }
    return fail(
        at_token("document-shape", tr("expected an array of records, or an object with an array member holding them")));
}

core::Expected<bool> JsonReader::next(Record& rec) {
    if (m_failed) return *m_failed;
    if (m_done) return false;
    auto t = token();
    if (!t) return std::move(t).error();
    if (m_lines) {
        if (*t == JsonToken::end) {
            m_done = true;
            return false;
        }
        if (m_number > 0 && m_tokens.line() <= m_last_line) return one_per_line();
    } else if (*t == JsonToken::end_array) {
        return finish();
    }
    const std::uint64_t line = m_tokens.line();
    if (*t != JsonToken::begin_object) {
        core::Error e =
            at_token("record-shape", trf("record {number} is not a JSON object", fmt::arg("number", m_number + 1)));
        e.where.record = ++m_number;
        auto skipped = m_tokens.skip(*t);
        if (!skipped) return fail(std::move(skipped).error());
        if (m_lines && m_tokens.line() != line) return one_per_line();
        m_last_line = m_tokens.line();
        return e;
    }
    rec.number = ++m_number;
    rec.line = line;
    auto ok = read(rec);
    if (m_failed) return *m_failed;
    if (m_lines && m_tokens.line() != line) return one_per_line();
    m_last_line = m_tokens.line();
    return ok;
}

// The members of the object just begun; a shape error skips the rest of it.
core::Expected<bool> JsonReader::read(Record& rec) {
    const std::uint64_t start = m_tokens.offset();
    const std::size_t depth = m_tokens.depth();
    std::optional<core::Error> shape;
    std::size_t n = 0;
    for (;;) {
        auto key = token();
        if (!key) return std::move(key).error();
        if (*key == JsonToken::end_object) break;
        if (n == m_limits.max_fields)
            return fail(too_many_fields(m_src.name(), m_tokens.line(), m_tokens.column(), m_limits.max_fields));
        if (n == rec.cells.size()) rec.cells.emplace_back();
        Cell& cell = rec.cells[n];
        const std::string_view name = m_tokens.text();
        for (std::size_t i = 0; i < n; ++i) {
            if (rec.cells[i].name == name) {
                shape = duplicate_field(m_src.name(), m_tokens.line(), m_tokens.column(), name);
                break;
            }
        }
        cell.name.clear();
        cell.name.append(name);
        auto value = token();
        if (!value) return std::move(value).error();
        cell.line = m_tokens.line();
        cell.column = m_tokens.column();
        cell.null = false;
        switch (*value) {
            case JsonToken::string:
            case JsonToken::number:
                cell.own.clear();
                cell.own.append(m_tokens.text());
                break;
            case JsonToken::true_value:
                cell.own.assign("true");
                break;
            case JsonToken::false_value:
                cell.own.assign("false");
                break;
            case JsonToken::null:
                cell.own.clear();
                cell.null = true;
                break;
            default:
                if (!shape) shape = not_plain(m_src.name(), cell.line, cell.column, cell.name);
                break;
        }
        ++n;
        if (m_src.offset() - start > m_limits.max_record_bytes)
            return fail(record_too_long(m_src.name(), rec.line, m_limits.max_record_bytes));
        if (shape) {
            while (m_tokens.depth() >= depth) {
                auto t = token();
                if (!t) return std::move(t).error();
            }
            shape->where.record = rec.number;
            rec.size = 0;
            return *shape;
        }
    }
    rec.size = n;
    // The cells are where they stay (more cells may have moved them before).
    for (std::size_t i = 0; i < n; ++i) rec.cells[i].value = rec.cells[i].own;
    return true;
}

// After the records' array: the rest of the wrapping object, then the end.
core::Expected<bool> JsonReader::finish() {
    if (m_wrapped) {
        for (;;) {
            auto key = token();
            if (!key) return std::move(key).error();
            if (*key == JsonToken::end_object) break;
            auto value = token();
            if (!value) return std::move(value).error();
            if (*value == JsonToken::begin_array)
                return fail(at_token("document-shape", tr("the object has more than one array member")));
            auto skipped = m_tokens.skip(*value);
            if (!skipped) return fail(std::move(skipped).error());
        }
    }
    auto t = token();
    if (!t) return std::move(t).error();
    m_done = true;
    return false;
}

}  // namespace

core::Expected<std::unique_ptr<Reader>> open_json(core::Input& input, bool lines, core::Encoding encoding,
                                                  const Limits& limits) {
    auto reader = std::make_unique<JsonReader>(input, lines, limits);
    auto ok = reader->open(encoding);
    if (!ok) return std::move(ok).error();
    return std::unique_ptr<Reader>(std::move(reader));
}

}  // namespace adx::records::detail

// SPDX-License-Identifier: Apache-2.0
// The record shape of XML documents (see xml_reader.cpp for the reader).

#include "core/i18n.hpp"
#include "records/readers.hpp"
#include "records/text.hpp"
#include "records/xml_reader.hpp"

namespace adx::records::detail {

namespace {

using core::tr;
using core::trf;

constexpr std::string_view k_xsi = "http://www.w3.org/2001/XMLSchema-instance";

std::string_view view(const xmlChar* s) noexcept {
    return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

bool is_text(int type) noexcept {
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA || type == XML_READER_TYPE_WHITESPACE ||
           type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

}  // namespace

core::Error XmlReader::shape_error(Level level, std::string message) {
    return error_at(m_name, node_line(), 0, level == Level::root ? "document-shape" : "record-shape",
                    std::move(message));
}

core::Expected<bool> XmlReader::check_node(Level level) {
    if (!m_names.ns.empty()) {
        // Elements under the root's declaration share its URI (which lives
        // as long as the root): compared once.
        const xmlChar* uri = xmlTextReaderConstNamespaceUri(m_reader);
        if (!uri || (uri != m_root_ns && view(uri) != m_names.ns))
            return shape_error(level, trf("element <{element}> is not in the namespace '{namespace}'",
                                          fmt::arg("element", local_name()), fmt::arg("namespace", m_names.ns)));
        if (level == Level::root) m_root_ns = uri;
    }
    if (xmlTextReaderHasAttributes(m_reader) != 1) return false;
    std::string name(local_name());
    bool nil = false;
    std::optional<core::Error> bad;
    while (!bad && xmlTextReaderMoveToNextAttribute(m_reader) == 1) {
        if (xmlTextReaderIsNamespaceDecl(m_reader) == 1) continue;
        std::string_view attribute = view(xmlTextReaderConstName(m_reader));
        if (level == Level::field && view(xmlTextReaderConstNamespaceUri(m_reader)) == k_xsi &&
            view(xmlTextReaderConstLocalName(m_reader)) == "nil") {
            std::string_view value = view(xmlTextReaderConstValue(m_reader));
            if (value == "true" || value == "1") {
                nil = true;
            } else if (value != "false" && value != "0") {
                bad = shape_error(level, trf("xsi:nil must be true or false, not '{value}'", fmt::arg("value", value)));
            }
            continue;
        }
        bad = shape_error(level, trf("attribute '{attribute}' is not allowed on <{element}>",
                                     fmt::arg("attribute", attribute), fmt::arg("element", name)));
    }
    xmlTextReaderMoveToElement(m_reader);
    if (bad) return *bad;
    return nil;
}

core::Expected<bool> XmlReader::next(Record& rec) {
    if (m_failed) return *m_failed;
    if (m_done) return false;
    for (;;) {
        auto type = read_node();
        if (!type) return std::move(type).error();
        if (*type == 0) {
            m_done = true;
            return false;
        }
        if (depth() != 1) continue;  // the root's end, or outside it
        if (*type == XML_READER_TYPE_ELEMENT) return read_record(rec);
        if (*type == XML_READER_TYPE_TEXT || *type == XML_READER_TYPE_CDATA)
            return fail(shape_error(Level::root, tr("text directly inside the root element, outside the records")));
    }
}

core::Expected<bool> XmlReader::read_record(Record& rec) {
    rec.number = ++m_number;
    rec.line = node_line();
    rec.size = 0;
    const bool empty = xmlTextReaderIsEmptyElement(m_reader) == 1;
    const std::string_view name = local_name();
    if (!m_names.record.empty() && name != m_names.record)
        return skip_record(
            empty,
            shape_error(Level::record, trf("expected a <{expected}> element, found <{found}>",
                                           fmt::arg("expected", m_names.record), fmt::arg("found", name))),
            rec.number);
    auto checked = check_node(Level::record);
    if (!checked) return skip_record(empty, std::move(checked).error(), rec.number);
    if (empty) return true;
    const long start = xmlTextReaderByteConsumed(m_reader);
    std::size_t n = 0;
    for (;;) {
        auto type = read_node();
        if (!type) return std::move(type).error();
        if (*type == 0) return fail(error_at(m_name, rec.line, 0, "xml-syntax", tr("malformed XML")));
        const std::size_t d = depth();
        if (*type == XML_READER_TYPE_END_ELEMENT && d == 1) break;
        if (*type == XML_READER_TYPE_ELEMENT && d == 2) {
            if (n == m_limits.max_fields) return fail(too_many_fields(m_name, node_line(), 0, m_limits.max_fields));
            if (n == rec.cells.size()) rec.cells.emplace_back();
            auto ok = read_field(rec.cells[n], n);
            ++n;
            if (!ok) {
                if (m_failed) return *m_failed;
                return skip_record(false, std::move(ok).error(), rec.number);
            }
        } else if ((*type == XML_READER_TYPE_TEXT || *type == XML_READER_TYPE_CDATA) && d == 2) {
            return skip_record(
                false, shape_error(Level::record, tr("text directly inside a record element, outside the fields")),
                rec.number);
        }
        if (static_cast<std::uint64_t>(xmlTextReaderByteConsumed(m_reader) - start) > m_limits.max_record_bytes)
            return fail(record_too_long(m_name, rec.line, m_limits.max_record_bytes));
    }
    rec.size = n;
    return true;
}

core::Expected<void> XmlReader::read_field(Cell& cell, std::size_t index) {
    // Names are interned by libxml2: the same pointer is the same name, which
    // the cell (owned by the reader) still holds.
    const xmlChar* name = xmlTextReaderConstLocalName(m_reader);
    if (index >= m_name_seen.size()) m_name_seen.resize(index + 1);
    if (m_name_seen[index] != name || cell.name.empty()) {
        cell.name.assign(view(name));
        m_name_seen[index] = name;
    }
    cell.line = node_line();
    cell.column = 0;
    cell.value.clear();
    cell.null = false;
    auto nil = check_node(Level::field);
    if (!nil) return std::move(nil).error();
    cell.null = *nil;
    if (xmlTextReaderIsEmptyElement(m_reader) == 1) return {};
    for (;;) {
        auto type = read_node();
        if (!type) return std::move(type).error();
        if (*type == 0) return fail(error_at(m_name, cell.line, 0, "xml-syntax", tr("malformed XML")));
        const std::size_t d = depth();
        if (*type == XML_READER_TYPE_END_ELEMENT && d == 2) break;
        if (*type == XML_READER_TYPE_ELEMENT) return not_plain(m_name, cell.line, 0, cell.name);
        if (!is_text(*type)) continue;  // comments, processing instructions
        cell.value += view(xmlTextReaderConstValue(m_reader));
        if (cell.value.size() > m_limits.max_field)
            return fail(field_too_long(m_name, cell.line, 0, m_limits.max_field));
    }
    if (cell.null && !cell.value.empty())
        return error_at(m_name, cell.line, 0, "record-shape",
                        trf("field '{name}' is nil (xsi:nil) but has a value", fmt::arg("name", cell.name)));
    return {};
}

// Skips to the end of the record the shape error is in, and returns it.
core::Expected<bool> XmlReader::skip_record(bool empty, core::Error shape, std::uint64_t number) {
    shape.where.record = number;
    if (!empty) {
        for (;;) {
            auto type = read_node();
            if (!type) return std::move(type).error();
            if (*type == 0) return fail(error_at(m_name, shape.where.line, 0, "xml-syntax", tr("malformed XML")));
            if (*type == XML_READER_TYPE_END_ELEMENT && depth() == 1) break;
        }
    }
    return shape;
}

core::Expected<std::unique_ptr<Reader>> open_xml(core::Input& input, core::Encoding encoding, const XmlNames& names,
                                                 const Limits& limits) {
    auto reader = std::make_unique<XmlReader>(input, names, limits);
    auto ok = reader->open(encoding);
    if (!ok) return std::move(ok).error();
    return std::unique_ptr<Reader>(std::move(reader));
}

}  // namespace adx::records::detail

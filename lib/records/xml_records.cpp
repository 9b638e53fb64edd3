// SPDX-License-Identifier: Apache-2.0
// The record shape of XML documents: libxml2's SAX2 callbacks (see
// xml_reader.cpp for the reader). Depths count as libxml2's xmlTextReader
// counts them: the root element at 0, its records at 1, their fields at 2,
// and text or comments at one more than the element around them.

#include "core/i18n.hpp"
#include "records/readers.hpp"
#include "records/text.hpp"
#include "records/xml_reader.hpp"

namespace adx::records::detail {

namespace {

using core::tr;
using core::trf;

constexpr std::string_view k_xsi = "http://www.w3.org/2001/XMLSchema-instance";
constexpr std::string_view k_dsig = "http://www.w3.org/2000/09/xmldsig#";

std::string_view view(const xmlChar* s) noexcept {
    return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

XmlReader& self(void* ctx) noexcept {
    return *static_cast<XmlReader*>(static_cast<xmlParserCtxtPtr>(ctx)->_private);
}

// Text that is not only XML white space (what xmlIsBlankNode looks for).
bool has_text(std::string_view s) noexcept {
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return true;
    return false;
}

// A ds:Signature child of the root: the enveloped signature of a signed
// document (adx sign, xmlsec1). adx verify checks it; it holds no record.
bool is_signature(std::string_view local, const xmlChar* uri) noexcept {
    return local == "Signature" && view(uri) == k_dsig;
}

}  // namespace

core::Error XmlReader::shape_error(Level level, std::string message) const {
    return error_at(m_name, line(), 0, level == Level::root ? "document-shape" : "record-shape", std::move(message));
}

// attributes: five pointers each (local name, prefix, URI, value, value end).
core::Expected<bool> XmlReader::check_node(Level level, std::string_view local, const xmlChar* uri, int nb_attributes,
                                           const xmlChar** attributes) {
    if (!m_names.ns.empty() && view(uri) != m_names.ns)
        return shape_error(level, trf("element <{element}> is not in the namespace '{namespace}'",
                                      fmt::arg("element", local), fmt::arg("namespace", m_names.ns)));
    bool nil = false;
    for (int i = 0; i < nb_attributes; ++i) {
        const xmlChar** a = attributes + 5 * i;
        std::string_view name = view(a[0]), prefix = view(a[1]);
        if (level == Level::field && view(a[2]) == k_xsi && name == "nil") {
            std::string_view value(reinterpret_cast<const char*>(a[3]), static_cast<std::size_t>(a[4] - a[3]));
            if (value == "true" || value == "1") {
                nil = true;
            } else if (value != "false" && value != "0") {
                return shape_error(level,
                                   trf("xsi:nil must be true or false, not '{value}'", fmt::arg("value", value)));
            }
            continue;
        }
        std::string attribute = prefix.empty() ? std::string(name) : fmt::format("{}:{}", prefix, name);
        return shape_error(level, trf("attribute '{attribute}' is not allowed on <{element}>",
                                      fmt::arg("attribute", attribute), fmt::arg("element", local)));
    }
    return nil;
}

void XmlReader::reject(core::Error e) {
    e.where.record = m_queue[m_tail].record.number;
    m_queue[m_tail].shape = std::move(e);
    m_skipping = true;
    m_in_field = false;
}

bool XmlReader::check_depth(std::size_t depth) {
    if (depth <= m_limits.max_depth) return true;
    stop(too_deep(m_name, line(), 0, m_limits.max_depth));
    return false;
}

bool XmlReader::check_record_bytes() {
    if (static_cast<std::uint64_t>(xmlByteConsumed(m_ctxt) - m_record_start) <= m_limits.max_record_bytes) return true;
    stop(record_too_long(m_name, m_queue[m_tail].record.line, m_limits.max_record_bytes));
    return false;
}

void XmlReader::on_start(void* ctx, const xmlChar* local, const xmlChar*, const xmlChar* uri, int, const xmlChar**,
                         int nb_attributes, int, const xmlChar** attributes) {
    XmlReader& r = self(ctx);
    if (r.m_fatal) return;
    r.start_element(view(local), uri, nb_attributes, attributes);
}

void XmlReader::start_element(std::string_view local, const xmlChar* uri, int nb_attributes,
                              const xmlChar** attributes) {
    const std::size_t depth = m_depth++;
    if (!check_depth(depth)) return;
    if (depth == 0) {
        m_root_seen = true;
        if (!m_names.root.empty() && local != m_names.root)
            return stop(error_at(m_name, line(), 0, "document-shape",
                                 trf("the root element is <{found}>, expected <{expected}>", fmt::arg("found", local),
                                     fmt::arg("expected", m_names.root))));
        auto ok = check_node(Level::root, local, uri, nb_attributes, attributes);
        if (!ok) stop(std::move(ok).error());
        return;
    }
    if (m_signature) return;
    if (depth == 1 && is_signature(local, uri)) {
        m_signature = true;
        return;
    }
    if (depth == 1) {
        if (m_tail == m_queue.size()) m_queue.emplace_back();
        Record& rec = m_queue[m_tail].record;
        rec.number = ++m_number;
        rec.line = line();
        rec.size = 0;
        m_skipping = false;
        m_in_field = false;
        m_fields = 0;
        m_record_start = xmlByteConsumed(m_ctxt);
        if (!m_names.record.empty() && local != m_names.record)
            return reject(
                shape_error(Level::record, trf("expected a <{expected}> element, found <{found}>",
                                               fmt::arg("expected", m_names.record), fmt::arg("found", local))));
        auto ok = check_node(Level::record, local, uri, nb_attributes, attributes);
        if (!ok) reject(std::move(ok).error());
        return;
    }
    if (m_skipping) return;
    Record& rec = m_queue[m_tail].record;
    if (depth == 2) {
        if (m_fields == m_limits.max_fields) return stop(too_many_fields(m_name, line(), 0, m_limits.max_fields));
        if (m_fields == rec.cells.size()) rec.cells.emplace_back();
        Cell& cell = rec.cells[m_fields++];
        if (cell.name != local) cell.name.assign(local);
        cell.line = line();
        cell.column = 0;
        cell.own.clear();
        cell.null = false;
        auto nil = check_node(Level::field, local, uri, nb_attributes, attributes);
        if (!nil) return reject(std::move(nil).error());
        cell.null = *nil;
        m_in_field = true;
        check_record_bytes();
        return;
    }
    // An element inside a field.
    const Cell& cell = rec.cells[m_fields - 1];
    reject(not_plain(m_name, cell.line, 0, cell.name));
}

void XmlReader::on_end(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
    XmlReader& r = self(ctx);
    if (r.m_fatal) return;
    r.end_element();
}

void XmlReader::end_element() {
    const std::size_t depth = --m_depth;
    if (m_signature) {
        m_signature = depth != 1;
        return;
    }
    if (depth == 2 && !m_skipping) {
        m_in_field = false;
        const Cell& cell = m_queue[m_tail].record.cells[m_fields - 1];
        if (cell.null && !cell.own.empty())
            return reject(
                error_at(m_name, cell.line, 0, "record-shape",
                         trf("field '{name}' is nil (xsi:nil) but has a value", fmt::arg("name", cell.name))));
        check_record_bytes();
    } else if (depth == 1) {
        if (!m_skipping && !check_record_bytes()) return;
        Record& rec = m_queue[m_tail].record;
        rec.size = m_skipping ? 0 : m_fields;
        // The cells are where they stay (more cells may have moved them before).
        for (std::size_t i = 0; i < rec.size; ++i) rec.cells[i].value = rec.cells[i].own;
        ++m_tail;
        m_skipping = m_in_field = false;
    }
}

void XmlReader::on_text(void* ctx, const xmlChar* text, int len) {
    XmlReader& r = self(ctx);
    if (r.m_fatal) return;
    r.text({reinterpret_cast<const char*>(text), static_cast<std::size_t>(std::max(len, 0))});
}

void XmlReader::text(std::string_view text) {
    if (!check_depth(m_depth)) return;
    if (m_depth == 1) {
        if (has_text(text))
            stop(shape_error(Level::root, tr("text directly inside the root element, outside the records")));
    } else if (m_skipping || m_signature) {
        return;
    } else if (m_depth == 2) {
        if (has_text(text))
            return reject(shape_error(Level::record, tr("text directly inside a record element, outside the fields")));
        check_record_bytes();
    } else if (m_depth == 3 && m_in_field) {
        Cell& cell = m_queue[m_tail].record.cells[m_fields - 1];
        cell.own.append(text);
        if (cell.own.size() > m_limits.max_field) stop(field_too_long(m_name, cell.line, 0, m_limits.max_field));
    }
}

void XmlReader::on_comment(void* ctx, const xmlChar*) {
    XmlReader& r = self(ctx);
    if (!r.m_fatal) r.check_depth(r.m_depth);
}

void XmlReader::on_pi(void* ctx, const xmlChar*, const xmlChar*) {
    XmlReader& r = self(ctx);
    if (!r.m_fatal) r.check_depth(r.m_depth);
}

void XmlReader::on_reference(void* ctx, const xmlChar*) {
    XmlReader& r = self(ctx);
    r.stop(error_at(r.m_name, r.line(), 0, "xml-syntax", tr("entity references are not allowed")));
}

void XmlReader::on_subset(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
    XmlReader& r = self(ctx);
    r.stop(error_at(r.m_name, r.line(), 0, "xml-syntax",
                    tr("DOCTYPE is not allowed (adx reads no DTDs and no entity declarations)")));
}

core::Expected<std::unique_ptr<Reader>> open_xml(core::Input& input, core::Encoding encoding, const XmlNames& names,
                                                 const Limits& limits) {
    auto reader = std::make_unique<XmlReader>(input, names, limits);
    auto ok = reader->open(encoding);
    if (!ok) return std::move(ok).error();
    return std::unique_ptr<Reader>(std::move(reader));
}

}  // namespace adx::records::detail

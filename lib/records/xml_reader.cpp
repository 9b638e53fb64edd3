// SPDX-License-Identifier: Apache-2.0
// XML records with libxml2's streaming xmlTextReader, fed from core::Input:
//   <root xmlns="ns"><record><field>text</field>…</record>…</root>
// Every element is in the format's namespace when it has one. Elements
// inside a record are cells under their local name, known to the format or
// not (the validator says which); xsi:nil="true" makes a null cell. No
// DOCTYPE (refused before libxml2 sees it, see xml_prolog.hpp), no entity
// substitution, no network, no attributes but namespace declarations and
// xsi:nil. libxml2 never prints: its errors come to a handler per reader
// (and this thread's generic handler is silenced) and become Exit::data
// errors with libxml2's message, line and column.
//
// Recoverable ("record-shape"): a record element with the wrong name or
// namespace, a field with child elements or attributes; the record is skipped.

#include "records/xml_reader.hpp"

#include "core/i18n.hpp"
#include "records/readers.hpp"
#include "records/text.hpp"
#include "records/xml_prolog.hpp"

#include <climits>
#include <cstring>
#include <libxml/xmlreader.h>

namespace adx::records::detail {

namespace {

using core::tr;
using core::trf;

void silent(void*, const char*, ...) {}

}  // namespace

XmlReader::XmlReader(core::Input& input, const XmlNames& names, const Limits& limits)
    : m_input(input), m_name(input.name()), m_names(names), m_limits(limits) {}

XmlReader::~XmlReader() {
    if (m_reader) xmlFreeTextReader(m_reader);
}

int XmlReader::read_cb(void* ctx, char* buf, int len) {
    auto* self = static_cast<XmlReader*>(ctx);
    if (self->m_error) return -1;
    std::size_t n = 0;
    if (self->m_sample_pos < self->m_sample.size()) {
        n = std::min(static_cast<std::size_t>(len), self->m_sample.size() - self->m_sample_pos);
        std::memcpy(buf, self->m_sample.data() + self->m_sample_pos, n);
        self->m_sample_pos += n;
    } else {
        auto got = self->m_input.read(buf, static_cast<std::size_t>(len));
        if (!got) {
            self->m_error = std::move(got).error();
            return -1;
        }
        n = *got;
    }
    if (self->m_prolog.feed({buf, n}) == XmlProlog::Verdict::doctype) {
        self->m_error = error_at(self->m_name, self->m_prolog.line(), self->m_prolog.column(), "xml-syntax",
                                 tr("DOCTYPE is not allowed (adx reads no DTDs and no entity declarations)"));
        return -1;
    }
    return static_cast<int>(n);
}

void XmlReader::error_cb(void* ctx, xmlErrorPtr error) {
    auto* self = static_cast<XmlReader*>(ctx);
    if (!error || error->level < XML_ERR_ERROR || self->m_error) return;
    std::string message = error->message ? error->message : "";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    auto line = static_cast<std::uint64_t>(std::max(error->line, 0));
    auto column = static_cast<std::uint64_t>(std::max(error->int2, 0));
    self->m_error = error_at(self->m_name, line, column, "xml-syntax",
                             trf("malformed XML: {message}", fmt::arg("message", message)));
    if (error->code == XML_ERR_INVALID_CHAR || error->code == XML_ERR_INVALID_ENCODING)
        self->m_error->hint = tr("if the file is GBK or GB18030, say --encoding gb18030");
}

core::Expected<void> XmlReader::open(core::Encoding requested) {
    // The first block: UTF-16 is refused; GB18030 is named to libxml2 when
    // given, or when detected in a document that is not UTF-8.
    m_sample.resize(std::min<std::size_t>(m_limits.block, 64 << 10));
    std::size_t have = 0;
    bool whole = false;
    while (have < m_sample.size()) {
        auto got = m_input.read(m_sample.data() + have, m_sample.size() - have);
        if (!got) return std::move(got).error();
        if (*got == 0) {
            whole = true;
            break;
        }
        have += *got;
    }
    m_sample.resize(have);
    std::string_view sample(m_sample.data(), have);
    if (XmlProlog().feed(sample) == XmlProlog::Verdict::utf16) {
        core::Error e = error_at(m_name, 1, 0, "encoding", tr("the input is UTF-16 text; adx reads UTF-8 or GB18030"));
        e.hint = tr("convert it first, e.g. iconv -f UTF-16 -t UTF-8");
        return e;
    }
    m_encoding = requested;
    if (requested == core::Encoding::auto_detect) {
        m_encoding = core::Encoding::utf8;
        if (!is_ascii(sample)) {
            auto detected = core::detect_encoding(sample, whole);
            if (detected) m_encoding = *detected;
        }
    }
    xmlInitParser();
    xmlSetGenericErrorFunc(nullptr, silent);
    m_reader =
        xmlReaderForIO(read_cb, nullptr, this, nullptr, m_encoding == core::Encoding::gb18030 ? "GB18030" : nullptr,
                       XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
    if (!m_reader) return core::Error{core::Exit::software, tr("cannot start the XML parser")};
    xmlTextReaderSetStructuredErrorHandler(m_reader, error_cb, this);
    return open_root();
}

// Reads to the root element and checks it.
core::Expected<void> XmlReader::open_root() {
    for (;;) {
        auto type = read_node();
        if (!type) return std::move(type).error();
        if (*type == 0) return fail(error_at(m_name, 1, 0, "xml-syntax", tr("the document has no root element")));
        if (*type != XML_READER_TYPE_ELEMENT) continue;
        std::string_view name = local_name();
        if (!m_names.root.empty() && name != m_names.root)
            return fail(error_at(m_name, node_line(), 0, "document-shape",
                                 trf("the root element is <{found}>, expected <{expected}>", fmt::arg("found", name),
                                     fmt::arg("expected", m_names.root))));
        auto ok = check_node(Level::root);
        if (!ok) return fail(std::move(ok).error());
        return {};
    }
}

core::Expected<int> XmlReader::read_node() {
    if (m_failed) return *m_failed;
    int rc = xmlTextReaderRead(m_reader);
    if (m_error) return fail(*m_error);
    if (rc < 0) {
        auto line = static_cast<std::uint64_t>(std::max(xmlTextReaderGetParserLineNumber(m_reader), 0));
        return fail(error_at(m_name, line, 0, "xml-syntax", tr("malformed XML")));
    }
    if (rc == 0) return 0;
    int type = xmlTextReaderNodeType(m_reader);
    if (type == XML_READER_TYPE_DOCUMENT_TYPE)
        return fail(error_at(m_name, node_line(), 0, "xml-syntax",
                             tr("DOCTYPE is not allowed (adx reads no DTDs and no entity declarations)")));
    if (type == XML_READER_TYPE_ENTITY_REFERENCE || type == XML_READER_TYPE_ENTITY)
        return fail(error_at(m_name, node_line(), 0, "xml-syntax", tr("entity references are not allowed")));
    if (depth() > m_limits.max_depth) return fail(too_deep(m_name, node_line(), 0, m_limits.max_depth));
    return type;
}

std::size_t XmlReader::depth() const noexcept {
    return static_cast<std::size_t>(std::max(xmlTextReaderDepth(m_reader), 0));
}

std::uint64_t XmlReader::node_line() const noexcept {
    xmlNodePtr node = xmlTextReaderCurrentNode(m_reader);
    long line = node ? xmlGetLineNo(node) : -1;
    if (line <= 0) line = xmlTextReaderGetParserLineNumber(m_reader);
    return static_cast<std::uint64_t>(std::max(line, 0L));
}

std::string_view XmlReader::local_name() const noexcept {
    const xmlChar* name = xmlTextReaderConstLocalName(m_reader);
    return name ? std::string_view(reinterpret_cast<const char*>(name)) : std::string_view();
}

core::Error XmlReader::fail(core::Error e) {
    m_failed = e;
    return e;
}

core::Encoding XmlReader::encoding() const noexcept {
    return m_encoding;
}

}  // namespace adx::records::detail

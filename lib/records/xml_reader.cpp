// SPDX-License-Identifier: Apache-2.0
// XML records with libxml2's SAX2 push parser, fed from core::Input:
//   <root xmlns="ns"><record><field>text</field>…</record>…</root>
// Every element is in the format's namespace when it has one. Elements
// inside a record are cells under their local name, known to the format or
// not (the validator says which); xsi:nil="true" makes a null cell. No
// DOCTYPE (refused before libxml2 sees it, see xml_prolog.hpp), no entity
// substitution, no network, no attributes but namespace declarations and
// xsi:nil. No tree is built: the callbacks (xml_records.cpp) copy the text
// straight into the cells. libxml2 never prints: its errors come to a handler
// per parser (and this thread's generic handler is silenced) and become
// Exit::data errors with libxml2's message, line and column.
//
// Recoverable ("record-shape"): a record element with the wrong name or
// namespace, a field with child elements or attributes; the record is skipped.

#include "records/xml_reader.hpp"

#include "core/i18n.hpp"
#include "records/readers.hpp"
#include "records/text.hpp"

#include <algorithm>
#include <cstring>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>

namespace adx::records::detail {

namespace {

using core::tr;
using core::trf;

void silent(void*, const char*, ...) {}

// The size of the chunks given to the parser (the first is the detection
// sample); small blocks (tests, fuzzing) give small chunks.
constexpr std::size_t k_chunk = 64 << 10;

}  // namespace

XmlReader::XmlReader(core::Input& input, const XmlNames& names, const Limits& limits)
    : m_input(input), m_name(input.name()), m_names(names), m_limits(limits) {}

XmlReader::~XmlReader() {
    if (m_ctxt) xmlFreeParserCtxt(m_ctxt);
}

void XmlReader::on_error(void* ctx, xmlErrorPtr error) {
    auto* self = static_cast<XmlReader*>(static_cast<xmlParserCtxtPtr>(ctx)->_private);
    if (!error || error->level < XML_ERR_ERROR || self->m_fatal) return;
    std::string message = error->message ? error->message : "";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    auto line = static_cast<std::uint64_t>(std::max(error->line, 0));
    auto column = static_cast<std::uint64_t>(std::max(error->int2, 0));
    core::Error e = error_at(self->m_name, line, column, "xml-syntax",
                             trf("malformed XML: {message}", fmt::arg("message", message)));
    if (error->code == XML_ERR_INVALID_CHAR || error->code == XML_ERR_INVALID_ENCODING)
        e.hint = tr("if the file is GBK or GB18030, say --encoding gb18030");
    self->stop(std::move(e));
}

void XmlReader::stop(core::Error e) {
    if (m_fatal) return;
    m_fatal = std::move(e);
    xmlStopParser(m_ctxt);
}

std::uint64_t XmlReader::line() const noexcept {
    return m_ctxt && m_ctxt->input ? static_cast<std::uint64_t>(std::max(m_ctxt->input->line, 0)) : 0;
}

core::Expected<void> XmlReader::open(core::Encoding requested) {
    // The first block: UTF-16 is refused; GB18030 is named to libxml2 when
    // given, or when detected in a document that is not UTF-8.
    m_chunk.resize(std::min<std::size_t>(m_limits.block, k_chunk));
    std::size_t have = 0;
    bool whole = false;
    while (have < m_chunk.size()) {
        auto got = m_input.read(m_chunk.data() + have, m_chunk.size() - have);
        if (!got) return std::move(got).error();
        if (*got == 0) {
            whole = true;
            break;
        }
        have += *got;
    }
    m_chunk.resize(have);
    std::string_view sample(m_chunk.data(), have);
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
    m_prolog.feed(sample.substr(0, 4));  // given to libxml2 first (a DOCTYPE is longer)
    xmlInitParser();
    xmlSetGenericErrorFunc(nullptr, silent);
    // Only the callbacks below: no tree, no DTD, no entity declarations.
    xmlSAXHandler sax;
    std::memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_text;
    sax.ignorableWhitespace = on_text;
    sax.cdataBlock = on_text;
    sax.comment = on_comment;
    sax.processingInstruction = on_pi;
    sax.reference = on_reference;
    sax.internalSubset = on_subset;
    sax.externalSubset = on_subset;
    sax.getEntity = xmlSAX2GetEntity;  // the predefined entities only: there is no DTD
    sax.serror = on_error;
    // As xmlReaderForIO does: the first four bytes for libxml2's own
    // detection, then the encoding named, then the rest.
    m_given = std::min<std::size_t>(have, 4);
    m_ctxt = xmlCreatePushParserCtxt(&sax, nullptr, m_chunk.data(), static_cast<int>(m_given), nullptr);
    if (!m_ctxt) return core::Error{core::Exit::software, tr("cannot start the XML parser")};
    m_ctxt->_private = this;
    m_ctxt->userData = m_ctxt;  // callbacks get the context (for its line), which points here
    xmlCtxtUseOptions(m_ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
    if (m_encoding == core::Encoding::gb18030) {
        xmlCharEncodingHandlerPtr gb = xmlFindCharEncodingHandler("GB18030");
        if (!gb) return core::Error{core::Exit::software, tr("cannot start the XML parser")};
        // Bad bytes among the first four are an error (to on_error), and
        // the parser stops: said below.
        (void)xmlSwitchToEncoding(m_ctxt, gb);
    }
    // To the root element, and its check.
    while (!m_root_seen) {
        auto more = feed();
        if (!more) return std::move(more).error();
        if (m_fatal && m_head == m_tail) {
            m_failed = m_fatal;
            return *m_failed;
        }
        if (!*more) break;
    }
    if (!m_root_seen) {
        m_failed = error_at(m_name, 1, 0, "xml-syntax", tr("the document has no root element"));
        return *m_failed;
    }
    return {};
}

core::Expected<bool> XmlReader::feed() {
    if (m_input_done || m_fatal) return false;
    std::size_t n = m_chunk.size() - m_given;
    if (n == 0) {
        m_chunk.resize(std::min<std::size_t>(std::max<std::size_t>(m_limits.block, 1), k_chunk));
        auto got = m_input.read(m_chunk.data(), m_chunk.size());
        if (!got) return std::move(got).error();
        n = *got;
        m_chunk.resize(n);
        m_given = 0;
    }
    const char* bytes = m_chunk.data() + m_given;
    m_given += n;
    if (m_prolog.feed({bytes, n}) == XmlProlog::Verdict::doctype) {
        stop(error_at(m_name, m_prolog.line(), m_prolog.column(), "xml-syntax",
                      tr("DOCTYPE is not allowed (adx reads no DTDs and no entity declarations)")));
        return false;
    }
    if (n == 0) m_input_done = true;
    int rc = xmlParseChunk(m_ctxt, bytes, static_cast<int>(n), m_input_done ? 1 : 0);
    if ((rc != 0 || !m_ctxt->wellFormed) && !m_fatal)
        stop(error_at(m_name, line(), 0, "xml-syntax", tr("malformed XML")));
    return !m_input_done && !m_fatal;
}

core::Expected<bool> XmlReader::next(Record& rec) {
    if (m_failed) return *m_failed;
    while (m_head == m_tail) {
        // All delivered: the record being built (if any) moves to the front.
        if (m_tail > 0 && m_tail < m_queue.size()) std::swap(m_queue[0], m_queue[m_tail]);
        m_head = m_tail = 0;
        if (m_fatal) {
            m_failed = m_fatal;
            return *m_failed;
        }
        if (m_input_done) {
            if (m_depth > 0 || !m_root_seen) {
                m_failed = error_at(m_name, line(), 0, "xml-syntax", tr("malformed XML"));
                return *m_failed;
            }
            return false;
        }
        auto more = feed();
        if (!more) {
            m_failed = std::move(more).error();
            return *m_failed;
        }
    }
    Slot& slot = m_queue[m_head++];
    if (slot.shape) {
        core::Error e = std::move(*slot.shape);
        slot.shape.reset();
        return e;
    }
    // The caller's cells come back here to be reused.
    std::swap(rec, slot.record);
    return true;
}

core::Encoding XmlReader::encoding() const noexcept {
    return m_encoding;
}

}  // namespace adx::records::detail

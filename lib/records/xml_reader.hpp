// SPDX-License-Identifier: Apache-2.0
#pragma once
// The XML reader's class, shared by its two source files: xml_reader.cpp
// (libxml2 set-up, feeding the push parser, errors) and xml_records.cpp (the
// SAX callbacks: the record shape).
//
// libxml2's SAX2 push parser calls back while it parses a chunk of input, and
// next() is asked for one record at a time: the records (and recoverable
// shape errors) a chunk completes wait in a small queue, in document order.

#include "records/reader.hpp"
#include "records/xml_prolog.hpp"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <optional>
#include <string>
#include <vector>

namespace adx::records::detail {

class XmlReader final : public Reader {
public:
    XmlReader(core::Input& input, const XmlNames& names, const Limits& limits);
    ~XmlReader() override;
    XmlReader(const XmlReader&) = delete;
    XmlReader& operator=(const XmlReader&) = delete;

    core::Expected<void> open(core::Encoding requested);
    core::Expected<bool> next(Record& record) override;
    core::Encoding encoding() const noexcept override;

private:
    enum class Level : std::uint8_t { root, record, field };

    // A record, or the record-shape error that replaced it.
    struct Slot {
        Record record;
        std::optional<core::Error> shape;
    };

    // Feeds the next chunk of input to the parser; false once it has all.
    core::Expected<bool> feed();
    void stop(core::Error e);  // a fatal error: parsing ends here
    std::uint64_t line() const noexcept;

    // SAX callbacks (xml_records.cpp); ctx is the XmlReader.
    static void on_start(void* ctx, const xmlChar* local, const xmlChar* prefix, const xmlChar* uri, int nb_namespaces,
                         const xmlChar** namespaces, int nb_attributes, int nb_defaulted, const xmlChar** attributes);
    static void on_end(void* ctx, const xmlChar* local, const xmlChar* prefix, const xmlChar* uri);
    static void on_text(void* ctx, const xmlChar* text, int len);
    static void on_pi(void* ctx, const xmlChar* target, const xmlChar* data);
    static void on_comment(void* ctx, const xmlChar* text);
    static void on_reference(void* ctx, const xmlChar* name);
    static void on_subset(void* ctx, const xmlChar* name, const xmlChar* external_id, const xmlChar* system_id);
    static void on_error(void* ctx, xmlErrorPtr error);

    void start_element(std::string_view local, const xmlChar* uri, int nb_attributes, const xmlChar** attributes);
    void end_element();
    void text(std::string_view text);
    // Namespace and attributes of an element; true for xsi:nil="true".
    core::Expected<bool> check_node(Level level, std::string_view local, const xmlChar* uri, int nb_attributes,
                                    const xmlChar** attributes);
    core::Error shape_error(Level level, std::string message) const;
    // A record-shape error in the current record: the rest of it is skipped.
    void reject(core::Error e);
    bool check_depth(std::size_t depth);
    bool check_record_bytes();

    core::Input& m_input;
    std::string m_name;
    XmlNames m_names;
    Limits m_limits;
    core::Encoding m_encoding = core::Encoding::utf8;
    xmlParserCtxtPtr m_ctxt = nullptr;
    XmlProlog m_prolog;
    std::vector<char> m_chunk;  // the first block (read for detection), then each block read
    std::size_t m_given = 0;    // bytes of m_chunk given to the parser
    bool m_input_done = false;
    std::optional<core::Error> m_fatal;   // parsing ended with this (after the queued records)
    std::optional<core::Error> m_failed;  // the reader is done
    std::uint64_t m_number = 0;

    // Parse state: open elements (the root at 1), whether the root has been
    // seen, the record being built (m_queue[m_tail]) and its fields.
    std::size_t m_depth = 0;
    bool m_root_seen = false;
    bool m_skipping = false;   // the current record had a shape error
    bool m_signature = false;  // inside an enveloped ds:Signature: not a record
    bool m_in_field = false;
    std::size_t m_fields = 0;
    long m_record_start = 0;  // input bytes consumed at the record's start

    std::vector<Slot> m_queue;
    std::size_t m_head = 0, m_tail = 0;  // [m_head, m_tail) are ready
};

}  // namespace adx::records::detail

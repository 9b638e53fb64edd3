// SPDX-License-Identifier: Apache-2.0
#pragma once
// The XML reader's class, shared by its two source files: xml_reader.cpp
// (libxml2 set-up, callbacks, node reading) and xml_records.cpp (the record
// shape).

#include "records/reader.hpp"
#include "records/xml_prolog.hpp"

#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
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

    static int read_cb(void* ctx, char* buf, int len);
    static void error_cb(void* ctx, xmlErrorPtr error);
    core::Expected<void> open_root();
    // The next node's type (XML_READER_TYPE_*), 0 at the end.
    core::Expected<int> read_node();
    core::Expected<bool> read_record(Record& rec);
    core::Expected<void> read_field(Cell& cell, std::size_t index);
    core::Expected<bool> skip_record(bool empty, core::Error shape, std::uint64_t number);
    // Namespace and attributes of the current element; true for xsi:nil="true".
    core::Expected<bool> check_node(Level level);
    core::Error shape_error(Level level, std::string message);
    std::size_t depth() const noexcept;
    std::uint64_t node_line() const noexcept;
    std::string_view local_name() const noexcept;
    core::Error fail(core::Error e);

    core::Input& m_input;
    std::string m_name;
    XmlNames m_names;
    Limits m_limits;
    core::Encoding m_encoding = core::Encoding::utf8;
    xmlTextReaderPtr m_reader = nullptr;
    XmlProlog m_prolog;
    std::vector<char> m_sample;  // the first block, read for detection, given to libxml2 first
    std::size_t m_sample_pos = 0;
    std::optional<core::Error> m_error;   // from a callback, waiting to be returned
    std::optional<core::Error> m_failed;  // the reader is done
    bool m_done = false;
    std::uint64_t m_number = 0;
    const xmlChar* m_root_ns = nullptr;       // the root element's namespace URI
    std::vector<const xmlChar*> m_name_seen;  // field names by position, as last set (interned)
};

}  // namespace adx::records::detail

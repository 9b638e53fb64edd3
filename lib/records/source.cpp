// SPDX-License-Identifier: Apache-2.0
#include "records/source.hpp"

#include "core/i18n.hpp"
#include "records/text.hpp"

#include <algorithm>
#include <cstring>

namespace adx::records::detail {

namespace {

// Enough text to tell UTF-8 from GB18030, whatever the block size.
constexpr std::size_t k_sample = 64 << 10;
constexpr std::size_t npos = std::string_view::npos;

}  // namespace

Source::Source(core::Input& input, std::size_t block, std::size_t max_window)
    : m_input(&input),
      m_name(input.name()),
      m_block(std::max<std::size_t>(block, 1)),
      m_max_window(std::max({max_window, m_block, k_sample})),
      m_buf(std::max(2 * m_block, k_sample)) {}

Source::Source(std::string_view whole, std::string name)
    : m_name(std::move(name)),
      m_block(std::max<std::size_t>(whole.size(), 1)),
      m_max_window(m_block),
      m_buf(whole.begin(), whole.end()),
      m_end(whole.size()),
      m_eof(true),
      m_raw_eof(true) {}

Source::Source(std::string_view chunk, std::string name, std::uint64_t offset, bool converted)
    : m_name(std::move(name)),
      m_block(std::max<std::size_t>(chunk.size(), 1)),
      m_max_window(m_block),
      m_chunk(chunk.data()),
      m_converted(converted),
      m_end(chunk.size()),
      m_offset(offset),
      m_eof(true),
      m_raw_eof(true) {}

core::Expected<core::Encoding> Source::start(core::Encoding requested) {
    while (!m_eof && size() < k_sample) {
        auto more = fill();
        if (!more) return std::move(more).error();
        if (!*more) break;
    }
    std::string_view sample = view();
    if (sample.substr(0, 2) == "\xFF\xFE" || sample.substr(0, 2) == "\xFE\xFF") {
        core::Error e =
            error_at(m_name, 1, 0, "encoding", core::tr("the input is UTF-16 text; adx reads UTF-8 or GB18030"));
        e.hint = core::tr("convert it first, e.g. iconv -f UTF-16 -t UTF-8");
        return e;
    }
    core::Encoding enc = requested;
    if (sample.substr(0, 3) == core::k_utf8_bom && requested != core::Encoding::gb18030) {
        consume(3);
        enc = core::Encoding::utf8;
    } else if (requested == core::Encoding::auto_detect) {
        enc = core::Encoding::utf8;
        if (!is_ascii(sample)) {
            auto detected = core::detect_encoding(sample, m_eof);
            if (detected) enc = *detected;
        }
    }
    if (enc != core::Encoding::gb18030) return core::Encoding::utf8;

    // From here on the window holds converted text.
    m_raw.assign(data(), size());
    m_raw_offset = m_offset;
    m_raw_eof = m_eof;
    m_begin = m_end = 0;
    m_offset = 0;
    m_eof = false;
    m_gb.emplace();
    auto more = fill();
    if (!more) return std::move(more).error();
    if (view().substr(0, 3) == core::k_utf8_bom) consume(3);  // U+FEFF, GB18030's BOM
    return core::Encoding::gb18030;
}

bool Source::make_room() {
    if (m_begin == m_end) {
        m_begin = m_end = 0;
    } else if (m_begin > 0 && m_buf.size() - m_end < m_block) {
        std::memmove(m_buf.data(), data(), size());
        m_end -= m_begin;
        m_begin = 0;
    }
    if (m_end < m_buf.size()) return true;
    if (m_buf.size() >= m_max_window) return false;
    m_buf.resize(std::min(m_max_window, m_buf.size() * 2));
    return true;
}

bool Source::map_rest(std::uint64_t min_size) {
    if (m_map || m_chunk || m_gb || !m_input || m_eof) return false;
    // The window holds the bytes before the file's read position that are
    // not yet consumed: the mapping starts with them.
    m_map = core::Mapping::of(*m_input, size(), min_size);
    if (!m_map) return false;
    m_chunk = m_map->data();
    m_end = size();
    m_begin = 0;
    std::vector<char>().swap(m_buf);
    return true;
}

std::string_view Source::hand_over(std::size_t n, std::vector<char>& out) {
    if (m_map) {
        // Chunks in flight are at most a few MiB behind; a page given back
        // too early is only read from the file again.
        constexpr std::size_t k_keep = std::size_t{8} << 20;
        std::string_view taken{data(), n};
        consume(n);
        if (m_begin > k_keep) m_map->drop_before(m_begin - k_keep);
        return taken;
    }
    const std::size_t from = m_begin;
    const std::size_t rest = size() - n;
    std::swap(m_buf, out);
    // The window keeps its size (a new chunk's empty buffer is made so once).
    if (m_buf.size() < out.size()) m_buf.resize(out.size());
    if (rest > 0) std::memcpy(m_buf.data(), out.data() + from + n, rest);
    m_begin = 0;
    m_end = rest;
    m_offset += n;
    return {out.data() + from, n};
}

core::Expected<std::size_t> Source::read_raw(char* to, std::size_t n) {
    if (!m_input) return std::size_t{0};
    return m_input->read(to, n);
}

core::Expected<bool> Source::fill() {
    if (m_gb) return fill_converted();
    if (m_eof) return false;
    if (m_map) {
        // As reading would: up to a block more, while the window has room.
        if (size() >= m_max_window) return false;
        const std::size_t to = std::min(m_map->size(), m_end + std::min(m_block, m_max_window - size()));
        if (to == m_end) {
            m_eof = true;
            return false;
        }
        if (!m_map->populate(m_end, to)) {
            core::Error e{core::Exit::io, core::tr("the file ended early while it was read (it shrank, or a read "
                                                   "failed); nothing after that is checked")};
            e.where.file = m_name;
            return e;
        }
        m_end = to;
        return true;
    }
    if (!make_room()) return false;
    auto got = read_raw(m_buf.data() + m_end, std::min(m_block, m_buf.size() - m_end));
    if (!got) return std::move(got).error();
    if (*got == 0) {
        m_eof = true;
        return false;
    }
    m_end += *got;
    return true;
}

core::Expected<bool> Source::fill_converted() {
    if (m_eof) return false;
    if (m_staged_pos == m_staged.size()) {
        auto staged = stage();
        if (!staged) return std::move(staged).error();
        if (!*staged) {
            m_eof = true;
            return false;
        }
    }
    if (!make_room()) return false;
    std::size_t n = std::min(m_buf.size() - m_end, m_staged.size() - m_staged_pos);
    std::memcpy(m_buf.data() + m_end, m_staged.data() + m_staged_pos, n);
    m_staged_pos += n;
    m_end += n;
    return true;
}

// Converts the next run of whole GB18030 characters into m_staged; false at
// the end of the input.
core::Expected<bool> Source::stage() {
    m_staged.clear();
    m_staged_pos = 0;
    for (;;) {
        if (m_bad) return *m_bad;
        std::string_view pending(m_raw.data() + m_raw_pos, m_raw.size() - m_raw_pos);
        // Convert up to a character boundary: a byte below 0x30 is never part
        // of a multi-byte GB18030 character, so the text can be cut after the
        // last one (the decoder then finds any bad bytes before it). Without
        // one, find the boundary from the start; a sequence cut off by the
        // end of a block is completed by the next.
        std::size_t cut = pending.size();
        bool definite = false;
        if (!m_raw_eof) {
            cut = 0;
            for (std::size_t i = pending.size(); i > 0 && cut == 0; --i)
                if (static_cast<unsigned char>(pending[i - 1]) < 0x30) cut = i;
            if (cut == 0) {
                std::size_t bad = core::gb18030_invalid_offset(pending);
                cut = bad == npos ? pending.size() : bad;
                definite = bad != npos && pending.size() - bad >= 4;
            }
        }
        if (cut > 0) {
            std::size_t where = 0;
            if (!m_gb->decode(pending.substr(0, cut), m_staged, &where)) {
                // Bad bytes (or well-formed but unassigned ones): good up to there.
                cut = where;
                definite = true;
                if (cut > 0) (void)m_gb->decode(pending.substr(0, cut), m_staged, &where);
            }
            count_lines({m_staged.data(), m_staged.size()});
            m_raw_pos += cut;
            m_raw_offset += cut;
        }
        if (definite) {
            m_bad = error_at(m_name, m_raw_line, m_raw_column, "encoding",
                             core::trf("invalid {encoding} byte sequence at byte offset {offset}",
                                       fmt::arg("encoding", "GB18030"), fmt::arg("offset", m_raw_offset)));
        }
        if (!m_staged.empty()) return true;
        if (m_bad) continue;
        if (m_raw_eof) return false;
        m_raw.erase(0, m_raw_pos);
        m_raw_pos = 0;
        std::size_t have = m_raw.size();
        m_raw.resize(have + m_block);
        auto got = read_raw(m_raw.data() + have, m_block);
        if (!got) return std::move(got).error();
        m_raw.resize(have + *got);
        if (*got == 0) m_raw_eof = true;
    }
}

void Source::count_lines(std::string_view utf8) noexcept {
    const char* p = utf8.data();
    const char* end = p + utf8.size();
    const char* last = nullptr;
    while (const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p))) {
        last = static_cast<const char*>(nl);
        ++m_raw_line;
        p = last + 1;
    }
    if (last) m_raw_column = 1;
    m_raw_column += count_chars({p, static_cast<std::size_t>(end - p)});
}

}  // namespace adx::records::detail

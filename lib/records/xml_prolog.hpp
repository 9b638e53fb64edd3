// SPDX-License-Identifier: Apache-2.0
#pragma once
// Watches the bytes of an XML document on their way to libxml2 and stops at
// a DOCTYPE before libxml2 sees it: no DTD is ever parsed, so no entity is
// declared, expanded or fetched (libxml2 2.9 has no option that refuses a
// DOCTYPE; XML_PARSE_NO_XXE came in 2.13). A DOCTYPE can only stand in the
// prolog, before the root element, among the XML declaration, processing
// instructions, comments and white space; the watch ends at the first start
// tag. It also refuses UTF-16 (adx reads UTF-8 or GB18030; both keep ASCII
// as ASCII, so that the prolog can be read byte by byte).

#include <cstdint>
#include <string_view>

namespace adx::records::detail {

class XmlProlog {
public:
    enum class Verdict : std::uint8_t { open, done, doctype, utf16 };

    // Feeds the next bytes; the verdict so far. Once it is not open, later
    // bytes do not change it.
    Verdict feed(std::string_view bytes) noexcept {
        for (char ch : bytes) {
            if (m_verdict != Verdict::open) break;
            step(static_cast<unsigned char>(ch));
        }
        return m_verdict;
    }
    Verdict verdict() const noexcept { return m_verdict; }
    // Where the last byte fed stands (the DOCTYPE's "E", for the message).
    std::uint64_t line() const noexcept { return m_line; }
    std::uint64_t column() const noexcept { return m_column; }

private:
    enum class State : std::uint8_t {
        start,
        bom1,
        bom2,
        misc,
        lt,
        pi,
        pi_q,
        bang,
        bang_dash,
        doctype,
        comment,
        dash1,
        dash2
    };

    void step(unsigned char c) noexcept {
        if (c == '\n') {
            ++m_line;
            m_column = 0;
        } else if ((c & 0xC0) != 0x80) {
            ++m_column;
        }
        switch (m_state) {
            case State::start:
                if (c == 0xEF) return go(State::bom1);
                if (c == 0xFF || c == 0xFE || c == 0x00) {
                    m_verdict = Verdict::utf16;
                    return;
                }
                return misc(c);
            case State::bom1:
                return c == 0xBB ? go(State::bom2) : done();
            case State::bom2:
                return c == 0xBF ? go(State::misc) : done();
            case State::misc:
                return misc(c);
            case State::lt:
                if (c == '?') return go(State::pi);
                if (c == '!') return go(State::bang);
                return done();  // the root element (or something libxml2 will refuse)
            case State::pi:
                return c == '?' ? go(State::pi_q) : void();
            case State::pi_q:
                return c == '>' ? go(State::misc) : c == '?' ? void() : go(State::pi);
            case State::bang:
                if (c == '-') return go(State::bang_dash);
                if (c == 'D') {
                    m_matched = 1;
                    return go(State::doctype);
                }
                return done();
            case State::bang_dash:
                return c == '-' ? go(State::comment) : done();
            case State::doctype: {
                constexpr std::string_view word = "DOCTYPE";
                if (c != static_cast<unsigned char>(word[m_matched])) return done();
                if (++m_matched == word.size()) m_verdict = Verdict::doctype;
                return;
            }
            case State::comment:
                return c == '-' ? go(State::dash1) : void();
            case State::dash1:
                return go(c == '-' ? State::dash2 : State::comment);
            case State::dash2:
                return c == '>' ? go(State::misc) : c == '-' ? void() : go(State::comment);
        }
    }
    void misc(unsigned char c) noexcept {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return go(State::misc);
        if (c == '<') return go(State::lt);
        done();
    }
    void go(State s) noexcept { m_state = s; }
    void done() noexcept { m_verdict = Verdict::done; }

    State m_state = State::start;
    Verdict m_verdict = Verdict::open;
    std::size_t m_matched = 0;
    std::uint64_t m_line = 1, m_column = 0;
};

}  // namespace adx::records::detail

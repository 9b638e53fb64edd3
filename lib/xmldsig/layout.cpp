// SPDX-License-Identifier: Apache-2.0
// Where the Signature stands in the document's bytes: where adx sign inserts
// it, and where adx verify expects the enveloped one (its fast path).
#include "xmldsig/layout.hpp"

namespace adx::xmldsig::detail {

namespace {

bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool is_name_end(char c) noexcept {
    return is_space(c) || c == '>' || c == '/';
}

}  // namespace

std::optional<Insertion> find_insertion(std::string_view bytes) {
    // After the document element only white space, comments and processing
    // instructions may follow (the parser has checked the document).
    std::size_t end = bytes.size();
    for (;;) {
        while (end > 0 && is_space(bytes[end - 1])) --end;
        std::string_view head = bytes.substr(0, end);
        if (head.ends_with("-->")) {
            auto p = head.rfind("<!--", end - 3);
            if (p == std::string_view::npos) return std::nullopt;
            end = p;
        } else if (head.ends_with("?>")) {
            auto p = head.rfind("<?", end - 2);
            if (p == std::string_view::npos) return std::nullopt;
            end = p;
        } else {
            break;
        }
    }
    if (end == 0 || bytes[end - 1] != '>') return std::nullopt;
    // Neither an end tag nor an attribute value holds '<', so the last '<'
    // starts the document element's end tag (or its empty-element tag).
    std::size_t lt = bytes.rfind('<', end - 1);
    if (lt == std::string_view::npos) return std::nullopt;
    std::string_view tag = bytes.substr(lt, end - lt);
    Insertion ins;
    if (tag.starts_with("</")) {
        ins.at = lt;
        ins.resume = lt;
        return ins;
    }
    if (tag.ends_with("/>") && tag.size() > 3 && tag[1] != '!' && tag[1] != '?') {
        std::size_t n = 1;
        while (n < tag.size() && !is_space(tag[n]) && tag[n] != '/' && tag[n] != '>') ++n;
        ins.at = end - 2;
        ins.resume = end;
        ins.before = ">";
        ins.after = "</";
        ins.after.append(tag.substr(1, n - 1));
        ins.after += '>';
        return ins;
    }
    return std::nullopt;
}

std::optional<std::pair<std::size_t, std::size_t>> guess_signature(std::string_view bytes) {
    auto ins = find_insertion(bytes);
    if (!ins || !ins->before.empty()) return std::nullopt;
    std::size_t end = ins->at;
    while (end > 0 && is_space(bytes[end - 1])) --end;
    std::string_view head = bytes.substr(0, end);
    if (!head.ends_with("Signature>")) return std::nullopt;
    std::size_t close = head.rfind("</");
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view qname = head.substr(close + 2, end - 1 - (close + 2));
    while (!qname.empty() && is_space(qname.back())) qname.remove_suffix(1);
    if (qname != "Signature" && !qname.ends_with(":Signature")) return std::nullopt;
    std::string open = "<";
    open += qname;
    std::size_t at = close;
    while (at > 0) {
        std::size_t p = head.rfind(open, at - 1);
        if (p == std::string_view::npos) return std::nullopt;
        if (p + open.size() < head.size() && is_name_end(head[p + open.size()])) return std::make_pair(p, end);
        at = p;
    }
    return std::nullopt;
}

}  // namespace adx::xmldsig::detail

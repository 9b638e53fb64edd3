// SPDX-License-Identifier: Apache-2.0
// Regular expressions of matches(): compiled once, refused when they would
// build an automaton too large to match in reasonable time, and matched with
// libstdc++'s breadth-first executor (time linear in the input, no deep
// recursion however long the value).

#include "core/i18n.hpp"
#include "schema/expr_impl.hpp"

#include <algorithm>
#include <vector>

namespace adx::schema {

using core::tr;

namespace {

constexpr double k_max_states = 4000;
constexpr std::size_t k_max_groups = 32;  // nesting; std::regex compiles them recursively

// Reads a counted repetition {n}, {n,} or {n,m} at p[i]; sets i past it and
// copies to the largest count.
bool repetition(std::string_view p, std::size_t& i, double& copies) {
    std::size_t j = i + 1;
    double n[2] = {0, 0};
    int k = 0;
    bool digits = false;
    for (; j < p.size() && p[j] != '}'; ++j) {
        if (p[j] >= '0' && p[j] <= '9') {
            n[k] = n[k] * 10 + (p[j] - '0');
            digits = true;
        } else if (p[j] == ',' && k == 0) {
            k = 1;
        } else {
            return false;
        }
    }
    if (j >= p.size() || !digits) return false;
    copies = 2 * (std::max({n[0], n[1], 1.0}) + 1);  // an optional copy is two states
    i = j;
    return true;
}

// A generous estimate of the states std::regex builds for p: counted
// repetitions copy what they repeat, so a{1000}{1000} costs a million.
double estimate_states(std::string_view p) {
    struct Frame {
        double sum = 0, last = 0;
    };
    std::vector<Frame> stack(1);
    for (std::size_t i = 0; i < p.size(); ++i) {
        Frame& f = stack.back();
        char c = p[i];
        double copies = 0;
        if (c == '(') {
            f.sum += f.last, f.last = 0;
            stack.emplace_back();
            if (stack.size() > k_max_groups) return k_max_states + 1;
        } else if (c == ')' && stack.size() > 1) {
            double group = stack.back().sum + stack.back().last + 2;
            stack.pop_back();
            stack.back().last = group;
        } else if (c == '|') {
            f.sum += f.last + 1, f.last = 0;
        } else if (c == '*' || c == '+' || c == '?') {
            f.last += 2;
        } else if (c == '{' && repetition(p, i, copies)) {
            f.last *= copies;
        } else {
            f.sum += f.last, f.last = 1;
            if (c == '\\') {
                ++i;
            } else if (c == '[') {  // a bracket expression is one state
                std::size_t j = i + 1;
                if (j < p.size() && p[j] == '^') ++j;
                if (j < p.size() && p[j] == ']') ++j;
                while (j < p.size() && p[j] != ']') j += p[j] == '\\' ? std::size_t{2} : std::size_t{1};
                i = j;
            }
        }
        if (stack.back().last > k_max_states || stack.back().sum > k_max_states) return k_max_states + 1;
    }
    double total = 0;
    for (const auto& f : stack) total += f.sum + f.last;
    return total;
}

const char* regex_reason(std::regex_constants::error_type code) {
    using namespace std::regex_constants;
    switch (code) {
        case error_collate: return tr("invalid collating element");
        case error_ctype: return tr("invalid character class");
        case error_escape: return tr("invalid escape");
        case error_backref: return tr("invalid back-reference");
        case error_brack: return tr("unmatched '['");
        case error_paren: return tr("unmatched '(' or ')'");
        case error_brace: return tr("unmatched '{'");
        case error_badbrace: return tr("invalid repetition count");
        case error_range: return tr("invalid character range");
        case error_badrepeat: return tr("'*', '+', '?' or '{' with nothing to repeat");
        case error_complexity: return tr("back-references are not supported");
        default: return tr("too complex");
    }
}

}  // namespace

bool compile_regex(std::string_view pattern, std::regex& out, std::string& message) {
    if (estimate_states(pattern) > k_max_states) {
        message = tr("too complex");
        return false;
    }
    auto flags = std::regex::ECMAScript | std::regex::optimize;
#ifdef __GLIBCXX__
    flags |= std::regex_constants::__polynomial;  // breadth-first matching, no back-references
#endif
    try {
        out.assign(pattern.begin(), pattern.end(), flags);
    } catch (const std::regex_error& e) {
        message = regex_reason(e.code());
        return false;
    } catch (const std::exception&) {
        message = tr("too complex");
        return false;
    }
    return true;
}

}  // namespace adx::schema

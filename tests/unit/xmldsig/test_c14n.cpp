// SPDX-License-Identifier: Apache-2.0
// adx's canonicalization against libxml2's own expected outputs
// (corpora/libxml2-tests/{test,result}/c14n). Each input is read with adx's
// strict parser; an input with a DOCTYPE is refused by it (the DTD supplies
// default attributes and entities there, which adx never reads), and that
// refusal is what the test checks for it. Node-set cases (<name>.xpath) are
// evaluated with libxml2's XPath here in the test, and the node-set is handed
// to adx's canonicalizer; <name>.ns is the InclusiveNamespaces PrefixList.
// Cases without an expected output (merlin-c14n-two-15, -16, -25) are skipped.

#include "xmldsig/c14n.hpp"
#include "xmldsig/parse.hpp"
#include "xmldsig_util.hpp"

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <map>
#include <memory>
#include <sstream>
#include <vector>

namespace fs = std::filesystem;
using adx::xmldsig::detail::C14nAlg;
using adx::xmldsig::detail::canonical_string;
using adx::xmldsig::detail::parse;
using adx::xmldsig::detail::Selection;
using adx::xmldsig::detail::xc;
using namespace xmldsig_test;

namespace {

struct XPathResult {
    xmlXPathContextPtr ctx = nullptr;
    xmlXPathObjectPtr obj = nullptr;
    xmlNsPtr* ns = nullptr;
    ~XPathResult() {
        if (obj) xmlXPathFreeObject(obj);
        if (ctx) xmlXPathFreeContext(ctx);
        if (ns) xmlFree(ns);
    }
};

// Evaluates the XPath of a libxml2 ".xpath" file (an <XPath> element whose
// text is the expression, with namespace declarations) on doc.
std::unique_ptr<XPathResult> eval_xpath_file(xmlDocPtr doc, const fs::path& file, xmlDocPtr& holder) {
    std::string text = slurp(file);
    holder = xmlReadMemory(text.data(), static_cast<int>(text.size()), nullptr, nullptr, XML_PARSE_NONET);
    REQUIRE(holder);
    xmlNodePtr node = xmlDocGetRootElement(holder);
    REQUIRE(node);
    xmlChar* expr = xmlNodeGetContent(node);
    auto r = std::make_unique<XPathResult>();
    r->ctx = xmlXPathNewContext(doc);
    r->ns = xmlGetNsList(holder, node);
    int n = 0;
    while (r->ns && r->ns[n]) ++n;
    r->ctx->namespaces = r->ns;
    r->ctx->nsNr = n;
    r->obj = xmlXPathEvalExpression(expr, r->ctx);
    xmlFree(expr);
    REQUIRE(r->obj);
    return r;
}

std::vector<std::string> read_prefixes(const fs::path& file) {
    std::vector<std::string> out;
    if (!fs::exists(file)) return out;
    std::istringstream in(slurp(file));
    std::string p;
    while (in >> p) out.push_back(p);
    return out;
}

}  // namespace

TEST_CASE("c14n reproduces libxml2's expected outputs", "[xmldsig][c14n][corpus]") {
    fs::path base = corpora() / "libxml2-tests";
    if (!fs::exists(base / "test" / "c14n")) FAIL("corpus missing: " << base << " (set ADX_SHARED_DIR)");
    const std::map<std::string, C14nAlg> modes{{"with-comments", C14nAlg::c14n10_comments},
                                               {"without-comments", C14nAlg::c14n10},
                                               {"exc-without-comments", C14nAlg::exc},
                                               {"1-1-without-comments", C14nAlg::c14n11}};
    std::size_t matched = 0, refused_doctype = 0, no_expected = 0, with_xpath = 0;
    std::size_t exc_matched = 0;
    for (const auto& [dir, alg] : modes) {
        for (const auto& entry : fs::directory_iterator(base / "test" / "c14n" / dir)) {
            const fs::path& in = entry.path();
            if (in.extension() != ".xml") continue;
            std::string name = in.stem().string();
            fs::path expected = base / "result" / "c14n" / dir / name;
            if (!fs::exists(expected)) {
                ++no_expected;
                continue;
            }
            INFO(dir << "/" << name);
            std::string bytes = slurp(in);
            auto doc = parse(in.string(), bytes);
            if (bytes.find("<!DOCTYPE") != std::string::npos) {
                REQUIRE_FALSE(doc);
                CHECK(doc.error().rule == "doctype");
                CHECK(doc.error().code == adx::core::Exit::data);
                ++refused_doctype;
                continue;
            }
            REQUIRE(doc);
            fs::path xpath_file = in;
            xpath_file.replace_extension(".xpath");
            auto prefixes = read_prefixes(fs::path(in).replace_extension(".ns"));
            std::string got;
            if (fs::exists(xpath_file)) {
                xmlDocPtr holder = nullptr;
                auto xp = eval_xpath_file(doc->get(), xpath_file, holder);
                Selection sel;
                sel.nodes = xp->obj->nodesetval;
                auto out = canonical_string(doc->get(), alg, sel, prefixes);
                xp.reset();
                xmlFreeDoc(holder);
                REQUIRE(out);
                got = *out;
                ++with_xpath;
            } else {
                auto out = canonical_string(doc->get(), alg, Selection{}, prefixes);
                REQUIRE(out);
                got = *out;
            }
            CHECK(got == slurp(expected));
            if (got == slurp(expected)) {
                ++matched;
                if (alg == C14nAlg::exc) ++exc_matched;
            }
        }
    }
    // What ran (see the file comment): 76 inputs, 3 without an expected
    // output, 23 with a DOCTYPE (refused), 50 compared byte for byte. Of the
    // 21 exclusive c14n inputs, 16 are compared (all with an XPath node-set,
    // 9 with an InclusiveNamespaces PrefixList); test-0 and test-1 have a
    // DOCTYPE, merlin-c14n-two-15, -16, -25 no expected output.
    CHECK(no_expected == 3);
    CHECK(refused_doctype == 23);
    CHECK(matched == 50);
    CHECK(exc_matched == 16);
    CHECK(with_xpath >= 40);
}

namespace {

// The XPath node-set of the enveloped-signature transform, and of a subtree,
// for comparison with adx's callback selections.
std::string c14n_xpath(xmlDocPtr doc, const char* expr, C14nAlg alg) {
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, xc("ds"), xc("http://www.w3.org/2000/09/xmldsig#"));
    xmlXPathObjectPtr obj = xmlXPathEvalExpression(xc(expr), ctx);
    REQUIRE(obj);
    Selection sel;
    sel.nodes = obj->nodesetval;
    auto out = canonical_string(doc, alg, sel);
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctx);
    REQUIRE(out);
    return *out;
}

xmlNodePtr find_element(xmlNodePtr n, std::string_view local) {
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && adx::xmldsig::detail::sv(n->name) == local) return n;
        if (xmlNodePtr c = find_element(n->children, local)) return c;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("c14n selections agree with the equivalent XPath node-sets", "[xmldsig][c14n]") {
    const std::string text =
        "<?xml version=\"1.0\"?>\n<!-- before -->\n"
        "<r:root xmlns:r=\"urn:r\" xmlns:u=\"urn:unused\" xml:lang=\"zh\" a=\"1\">\n"
        "  <r:item b=\"2\">text &amp; more<!-- c --></r:item>\n"
        "  <ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">\n"
        "    <ds:SignedInfo xml:space=\"preserve\"><ds:X u:att=\"v\"/></ds:SignedInfo><ds:SignatureValue/>\n"
        "  </ds:Signature>\n"
        "  <r:tail/>\n</r:root>\n<?pi after?>\n";
    auto doc = parse("mem.xml", text);
    REQUIRE(doc);
    xmlNodePtr root = xmlDocGetRootElement(doc->get());
    xmlNodePtr sig = find_element(root, "Signature");
    xmlNodePtr si = find_element(root, "SignedInfo");
    REQUIRE(sig);
    REQUIRE(si);
    for (C14nAlg alg : {C14nAlg::c14n10, C14nAlg::c14n10_comments, C14nAlg::c14n11, C14nAlg::c14n11_comments,
                        C14nAlg::exc, C14nAlg::exc_comments}) {
        INFO("algorithm " << adx::xmldsig::detail::c14n_uri(alg));
        bool comments = adx::xmldsig::detail::c14n_with_comments(alg);
        std::string all =
            comments ? "(//. | //@* | //namespace::*)" : "(//. | //@* | //namespace::*)[not(self::comment())]";
        std::string env = all + "[not(ancestor-or-self::ds:Signature)]";
        Selection ex;
        ex.exclude = sig;
        auto got = canonical_string(doc->get(), alg, ex);
        REQUIRE(got);
        CHECK(*got == c14n_xpath(doc->get(), env.c_str(), alg));
        CHECK(got->find("Signature") == std::string::npos);

        std::string sub = all + "[ancestor-or-self::ds:SignedInfo]";
        Selection s;
        s.subtree = si;
        auto got_si = canonical_string(doc->get(), alg, s);
        REQUIRE(got_si);
        CHECK(*got_si == c14n_xpath(doc->get(), sub.c_str(), alg));
    }
    // Comments forced off (Reference URI=""), whatever the algorithm says.
    Selection ex;
    ex.exclude = sig;
    auto no_comments = canonical_string(doc->get(), C14nAlg::exc_comments, ex, {}, false);
    REQUIRE(no_comments);
    CHECK(no_comments->find("<!--") == std::string::npos);
    auto with = canonical_string(doc->get(), C14nAlg::exc_comments, ex);
    REQUIRE(with);
    CHECK(with->find("<!-- c -->") != std::string::npos);
}

TEST_CASE("the strict parser refuses DOCTYPE, entities, UTF-16 and oversize input", "[xmldsig][parse]") {
    auto refused = [](std::string_view text, const char* rule) {
        auto doc = parse("t.xml", text);
        INFO(text);
        REQUIRE_FALSE(doc);
        CHECK(doc.error().rule == rule);
        CHECK(doc.error().code == adx::core::Exit::data);
        CHECK(doc.error().where.file == "t.xml");
    };
    refused("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", "doctype");
    refused("<?xml version=\"1.0\"?>\n<!DOCTYPE a SYSTEM \"http://example.com/a.dtd\">\n<a/>", "doctype");
    refused("<a>&x;</a>", "malformed-xml");
    refused("<a><b></a>", "malformed-xml");
    refused("", "malformed-xml");
    refused(std::string_view("\xFF\xFE<\0a\0/\0>\0", 10), "encoding");
    std::string deep;
    for (int i = 0; i < 300; ++i) deep += "<a>";
    refused(deep, "malformed-xml");
    adx::xmldsig::detail::ParseLimits small;
    small.max_bytes = 8;
    auto doc = parse("t.xml", "<a>123456</a>", small);
    REQUIRE_FALSE(doc);
    CHECK(doc.error().rule == "too-large");
    auto line = parse("t.xml", "<a>\n\n<b></c></a>");
    REQUIRE_FALSE(line);
    CHECK(line.error().where.line == 3);
}

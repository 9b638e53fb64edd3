// SPDX-License-Identifier: Apache-2.0
// The streaming canonicalizer (stream.hpp) against libxml2's xmlC14NExecute
// on the tree, byte for byte: the libxml2 c14n corpus inputs as whole
// documents (every algorithm, with and without comments, exclusive with the
// corpus PrefixLists), the xmlsec vectors minus their enveloped Signature,
// and hand-made edge cases. And sign/verify's streaming path against the
// tree path: the same result, and the streaming path actually taken.

#include "../crypto/pki.hpp"
#include "xmldsig/c14n.hpp"
#include "xmldsig/parse.hpp"
#include "xmldsig/profile.hpp"
#include "xmldsig/stream.hpp"
#include "xmldsig_util.hpp"

#include <sstream>

namespace fs = std::filesystem;
using namespace adx;
using namespace adx::xmldsig::detail;
using namespace xmldsig_test;

namespace {

constexpr C14nAlg k_all[] = {C14nAlg::c14n10, C14nAlg::c14n10_comments, C14nAlg::c14n11, C14nAlg::c14n11_comments,
                             C14nAlg::exc,    C14nAlg::exc_comments};

xmlNode* signature_child(xmlDoc* doc) {
    for (xmlNode* c = xmlDocGetRootElement(doc)->children; c; c = c->next) {
        if (is_ds(c, "Signature")) return c;
    }
    return nullptr;
}

// Both canonical forms, or both errors; returns whether they were compared.
bool same_c14n(const std::string& name, const std::string& text, C14nAlg alg, std::vector<std::string> prefixes,
               bool exclude) {
    auto doc = parse(name, text);
    StreamOptions so;
    so.alg = alg;
    so.prefixes = prefixes;
    so.exclude_signature = exclude;
    so.keep_comments = c14n_with_comments(alg);
    std::string streamed;
    auto facts = stream_c14n(name, text, so, [&](std::string_view s) { streamed.append(s); });
    INFO(name << " " << c14n_uri(alg));
    if (!doc) {
        CHECK_FALSE(facts);
        return false;
    }
    Selection sel;
    if (exclude) sel.exclude = signature_child(doc->get());
    auto tree = canonical_string(doc->get(), alg, sel, prefixes);
    CHECK(tree.has_value() == facts.has_value());
    if (!tree || !facts) return false;
    CHECK(streamed == *tree);
    return streamed == *tree;
}

}  // namespace

TEST_CASE("streaming c14n = libxml2 c14n on the libxml2 corpus", "[xmldsig][stream][corpus]") {
    fs::path base = corpora() / "libxml2-tests" / "test" / "c14n";
    if (!fs::exists(base)) FAIL("corpus missing: " << base);
    std::size_t compared = 0;
    for (const auto& dir : fs::directory_iterator(base)) {
        for (const auto& entry : fs::directory_iterator(dir.path())) {
            if (entry.path().extension() != ".xml") continue;
            std::string text = slurp(entry.path());
            if (text.find("<!DOCTYPE") != std::string::npos) continue;
            std::vector<std::string> prefixes;
            fs::path ns = entry.path();
            ns.replace_extension(".ns");
            if (fs::exists(ns)) {
                std::istringstream in(slurp(ns));
                for (std::string p; in >> p;) prefixes.push_back(p);
            }
            for (C14nAlg alg : k_all) {
                compared += same_c14n(entry.path().string(), text, alg, {}, false);
                if (c14n_exclusive(alg) && !prefixes.empty())
                    compared += same_c14n(entry.path().string(), text, alg, prefixes, false);
                if (c14n_exclusive(alg))
                    compared += same_c14n(entry.path().string(), text, alg, {"#default", "a", "foo", "bar"}, false);
            }
        }
    }
    CHECK(compared > 300);
}

TEST_CASE("streaming c14n = libxml2 c14n on the xmlsec vectors, enveloped", "[xmldsig][stream][corpus]") {
    fs::path base = corpora() / "xmlsec-tests" / "tests";
    if (!fs::exists(base)) FAIL("corpus missing: " << base);
    std::size_t compared = 0;
    for (const auto& entry : fs::recursive_directory_iterator(base)) {
        if (entry.path().extension() != ".xml" && entry.path().extension() != ".tmpl") continue;
        std::string text = slurp(entry.path());
        if (text.find("<!DOCTYPE") != std::string::npos) continue;
        for (C14nAlg alg : {C14nAlg::c14n10, C14nAlg::exc})
            compared += same_c14n(entry.path().string(), text, alg, {}, true);
    }
    CHECK(compared > 400);
}

TEST_CASE("streaming c14n = libxml2 c14n on edge cases", "[xmldsig][stream]") {
    const char* docs[] = {
        "<?pi before?>\n<!-- c1 -->\n<a xmlns=\"urn:d\" xmlns:p=\"urn:p\" xmlns:q=\"urn:q\" xml:lang=\"en\" "
        "b=\"2\" a=\"1\" p:z=\"3\" q:y=\"4\"><b xmlns=\"\"><c xmlns=\"urn:d\"/></b><p:e xmlns:p=\"urn:p\"/>"
        "<p:f xmlns:p=\"urn:other\" xmlns:q=\"urn:q\">t &amp; &lt; &gt; &#13; ]]&gt; &#x9;</p:f>"
        "<g att=\"&#9;&#10;&#13; &amp;&lt;&quot;'&gt;\"/><![CDATA[<raw> & ]]>text<?pi  data ?></a>\n<!-- c2 -->\n<?pi "
        "after?>",
        "<r xmlns:a=\"urn:a\" xmlns:b=\"urn:b\"><x a:q=\"1\" b:q=\"2\" q=\"0\"/><a:y/><ds:Signature "
        "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo/></ds:Signature>tail</r>",
        "<r xmlns=\"urn:a\"><s xmlns=\"urn:b\"><t xmlns=\"urn:a\"/></s><u xmlns=\"\" xmlns:x=\"urn:x\"><x:v/></u></r>",
        "<r xmlns:a='ur\"n:a'><a:b/></r>",
        "<r xmlns:a=\"urn:a b\"><a:b/></r>",
        "<r xmlns:a=\"rel/a\"><a:b/></r>",
        "<r>\r\ncr &#xD; lf\r</r>",
        "<a:r xmlns:a=\"urn:a\" xmlns:xml=\"http://www.w3.org/XML/1998/namespace\" xml:space=\"preserve\"/>",
        "<r xmlns=\"urn:x\"><Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignedInfo/></Signature></r>",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r a=\"\xE9\">\xE9t\xE9</r>",
    };
    for (const char* d : docs) {
        for (C14nAlg alg : k_all) {
            same_c14n("edge.xml", d, alg, {}, true);
            same_c14n("edge.xml", d, alg, {}, false);
            if (c14n_exclusive(alg)) same_c14n("edge.xml", d, alg, {"#default", "a", "p", "x"}, true);
        }
    }
}

TEST_CASE("sign and verify: the streaming path agrees with the tree", "[xmldsig][stream]") {
    using crypto::test::pki_cert;
    using crypto::test::pki_key;
    auto key = pki_key("p256", "leaf");
    xmldsig::SignRequest req{key, {pki_cert("p256", "leaf"), pki_cert("p256", "district")}, crypto::SigAlg::es256};
    auto trust = crypto::TrustStore::from_certs({pki_cert("p256", "root")});
    xmldsig::VerifyOptions opts{trust, crypto::test::k_pki_now};
    const std::string doc =
        "<?xml version=\"1.0\"?>\n<r xmlns=\"urn:r\" xmlns:p=\"urn:p\" xml:lang=\"zh\">\n"
        "  <p:a x=\"1\">示例 &amp; <![CDATA[c]]></p:a><!-- c --><b xmlns=\"\"/>\n</r>\n";
    auto streamed = sign_with("d.xml", doc, req, Path::any);
    auto tree = sign_with("d.xml", doc, req, Path::tree);
    REQUIRE(streamed);
    REQUIRE(tree);
    auto digest = [](const std::string& s) { return s.substr(s.find("<ds:DigestValue>"), 60); };
    CHECK(digest(*streamed) == digest(*tree));

    Path taken = Path::any;
    auto v = verify_with("d.xml", *streamed, opts, Path::any, &taken);
    REQUIRE(v);
    CHECK(taken == Path::stream);
    // Mutations: both paths give the same verdict, with the same rule.
    std::vector<std::string> variants;
    const std::string& s = *streamed;
    for (std::size_t i = 0; i < s.size(); i += 7) {
        std::string bad = s;
        bad[i] = static_cast<char>(bad[i] ^ 0x20);
        variants.push_back(bad);
    }
    variants.push_back(s.substr(0, s.find("<ds:Signature")) + "<x/>" + s.substr(s.find("<ds:Signature")));
    variants.push_back("<w>" + s.substr(s.find("<r ")) + "</w>");
    for (const auto& bad : variants) {
        auto a = verify_with("d.xml", bad, opts, Path::any);
        auto b = verify_with("d.xml", bad, opts, Path::tree);
        INFO(bad);
        REQUIRE(a.has_value() == b.has_value());
        if (!a) {
            CHECK(a.error().rule == b.error().rule);
            CHECK(a.error().where.line == b.error().where.line);
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
// adx sign: an enveloped XML signature for XML documents, a detached JWS
// (FILE.jws) for anything else.

#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/output.hpp"
#include "crypto/cert.hpp"
#include "crypto/key.hpp"
#include "jws/jws.hpp"
#include "tools/support/signing.hpp"
#include "tools/tool.hpp"
#include "xmldsig/xmldsig.hpp"

namespace adx::tools {

namespace {

using core::Exit;
using core::tr;
using core::trf;

class SignTool final : public Tool {
public:
    void setup(CLI::App& app) override {
        app.add_option("--key", m_key, tr("signing private key (PKCS#8 PEM, mode 0600; default: the profile's sign_key)"))
            ->option_text("KEY");
        app.add_option("--cert", m_cert,
                       tr("the key's certificate, optionally followed by its chain (PEM; default: sign_cert)"))
            ->option_text("CERT");
        app.add_option("--chain", m_chain, tr("intermediate certificates to include (PEM; default: sign_chain)"))
            ->option_text("FILE");
        auto* pf = app.add_option("--passphrase-file", m_pass.file,
                                  tr("read the key's passphrase from the first line of FILE (mode 0600)"))
                       ->option_text("FILE");
        auto* pe = app.add_option("--passphrase-env", m_pass.env, tr("take the key's passphrase from the variable VAR"))
                       ->option_text("VAR");
        pf->excludes(pe);
        app.add_option("--alg", m_alg, tr("signature algorithm: SM2-SM3, ES256, ES384, RS256 or PS256 (default: by key)"))
            ->check(CLI::IsMember({"SM2-SM3", "ES256", "ES384", "RS256", "PS256"}))
            ->option_text("ALG");
        app.add_option("--digest", m_digest, tr("XML reference digest: sha256, sha384, sha512 or sm3 (default: by algorithm)"))
            ->check(CLI::IsMember({"sha256", "sha384", "sha512", "sm3"}))
            ->option_text("DIGEST");
        app.add_option("--sm2-id", m_sm2_id, tr("SM2 user ID (default: the profile's sm2_user_id, else 1234567812345678)"))
            ->option_text("ID");
        app.add_option("--as", m_as, tr("signature kind: xml (enveloped) or jws (detached); default: xml for XML input"))
            ->check(CLI::IsMember({"xml", "jws"}))
            ->option_text("xml|jws");
        app.add_option("-o,--output", m_out,
                       tr("write the signed XML or the .jws here (default: XML to standard output, FILE.jws beside FILE)"))
            ->option_text("OUT");
        app.add_option("FILE", m_files, tr("documents to sign ('-': standard input)"))->required();
    }

    Exit run(const Context& ctx) override {
        if (m_files.size() > 1 && !m_out.empty()) {
            throw core::Failure({Exit::usage, tr("-o works with one FILE only")});
        }
        const core::Settings* profile = signing_profile(ctx);
        std::string key_path = setting(m_key, profile, "sign_key");
        std::string cert_path = setting(m_cert, profile, "sign_cert");
        if (key_path.empty() || cert_path.empty()) {
            core::Error e{Exit::usage, tr("adx sign needs --key and --cert (or a profile with sign_key and sign_cert)")};
            throw core::Failure(std::move(e));
        }
        if (m_pass.file.empty() && m_pass.env.empty() && profile) {
            m_pass.file = profile->string("key_passphrase_file").value_or("");
        }
        auto pass = core::unwrap(crypto::read_passphrase(m_pass));
        auto key = core::unwrap(crypto::PrivateKey::load(key_path, pass));
        auto chain = core::unwrap(crypto::Certificate::load(cert_path));
        std::string chain_path = setting(m_chain, profile, "sign_chain");
        if (!chain_path.empty()) {
            auto more = core::unwrap(crypto::Certificate::load(chain_path));
            chain.insert(chain.end(), more.begin(), more.end());
        }
        crypto::SigAlg alg = m_alg.empty() ? crypto::default_sig_alg(key.alg()) : *crypto::sig_alg_from_name(m_alg);
        crypto::SigOptions opts = sig_options(m_sm2_id, ctx, profile);
        for (const auto& file : m_files) {
            bool xml = m_as == "xml" || (m_as.empty() && file != "-" && file_looks_like_xml(file));
            if (xml) {
                sign_xml(file, key, chain, alg, opts);
            } else {
                sign_jws(file, key, chain, alg, opts);
            }
        }
        return Exit::ok;
    }

private:
    void sign_xml(const std::string& file, const crypto::PrivateKey& key, const std::vector<crypto::Certificate>& chain,
                  crypto::SigAlg alg, const crypto::SigOptions& opts) {
        xmldsig::SignRequest req{key, chain, alg, std::nullopt, opts};
        if (!m_digest.empty()) req.digest = crypto::digest_from_name(m_digest);
        auto in = core::unwrap(core::Input::open(file));
        std::string doc = core::unwrap(read_all(in, req.max_bytes, file_size_hint(file)));
        auto out = core::unwrap(core::Output::open(m_out));
        core::unwrap(xmldsig::sign(in.name(), doc, req, out));
        core::unwrap(out.commit());
        core::log().info(trf("signed {file} ({alg}, XML signature) -> {out}", fmt::arg("file", in.name()),
                             fmt::arg("alg", crypto::info(alg).name), fmt::arg("out", out.name())));
    }

    void sign_jws(const std::string& file, const crypto::PrivateKey& key, const std::vector<crypto::Certificate>& chain,
                  crypto::SigAlg alg, const crypto::SigOptions& opts) {
        jws::SignRequest req{key, chain, alg, opts};
        auto in = core::unwrap(core::Input::open(file));
        std::string text = core::unwrap(jws::sign_detached(in, req));
        std::string target = !m_out.empty() ? m_out : file == "-" ? "-" : file + ".jws";
        auto out = core::unwrap(core::Output::open(target));
        out.write(text);
        core::unwrap(out.commit());
        core::log().info(trf("signed {file} ({alg}, detached JWS) -> {out}", fmt::arg("file", in.name()),
                             fmt::arg("alg", crypto::info(alg).name), fmt::arg("out", out.name())));
    }

    std::string m_key;
    std::string m_cert;
    std::string m_chain;
    crypto::PassphraseSource m_pass;
    std::string m_alg;
    std::string m_digest;
    std::optional<std::string> m_sm2_id;
    std::string m_as;
    std::string m_out;
    std::vector<std::string> m_files;
};

}  // namespace

std::unique_ptr<Tool> make_sign_tool() { return std::make_unique<SignTool>(); }

}  // namespace adx::tools

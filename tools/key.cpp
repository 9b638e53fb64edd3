// SPDX-License-Identifier: Apache-2.0
// adx key: generate keys, make certificate requests, issue certificates and
// CRLs (a small CA for demos and tests), show keys and certificates.

#include "crypto/key.hpp"

#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/output.hpp"
#include "crypto/issue.hpp"
#include "tools/support/key_show.hpp"
#include "tools/tool.hpp"

#include <filesystem>
#include <map>

namespace adx::tools {

namespace {

using core::Exit;
using core::tr;
using core::trf;

class KeyTool final : public Tool {
public:
    void setup(CLI::App& app) override {
        app.require_subcommand(1);
        setup_gen(app);
        setup_csr(app);
        setup_cert(app);
        setup_crl(app);
        m_show = app.add_subcommand("show", tr("show certificates, requests, keys and CRLs (PEM or DER)"));
        m_show->add_option("FILE", m_files, tr("files to show ('-': standard input)"))->required();
        add_passphrase(*m_show, m_pass, tr("for an encrypted private key"));
        add_report_option(*m_show, m_report);
    }

    Exit run(const Context&) override {
        if (!m_pass.file.empty() && !m_pass.env.empty()) {
            throw core::Failure(
                {Exit::usage, tr("give the passphrase with a file or an environment variable, not both")});
        }
        if (m_gen->parsed()) return gen();
        if (m_csr->parsed()) return csr();
        if (m_cert->parsed()) return cert();
        if (m_crl->parsed()) return crl();
        return show_files(m_files, m_pass, m_report);
    }

private:
    static void add_passphrase(CLI::App& app, crypto::PassphraseSource& src, const std::string& what,
                               const std::string& prefix = "") {
        app.add_option("--" + prefix + "passphrase-file", src.file,
                       trf("read the passphrase {what} from the first line of FILE", fmt::arg("what", what)))
            ->option_text("FILE");
        app.add_option("--" + prefix + "passphrase-env", src.env,
                       trf("take the passphrase {what} from the environment variable VAR", fmt::arg("what", what)))
            ->option_text("VAR");
    }

    static void add_output(CLI::App& app, std::string& out, const std::string& what) {
        app.add_option("-o,--output", out, what)->option_text("FILE");
    }

    void setup_gen(CLI::App& app) {
        m_gen = app.add_subcommand("gen", tr("generate a private key (PKCS#8 PEM, mode 0600)"));
        m_gen->add_option("--alg", m_alg, tr("key algorithm: sm2, p256, p384 or rsa3072 (default: sm2)"))
            ->check(CLI::IsMember({"sm2", "p256", "p384", "rsa3072"}))
            ->option_text("ALG");
        m_gen->add_option("-o,--output", m_out, tr("write the key to FILE (mode 0600)"))
            ->option_text("FILE")
            ->required();
        m_gen->add_flag("--force", m_force, tr("replace FILE if it exists"));
        add_passphrase(*m_gen, m_pass, tr("to encrypt the key with (AES-256-CBC, PBKDF2)"));
    }

    void setup_csr(CLI::App& app) {
        m_csr = app.add_subcommand("csr", tr("make a certificate request (PKCS#10) for a key"));
        m_csr->add_option("--key", m_key, tr("the private key to request a certificate for"))
            ->option_text("FILE")
            ->required();
        add_passphrase(*m_csr, m_pass, tr("of the key"));
        m_csr
            ->add_option("--subject", m_subject,
                         tr("the subject: \"/C=CN/O=Org/CN=Name\" or \"CN=Name,O=Org,C=CN\"; serialNumber= may "
                            "carry the credit code"))
            ->option_text("NAME")
            ->required();
        m_csr->add_option("--san", m_san, tr("subject alternative name to request: DNS:host, IP:address (repeatable)"))
            ->option_text("NAME");
        add_output(*m_csr, m_out, tr("write the request to FILE instead of standard output"));
    }

    void setup_cert(CLI::App& app) {
        m_cert = app.add_subcommand("cert", tr("issue a certificate for a request, signed by a CA key"));
        m_cert->add_option("--csr", m_csr_file, tr("the certificate request"))->option_text("FILE")->required();
        m_cert
            ->add_option("--ca-key", m_ca_key,
                         tr("the issuing CA's private key (with --self-signed: the request's key)"))
            ->option_text("FILE")
            ->required();
        add_passphrase(*m_cert, m_pass, tr("of the CA key"), "ca-");
        m_cert->add_option("--ca-cert", m_ca_cert, tr("the issuing CA's certificate"))->option_text("FILE");
        m_cert->add_flag("--self-signed", m_self_signed, tr("sign the certificate with its own key"));
        m_cert
            ->add_option("--profile", m_profile,
                         tr("what the certificate is for: root, ca, sign, encrypt, server or client (default: sign)"))
            ->check(CLI::IsMember({"root", "ca", "sign", "encrypt", "server", "client"}))
            ->option_text("PROFILE");
        m_cert->add_option("--days", m_days, tr("days of validity from now (default: 365)"))
            ->check(CLI::Range(1, 36500))
            ->option_text("N");
        m_cert
            ->add_option("--san", m_san,
                         tr("subject alternative name: DNS:host, IP:address (repeatable; default: as requested)"))
            ->option_text("NAME");
        m_cert->add_option("--path-len", m_path_len, tr("CA profiles: how many CAs may follow below this one"))
            ->check(CLI::Range(0, 16))
            ->option_text("N");
        add_output(*m_cert, m_out, tr("write the certificate to FILE instead of standard output"));
    }

    void setup_crl(CLI::App& app) {
        m_crl = app.add_subcommand("crl", tr("issue a certificate revocation list (CRL) signed by a CA key"));
        m_crl->add_option("--ca-key", m_ca_key, tr("the CA's private key"))->option_text("FILE")->required();
        add_passphrase(*m_crl, m_pass, tr("of the CA key"), "ca-");
        m_crl->add_option("--ca-cert", m_ca_cert, tr("the CA's certificate"))->option_text("FILE")->required();
        m_crl->add_option("--revoke", m_revoke, tr("a certificate to list as revoked (repeatable)"))
            ->option_text("CERT");
        m_crl->add_option("--serial", m_serials, tr("a serial number (hex) to list as revoked (repeatable)"))
            ->option_text("HEX");
        m_crl->add_option("--days", m_crl_days, tr("days until the next update (default: 30)"))
            ->check(CLI::Range(1, 36500))
            ->option_text("N");
        m_crl->add_option("--number", m_crl_number, tr("the CRL number (default: the time in seconds since 1970)"))
            ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 62))
            ->option_text("N");
        add_output(*m_crl, m_out, tr("write the CRL to FILE instead of standard output"));
    }

    static crypto::PrivateKey load_key(const std::string& path, const crypto::PassphraseSource& src) {
        auto pass = core::unwrap(crypto::read_passphrase(src));
        return core::unwrap(crypto::PrivateKey::load(path, pass));
    }

    static void write(const std::string& path, const std::string& text, unsigned mode = 0644) {
        auto out = core::unwrap(core::Output::open(path.empty() ? "-" : path, mode));
        out.write(text);
        core::unwrap(out.commit());
    }

    Exit gen() {
        const std::map<std::string, crypto::KeyAlg> algs{{"sm2", crypto::KeyAlg::sm2},
                                                         {"p256", crypto::KeyAlg::p256},
                                                         {"p384", crypto::KeyAlg::p384},
                                                         {"rsa3072", crypto::KeyAlg::rsa}};
        if (m_out == "-")
            throw core::Failure({Exit::usage, tr("a private key is written to a file, not to standard output")});
        std::error_code ec;
        if (!m_force && std::filesystem::exists(m_out, ec)) {
            core::Error e{Exit::cant_create,
                          trf("'{path}' exists; a key is never replaced unless asked", fmt::arg("path", m_out))};
            e.hint = tr("use --force to replace it");
            throw core::Failure(e);
        }
        auto pass = core::unwrap(crypto::read_passphrase(m_pass));
        auto key = core::unwrap(crypto::PrivateKey::generate(algs.at(m_alg)));
        write(m_out, core::unwrap(key.to_pem(pass)), 0600);
        core::log().info(trf("wrote a {alg} private key to {path}", fmt::arg("alg", crypto::key_alg_name(key.alg())),
                             fmt::arg("path", m_out)));
        return Exit::ok;
    }

    Exit csr() {
        auto key = load_key(m_key, m_pass);
        auto req = core::unwrap(crypto::CertRequest::create(key, m_subject, m_san));
        write(m_out, req.pem());
        return Exit::ok;
    }

    Exit cert() {
        if (m_self_signed == !m_ca_cert.empty()) {
            throw core::Failure(
                {Exit::usage, tr("give the issuing CA with --ca-cert FILE, or --self-signed (one of them)")});
        }
        auto req = core::unwrap(crypto::CertRequest::load(m_csr_file));
        auto key = load_key(m_ca_key, m_pass);
        crypto::IssueOptions opts;
        opts.profile = *crypto::cert_profile_from_name(m_profile);
        opts.days = m_days;
        opts.san = m_san;
        opts.path_len = m_path_len;
        std::optional<crypto::Certificate> ca;
        if (!m_ca_cert.empty()) ca = core::unwrap(crypto::Certificate::load(m_ca_cert)).front();
        auto cert = core::unwrap(crypto::issue_cert(req, key, ca ? &*ca : nullptr, opts));
        write(m_out, cert.pem());
        return Exit::ok;
    }

    Exit crl() {
        auto key = load_key(m_ca_key, m_pass);
        auto ca = core::unwrap(crypto::Certificate::load(m_ca_cert)).front();
        std::vector<crypto::Revocation> revoked;
        for (const auto& file : m_revoke)
            for (const auto& c : core::unwrap(crypto::Certificate::load(file))) revoked.push_back({c.serial_hex(), 0});
        for (const auto& s : m_serials) revoked.push_back({s, 0});
        crypto::CrlOptions opts;
        opts.days = m_crl_days;
        opts.number = m_crl_number;
        write(m_out, core::unwrap(crypto::issue_crl(key, ca, revoked, opts)));
        return Exit::ok;
    }

    CLI::App* m_gen = nullptr;
    CLI::App* m_csr = nullptr;
    CLI::App* m_cert = nullptr;
    CLI::App* m_crl = nullptr;
    CLI::App* m_show = nullptr;
    crypto::PassphraseSource m_pass;
    Report m_report = Report::text;
    std::string m_alg = "sm2";
    std::string m_out;
    bool m_force = false;
    std::string m_key;
    std::string m_subject;
    std::vector<std::string> m_san;
    std::string m_csr_file;
    std::string m_ca_key;
    std::string m_ca_cert;
    bool m_self_signed = false;
    std::string m_profile = "sign";
    int m_days = 365;
    int m_path_len = -1;
    std::vector<std::string> m_revoke;
    std::vector<std::string> m_serials;
    int m_crl_days = 30;
    std::uint64_t m_crl_number = 0;
    std::vector<std::string> m_files;
};

}  // namespace

std::unique_ptr<Tool> make_key_tool() {
    return std::make_unique<KeyTool>();
}

}  // namespace adx::tools

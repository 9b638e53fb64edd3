// SPDX-License-Identifier: Apache-2.0
// adx verify: check an enveloped XML signature, a detached JWS or a receipt
// of adx serve under the strict profile, build the signer's chain to the
// trust store, and say who signed, with which algorithm and when.

#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "core/json_writer.hpp"
#include "core/log.hpp"
#include "core/output.hpp"
#include "crypto/trust.hpp"
#include "jws/header.hpp"
#include "jws/jws.hpp"
#include "tools/support/signing.hpp"
#include "transport/submission.hpp"
#include "tools/tool.hpp"
#include "xmldsig/xmldsig.hpp"

#include <filesystem>

namespace adx::tools {

namespace {

using core::Exit;
using core::tr;
using core::trf;

std::string utc(std::time_t t) { return core::format_utc(core::SysTime(std::chrono::seconds(t))); }

class VerifyTool final : public Tool {
public:
    void setup(CLI::App& app) override {
        app.add_option("--trust", m_trust, tr("trusted CA certificates: a PEM bundle or a directory (default: the profile's trust)"))
            ->option_text("BUNDLE|DIR");
        app.add_option("--crl", m_crls, tr("certificate revocation list to check the chain against (PEM or DER; repeatable)"))
            ->option_text("FILE");
        app.add_option("--at", m_at, tr("check the chain at this time (ISO 8601; default: the signing time, else now)"))
            ->option_text("TIME");
        app.add_option("--allow", m_allow, tr("accept only these algorithms (repeatable; default: all adx knows)"))
            ->check(CLI::IsMember({"SM2-SM3", "ES256", "ES384", "RS256", "PS256"}))
            ->option_text("ALG");
        app.add_option("--sm2-id", m_sm2_id, tr("SM2 user ID (default: the profile's sm2_user_id, else 1234567812345678)"))
            ->option_text("ID");
        app.add_flag("--receipt", m_receipt,
                     tr("SIGNATURE is a receipt of adx serve (default: FILE.receipt.jws) that must name FILE"));
        add_report_option(app, m_report);
        app.add_option("FILE", m_file, tr("the signed document ('-': standard input)"))->required();
        app.add_option("SIGNATURE", m_signature, tr("the detached signature (default: FILE.jws if it exists, else the XML signature inside FILE)"));
    }

    Exit run(const Context& ctx) override {
        const core::Settings* profile = signing_profile(ctx);
        std::string trust_path = setting(m_trust, profile, "trust");
        if (trust_path.empty()) {
            throw core::Failure({Exit::usage, tr("adx verify needs --trust (or a profile with trust)")});
        }
        auto trust = core::unwrap(crypto::TrustStore::load(trust_path));
        for (const auto& crl : m_crls) core::unwrap(trust.add_crl(crl));
        std::optional<std::time_t> at;
        if (!m_at.empty()) {
            core::SysTime t;
            if (!core::parse_iso8601(m_at, t)) {
                throw core::Failure({Exit::usage, trf("--at: '{value}' is not an ISO 8601 date or date-time",
                                                      fmt::arg("value", m_at))});
            }
            at = t.time_since_epoch().count();
        }
        std::vector<crypto::SigAlg> allowed;
        for (const auto& a : m_allow) allowed.push_back(*crypto::sig_alg_from_name(a));
        crypto::SigOptions opts = sig_options(m_sm2_id, ctx, profile);

        std::string signature = m_signature;
        core::Expected<crypto::SignerInfo> result = crypto::SignerInfo{};
        if (m_receipt) {
            if (signature.empty() && m_file == "-") {
                throw core::Failure({Exit::usage, tr("--receipt with a document on standard input needs SIGNATURE")});
            }
            if (signature.empty()) signature = m_file + ".receipt.jws";
            result = verify_receipt(signature, trust, at, allowed, opts);
        } else {
            if (signature.empty() && m_file != "-" && std::filesystem::exists(m_file + ".jws")) signature = m_file + ".jws";
            result = signature.empty() ? verify_xml(trust, at, allowed, opts) : verify_jws(signature, trust, at, allowed, opts);
        }

        auto out = core::unwrap(core::Output::open("-"));
        if (m_report == Report::json) {
            out.write(json_report(result));
        } else if (result) {
            out.write(text_report(*result));
        }
        core::unwrap(out.commit());
        if (!result) {
            core::Error e = std::move(result).error();
            if (e.where.file.empty()) e.where.file = m_file;
            throw core::Failure(std::move(e));
        }
        return Exit::ok;
    }

private:
    core::Expected<crypto::SignerInfo> verify_xml(const crypto::TrustStore& trust, std::optional<std::time_t> at,
                                                  std::span<const crypto::SigAlg> allowed, const crypto::SigOptions& opts) {
        m_kind = "xmldsig";
        // No signing time in an XML signature: the chain is checked now (the one clock, ADX_NOW).
        if (!at) at = core::unwrap(core::now()).time_since_epoch().count();
        xmldsig::VerifyOptions vo{trust, at, allowed, opts};
        auto in = core::unwrap(core::Input::open(m_file));
        auto doc = read_all(in, vo.max_bytes, file_size_hint(m_file));
        if (!doc) return std::move(doc).error();
        return xmldsig::verify(in.name(), *doc, vo);
    }

    core::Expected<crypto::SignerInfo> verify_jws(const std::string& signature, const crypto::TrustStore& trust,
                                                  std::optional<std::time_t> at, std::span<const crypto::SigAlg> allowed,
                                                  const crypto::SigOptions& opts) {
        m_kind = "jws";
        auto sig_in = core::unwrap(core::Input::open(signature));
        auto text = read_all(sig_in, jws::k_max_jws_size + 2);
        if (!text) return std::move(text).error();
        jws::VerifyOptions vo{trust, at, allowed, opts, sig_in.name()};
        auto in = core::unwrap(core::Input::open(m_file));
        return jws::verify_detached(*text, in, vo);
    }

    // A receipt: its signature and chain (jws::verify_compact, at the
    // receipt's signing time unless --at), its type and payload, and that it
    // names this document's SHA-256 and size (transport::check_receipt, the
    // check adx send makes when the receipt arrives).
    core::Expected<crypto::SignerInfo> verify_receipt(const std::string& receipt_path, const crypto::TrustStore& trust,
                                                      std::optional<std::time_t> at,
                                                      std::span<const crypto::SigAlg> allowed,
                                                      const crypto::SigOptions& opts) {
        m_kind = "receipt";
        auto doc = transport::digest_file(m_file, "");
        if (!doc) return std::move(doc).error();
        auto rin = core::unwrap(core::Input::open(receipt_path));
        auto text = read_all(rin, transport::k_max_receipt + 2);
        if (!text) return std::move(text).error();
        jws::VerifyOptions vo{trust, at, allowed, opts, rin.name()};
        auto receipt = transport::check_receipt(*text, *doc, vo);
        if (!receipt) return std::move(receipt).error();
        m_receipt_facts = std::move(*receipt);
        return m_receipt_facts->signer;
    }

    std::string receipt_lines(const transport::Receipt& r) const {
        std::string out = trf("{file}: receipt valid: {status}, submission {id}\n", fmt::arg("file", m_file),
                              fmt::arg("status", r.status), fmt::arg("id", r.submission_id));
        out += trf("  sender:      {sender}\n", fmt::arg("sender", r.sender));
        out += trf("  format:      {format}\n", fmt::arg("format", r.format));
        out += trf("  received at: {time}\n", fmt::arg("time", r.received_at));
        out += trf("  records:     {n}\n", fmt::arg("n", r.records));
        if (r.status != "accepted") out += trf("  problems:    {n}\n", fmt::arg("n", r.problem_count));
        return out;
    }

    std::string text_report(const crypto::SignerInfo& s) const {
        std::string r = m_receipt_facts ? receipt_lines(*m_receipt_facts)
                                        : trf("{file}: signature valid ({kind})\n", fmt::arg("file", m_file),
                                              fmt::arg("kind", m_kind));
        r += trf("  signer:      {subject}\n", fmt::arg("subject", s.subject));
        if (!s.credit_code.empty()) r += trf("  credit code: {code}\n", fmt::arg("code", s.credit_code));
        r += trf("  algorithm:   {alg}\n", fmt::arg("alg", crypto::info(s.alg).name));
        if (s.signed_at) {
            r += trf("  signed at:   {time} (as the signer claims)\n", fmt::arg("time", utc(s.signed_at)));
        } else {
            r += tr("  signed at:   not recorded (XML signatures carry no signing time)\n");
        }
        for (std::size_t i = 1; i < s.chain.size(); ++i) {
            r += trf("  issued by:   {subject}\n", fmt::arg("subject", s.chain[i].subject()));
        }
        return r;
    }

    std::string json_report(const core::Expected<crypto::SignerInfo>& result) const {
        std::string out;
        core::JsonWriter w(out);
        w.begin_object().field("file", m_file).field("kind", m_kind).field("valid", result.has_value());
        if (result) {
            const auto& s = *result;
            if (m_receipt_facts) {
                const auto& r = *m_receipt_facts;
                w.key("receipt").begin_object().field("submission_id", r.submission_id).field("status", r.status);
                w.field("sender", r.sender).field("format", r.format).field("digest", r.digest);
                w.field("received_at", r.received_at).field("records", r.records);
                w.field("problem_count", r.problem_count).end_object();
            }
            w.field("algorithm", crypto::info(s.alg).name);
            w.key("signed_at");
            s.signed_at ? w.value(utc(s.signed_at)) : w.null();
            w.key("signer").begin_object().field("subject", s.subject).field("credit_code", s.credit_code);
            w.field("serial", s.cert.serial_hex()).field("sha256", s.cert.fingerprint(crypto::DigestAlg::sha256));
            w.end_object();
            w.key("chain").begin_array();
            for (const auto& c : s.chain) w.value(c.subject());
            w.end_array();
        } else {
            w.field("rule", result.error().rule).field("message", result.error().message);
        }
        w.end_object();
        out += '\n';
        return out;
    }

    std::string m_trust;
    std::vector<std::string> m_crls;
    std::string m_at;
    std::vector<std::string> m_allow;
    std::optional<std::string> m_sm2_id;
    Report m_report = Report::text;
    std::string m_file;
    std::string m_signature;
    bool m_receipt = false;
    std::string m_kind;
    std::optional<transport::Receipt> m_receipt_facts;
};

}  // namespace

std::unique_ptr<Tool> make_verify_tool() { return std::make_unique<VerifyTool>(); }

}  // namespace adx::tools

// SPDX-License-Identifier: Apache-2.0
#include "tools/support/key_show.hpp"

#include "core/config.hpp"
#include "core/encoding.hpp"
#include "core/i18n.hpp"
#include "core/input.hpp"
#include "core/json_writer.hpp"
#include "core/output.hpp"
#include "crypto/cert.hpp"
#include "crypto/digest.hpp"
#include "crypto/issue.hpp"

#include <ctime>
#include <utility>
#include <variant>

namespace adx::tools {

namespace {

using core::Exit;
using core::tr;
using core::trf;

using Revoked = std::vector<std::pair<std::string, std::string>>;  // serial, date
using Value = std::variant<std::string, bool, std::int64_t, std::vector<std::string>, Revoked>;

// One line of the text form and one member of the JSON object.
struct Field {
    const char* label;  // msgid
    std::string_view key;
    Value value;
};

struct Item {
    std::string kind;  // "certificate", "request", "private-key", "public-key", "crl"
    std::vector<Field> fields;
};

std::string iso(std::time_t t) {
    if (t == 0) return {};
    struct tm tm {};
    gmtime_r(&t, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                       tm.tm_min, tm.tm_sec);
}

std::string colon_hex(const crypto::Bytes& b) {
    std::string h = crypto::hex(b, true);
    std::string out;
    for (std::size_t i = 0; i < h.size(); i += 2) {
        if (i) out += ':';
        out.append(h, i, 2);
    }
    return out;
}

void add_key(Item& item, const crypto::PublicKey& key) {
    item.fields.push_back({core::N_("public key"), "key_algorithm", std::string(crypto::key_alg_name(key.alg()))});
    item.fields.push_back({core::N_("key size"), "key_bits", static_cast<std::int64_t>(key.bits())});
    auto spki = key.spki_der();
    item.fields.push_back({core::N_("key SHA-256"), "key_sha256",
                           colon_hex(crypto::Digest::of(crypto::DigestAlg::sha256, crypto::as_view(spki)))});
}

Item cert_item(const crypto::Certificate& c) {
    Item item{"certificate", {}};
    auto& f = item.fields;
    f.push_back({core::N_("subject"), "subject", c.subject()});
    f.push_back({core::N_("issued by"), "issuer", c.issuer()});
    f.push_back({core::N_("serial"), "serial", c.serial_hex()});
    f.push_back({core::N_("not before"), "not_before", iso(c.not_before())});
    f.push_back({core::N_("not after"), "not_after", iso(c.not_after())});
    add_key(item, c.public_key());
    f.push_back({core::N_("signature"), "signature_algorithm", c.signature_algorithm()});
    f.push_back({core::N_("CA"), "ca", c.is_ca()});
    f.push_back({core::N_("self-signed"), "self_signed", c.self_signed()});
    f.push_back({core::N_("key usage"), "key_usage", c.key_usage()});
    f.push_back({core::N_("extended key usage"), "ext_key_usage", c.ext_key_usage()});
    f.push_back({core::N_("alternative names"), "subject_alt_names", c.subject_alt_names()});
    f.push_back({core::N_("credit code"), "credit_code", c.credit_code()});
    f.push_back({core::N_("SHA-256"), "sha256", c.fingerprint(crypto::DigestAlg::sha256)});
    f.push_back({core::N_("SM3"), "sm3", c.fingerprint(crypto::DigestAlg::sm3)});
    return item;
}

Item request_item(const crypto::CertRequest& r) {
    Item item{"request", {}};
    item.fields.push_back({core::N_("subject"), "subject", r.subject()});
    add_key(item, r.public_key());
    item.fields.push_back({core::N_("signature"), "signature_algorithm", r.signature_algorithm()});
    item.fields.push_back({core::N_("signature holds"), "signature_ok", r.signature_ok()});
    return item;
}

Item crl_item(const crypto::CrlInfo& c) {
    Item item{"crl", {}};
    item.fields.push_back({core::N_("issued by"), "issuer", c.issuer});
    item.fields.push_back({core::N_("this update"), "this_update", iso(c.this_update)});
    item.fields.push_back({core::N_("next update"), "next_update", iso(c.next_update)});
    item.fields.push_back({core::N_("CRL number"), "number", c.number});
    item.fields.push_back({core::N_("signature"), "signature_algorithm", c.signature_algorithm});
    Revoked revoked;
    for (const auto& r : c.revoked) revoked.emplace_back(r.serial_hex, iso(r.when));
    item.fields.push_back({core::N_("revoked"), "revoked", revoked});
    return item;
}

std::string read_all(const std::string& path) {
    auto in = core::unwrap(core::Input::open(path));
    std::string text;
    char buf[1 << 16];
    while (std::size_t n = core::unwrap(in.read(buf, sizeof buf))) text.append(buf, n);
    return text;
}

// The PEM blocks of a text: label and whole block.
std::vector<std::pair<std::string, std::string>> pem_blocks(const std::string& text) {
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t pos = 0;
    while ((pos = text.find("-----BEGIN ", pos)) != std::string::npos) {
        std::size_t label_end = text.find("-----", pos + 11);
        if (label_end == std::string::npos) break;
        std::string label = text.substr(pos + 11, label_end - pos - 11);
        std::string end_line = "-----END " + label + "-----";
        std::size_t end = text.find(end_line, label_end);
        if (end == std::string::npos) break;
        end += end_line.size();
        out.emplace_back(label, text.substr(pos, end - pos));
        pos = end;
    }
    return out;
}

class Shower {
public:
    Shower(const crypto::PassphraseSource& pass, Report report) : m_pass(pass), m_report(report) {}

    void file(const std::string& path, core::Output& out) {
        std::string text = read_all(path);
        std::string name = path == "-" ? std::string(tr("<stdin>")) : path;
        std::vector<Item> items;
        auto blocks = pem_blocks(text);
        if (blocks.empty()) {
            items.push_back(der_item(text, name));
        } else {
            for (const auto& [label, block] : blocks) items.push_back(pem_item(label, block, path, name));
        }
        for (std::size_t i = 0; i < items.size(); ++i) write(out, name, items.size() > 1 ? i + 1 : 0, items[i]);
    }

private:
    Item pem_item(const std::string& label, const std::string& block, const std::string& path,
                  const std::string& name) {
        if (label == "CERTIFICATE" || label == "TRUSTED CERTIFICATE") {
            return cert_item(core::unwrap(crypto::Certificate::from_pem(block, name)).front());
        }
        if (label == "CERTIFICATE REQUEST" || label == "NEW CERTIFICATE REQUEST") {
            return request_item(core::unwrap(crypto::CertRequest::from_pem(block, name)));
        }
        if (label == "X509 CRL") return crl_item(core::unwrap(crypto::read_crls(block, name)).front());
        if (label == "PUBLIC KEY") {
            Item item{"public-key", {}};
            add_key(item, core::unwrap(crypto::PublicKey::from_pem(block)));
            return item;
        }
        if (label.size() >= 11 && label.compare(label.size() - 11, 11, "PRIVATE KEY") == 0) {
            // The security rule holds here too: no private key readable by others.
            if (path != "-") core::unwrap(core::check_secret_file(path));
            bool encrypted =
                label == "ENCRYPTED PRIVATE KEY" || block.find("Proc-Type: 4,ENCRYPTED") != std::string::npos;
            Item item{"private-key", {{core::N_("encrypted"), "encrypted", encrypted}}};
            auto pass = core::unwrap(crypto::read_passphrase(m_pass));
            if (encrypted && !pass) return item;  // the rest needs the passphrase
            add_key(item, core::unwrap(crypto::PrivateKey::from_pem(block, pass, name)).public_key());
            return item;
        }
        throw core::Failure({Exit::data, trf("{name}: '{label}' is not something adx key shows (certificates, "
                                             "requests, keys and CRLs)",
                                             fmt::arg("name", name), fmt::arg("label", label))});
    }

    static Item der_item(const std::string& text, const std::string& name) {
        crypto::Bytes der = crypto::to_bytes(text);
        if (auto c = crypto::Certificate::from_der(der)) return cert_item(*c);
        if (auto r = crypto::CertRequest::from_der(der, name)) return request_item(*r);
        if (auto crl = crypto::read_crls(text, name)) return crl_item(crl->front());
        if (auto k = crypto::PublicKey::from_der(der)) {
            Item item{"public-key", {}};
            add_key(item, *k);
            return item;
        }
        throw core::Failure({Exit::data, trf("{name}: not a certificate, request, public key or CRL in PEM or DER",
                                             fmt::arg("name", name))});
    }

    static std::size_t width(std::string_view s) {
        std::size_t w = 0;
        for (std::size_t i = 0; i < s.size();) {
            std::size_t n = core::utf8_sequence_length(s.substr(i));
            if (n == 0) n = 1;
            w += n >= 3 ? 2 : 1;
            i += n;
        }
        return w;
    }

    void write(core::Output& out, const std::string& name, std::size_t index, const Item& item) {
        std::string buf;
        if (m_report == Report::json) {
            core::JsonWriter w(buf);
            w.begin_object().field("file", name);
            if (index) w.field("index", static_cast<std::int64_t>(index));
            w.field("kind", item.kind);
            for (const auto& f : item.fields) {
                w.key(f.key);
                std::visit(
                    [&](const auto& v) {
                        using T = std::decay_t<decltype(v)>;
                        if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                            w.begin_array();
                            for (const auto& s : v) w.value(s);
                            w.end_array();
                        } else if constexpr (std::is_same_v<T, Revoked>) {
                            w.begin_array();
                            for (const auto& [serial, date] : v)
                                w.begin_object().field("serial", serial).field("date", date).end_object();
                            w.end_array();
                        } else {
                            w.value(v);
                        }
                    },
                    f.value);
            }
            w.end_object();
            buf += '\n';
            out.write(buf);
            return;
        }
        buf += index ? fmt::format("{} #{}: ", name, index) : name + ": ";
        buf += tr(kind_msgid(item.kind));
        buf += '\n';
        std::size_t label_w = 0;
        for (const auto& f : item.fields) label_w = std::max(label_w, width(tr(f.label)));
        for (const auto& f : item.fields) {
            std::string value = text_value(f);
            if (value.empty()) continue;
            buf += "  ";
            buf += tr(f.label);
            buf.append(label_w - width(tr(f.label)) + 2, ' ');
            buf += value;
            buf += '\n';
        }
        out.write(buf);
    }

    static const char* kind_msgid(const std::string& kind) {
        if (kind == "certificate") return core::N_("certificate");
        if (kind == "request") return core::N_("certificate request");
        if (kind == "private-key") return core::N_("private key");
        if (kind == "public-key") return core::N_("public key");
        return core::N_("certificate revocation list");
    }

    // The text form of a value; "" leaves the line out.
    static std::string text_value(const Field& f) {
        if (auto s = std::get_if<std::string>(&f.value)) return *s;
        if (auto b = std::get_if<bool>(&f.value)) return *b ? tr("yes") : tr("no");
        if (auto n = std::get_if<std::int64_t>(&f.value)) return fmt::format("{}", *n);
        if (auto list = std::get_if<std::vector<std::string>>(&f.value)) {
            if (list->empty()) return f.key == "key_usage" ? tr("(not restricted)") : "";
            std::string out;
            for (const auto& s : *list) out += (out.empty() ? "" : ", ") + s;
            return out;
        }
        const auto& revoked = std::get<Revoked>(f.value);
        if (revoked.empty()) return tr("(none)");
        std::string out;
        for (const auto& [serial, date] : revoked)
            out += (out.empty() ? "" : "\n    ") +
                   trf("{serial} at {date}", fmt::arg("serial", serial), fmt::arg("date", date));
        return out;
    }

    const crypto::PassphraseSource& m_pass;
    Report m_report;
};

}  // namespace

Exit show_files(const std::vector<std::string>& files, const crypto::PassphraseSource& pass, Report report) {
    auto out = core::unwrap(core::Output::open("-"));
    Shower shower(pass, report);
    for (const auto& f : files) shower.file(f, out);
    core::unwrap(out.commit());
    return Exit::ok;
}

}  // namespace adx::tools

// SPDX-License-Identifier: Apache-2.0
#include "transport/submission.hpp"

#include "core/i18n.hpp"
#include "core/input.hpp"
#include "core/json_value.hpp"
#include "crypto/digest.hpp"
#include "jws/header.hpp"

#include <filesystem>
#include <vector>

namespace adx::transport {

using core::Error;
using core::Exit;
using core::JsonValue;
using core::tr;
using core::trf;

core::Expected<Document> digest_file(const std::string& path, std::string format) {
    auto in = core::Input::open(path);
    if (!in) return std::move(in).error();
    Document doc;
    doc.path = path;
    doc.name = std::filesystem::path(path).filename().string();
    doc.format = std::move(format);
    crypto::Digest sha(crypto::DigestAlg::sha256);
    std::vector<char> buf(1 << 20);
    for (;;) {
        auto n = in->read(buf.data(), buf.size());
        if (!n) return std::move(n).error();
        if (*n == 0) break;
        sha.update(buf.data(), *n);
        doc.size += *n;
    }
    doc.sha256 = sha.finish();
    doc.key = crypto::hex(doc.sha256);
    return doc;
}

core::Expected<void> load_detached_signature(Document& doc) {
    const std::string path = doc.path + ".jws";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return {};
    auto in = core::Input::open(path);
    if (!in) return std::move(in).error();
    std::string text(jws::k_max_jws_size + 2, '\0');
    std::size_t got = 0;
    for (;;) {
        auto n = in->read(text.data() + got, text.size() - got);
        if (!n) return std::move(n).error();
        if (*n == 0) break;
        got += *n;
        if (got == text.size()) break;
    }
    text.resize(got);
    if (text.ends_with("\r\n"))
        text.resize(text.size() - 2);
    else if (text.ends_with('\n'))
        text.pop_back();
    auto bad = [&](std::string why) {
        Error e{Exit::data, trf("'{path}' is not a detached JWS: {why}", fmt::arg("path", path), fmt::arg("why", why))};
        e.rule = "malformed-signature";
        e.where.file = path;
        return e;
    };
    if (text.size() > jws::k_max_jws_size) return bad(tr("too large"));
    const auto dots = text.find("..");
    if (dots == std::string::npos || dots == 0 || dots + 2 == text.size()) return bad(tr("not HEADER..SIGNATURE"));
    for (char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == '.';
        if (!ok) return bad(tr("a character outside base64url"));
    }
    doc.signature = std::move(text);
    return {};
}

std::string receipt_digest(const crypto::Bytes& sha256) {
    return "sha-256:" + crypto::hex(sha256);
}

std::string receipt_path(const std::string& file, const std::string& dir) {
    if (dir.empty()) return file + ".receipt.jws";
    return (std::filesystem::path(dir) / std::filesystem::path(file).filename()).string() + ".receipt.jws";
}

bool valid_format_name(std::string_view s) noexcept {
    if (s.empty() || s.size() > 64) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0);
        if (!ok) return false;
    }
    return true;
}

namespace {

Error invalid(std::string message) {
    Error e{Exit::data, trf("receipt is not valid: {reason}", fmt::arg("reason", message))};
    e.rule = "receipt-invalid";
    return e;
}

// Member key of o as a string; nullptr when absent or not a string.
const std::string* str(const JsonValue& o, std::string_view key) {
    const JsonValue* v = o.find(key);
    return v && v->is_string() ? &v->text() : nullptr;
}

std::optional<std::uint64_t> count(const JsonValue& o, std::string_view key) {
    const JsonValue* v = o.find(key);
    if (!v || !v->is_number()) return std::nullopt;
    auto n = v->as_int();
    if (!n || *n < 0) return std::nullopt;
    return static_cast<std::uint64_t>(*n);
}

core::Expected<std::vector<ReceiptProblem>> read_problems(const JsonValue& list) {
    std::vector<ReceiptProblem> out;
    if (!list.is_array()) return invalid(tr("\"problems\" is not an array"));
    for (const auto& item : list.items()) {
        if (!item.is_object()) return invalid(tr("a problem is not an object"));
        ReceiptProblem p;
        const std::string* rule = str(item, "rule");
        const std::string* message = str(item, "message");
        if (!rule || !message) return invalid(tr("a problem lacks \"rule\" or \"message\""));
        p.rule = *rule;
        p.message = *message;
        p.line = count(item, "line").value_or(0);
        p.record = count(item, "record").value_or(0);
        if (const std::string* f = str(item, "field")) p.field = *f;
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace

core::Expected<Receipt> check_receipt(std::string_view jws_text, const Document& doc, const jws::VerifyOptions& opts) {
    while (!jws_text.empty() && (jws_text.back() == '\n' || jws_text.back() == '\r')) jws_text.remove_suffix(1);
    if (jws_text.size() > k_max_receipt) return invalid(tr("larger than a receipt can be"));
    auto signed_receipt = jws::verify_compact(jws_text, opts);
    if (!signed_receipt) {
        const Error& e = signed_receipt.error();
        return invalid(e.rule.empty() ? e.message : fmt::format("[{}] {}", e.rule, e.message));
    }
    if (signed_receipt->typ != k_receipt_typ) {
        return invalid(trf("its type is '{typ}', not '{want}'", fmt::arg("typ", signed_receipt->typ),
                           fmt::arg("want", k_receipt_typ)));
    }
    auto payload = core::json_parse(signed_receipt->payload);
    if (!payload) return invalid(payload.error().message);
    if (!payload->is_object()) return invalid(tr("its payload is not a JSON object"));
    const JsonValue& p = *payload;

    Receipt r;
    const std::string* id = str(p, "submission_id");
    const std::string* status = str(p, "status");
    const std::string* digest = str(p, "digest");
    const std::string* format = str(p, "format");
    if (!id || !status || !digest || !format) {
        return invalid(tr("its payload lacks submission_id, status, digest or format"));
    }
    if (!valid_submission_id(*id)) return invalid(tr("its submission_id is not 32 lowercase hex digits"));
    if (*status != "accepted" && *status != "rejected") {
        return invalid(trf("unknown status '{status}'", fmt::arg("status", *status)));
    }
    if (*digest != receipt_digest(doc.sha256)) {
        return invalid(trf("it names digest '{got}', the document's is '{want}'", fmt::arg("got", *digest),
                           fmt::arg("want", receipt_digest(doc.sha256))));
    }
    if (!doc.format.empty() && *format != doc.format) {
        return invalid(
            trf("it names format '{got}', not '{want}'", fmt::arg("got", *format), fmt::arg("want", doc.format)));
    }
    if (auto size = count(p, "size"); size && *size != doc.size) {
        return invalid(trf("it names size {got}, the document has {want} bytes", fmt::arg("got", *size),
                           fmt::arg("want", doc.size)));
    }
    r.submission_id = *id;
    r.status = *status;
    r.digest = *digest;
    r.format = *format;
    r.size = doc.size;
    if (const std::string* s = str(p, "sender")) r.sender = *s;
    if (const std::string* s = str(p, "received_at")) r.received_at = *s;
    r.records = count(p, "records").value_or(0);
    if (const JsonValue* list = p.find("problems")) {
        auto problems = read_problems(*list);
        if (!problems) return std::move(problems).error();
        r.problems = std::move(*problems);
    }
    r.problem_count = count(p, "problem_count").value_or(r.problems.size());
    if (r.status == "rejected" && r.problem_count == 0) return invalid(tr("a rejection that lists no problem"));
    r.signer = std::move(signed_receipt->signer);
    return r;
}

}  // namespace adx::transport

// SPDX-License-Identifier: Apache-2.0
// adx send: deliver documents to the destination an adx.toml profile names
// (https:// with mutual TLS and a signed receipt, or sftp://), retrying
// temporary failures with the same idempotency key, and keep each receipt.

#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/output.hpp"
#include "tools/support/send_output.hpp"
#include "tools/tool.hpp"
#include "transport/transports.hpp"

#include <chrono>
#include <filesystem>

namespace adx::tools {

namespace {

using core::Exit;
using core::tr;
using core::trf;

// The more serious of two outcomes, for the exit status of a run over
// several files (adx-send(1), EXIT STATUS).
int rank(Exit e) noexcept {
    switch (e) {
        case Exit::ok:
            return 0;
        case Exit::data:
            return 1;
        case Exit::temp_fail:
            return 2;
        case Exit::no_input:
            return 3;
        case Exit::io:
            return 4;
        case Exit::cant_create:
            return 5;
        case Exit::unavailable:
            return 6;
        case Exit::no_perm:
            return 7;
        case Exit::config:
            return 8;
        default:
            return 9;
    }
}

// Failures that concern the destination rather than one document: the rest
// of the files are not tried.
bool stops_run(Exit e) noexcept {
    return e == Exit::temp_fail || e == Exit::no_perm || e == Exit::config;
}

class SendTool final : public Tool {
public:
    void setup(CLI::App& app) override {
        app.add_option("--to", m_to,
                       tr("the profile that names the destination (default: --profile, else defaults.profile)"))
            ->option_text("PROFILE");
        app.add_option("--format", m_format,
                       tr("the documents' format, sent as Adx-Format (default: the profile's format)"))
            ->option_text("FORMAT");
        app.add_option("--receipt-dir", m_receipt_dir,
                       tr("write receipts into DIR (default: FILE.receipt.jws beside each FILE)"))
            ->option_text("DIR");
        app.add_option("--retries", m_retries,
                       tr("attempts after the first on a temporary failure (default: the profile's retries, else 3)"))
            ->check(CLI::Range(0, 100))
            ->option_text("N");
        app.add_option("--timeout", m_timeout,
                       tr("seconds one attempt may take (default: the profile's timeout, else no limit)"))
            ->check(CLI::Range(1, 7 * 86400))
            ->option_text("S");
        add_report_option(app, m_report);
        app.add_option("FILE", m_files, tr("documents to send"))->required();
    }

    Exit run(const Context& ctx) override {
        transport::Destination dest = destination(ctx);
        for (const auto& f : m_files) {
            if (f == "-") throw core::Failure({Exit::usage, tr("adx send reads files, not standard input ('-')")});
        }
        if (!m_receipt_dir.empty() && !std::filesystem::is_directory(m_receipt_dir)) {
            throw core::Failure(
                {Exit::cant_create, trf("--receipt-dir: '{dir}' is not a directory", fmt::arg("dir", m_receipt_dir))});
        }
        SendPrinter printer(m_report, dest);
        transport::Hooks hooks;
        hooks.on_retry = [](const transport::Document& doc, const core::Error& e, int attempt,
                            transport::Millis delay) {
            core::Error w = e;
            w.message = trf("{file}: attempt {n} failed: {reason}; trying again in {seconds:.1f} s",
                            fmt::arg("file", doc.path), fmt::arg("n", attempt), fmt::arg("reason", e.message),
                            fmt::arg("seconds", static_cast<double>(delay.count()) / 1000.0));
            w.where = {};
            core::log().warning(w);
        };
        if (printer.progress_wanted()) {
            hooks.on_progress = [&printer](const transport::Document& doc, std::uint64_t sent, std::uint64_t total) {
                printer.progress(doc, sent, total);
            };
        }
        auto sender = core::unwrap(dest.transport->open(dest, std::move(hooks)));

        Exit worst = Exit::ok;
        bool stop = false;
        for (const auto& file : m_files) {
            if (stop) {
                printer.skipped(file);
                continue;
            }
            const Exit e = send_one(*sender, file, printer);
            if (rank(e) > rank(worst)) worst = e;
            stop = stops_run(e);
        }
        core::unwrap(printer.finish());
        return worst;
    }

private:
    transport::Destination destination(const Context& ctx) {
        std::string name = m_to.empty() ? ctx.profile : m_to;
        if (name.empty()) name = ctx.config.defaults().string("profile").value_or("");
        if (name.empty()) {
            throw core::Failure(
                {Exit::usage, tr("adx send needs --to PROFILE (a profile of adx.toml with the destination's url)")});
        }
        const core::Settings* settings = core::unwrap(ctx.config.profile(name));
        if (!settings) {
            throw core::Failure(
                {Exit::config, trf("no profile '{name}' in the configuration", fmt::arg("name", name))});
        }
        auto dest = core::unwrap(transport::destination_from(*settings, ctx.config.source()));
        if (m_retries) dest.retry.retries = *m_retries;
        if (m_timeout) dest.timeout = *m_timeout;
        if (dest.sm2_user_id.empty()) dest.sm2_user_id = ctx.config.defaults().string("sm2_user_id").value_or("");
        if (!m_format.empty()) dest.format = m_format;
        if (dest.transport->scheme == "https" && dest.format.empty()) {
            throw core::Failure(
                {Exit::usage, trf("adx send needs --format (or format in profile '{name}'): the receiver "
                                  "validates against it",
                                  fmt::arg("name", name))});
        }
        if (!dest.format.empty() && !transport::valid_format_name(dest.format)) {
            throw core::Failure({Exit::usage, trf("'{format}' is not a format name", fmt::arg("format", dest.format))});
        }
        return dest;
    }

    Exit send_one(transport::Sender& sender, const std::string& file, SendPrinter& printer) {
        const auto started = std::chrono::steady_clock::now();
        auto ms = [&] {
            return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
                .count();
        };
        auto doc = transport::digest_file(file, printer.destination().format);
        if (!doc) {
            core::log().error(doc.error());
            printer.failed(file, doc.error());
            return doc.error().code;
        }
        if (printer.destination().transport->scheme == "https") {
            if (auto sig = transport::load_detached_signature(*doc); !sig) {
                core::log().error(sig.error());
                printer.failed(file, sig.error());
                return sig.error().code;
            }
        }
        transport::Outcome out = sender.send(*doc);
        std::string receipt;
        if (out.receipt && !out.receipt_text.empty()) {
            receipt = transport::receipt_path(file, m_receipt_dir);
            if (auto w = save(receipt, out.receipt_text); !w) {
                // Delivered, but the proof could not be kept: say so, and fail.
                printer.result(*doc, out, "", ms());
                core::log().error(w.error());
                return w.error().code;
            }
        }
        printer.result(*doc, out, receipt, ms());
        if (out.status == transport::Status::rejected) {
            printer.problems(*doc, *out.receipt);
        } else if (out.status == transport::Status::failed) {
            core::log().error(out.error);
        }
        return out.exit;
    }

    static core::Expected<void> save(const std::string& path, const std::string& text) {
        auto out = core::Output::open(path, 0644);
        if (!out) return std::move(out).error();
        out->write(text);
        out->put('\n');
        return out->commit();
    }

    std::string m_to;
    std::string m_format;
    std::string m_receipt_dir;
    std::optional<int> m_retries;
    std::optional<long> m_timeout;
    Report m_report = Report::text;
    std::vector<std::string> m_files;
};

}  // namespace

std::unique_ptr<Tool> make_send_tool() {
    return std::make_unique<SendTool>();
}

}  // namespace adx::tools

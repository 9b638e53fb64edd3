// SPDX-License-Identifier: Apache-2.0
#include "core/i18n.hpp"
#include "tools/tool.hpp"

#include <array>

namespace adx::tools {

std::unique_ptr<Tool> make_id_tool();
std::unique_ptr<Tool> make_config_tool();
std::unique_ptr<Tool> make_formats_tool();
std::unique_ptr<Tool> make_validate_tool();
std::unique_ptr<Tool> make_key_tool();
std::unique_ptr<Tool> make_sign_tool();
std::unique_ptr<Tool> make_verify_tool();
std::unique_ptr<Tool> make_serve_tool();
std::unique_ptr<Tool> make_send_tool();

namespace {

using core::N_;

const std::array k_tools{
    ToolInfo{"id", N_("check and explain identifiers: credit codes, identity numbers, region and industry codes"),
             make_id_tool},
    ToolInfo{"config", N_("show and check the configuration (adx.toml) and its profiles"), make_config_tool},
    ToolInfo{"formats", N_("list and show the document formats adx knows, and derive their XML Schemas"),
             make_formats_tool},
    ToolInfo{"validate", N_("check documents against a format: fields, code lists, rules; every problem reported"),
             make_validate_tool},
    ToolInfo{"key", N_("generate keys, make certificate requests, issue certificates and CRLs, show them"), make_key_tool},
    ToolInfo{"sign", N_("sign a document: an enveloped XML signature, or a detached JWS for any other file"),
             make_sign_tool},
    ToolInfo{"verify", N_("verify a signature, its certificate chain and revocation; say who signed and when"),
             make_verify_tool},
    ToolInfo{"serve", N_("receive submissions over HTTPS with mutual TLS: verify, validate, store, sign receipts"),
             make_serve_tool},
    ToolInfo{"send", N_("deliver documents to a destination (HTTPS with mutual TLS, SFTP) with retries; keep the signed receipt"),
             make_send_tool},
};

}  // namespace

std::span<const ToolInfo> tools() { return k_tools; }

void add_report_option(CLI::App& app, Report& report) {
    app.add_option("--report", report, core::tr("output format: text or json (JSON Lines)"))
        ->transform(CLI::CheckedTransformer(std::map<std::string, Report>{{"text", Report::text}, {"json", Report::json}}))
        ->option_text("text|json");
}

}  // namespace adx::tools

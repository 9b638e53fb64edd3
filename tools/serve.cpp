// SPDX-License-Identifier: Apache-2.0
// adx serve: the receiving endpoint (adx-serve(1)). Reads [serve] and
// [senders.*] of the configuration, recovers the inbox, listens until
// SIGTERM or SIGINT, then stops gracefully.

#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/output.hpp"
#include "tools/tool.hpp"
#include "transport/receiver.hpp"
#include "transport/server.hpp"

#include <pthread.h>

#include <csignal>

namespace adx::tools {

namespace {

using core::Exit;
using core::tr;
using core::trf;

class ServeTool final : public Tool {
public:
    void setup(CLI::App& app) override {
        app.add_option("--listen", m_listen,
                       tr("listen on ADDRESS:PORT instead of [serve] listen (port 0: any free port)"))
            ->option_text("ADDR:PORT");
        app.add_option("--ready-file", m_ready,
                       tr("when listening, write the bound port to FILE (atomically); for scripts and tests"))
            ->option_text("FILE");
        app.add_flag("--check", m_check, tr("check the configuration, keys and inbox, recover, then exit"));
    }

    Exit run(const Context& ctx) override {
        // SIGTERM and SIGINT are taken by sigwait below: block them before
        // any thread starts, so every server thread inherits the mask.
        sigset_t stop;
        sigemptyset(&stop);
        sigaddset(&stop, SIGTERM);
        sigaddset(&stop, SIGINT);
        pthread_sigmask(SIG_BLOCK, &stop, nullptr);

        auto rc = core::unwrap(transport::receiver_config(ctx.config));
        auto sc = core::unwrap(transport::server_config(ctx.config));
        if (!m_listen.empty()) core::unwrap(transport::parse_listen(m_listen, sc.address, sc.port));
        auto receiver = core::unwrap(transport::Receiver::open(std::move(rc)));
        const auto& rep = receiver->recovery();
        if (rep.temporaries || rep.orphan_files || rep.lost_rows || rep.receipts_rewritten)
            core::log().info(
                trf("recovery: {t} temporary files, {o} files without a ledger entry, {l} entries without "
                    "their document, {r} receipts rewritten",
                    fmt::arg("t", rep.temporaries), fmt::arg("o", rep.orphan_files), fmt::arg("l", rep.lost_rows),
                    fmt::arg("r", rep.receipts_rewritten)));
        if (m_check) return Exit::ok;
        auto server = core::unwrap(transport::Server::start(std::move(sc), *receiver));
        core::log().info(trf("listening on port {port}", fmt::arg("port", server->port())));
        if (!m_ready.empty()) {
            auto out = core::unwrap(core::Output::open(m_ready));
            out.write(std::to_string(server->port()) + "\n");
            core::unwrap(out.commit());
        }
        int sig = 0;
        sigwait(&stop, &sig);
        core::log().info(trf("signal {sig}: stopping", fmt::arg("sig", sig)));
        unsigned cut = server->stop();
        if (cut)
            core::log().warning(core::Error{
                Exit::temp_fail, trf("{n} requests did not finish in time and were dropped", fmt::arg("n", cut))});
        return Exit::ok;
    }

private:
    std::string m_listen;
    std::string m_ready;
    bool m_check = false;
};

}  // namespace

std::unique_ptr<Tool> make_serve_tool() {
    return std::make_unique<ServeTool>();
}

}  // namespace adx::tools

// main.cpp — relais-server: configuration, start-up and clean shutdown.
// The HTTP side is in server.cpp; this file is about the process.
#include "auth.h"
#include "calendar.h"
#include "catalog.h"
#include "config.h"
#include "credentials.h"
#include "portal.h"
#include "demo_data.h"
#include "server.h"
#include "sqlite_store.h"
#include "static_files.h"
#include "sync_api.h"
#include "sync_service.h"
#include "users_cli.h"

#include "core/paris_time.h"

#include <httplib.h>

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

int main(int argc, char** argv)
{
    ConfigResult parsed = parse_config(argc, argv);
    if (parsed.action == ConfigAction::Help) {
        std::fputs(usage_text(), stdout);
        return 0;
    }
    if (parsed.action == ConfigAction::Error) {
        std::fprintf(stderr, "relais-server: %s\n", parsed.error.c_str());
        return 2;
    }
    const ServerConfig& cfg = parsed.config;
    const bool manage_accounts = !cfg.add_users.empty() || cfg.seed_demo_users || cfg.seed_demo_data;
    if (cfg.dist_dir.empty() && !manage_accounts) {
        std::fprintf(stderr, "relais-server: no web client folder: pass --dist DIR or set RELAIS_DIST\n");
        return 2;
    }

    // Nothing lives there yet; creating it now surfaces permission problems at
    // start rather than at the first sync.
    std::error_code ec;
    std::filesystem::create_directories(cfg.data_dir, ec);
    if (ec || !std::filesystem::is_directory(cfg.data_dir)) {
        std::fprintf(stderr, "relais-server: cannot create data folder '%s': %s\n", cfg.data_dir.c_str(),
                     ec ? ec.message().c_str() : "not a directory");
        return 1;
    }

    StaticSite site;
    std::string error;
    if (!cfg.dist_dir.empty() && !load_static_site(cfg.dist_dir, &site, &error)) {
        std::fprintf(stderr, "relais-server: %s\n", error.c_str());
        return 1;
    }

    // Bad account specs are usage errors: refuse them before touching anything.
    std::vector<UserSpec> users;
    for (const std::string& spec : cfg.add_users) {
        UserSpec u;
        if (!ParseUserSpec(spec, &u, &error)) {
            std::fprintf(stderr, "relais-server: --add-user '%s': %s\n", spec.substr(0, spec.find(':')).c_str(),
                         error.c_str());
            return 2;
        }
        users.push_back(u);
    }
    PasswordCost cost = PasswordCost::Moderate;
    ParsePasswordCost(cfg.password_cost, &cost);   // validated by parse_config

    if (!InitCrypto()) {
        std::fprintf(stderr, "relais-server: libsodium cannot be initialised\n");
        return 1;
    }
    std::unique_ptr<ServerStore> store;
    std::unique_ptr<Catalog> catalog;
    std::unique_ptr<SyncService> sync;
    try {
        store = OpenSqliteStore(cfg.data_dir);
        catalog = std::make_unique<Catalog>();
        sync = std::make_unique<SyncService>(*store, *catalog, SyncOptions{});
        if (!CheckMemberLinks(*store, users, &error)) {
            std::fprintf(stderr, "relais-server: %s\n", error.c_str());
            return 1;
        }
        for (const UserSpec& u : users) {
            AddUser(*store, u, cost);
            std::fprintf(stderr, "relais-server: account '%s' (%s) saved\n", u.login.c_str(), u.role.c_str());
        }
        if (cfg.seed_demo_users) {
            SeedDemo(*store, *sync, cost);
            std::fprintf(stderr, "relais-server: demo accounts and directory saved\n");
        }
        if (cfg.seed_demo_data) {
            DemoDataOptions demo;
            demo.scale = cfg.demo_scale;
            // By default the activity ends today in Paris and the University's
            // next sessions are ahead: a demo seeded months from now does not
            // look stale.
            const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::system_clock::now().time_since_epoch()).count();
            demo.today = cfg.demo_today ? cfg.demo_today
                                        : (now_ms + relais::ParisOffsetMinutes(now_ms) * 60000LL) / 86400000LL;
            const char* assets = std::getenv("RELAIS_ASSETS_DIR");
            demo.questionnaire_path = std::string(assets && *assets ? assets : RELAIS_ASSETS_DIR) +
                                      "/questionnaires/diagnostic-innovation-croissance.v1.json";
            DemoDataResult r = SeedDemoData(*store, *sync, *catalog, cost, demo);
            if (r.seeded)
                std::fprintf(stderr,
                             "relais-server: demo dataset saved: %zu rows (generated in %.1f s, stored in %.1f s), "
                             "accounts claire, marc, lea, sophie, nora, admin\n",
                             r.rows, r.generate_s, r.import_s);
            else
                std::fprintf(stderr, "relais-server: demo dataset already in this data folder\n");
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "relais-server: data folder '%s': %s\n", cfg.data_dir.c_str(), e.what());
        return 1;
    }
    if (cfg.dist_dir.empty())
        return 0;   // account management only

    AuthOptions auth_opts;
    auth_opts.access_ttl_ms = cfg.access_ttl_s * 1000;
    auth_opts.refresh_ttl_ms = cfg.refresh_ttl_s * 1000;
    auth_opts.login_delay_ms = cfg.login_delay_ms;
    auth_opts.cost = cost;
    AuthService auth(*store, auth_opts);
    ApiContext api{auth, *sync};
    std::string feed_key;
    try {
        feed_key = LoadOrCreateFeedKey(cfg.data_dir);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "relais-server: calendar feed key: %s\n", e.what());
        return 1;
    }
    CalendarContext calendar{*store, auth, feed_key};
    PortalOptions portal;
    portal.rate_limit = static_cast<int>(cfg.portal_rate_limit);
    portal.trust_forwarded_for = cfg.portal_trust_proxy;
    size_t bytes = 0, gz_bytes = 0;
    for (const auto& kv : site.files) {
        bytes += kv.second.body.size();
        gz_bytes += kv.second.gzip_body.empty() ? kv.second.body.size() : kv.second.gzip_body.size();
    }
    std::fprintf(stderr, "relais-server: %zu files from %s (%zu bytes, %zu gzipped)\n", site.files.size(),
                 cfg.dist_dir.c_str(), bytes, gz_bytes);

    // Block the stop signals in every thread (httplib's workers inherit the
    // mask) and take them with sigwait below: no code runs in signal context.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    // httplib writes with plain send(): a client hanging up must not kill us.
    signal(SIGPIPE, SIG_IGN);

    httplib::Server svr;
    // The portal and the calendar go before setup_server's routes: the /api
    // catch-all and the static routes match every path.
    register_calendar_routes(svr, calendar);
    register_portal_routes(svr, *store, *sync, portal);
    setup_server(svr, site, &api);

    int port = cfg.port;
    errno = 0;
    if (port == 0)
        port = svr.bind_to_any_port(cfg.host);
    else if (!svr.bind_to_port(cfg.host, port))
        port = -1;
    if (port <= 0) {
        std::fprintf(stderr, "relais-server: cannot listen on %s port %d: %s\n", cfg.host.c_str(), cfg.port,
                     errno ? std::strerror(errno) : "bind failed");
        return 1;
    }
    widen_accept_queue();

    // The one line on stdout: scripts and tests wait for it to get the port.
    bool ipv6 = cfg.host.find(':') != std::string::npos;
    std::printf("Relais listening on http://%s%s%s:%d\n", ipv6 ? "[" : "", cfg.host.c_str(), ipv6 ? "]" : "",
                port);
    std::fflush(stdout);

    std::atomic<bool> stopping{false}, listener_done{false}, listen_failed{false};
    pthread_t main_thread = pthread_self();
    std::thread listener([&] {
        svr.listen_after_bind();
        listener_done = true;
        if (!stopping) {   // the accept loop died on its own: wake main up
            std::fprintf(stderr, "relais-server: stopped accepting connections\n");
            listen_failed = true;
            pthread_kill(main_thread, SIGTERM);
        }
    });

    int sig = 0;
    sigwait(&stop_signals, &sig);
    stopping = true;
    if (!listener_done)
        std::fprintf(stderr, "relais-server: %s, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    // stop() does nothing until the accept loop runs; a signal can come
    // right after the "listening" line, before it does.
    while (!listener_done && !svr.is_running())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (!listener_done)
        svr.stop();
    listener.join();
    return listen_failed ? 1 : 0;
}

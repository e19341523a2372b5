// main.cpp — relais-server: configuration, start-up and clean shutdown.
// The HTTP side is in server.cpp; this file is about the process.
#include "config.h"
#include "server.h"
#include "static_files.h"

#include <httplib.h>

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <thread>

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
    if (cfg.dist_dir.empty()) {
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
    if (!load_static_site(cfg.dist_dir, &site, &error)) {
        std::fprintf(stderr, "relais-server: %s\n", error.c_str());
        return 1;
    }
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
    setup_server(svr, site);

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

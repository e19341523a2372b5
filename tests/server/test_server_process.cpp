// relais-server as a process: flags, environment, exit codes, signals.
#include "server_process.h"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <memory>

namespace fs = std::filesystem;

// The smallest web client the server accepts.
static void write_index(const std::string& dir)
{
    fs::create_directories(dir);
    std::ofstream(dir + "/index.html") << "<!doctype html><title>Relais</title>";
}

static bool serves_index(int port)
{
    httplib::Client cli("127.0.0.1", port);
    auto res = cli.Get("/");
    return res && res->status == 200 && res->body.find("<title>Relais</title>") != std::string::npos;
}

TEST_CASE("process: prints the listening line and stops cleanly on SIGTERM and SIGINT", "[server][process]")
{
    TempDir dist, data;
    write_index(dist.path);
    int sig = GENERATE(SIGTERM, SIGINT);

    ServerProcess server;
    bool started = server.start({"--port", "0", "--dist", dist.path, "--data", data.path});
    INFO(server.describe());
    REQUIRE(started);
    CHECK(server.host == "127.0.0.1");
    CHECK(server.port() > 0);
    CHECK(server.stdout_text == "Relais listening on http://127.0.0.1:" + std::to_string(server.port()) + "\n");
    CHECK(serves_index(server.port()));
    CHECK(server.stop(sig) == 0);
    CHECK_FALSE(serves_index(server.port()));
}

TEST_CASE("process: SIGTERM right after start still exits 0", "[server][process]")
{
    TempDir dist, data;
    write_index(dist.path);
    for (int i = 0; i < 5; i++) {
        ServerProcess server;
        REQUIRE(server.start({"--port=0", "--dist=" + dist.path, "--data=" + data.path}));
        INFO(server.describe());
        CHECK(server.stop() == 0);
    }
}

TEST_CASE("process: bad flags exit with code 2 and say why", "[server][process]")
{
    TempDir dist, data;
    write_index(dist.path);
    struct { std::vector<std::string> args; const char* message; } cases[] = {
        {{"--port", "abc"}, "invalid port 'abc'"},
        {{"--port", "70000"}, "invalid port '70000'"},
        {{"--port", "-1"}, "invalid port '-1'"},
        {{"--port=80x"}, "invalid port '80x'"},
        {{"--bogus"}, "unknown option '--bogus'"},
        {{"extra"}, "unknown option 'extra'"},
        {{"--dist"}, "--dist needs a value"},
    };
    for (const auto& c : cases) {
        std::vector<std::string> args = {"--dist", dist.path, "--data", data.path};
        args.insert(args.end(), c.args.begin(), c.args.end());
        ServerProcess server;
        CHECK_FALSE(server.start(args));
        INFO(server.describe());
        CHECK(server.exit_code == 2);
        CHECK_THAT(server.stderr_text(), Catch::Contains(c.message));
        CHECK(server.stdout_text.empty());
    }
}

TEST_CASE("process: a missing or empty web client folder is a clear error", "[server][process]")
{
    TempDir tmp, data;
    SECTION("no --dist and no RELAIS_DIST")
    {
        ServerProcess server;
        CHECK_FALSE(server.start({"--port", "0", "--data", data.path}));
        INFO(server.describe());
        CHECK(server.exit_code != 0);
        CHECK_THAT(server.stderr_text(), Catch::Contains("--dist") && Catch::Contains("RELAIS_DIST"));
    }
    SECTION("folder does not exist")
    {
        ServerProcess server;
        CHECK_FALSE(server.start({"--port", "0", "--data", data.path, "--dist", tmp.path + "/nope"}));
        INFO(server.describe());
        CHECK(server.exit_code != 0);
        CHECK_THAT(server.stderr_text(), Catch::Contains(tmp.path + "/nope") && Catch::Contains("does not exist"));
    }
    SECTION("folder without index.html")
    {
        std::ofstream(tmp.path + "/app.js") << "1";
        ServerProcess server;
        CHECK_FALSE(server.start({"--port", "0", "--data", data.path, "--dist", tmp.path}));
        INFO(server.describe());
        CHECK(server.exit_code != 0);
        CHECK_THAT(server.stderr_text(), Catch::Contains("index.html"));
    }
}

TEST_CASE("process: --help prints usage and exits 0", "[server][process]")
{
    ServerProcess server;
    CHECK_FALSE(server.start({"--help"}));
    INFO(server.describe());
    CHECK(server.exit_code == 0);
    CHECK_THAT(server.stdout_text, Catch::Contains("Usage: relais-server") && Catch::Contains("RELAIS_PORT"));
}

TEST_CASE("process: RELAIS_* environment variables configure it", "[server][process]")
{
    TempDir dist, tmp;
    write_index(dist.path);
    std::string data = tmp.path + "/nested/data";
    int port = find_free_port();
    REQUIRE(port > 0);

    ServerProcess server;
    bool started = server.start({}, {"RELAIS_PORT=" + std::to_string(port), "RELAIS_DIST=" + dist.path,
                                     "RELAIS_DATA=" + data, "RELAIS_HOST=127.0.0.1"});
    INFO(server.describe());
    REQUIRE(started);
    CHECK(server.port() == port);
    CHECK(fs::is_directory(data));   // created, parents included
    CHECK(serves_index(port));
    CHECK(server.stop() == 0);
}

TEST_CASE("process: flags win over the environment", "[server][process]")
{
    TempDir dist, data;
    write_index(dist.path);
    ServerProcess server;
    bool started = server.start({"--port", "0", "--dist", dist.path, "--data", data.path},
                                {"RELAIS_PORT=not-a-port", "RELAIS_DIST=/nonexistent", "RELAIS_DATA=/proc/nope"});
    INFO(server.describe());
    REQUIRE(started);
    CHECK(serves_index(server.port()));
}

TEST_CASE("process: a bad RELAIS_PORT is a usage error too", "[server][process]")
{
    TempDir dist, data;
    write_index(dist.path);
    ServerProcess server;
    CHECK_FALSE(server.start({"--dist", dist.path, "--data", data.path}, {"RELAIS_PORT=eighty"}));
    INFO(server.describe());
    CHECK(server.exit_code == 2);
    CHECK_THAT(server.stderr_text(), Catch::Contains("RELAIS_PORT"));
}

TEST_CASE("process: a port already in use fails with exit 1", "[server][process]")
{
    TempDir dist, data;
    write_index(dist.path);
    ServerProcess first;
    REQUIRE(first.start({"--port", "0", "--dist", dist.path, "--data", data.path}));

    ServerProcess second;
    CHECK_FALSE(second.start({"--port", std::to_string(first.port()), "--dist", dist.path, "--data", data.path}));
    INFO(second.describe());
    CHECK(second.exit_code == 1);
    CHECK_THAT(second.stderr_text(), Catch::Contains("cannot listen"));
    CHECK(serves_index(first.port()));
}

// Connections the kernel completes for the server while it is not accepting
// (stopped with SIGSTOP): as many as its accept queue holds. httplib's own
// backlog is 5; under load the dropped SYNs each cost a 1 s retransmission.
static int connections_queued(int port, int tries)
{
    std::vector<int> socks;
    for (int i = 0; i < tries; i++) {
        int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
        socks.push_back(s);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // SYN-ACKs on loopback: well under that
    int done = 0;
    for (int s : socks) {
        pollfd p{s, POLLOUT, 0};
        int err = 0;
        socklen_t len = sizeof err;
        if (poll(&p, 1, 0) == 1 && getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0)
            done++;
        close(s);
    }
    return done;
}

TEST_CASE("process: connections wait in a long accept queue, not dropped after five", "[server][process]")
{
    TempDir dist, data;
    write_index(dist.path);
    ServerProcess server;
    REQUIRE(server.start({"--port", "0", "--dist", dist.path, "--data", data.path}));
    kill(server.pid, SIGSTOP);
    const int queued = connections_queued(server.port(), 40);
    kill(server.pid, SIGCONT);
    CHECK(queued == 40);
    CHECK(serves_index(server.port()));
    CHECK(server.stop(SIGTERM) == 0);
}

// httplib keeps a worker on a connection while it is kept alive, idle or not.
// Browsers keep theirs alive: with httplib's default pool of 8, the ninth
// device to sync waited for an idle one to time out (1 s), the seventeenth
// for two (see kWorkers). 24 devices each sending one request on its own
// kept-alive connection, one after the other, must not wait on each other.
TEST_CASE("process: idle kept-alive connections do not hold up other devices", "[server][process]")
{
    TempDir dist, data;
    write_index(dist.path);
    ServerProcess server;
    REQUIRE(server.start({"--port", "0", "--dist", dist.path, "--data", data.path}));
    std::vector<std::unique_ptr<httplib::Client>> devices;
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < 24; i++) {
        devices.push_back(std::make_unique<httplib::Client>("127.0.0.1", server.port()));
        devices.back()->set_keep_alive(true);
        auto res = devices.back()->Get("/api/health");
        REQUIRE(res);
        CHECK(res->status == 200);
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    INFO("24 requests took " << ms << " ms");
    CHECK(ms < 900);  // 8 workers: at least 2 x 1 s; 32: a few ms
    CHECK(server.stop(SIGTERM) == 0);
}

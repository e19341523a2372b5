// server_process.h — runs the real relais-server binary (RELAIS_SERVER_BIN)
// as a child process for integration tests: start it, learn its port from
// the "Relais listening on http://HOST:PORT" line, stop it with a signal.
// Header-only and free of Catch2 so every server test file can share it.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

// A fresh folder under $TMPDIR (or /tmp), removed with everything in it.
struct TempDir {
    std::string path;
    TempDir()
    {
        std::string tmpl = (std::filesystem::temp_directory_path() / "relais-test-XXXXXX").string();
        if (mkdtemp(&tmpl[0]))
            path = tmpl;
    }
    ~TempDir()
    {
        std::error_code ec;
        if (!path.empty())
            std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

inline long long elapsed_ms_since(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
}

// exit code as a shell shows it: 0-255, or 128 + signal number.
inline int decode_wait_status(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return -1;
}

struct ServerProcess {
    pid_t pid = -1;
    int exit_code = -1;        // set once the process has been reaped
    std::string host;          // from the listening line
    int bound_port = 0;
    std::string stdout_text;   // everything read from its stdout so far
    std::string stderr_path;   // stderr goes to a file: a chatty server never blocks on a full pipe
    int stdout_fd = -1;

    ServerProcess() = default;
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;
    ~ServerProcess()
    {
        kill_hard();
        if (stdout_fd >= 0)
            close(stdout_fd);
        if (!stderr_path.empty())
            unlink(stderr_path.c_str());
    }

    // Runs the server with args. env holds "NAME=value" entries added to a copy
    // of this process's environment from which every RELAIS_* variable is
    // removed, so a developer's shell cannot change what the tests see.
    // True once the listening line arrived; false if the process exited first
    // (exit_code is then set) or timeout_ms passed (the process is killed).
    bool start(const std::vector<std::string>& args, const std::vector<std::string>& env = {},
               int timeout_ms = 10000)
    {
        // The tests write to sockets the server may close: an EPIPE is a test
        // failure to report, not a reason for the whole binary to die.
        signal(SIGPIPE, SIG_IGN);

        std::string tmpl = (std::filesystem::temp_directory_path() / "relais-server-stderr-XXXXXX").string();
        int err_fd = mkostemp(&tmpl[0], O_CLOEXEC);
        if (err_fd < 0)
            return false;
        stderr_path = tmpl;
        int out_pipe[2];
        if (pipe2(out_pipe, O_CLOEXEC) != 0) {
            close(err_fd);
            return false;
        }

        std::vector<std::string> argv_s = {RELAIS_SERVER_BIN};
        argv_s.insert(argv_s.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& s : argv_s)
            argv.push_back(&s[0]);
        argv.push_back(nullptr);

        std::vector<std::string> env_s;
        for (char** e = environ; *e; e++)
            if (std::strncmp(*e, "RELAIS_", 7) != 0)
                env_s.push_back(*e);
        env_s.insert(env_s.end(), env.begin(), env.end());
        std::vector<char*> envp;
        for (auto& s : env_s)
            envp.push_back(&s[0]);
        envp.push_back(nullptr);

        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_adddup2(&fa, out_pipe[1], 1);
        posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
        int rc = posix_spawn(&pid, RELAIS_SERVER_BIN, &fa, nullptr, argv.data(), envp.data());
        posix_spawn_file_actions_destroy(&fa);
        close(out_pipe[1]);
        close(err_fd);
        stdout_fd = out_pipe[0];
        if (rc != 0) {
            pid = -1;
            return false;
        }
        return wait_for_listening_line(timeout_ms);
    }

    int port() const { return bound_port; }
    bool running() const { return pid > 0; }

    // Sends sig (SIGTERM by default) and waits; returns the exit code, or -1
    // if it did not exit within timeout_ms and had to be killed.
    int stop(int sig = SIGTERM, int timeout_ms = 5000)
    {
        if (pid <= 0)
            return exit_code;
        kill(pid, sig);
        if (wait_exit(timeout_ms))
            return exit_code;
        kill_hard();
        return -1;
    }

    // SIGKILL and reap: for cleanup and crash tests.
    void kill_hard()
    {
        if (pid <= 0)
            return;
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        exit_code = decode_wait_status(status);
        pid = -1;
    }

    // Waits for the process to exit by itself; true when it did.
    bool wait_exit(int timeout_ms = 5000)
    {
        auto t0 = std::chrono::steady_clock::now();
        while (pid > 0) {
            int status = 0;
            pid_t r = waitpid(pid, &status, WNOHANG);
            if (r == pid) {
                exit_code = decode_wait_status(status);
                pid = -1;
                break;
            }
            if (elapsed_ms_since(t0) > timeout_ms)
                return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        drain_stdout();
        return true;
    }

    std::string stderr_text() const
    {
        std::ifstream in(stderr_path, std::ios::binary);
        return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    }

    // Everything the test knows, for failure messages.
    std::string describe() const
    {
        return "exit code " + std::to_string(exit_code) + "\nstdout: " + stdout_text + "\nstderr: " + stderr_text();
    }

private:
    bool wait_for_listening_line(int timeout_ms)
    {
        static const std::string prefix = "Relais listening on http://";
        auto t0 = std::chrono::steady_clock::now();
        for (;;) {
            size_t nl = stdout_text.find('\n');
            if (nl != std::string::npos) {
                std::string line = stdout_text.substr(0, nl);
                size_t colon = line.rfind(':');
                if (line.rfind(prefix, 0) == 0 && colon > prefix.size()) {
                    host = line.substr(prefix.size(), colon - prefix.size());
                    bound_port = std::atoi(line.c_str() + colon + 1);
                    return bound_port > 0;
                }
                wait_exit(1000);   // some other output (--help): let it finish
                return false;
            }
            long long left = timeout_ms - elapsed_ms_since(t0);
            if (left <= 0) {
                kill_hard();
                return false;
            }
            pollfd p{stdout_fd, POLLIN, 0};
            if (poll(&p, 1, (int)left) <= 0)
                continue;
            char buf[4096];
            ssize_t n = read(stdout_fd, buf, sizeof buf);
            if (n > 0) {
                stdout_text.append(buf, (size_t)n);
            } else if (n == 0) {   // stdout closed: it exited
                if (!wait_exit(timeout_ms))
                    kill_hard();
                return false;
            }
        }
    }

    void drain_stdout()
    {
        if (stdout_fd < 0)
            return;
        char buf[4096];
        pollfd p{stdout_fd, POLLIN, 0};
        while (poll(&p, 1, 0) > 0) {
            ssize_t n = read(stdout_fd, buf, sizeof buf);
            if (n <= 0)
                break;
            stdout_text.append(buf, (size_t)n);
        }
    }
};

// A port that was free a moment ago (for tests that must choose the port).
inline int find_free_port()
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    int port = 0;
    if (bind(fd, (sockaddr*)&a, sizeof a) == 0 && getsockname(fd, (sockaddr*)&a, &len) == 0)
        port = ntohs(a.sin_port);
    close(fd);
    return port;
}

// Sends request bytes exactly as given (no client normalising the path or
// adding headers) and returns the whole response; the request should carry
// "Connection: close" so the server ends it.
inline std::string raw_http(int port, const std::string& request, int timeout_ms = 5000)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string response;
    if (connect(fd, (sockaddr*)&a, sizeof a) == 0 &&
        send(fd, request.data(), request.size(), MSG_NOSIGNAL) == (ssize_t)request.size()) {
        auto t0 = std::chrono::steady_clock::now();
        for (;;) {
            long long left = timeout_ms - elapsed_ms_since(t0);
            pollfd p{fd, POLLIN, 0};
            if (left <= 0 || poll(&p, 1, (int)left) <= 0)
                break;
            char buf[4096];
            ssize_t n = recv(fd, buf, sizeof buf, 0);
            if (n <= 0)
                break;
            response.append(buf, (size_t)n);
        }
    }
    close(fd);
    return response;
}

// server.cpp — limits, headers, error bodies and route order.
#include "server.h"

#include "api.h"
#include "static_files.h"

#include <httplib.h>
#include <sys/socket.h>

#include <string>

static const char* reason_for(int status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 414: return "URI Too Long";
    case 416: return "Range Not Satisfiable";
    case 500: return "Internal Server Error";
    default: return "Error";
    }
}

static const char* code_for(int status)
{
    switch (status) {
    case 400: return "bad_request";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 413: return "payload_too_large";
    case 500: return "internal_error";
    default: return "error";
    }
}

static socket_t listen_socket = INVALID_SOCKET;

void widen_accept_queue()
{
    // httplib listens with a backlog of 5. Devices that open a connection per
    // request overflowed it under load: the kernel dropped their SYNs, and
    // each drop cost a one-second retransmission (the p99 of the sync bench).
    if (listen_socket != INVALID_SOCKET)
        listen(listen_socket, SOMAXCONN);
}

void setup_server(httplib::Server& svr, const StaticSite& site, ApiContext* ctx)
{
    svr.set_payload_max_length(kMaxRequestBody);

    // Without TCP_NODELAY a small answer written after its headers waits for
    // the client's delayed ACK: 40 ms on every other sync request.
    svr.set_tcp_nodelay(true);

    // httplib serves a connection on one worker until it closes, and a
    // browser's kept-alive connection holds its worker while idle, for the
    // keep-alive timeout (1 s; 5 s by default; 0 makes devices race the
    // close and fail requests). With httplib's 8 workers, 50 devices syncing
    // now and then queued behind each other's idle connections: p99 2 s at
    // 1,500 changes per second. kWorkers (64) mostly wait; the CPU-bound
    // pulls behind them are bounded by PullGate (sync_api.cpp). The worker
    // counts tried, and what each cost flat out: docs/benchmarks.md.
    svr.set_keep_alive_timeout(1);
    svr.new_task_queue = [] { return new httplib::ThreadPool(kWorkers); };

    // httplib's default also sets SO_REUSEPORT, which lets a second server
    // bind the same port and silently take half the connections. Keep only
    // SO_REUSEADDR (a restart must not wait for TIME_WAIT).
    svr.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        listen_socket = sock;  // only the listening socket comes here
    });

    // Sent on every response, errors included (httplib copies them first).
    svr.set_default_headers({
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
    });

    // httplib's own errors (413, 400 on a bad request line, ...) have no body:
    // give them one in the shape the path expects. Handlers' bodies are kept.
    svr.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty() || res.content_provider_)
            return;
        if (is_api_path(req.path))
            set_json_error(res, res.status, code_for(res.status), reason_for(res.status));
        else
            res.set_content(std::to_string(res.status) + " " + reason_for(res.status) + "\n",
                            "text/plain; charset=utf-8");
    });

    // Order matters: httplib takes the first matching pattern, and the static
    // routes match every path.
    register_api_routes(svr, ctx);
    register_static_routes(svr, site);
}

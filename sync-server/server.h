// server.h — everything installed on the httplib::Server, in one place, so
// main() stays about process concerns and the route order is visible.
#pragma once

#include <cstddef>

namespace httplib { class Server; }
struct StaticSite;
struct ApiContext;

// Larger request bodies get 413 before a handler runs. Sync batches are far
// smaller; this only stops a client from filling memory.
constexpr size_t kMaxRequestBody = 8u * 1024 * 1024;

// Connections served at once (one worker each, idle kept-alive ones too).
// More than the devices syncing at once: a connection beyond kWorkers waits
// for another to close (up to the keep-alive second). 32 for 50 devices left
// pull and push p99 at 210 ms on the wire at 5,000 changes per second; 64,
// 110 ms; 128 and 256, no better (docs/benchmarks.md).
constexpr int kWorkers = 64;

// site and ctx must outlive svr: handlers keep a reference. ctx null: no
// login or sync routes (static files and /api/health only).
void setup_server(httplib::Server& svr, const StaticSite& site, ApiContext* ctx);

// After bind_to_port: a longer queue of connections waiting to be accepted
// than httplib's. Linux lets a listening socket be listened on again.
void widen_accept_queue();

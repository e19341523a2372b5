// api.h — the JSON API under /api/: /api/health here, login and sync in
// sync_api.cpp (registered through this function, before the catch-all).
#pragma once
#include <string>

namespace httplib { class Server; struct Response; }
struct ApiContext;

// Registers the API routes, then a catch-all that answers any other /api/
// path with a JSON 404 (so the static routes never see /api/ paths).
// New endpoints go in before that catch-all. ctx: the login and sync routes
// (none when null); it must outlive svr.
void register_api_routes(httplib::Server& svr, ApiContext* ctx);

// {"error":code,"message":message}: the shape every API error has, so the
// client can branch on "error" and show "message".
void set_json_error(httplib::Response& res, int status, const char* code, const std::string& message);

bool is_api_path(const std::string& path);

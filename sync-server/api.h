// api.h — the JSON API under /api/. Today only /api/health; login and sync
// will register here too.
#pragma once
#include <string>

namespace httplib { class Server; struct Response; }

// Registers the API routes, then a catch-all that answers any other /api/
// path with a JSON 404 (so the static routes never see /api/ paths).
// New endpoints go in before that catch-all.
void register_api_routes(httplib::Server& svr);

// {"error":code,"message":message}: the shape every API error has, so the
// client can branch on "error" and show "message".
void set_json_error(httplib::Response& res, int status, const char* code, const std::string& message);

bool is_api_path(const std::string& path);

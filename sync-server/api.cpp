// api.cpp — /api/health and the JSON error shape.
#include "api.h"

#include "accounts.h"
#include "auth.h"
#include "sync_api.h"

#include <httplib.h>

#include <cstdio>

#ifndef RELAIS_VERSION
#define RELAIS_VERSION "0.0.0"
#endif

bool is_api_path(const std::string& path)
{
    return path == "/api" || path.rfind("/api/", 0) == 0;
}

static std::string json_escape(const std::string& s)
{
    std::string out;
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += (char)c;
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += (char)c;
        }
    }
    return out;
}

void set_json_error(httplib::Response& res, int status, const char* code, const std::string& message)
{
    res.status = status;
    res.set_header("Cache-Control", "no-store");
    res.set_content(std::string("{\"error\":\"") + code + "\",\"message\":\"" + json_escape(message) + "\"}",
                    "application/json");
}

void register_api_routes(httplib::Server& svr, ApiContext* ctx)
{
    // For load balancers, uptime checks and the client's "server reachable?".
    svr.Get("/api/health", [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");   // a cached "ok" would lie
        res.set_content("{\"status\":\"ok\",\"version\":\"" RELAIS_VERSION "\"}", "application/json");
    });

    if (ctx) {
        register_sync_routes(svr, *ctx);
        register_account_routes(svr, ctx->auth);
    }

    // Last: unknown endpoints, any method.
    auto not_found = [](const httplib::Request& req, httplib::Response& res) {
        set_json_error(res, 404, "not_found", "no API endpoint " + req.method + " " + req.path);
    };
    const char* any_api = "/api(/.*)?";
    svr.Get(any_api, not_found);
    svr.Post(any_api, not_found);
    svr.Put(any_api, not_found);
    svr.Patch(any_api, not_found);
    svr.Delete(any_api, not_found);
    svr.Options(any_api, not_found);
}

// config.h — how the server is told where to listen and what to serve.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

// Filled from command-line flags, then RELAIS_* environment variables, then
// defaults: a flag always wins, so a wrapper script can override the env.
struct ServerConfig {
    std::string host = "127.0.0.1";      // loopback: a reverse proxy fronts it
    int port = 8080;                     // 0 = let the kernel pick a free port
    std::string data_dir = "./relais-data";
    std::string dist_dir;                // the built web client; required unless only managing users

    // Sessions (flags only). Short lifetimes are for tests.
    int64_t access_ttl_s = 3600;                  // access token: 1 h
    int64_t refresh_ttl_s = 30 * 24 * 3600;       // refresh token: 30 days
    int64_t login_delay_ms = 30000;               // first lock-out after repeated failed logins
    std::string password_cost = "moderate";       // of new password hashes: moderate | interactive | min

    // Account management, done before serving (or instead, without --dist).
    std::vector<std::string> add_users;           // "login:password:role[:member_id]", repeatable
    bool seed_demo_users = false;

    // Orientation portal: contact requests per client address per hour.
    int64_t portal_rate_limit = 10;
    bool portal_trust_proxy = false;      // see PortalOptions::trust_forwarded_for
    // The full demo dataset (demo_data.h), at this scale of activity.
    bool seed_demo_data = false;
    double demo_scale = 1.0;
    // The dataset's "today" (days since 1970-01-01); 0: the day it is seeded.
    int64_t demo_today = 0;
};

enum class ConfigAction { Run, Help, Error };

struct ConfigResult {
    ConfigAction action = ConfigAction::Run;
    ServerConfig config;
    std::string error;                   // one line, set when action == Error
};

// Parses argv and the environment. Does not touch the file system.
ConfigResult parse_config(int argc, char** argv);

const char* usage_text();

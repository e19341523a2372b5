// config.cpp — flags and environment for relais-server.
#include "config.h"

#include <cstdlib>
#include <cstring>

#include "core/civil_date.h"
#include "core/model/french_codes.h"

const char* usage_text()
{
    return "Usage: relais-server [options]\n"
           "\n"
           "Serves the Relais web client and its login and sync API.\n"
           "\n"
           "Options (each can also come from the environment; a flag wins):\n"
           "  --host HOST   address to listen on      RELAIS_HOST  (default 127.0.0.1)\n"
           "  --port N      port, 0 picks a free one  RELAIS_PORT  (default 8080)\n"
           "  --data DIR    server data folder        RELAIS_DATA  (default ./relais-data)\n"
           "  --dist DIR    built web client folder   RELAIS_DIST  (required)\n"
           "  --help        show this text\n"
           "\n"
           "Sessions and accounts (flags only):\n"
           "  --access-ttl SECONDS      access token lifetime (default 3600)\n"
           "  --refresh-ttl SECONDS     refresh token lifetime (default 2592000, 30 days)\n"
           "  --login-delay-ms N        first lock-out after 5 failed logins, doubling (default 30000)\n"
           "  --password-cost C         cost of new password hashes: moderate (default),\n"
           "                            interactive, or min (tests only)\n"
           "  --add-user L:P:ROLE[:M]   create or update account L with password P, role\n"
           "                            advisor|trainee|office_staff|admin and member id M\n"
           "                            (one account per member); repeatable\n"
           "  --seed-demo-users         create the demo organisations, members, course and\n"
           "                            accounts (password relais-demo)\n"
           "  --seed-demo-data          load the demo dataset (6 offices, 350 members, 2,000\n"
           "                            companies, 20,000 case notes, the University...) and\n"
           "                            the same accounts mapped onto demo members; once per\n"
           "                            data folder (questionnaire from RELAIS_ASSETS_DIR)\n"
           "  --demo-scale X            activity of that dataset, 0.01 to 10 (default 1)\n"
           "  --demo-today YYYY-MM-DD   the day its activity ends (default: the day it is\n"
           "                            seeded; a fixed day gives the same data every time)\n"
           "Without --dist, account options run and the program exits.\n"
           "\n"
           "Orientation portal (/portail):\n"
           "  --portal-rate-limit N     contact requests accepted per client address per\n"
           "                            hour (default 10; more get 429)\n"
           "  --portal-trust-proxy      count per the last X-Forwarded-For address when the\n"
           "                            peer is loopback (a reverse proxy on this host)\n"
           "\n"
           "Prints \"Relais listening on http://HOST:PORT\" once ready.\n"
           "SIGINT or SIGTERM stop it cleanly.\n";
}

// Strict: the whole string must be digits, so "80x" or "-1" are errors
// rather than silently becoming 80 or a huge number.
static bool parse_port(const std::string& s, int* out)
{
    if (s.empty() || s.size() > 5)
        return false;
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    long v = std::strtol(s.c_str(), nullptr, 10);
    if (v > 65535)
        return false;
    *out = (int)v;
    return true;
}

// A whole number from min to max (seconds, milliseconds).
static bool parse_count(const std::string& s, int64_t min, int64_t max, int64_t* out)
{
    if (s.empty() || s.size() > 12)
        return false;
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    long long v = std::strtoll(s.c_str(), nullptr, 10);
    if (v < min || v > max)
        return false;
    *out = v;
    return true;
}

ConfigResult parse_config(int argc, char** argv)
{
    ConfigResult r;
    // Flag values first; empty optional = not given.
    bool has_host = false, has_port = false, has_data = false, has_dist = false;
    std::string host, port, data, dist;
    bool has_access = false, has_refresh = false, has_delay = false, has_cost = false, has_user = false;
    std::string access, refresh, delay, cost, user;
    bool has_portal_rate = false;
    std::string portal_rate;
    bool has_scale = false, has_today = false;
    std::string scale, today;

    for (int i = 1; i < argc; i++) {
        std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            r.action = ConfigAction::Help;
            return r;
        }
        if (arg == "--seed-demo-users") {
            r.config.seed_demo_users = true;
            continue;
        }
        if (arg == "--portal-trust-proxy") {
            r.config.portal_trust_proxy = true;
            continue;
        }
        if (arg == "--seed-demo-data") {
            r.config.seed_demo_data = true;
            continue;
        }
        // Accept both "--port 8080" and "--port=8080".
        std::string name = arg, value;
        bool inline_value = false;
        size_t eq = arg.find('=');
        if (arg.rfind("--", 0) == 0 && eq != std::string::npos) {
            name = arg.substr(0, eq);
            value = arg.substr(eq + 1);
            inline_value = true;
        }
        std::string* slot = nullptr;
        bool* seen = nullptr;
        if (name == "--host")      { slot = &host; seen = &has_host; }
        else if (name == "--port") { slot = &port; seen = &has_port; }
        else if (name == "--data") { slot = &data; seen = &has_data; }
        else if (name == "--dist") { slot = &dist; seen = &has_dist; }
        else if (name == "--access-ttl") { slot = &access; seen = &has_access; }
        else if (name == "--refresh-ttl") { slot = &refresh; seen = &has_refresh; }
        else if (name == "--login-delay-ms") { slot = &delay; seen = &has_delay; }
        else if (name == "--password-cost") { slot = &cost; seen = &has_cost; }
        else if (name == "--add-user") { slot = &user; seen = &has_user; }
        else if (name == "--portal-rate-limit") { slot = &portal_rate; seen = &has_portal_rate; }
        else if (name == "--demo-scale") { slot = &scale; seen = &has_scale; }
        else if (name == "--demo-today") { slot = &today; seen = &has_today; }
        else {
            r.action = ConfigAction::Error;
            r.error = "unknown option '" + arg + "' (see --help)";
            return r;
        }
        if (!inline_value) {
            if (i + 1 >= argc) {
                r.action = ConfigAction::Error;
                r.error = "option " + name + " needs a value";
                return r;
            }
            value = argv[++i];
        }
        *slot = value;
        *seen = true;
        if (slot == &user)   // repeatable
            r.config.add_users.push_back(value);
    }

    // Environment fills what flags left out.
    auto from_env = [](bool given, std::string* slot, const char* var, bool* seen) {
        if (given)
            return;
        if (const char* v = std::getenv(var)) {
            *slot = v;
            *seen = true;
        }
    };
    bool env_port = false;
    from_env(has_host, &host, "RELAIS_HOST", &has_host);
    from_env(has_port, &port, "RELAIS_PORT", &env_port);
    from_env(has_data, &data, "RELAIS_DATA", &has_data);
    from_env(has_dist, &dist, "RELAIS_DIST", &has_dist);

    ServerConfig& c = r.config;
    if (has_host) {
        if (host.empty()) {
            r.action = ConfigAction::Error;
            r.error = "empty host";
            return r;
        }
        c.host = host;
    }
    if (has_port || env_port) {
        if (!parse_port(port, &c.port)) {
            r.action = ConfigAction::Error;
            r.error = std::string("invalid port '") + port + "'" + (has_port ? "" : " (from RELAIS_PORT)") +
                      ": expected a number from 0 to 65535";
            return r;
        }
    }
    if (has_data && !data.empty())
        c.data_dir = data;
    if (has_dist)
        c.dist_dir = dist;

    struct { bool given; const std::string& text; const char* flag; int64_t min, max; int64_t* out; } counts[] = {
        {has_access, access, "--access-ttl", 1, 366LL * 24 * 3600, &c.access_ttl_s},
        {has_refresh, refresh, "--refresh-ttl", 1, 366LL * 24 * 3600, &c.refresh_ttl_s},
        {has_delay, delay, "--login-delay-ms", 1, 3600LL * 1000, &c.login_delay_ms},
        {has_portal_rate, portal_rate, "--portal-rate-limit", 1, 100000, &c.portal_rate_limit},
    };
    for (const auto& n : counts) {
        if (n.given && !parse_count(n.text, n.min, n.max, n.out)) {
            r.action = ConfigAction::Error;
            r.error = std::string("invalid ") + n.flag + " '" + n.text + "': expected a number from " +
                      std::to_string(n.min) + " to " + std::to_string(n.max);
            return r;
        }
    }
    if (has_cost) {
        if (cost != "moderate" && cost != "interactive" && cost != "min") {
            r.action = ConfigAction::Error;
            r.error = "invalid --password-cost '" + cost + "': expected moderate, interactive or min";
            return r;
        }
        c.password_cost = cost;
    }
    if (has_scale) {
        char* end = nullptr;
        double v = scale.empty() ? 0 : std::strtod(scale.c_str(), &end);
        if (scale.empty() || *end != '\0' || !(v >= 0.01 && v <= 10)) {
            r.action = ConfigAction::Error;
            r.error = "invalid --demo-scale '" + scale + "': expected a number from 0.01 to 10";
            return r;
        }
        c.demo_scale = v;
    }
    if (has_today) {
        if (!relais::IsValidIsoDate(today)) {
            r.action = ConfigAction::Error;
            r.error = "invalid --demo-today '" + today + "': expected a date YYYY-MM-DD";
            return r;
        }
        c.demo_today = relais::DaysFromCivil(std::stoi(today.substr(0, 4)), std::stoi(today.substr(5, 2)),
                                             std::stoi(today.substr(8, 2)));
    }
    if (c.seed_demo_users && c.seed_demo_data) {
        r.action = ConfigAction::Error;
        r.error = "--seed-demo-users and --seed-demo-data both make the demo accounts: choose one";
        return r;
    }
    return r;
}

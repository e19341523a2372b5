// config.h — how the server is told where to listen and what to serve.
#pragma once
#include <string>

// Filled from command-line flags, then RELAIS_* environment variables, then
// defaults: a flag always wins, so a wrapper script can override the env.
struct ServerConfig {
    std::string host = "127.0.0.1";      // loopback: a reverse proxy fronts it
    int port = 8080;                     // 0 = let the kernel pick a free port
    std::string data_dir = "./relais-data";
    std::string dist_dir;                // the built web client; required
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

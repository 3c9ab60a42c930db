// The command line of tickets_server.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tickets_server {

struct Options {
    std::string host = "127.0.0.1";
    int port = 8080; // 0: any free port, printed on start
    std::string db_path = "build/tickets.db";
    std::string static_dir;  // empty: no static files
    std::string config_path; // empty: same-origin page, no portal, cookie credentials
    std::optional<int> portal_port;
    std::string portal_dir;
    std::optional<std::int64_t> seed_many;
    std::vector<std::string> cors_origins;
    std::string admin_token; // empty: no /admin paths
    bool quiet = false;      // no request log lines
    bool show_help = false;
};

struct OptionsResult {
    Options options;
    std::string error; // empty when the command line was understood
};

// Reads argv; `port_from_env` is the PORT variable, used when --port is absent.
OptionsResult parse_options(int argc, char** argv, const char* port_from_env);

const char* help_text();

} // namespace tickets_server

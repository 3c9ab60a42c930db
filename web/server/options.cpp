#include "options.h"

#include <charconv>
#include <string_view>

namespace tickets_server {

namespace {

std::optional<std::int64_t> parse_integer(std::string_view text) {
    std::int64_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || text.empty()) {
        return std::nullopt;
    }
    return value;
}

std::optional<int> parse_port(std::string_view text) {
    const auto value = parse_integer(text);
    if (!value || *value < 0 || *value > 65535) {
        return std::nullopt;
    }
    return static_cast<int>(*value);
}

} // namespace

const char* help_text() {
    return R"(tickets_server: the reference server of the tickets page.

Serves the tickets API (GET /me/tickets, GET /me/tickets/:id, POST /me/tickets/:id,
POST /me/tickets/:id/close) on SQLite, and the page's static files.

Usage: tickets_server [options]

  --host HOST          address to listen on (default 127.0.0.1)
  --port N             port (default 8080, or the PORT environment variable; 0 picks a
                       free port, printed on start)
  --db PATH            SQLite database (default build/tickets.db); created with demo data
                       on first start when absent
  --static DIR         serve this folder at / (e.g. build/site)
  --config FILE        the deployment config.json: api_base, portal_origins (CORS allow-list
                       and CSP frame-ancestors), credentials (cookie, bearer or key)
  --portal-port N      also serve --portal-dir on this port: a second origin for a demo portal
  --portal-dir DIR     the demo portal's folder
  --cors-origin ORIGIN one more origin allowed by CORS (repeatable; exact match)
  --seed-many N        when creating a fresh database, give the demo customer N generated
                       tickets instead of the demo ones (benchmarks)
  --admin-token T      enable POST /admin/revoke (header Authorization: Bearer T, form field
                       email): revokes that customer's key, token and sessions (tests)
  --quiet              no request log lines on stderr
  --help               this text

On start it prints each customer's e-mail, API key and bearer token (local demo data), then
the URL it listens on. SIGINT or SIGTERM stop it cleanly.
)";
}

OptionsResult parse_options(int argc, char** argv, const char* port_from_env) {
    OptionsResult result;
    Options& options = result.options;
    bool port_given = false;

    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        std::string value;
        bool has_inline_value = false;
        if (const auto equals = arg.find('='); arg.starts_with("--") && equals != arg.npos) {
            value = std::string(arg.substr(equals + 1));
            arg = arg.substr(0, equals);
            has_inline_value = true;
        }

        const auto flag = [&](std::string_view name) { return arg == name && !has_inline_value; };
        const auto take_value = [&](std::string_view name) {
            if (arg != name) {
                return false;
            }
            if (!has_inline_value) {
                if (i + 1 >= argc) {
                    result.error = std::string(name) + " needs a value";
                    return true;
                }
                value = argv[++i];
            }
            return true;
        };

        if (flag("--help") || flag("-h")) {
            options.show_help = true;
        } else if (flag("--quiet")) {
            options.quiet = true;
        } else if (take_value("--host")) {
            options.host = value;
        } else if (take_value("--port")) {
            const auto port = parse_port(value);
            if (!port) {
                result.error = "--port: not a port number: " + value;
            }
            options.port = port.value_or(0);
            port_given = true;
        } else if (take_value("--db")) {
            options.db_path = value;
        } else if (take_value("--static")) {
            options.static_dir = value;
        } else if (take_value("--config")) {
            options.config_path = value;
        } else if (take_value("--portal-port")) {
            options.portal_port = parse_port(value);
            if (!options.portal_port) {
                result.error = "--portal-port: not a port number: " + value;
            }
        } else if (take_value("--portal-dir")) {
            options.portal_dir = value;
        } else if (take_value("--cors-origin")) {
            options.cors_origins.push_back(value);
        } else if (take_value("--seed-many")) {
            options.seed_many = parse_integer(value);
            if (!options.seed_many || *options.seed_many < 0) {
                result.error = "--seed-many: not a count: " + value;
            }
        } else if (take_value("--admin-token")) {
            options.admin_token = value;
            if (value.size() < 16) {
                result.error = "--admin-token: use at least 16 characters";
            }
        } else {
            result.error = "unknown option: " + std::string(argv[i]);
        }
        if (!result.error.empty()) {
            return result;
        }
    }

    if (!port_given && port_from_env != nullptr && *port_from_env != '\0') {
        const auto port = parse_port(port_from_env);
        if (!port) {
            result.error = "PORT: not a port number: " + std::string(port_from_env);
            return result;
        }
        options.port = *port;
    }
    if (options.portal_port.has_value() != !options.portal_dir.empty()) {
        result.error = "--portal-port and --portal-dir go together";
    }
    return result;
}

} // namespace tickets_server

// tickets_server: the reference server of the tickets page. See web/README.md and --help.

#include <signal.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "accounts.h"
#include "config.h"
#include "db.h"
#include "http_util.h"
#include "log.h"
#include "options.h"
#include "seed.h"
#include "servers.h"
#include "store.h"

namespace ts = tickets_server;

namespace {

constexpr auto k_stop_grace = std::chrono::milliseconds(1500);

// Creates the schema, and the demo data when the database is new. False on failure.
bool prepare_database(const ts::Options& options, ts::Database& database) {
    const std::filesystem::path path(options.db_path);
    std::error_code error;
    if (path.has_parent_path()) {
        std::filesystem::create_directories(path.parent_path(), error);
    }

    auto lease = database.acquire();
    if (!lease.ok() || !ts::ensure_schema(*lease)) {
        return false;
    }
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    if (ts::is_seeded(*lease)) {
        if (options.seed_many) {
            ts::log_warn("--seed-many is ignored: the database already exists");
        }
        ts::delete_expired_sessions(*lease, now);
        std::cout << "Database: " << options.db_path << '\n';
        return true;
    }

    if (!ts::seed_database(*lease, options.seed_many, now)) {
        return false;
    }
    std::cout << "Database: " << options.db_path << " (new, with demo data)\n";
    return true;
}

void print_customers(ts::Database& database) {
    auto lease = database.acquire();
    if (!lease.ok()) {
        return;
    }
    std::cout << "Customers (local demo credentials: X-Rahona-Email + X-Rahona-Key, or "
                 "Authorization: Bearer <token>):\n";
    for (const ts::Customer& customer : ts::all_customers(*lease)) {
        const auto shown = [](const std::string& secret) {
            return secret.empty() ? std::string("(revoked)") : secret;
        };
        std::cout << "  " << customer.email << "  key " << shown(customer.api_key) << "  token "
                  << shown(customer.bearer_token)
                  << (customer.is_demo ? "  (demo: the page's customer)" : "") << '\n';
    }
}

std::string display_host(const std::string& host) {
    return host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host;
}

// Binds `server` to the port (0: any); returns the port, or -1.
int bind_server(httplib::Server& server, const std::string& host, int port) {
    if (port == 0) {
        return server.bind_to_any_port(host);
    }
    return server.bind_to_port(host, port) ? port : -1;
}

// Stops a server, waiting first for its listening loop to start: a stop() that comes before
// would be lost.
void stop_when_listening(httplib::Server& server) {
    for (int tries = 0; tries < 200 && !server.is_running(); ++tries) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    server.stop();
}

} // namespace

int main(int argc, char** argv) {
    // Options and configuration
    const ts::OptionsResult parsed = ts::parse_options(argc, argv, std::getenv("PORT"));
    if (!parsed.error.empty()) {
        std::cerr << "tickets_server: " << parsed.error << "\nTry --help.\n";
        return 2;
    }
    const ts::Options& options = parsed.options;
    if (options.show_help) {
        std::cout << ts::help_text();
        return 0;
    }
    ts::DeploymentConfig config;
    if (!options.config_path.empty()) {
        const ts::ConfigResult loaded = ts::load_config(options.config_path);
        if (!loaded.error.empty()) {
            std::cerr << "tickets_server: " << loaded.error << '\n';
            return 2;
        }
        config = loaded.config;
    }
    std::vector<std::string> cors_origins = config.portal_origins;
    for (const std::string& origin : options.cors_origins) {
        if (!ts::is_origin(origin)) {
            std::cerr << "tickets_server: --cors-origin: not an exact origin: " << origin << '\n';
            return 2;
        }
        cors_origins.push_back(origin);
    }

    // Signals: blocked here, before any thread starts, and awaited by one thread below.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    // Database
    ts::Database database(options.db_path);
    if (!prepare_database(options, database)) {
        std::cerr << "tickets_server: cannot prepare the database " << options.db_path << '\n';
        return 1;
    }
    print_customers(database);

    // The app: API, page, session cookie
    const bool allow_credentials = config.credentials == ts::CredentialsMode::cookie;
    ts::CorsPolicy cors(cors_origins, allow_credentials);
    ts::AppSite app{database,     config,
                    cors,         ts::page_csp(config),
                    nullptr,      ts::ApiContext{database, cors, options.admin_token},
                    options.quiet};
    if (!options.static_dir.empty()) {
        app.static_files = std::make_unique<ts::StaticFiles>(options.static_dir);
        if (!app.static_files->ok()) {
            std::cerr << "tickets_server: --static: not a folder: " << options.static_dir << '\n';
            return 2;
        }
    }
    httplib::Server app_server;
    ts::configure_app_server(app_server, app);
    const int app_port = bind_server(app_server, options.host, options.port);
    if (app_port < 0) {
        std::cerr << "tickets_server: cannot listen on " << options.host << ':' << options.port
                  << " (port in use?)\n";
        return 1;
    }
    const std::string app_origin =
        "http://" + display_host(options.host) + ":" + std::to_string(app_port);

    // The demo portal, on a second origin
    std::unique_ptr<ts::PortalSite> portal;
    httplib::Server portal_server;
    int portal_port = -1;
    if (options.portal_port) {
        portal = std::make_unique<ts::PortalSite>(
            ts::PortalSite{database, ts::portal_csp(app_origin),
                           std::make_unique<ts::StaticFiles>(options.portal_dir), options.quiet});
        if (!portal->static_files->ok()) {
            std::cerr << "tickets_server: --portal-dir: not a folder: " << options.portal_dir
                      << '\n';
            return 2;
        }
        ts::configure_portal_server(portal_server, *portal);
        portal_port = bind_server(portal_server, options.host, *options.portal_port);
        if (portal_port < 0) {
            std::cerr << "tickets_server: cannot listen on " << options.host << ':'
                      << *options.portal_port << " (port in use?)\n";
            return 1;
        }
    }

    std::cout << "tickets_server listening on " << app_origin << "/ ("
              << (app.static_files ? "page and API" : "API only") << ")\n";
    if (portal) {
        std::cout << "demo portal on http://" << display_host(options.host) << ':' << portal_port
                  << "/\n";
    }
    std::cout << std::flush;

    // Serve until SIGINT or SIGTERM. Stopping waits for the requests being handled, but not
    // for idle keep-alive connections to time out: once no request is in flight (or after a
    // grace period) every acknowledged write is committed, and the process just ends.
    std::mutex stopped_mutex;
    std::condition_variable stopped_changed;
    bool stopped = false;
    std::thread signal_waiter([&] {
        int received = 0;
        sigwait(&stop_signals, &received);
        ts::log_info("stopping");
        stop_when_listening(app_server);
        if (portal) {
            stop_when_listening(portal_server);
        }
        const auto give_up = std::chrono::steady_clock::now() + k_stop_grace;
        std::unique_lock lock(stopped_mutex);
        while (!stopped && ts::requests_in_flight() > 0 &&
               std::chrono::steady_clock::now() < give_up) {
            stopped_changed.wait_for(lock, std::chrono::milliseconds(10));
        }
        if (!stopped) {
            std::fflush(stdout);
            std::fflush(stderr);
            std::_Exit(0);
        }
    });
    std::thread portal_thread;
    if (portal) {
        portal_thread = std::thread([&] { portal_server.listen_after_bind(); });
    }
    const bool listened = app_server.listen_after_bind();
    {
        const std::lock_guard lock(stopped_mutex);
        stopped = true;
    }
    stopped_changed.notify_all();

    // The app server ended (stopped or failed): stop the rest and wake the waiter.
    pthread_kill(signal_waiter.native_handle(), SIGTERM);
    signal_waiter.join();
    if (portal_thread.joinable()) {
        portal_thread.join();
    }
    return listened ? 0 : 1;
}

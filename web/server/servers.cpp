#include "servers.h"

#include <sys/socket.h>

#include <ctime>

#include "accounts.h"
#include "auth.h"
#include "http_util.h"
#include "text.h"

namespace tickets_server {

namespace {

constexpr std::size_t k_worker_threads = 32;

void configure_common(httplib::Server& server) {
    // More workers than the library's default, since an idle keep-alive connection holds one.
    server.new_task_queue = [] { return new httplib::ThreadPool(k_worker_threads); };
    server.set_payload_max_length(k_max_body_bytes);
    // Headers and body go out as separate writes; without this, Nagle's algorithm and the
    // client's delayed ACK hold the body back by up to 40 ms.
    server.set_tcp_nodelay(true);
    // The library's default adds SO_REUSEPORT, which lets a second server start on a taken
    // port and silently share its requests. SO_REUSEADDR alone still allows a quick restart.
    server.set_socket_options([](socket_t socket) {
        int yes = 1;
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
}

bool is_page_load(const httplib::Request& request) {
    return request.path == "/" || request.path == "/index.html";
}

// What the demo portal's own back end would hand its page: the signed-in customer's
// credentials, to pass on to the embedded tickets page.
void send_portal_credentials(PortalSite& site, const httplib::Request& request,
                             httplib::Response& response) {
    auto lease = site.database.acquire();
    const auto demo = lease.ok() ? demo_customer(*lease) : std::nullopt;
    if (!demo) {
        send_error(request, response, 500, "Internal server error");
        return;
    }
    std::string body = "{\"email\": ";
    append_json_string(body, demo->email);
    body += ", \"key\": ";
    append_json_string(body, demo->api_key);
    body += ", \"token\": ";
    append_json_string(body, demo->bearer_token);
    body += '}';
    send_json(request, response, 200, std::move(body));
}

} // namespace

void configure_app_server(httplib::Server& server, AppSite& site) {
    configure_common(server);
    install_common_hooks(server, "app", site.quiet,
                         [&site](const httplib::Request& request, httplib::Response& response) {
                             add_security_headers(response, site.page_csp);
                             if (request.path == "/me" || request.path.starts_with("/me/")) {
                                 site.cors.apply(request, response);
                             }
                         });
    install_api(server, site.api);

    server.Get(R"(/.*)", [&site](const httplib::Request& request, httplib::Response& response) {
        if (!site.static_files) {
            send_error(request, response, 404, "Not found");
            return;
        }
        site.static_files->serve(request, response);

        // A served file leaves the status unset (-1) for the library to settle (200 or 206).
        const bool page_served = response.status < 400;
        if (page_served && is_page_load(request) &&
            site.config.credentials == CredentialsMode::cookie) {
            auto lease = site.database.acquire();
            if (lease.ok()) {
                ensure_page_session(request, response, *lease,
                                    static_cast<std::int64_t>(std::time(nullptr)));
            }
        }
    });
}

void configure_portal_server(httplib::Server& server, PortalSite& site) {
    configure_common(server);
    install_common_hooks(server, "portal", site.quiet,
                         [&site](const httplib::Request&, httplib::Response& response) {
                             add_security_headers(response, site.csp);
                         });

    server.Get("/portal-api/credentials",
               [&site](const httplib::Request& request, httplib::Response& response) {
                   send_portal_credentials(site, request, response);
               });
    server.Get(R"(/.*)", [&site](const httplib::Request& request, httplib::Response& response) {
        site.static_files->serve(request, response);
    });
}

} // namespace tickets_server

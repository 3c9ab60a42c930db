// What every response of the server shares: JSON bodies, error bodies, content negotiation,
// the request log, and the hooks that give any error a JSON body.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <httplib.h>

namespace tickets_server {

inline constexpr std::string_view k_json_type = "application/json; charset=utf-8";

// Sends `body` (JSON) with `status`, never cached; gzip-compressed when large and accepted.
void send_json(const httplib::Request& request, httplib::Response& response, int status,
               std::string body);

// {"error": "<text>"}
void send_error(const httplib::Request& request, httplib::Response& response, int status,
                std::string_view text);

// {"message": "<text>"} with 200.
void send_message(const httplib::Request& request, httplib::Response& response,
                  std::string_view text);

// True when the request's Accept-Encoding allows `coding` (e.g. "gzip"), q=0 meaning no.
bool accepts_encoding(const httplib::Request& request, std::string_view coding);

// Sends `bytes` as the body without letting the HTTP library compress it again.
void send_bytes(httplib::Response& response, std::shared_ptr<const std::string> bytes,
                std::string_view content_type);

// Called on every response just before it is written (security headers, CORS).
using ResponseDecorator = std::function<void(const httplib::Request&, httplib::Response&)>;

// Requests routed but not yet answered, across all servers (for a clean stop).
int requests_in_flight();

// Error bodies in JSON for whatever the library answers by itself (404, 413, 400...), the
// request log line, and `decorate` on every response.
void install_common_hooks(httplib::Server& server, std::string_view server_name, bool quiet,
                          ResponseDecorator decorate);

} // namespace tickets_server

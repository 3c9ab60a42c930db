#include "http_util.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>

#include "gzip.h"
#include "log.h"
#include "text.h"

namespace tickets_server {

namespace {

constexpr std::size_t k_compress_json_from_bytes = 1024;

// When the request being handled on this worker thread started (set before routing).
thread_local std::optional<std::chrono::steady_clock::time_point> t_request_start;

std::atomic<int> g_requests_in_flight{0};

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

std::string_view default_error_text(int status) {
    switch (status) {
    case 400:
        return "Bad request";
    case 401:
        return "Invalid credentials";
    case 403:
        return "Forbidden";
    case 404:
        return "Not found";
    case 405:
        return "Method not allowed";
    case 413:
        return "Request body is too large";
    case 414:
        return "Request URI is too long";
    case 416:
        return "Range not satisfiable";
    default:
        return status >= 500 ? "Internal server error" : "Request refused";
    }
}

std::string log_line_for(std::string_view server_name, const httplib::Request& request,
                         const httplib::Response& response) {
    char duration[32] = "-";
    if (t_request_start) {
        const auto elapsed = std::chrono::steady_clock::now() - *t_request_start;
        const double ms = std::chrono::duration<double, std::milli>(elapsed).count();
        std::snprintf(duration, sizeof duration, "%.1f ms", ms);
    }

    // The path only: a query string could carry anything, and the body is never logged.
    std::string line(server_name);
    line += ' ';
    line += printable_for_log(request.method, 16);
    line += ' ';
    line += printable_for_log(request.path, 200);
    line += ' ';
    line += std::to_string(response.status);
    line += ' ';
    line += duration;
    return line;
}

} // namespace

void send_bytes(httplib::Response& response, std::shared_ptr<const std::string> bytes,
                std::string_view content_type) {
    // A content provider of known length is sent as is: the library compresses only bodies
    // given with set_content, and would otherwise add a second Content-Encoding.
    const std::size_t length = bytes->size();
    response.set_content_provider(
        length, std::string(content_type),
        [bytes](std::size_t offset, std::size_t count, httplib::DataSink& sink) {
            return sink.write(bytes->data() + offset, count);
        });
}

bool accepts_encoding(const httplib::Request& request, std::string_view coding) {
    const std::string header = request.get_header_value("Accept-Encoding");
    bool star = false;
    std::size_t start = 0;
    while (start <= header.size()) {
        std::size_t end = header.find(',', start);
        if (end == std::string::npos) {
            end = header.size();
        }
        const std::string_view item = trim(std::string_view(header).substr(start, end - start));
        start = end + 1;

        const auto semicolon = item.find(';');
        const std::string name = ascii_lower(trim(item.substr(0, semicolon)));
        bool refused = false;
        if (semicolon != std::string_view::npos) {
            const std::string params = ascii_lower(item.substr(semicolon + 1));
            const auto q = params.find("q=");
            refused = q != std::string::npos && std::atof(params.c_str() + q + 2) <= 0.0;
        }
        if (name == coding) {
            return !refused;
        }
        if (name == "*") {
            star = !refused;
        }
    }
    return star;
}

void send_json(const httplib::Request& request, httplib::Response& response, int status,
               std::string body) {
    response.status = status;
    response.set_header("Cache-Control", "no-store");
    response.set_header("Vary", "Accept-Encoding");

    if (body.size() >= k_compress_json_from_bytes && accepts_encoding(request, "gzip")) {
        if (auto compressed = gzip_compress(body, 5)) {
            response.set_header("Content-Encoding", "gzip");
            send_bytes(response, std::make_shared<const std::string>(std::move(*compressed)),
                       k_json_type);
            return;
        }
    }
    response.set_content(std::move(body), std::string(k_json_type));
}

void send_error(const httplib::Request& request, httplib::Response& response, int status,
                std::string_view text) {
    std::string body = "{\"error\": ";
    append_json_string(body, text);
    body += '}';
    send_json(request, response, status, std::move(body));
}

void send_message(const httplib::Request& request, httplib::Response& response,
                  std::string_view text) {
    std::string body = "{\"message\": ";
    append_json_string(body, text);
    body += '}';
    send_json(request, response, 200, std::move(body));
}

int requests_in_flight() {
    return g_requests_in_flight.load();
}

void install_common_hooks(httplib::Server& server, std::string_view server_name, bool quiet,
                          ResponseDecorator decorate) {
    server.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
        // A start left set means the last request on this thread was never logged (its
        // connection dropped): it is not counted twice.
        if (!t_request_start) {
            ++g_requests_in_flight;
        }
        t_request_start = std::chrono::steady_clock::now();
        return httplib::Server::HandlerResponse::Unhandled;
    });

    // Any error the handlers did not describe gets a JSON body; those they did keep theirs.
    server.set_error_handler(httplib::Server::HandlerWithResponse(
        [](const httplib::Request& request, httplib::Response& response) {
            if (response.has_header("Content-Type")) {
                return httplib::Server::HandlerResponse::Unhandled;
            }
            send_error(request, response, response.status, default_error_text(response.status));
            return httplib::Server::HandlerResponse::Handled;
        }));

    server.set_exception_handler(
        [](const httplib::Request& request, httplib::Response& response, std::exception_ptr) {
            log_error("a handler threw; answering 500");
            send_error(request, response, 500, default_error_text(500));
        });

    server.set_post_routing_handler(std::move(decorate));

    server.set_logger([name = std::string(server_name), quiet](const httplib::Request& request,
                                                               const httplib::Response& response) {
        if (!quiet) {
            log_info(log_line_for(name, request, response));
        }
        if (t_request_start) {
            --g_requests_in_flight;
        }
        t_request_start.reset();
    });
}

} // namespace tickets_server

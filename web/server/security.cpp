#include "security.h"

#include <algorithm>

#include "text.h"

namespace tickets_server {

std::string page_csp(const DeploymentConfig& config) {
    std::string connect = "'self'";
    if (const std::string api_origin = origin_of_url(config.api_base); !api_origin.empty()) {
        connect += ' ';
        connect += api_origin;
    }
    std::string ancestors = "'self'";
    for (const std::string& origin : config.portal_origins) {
        ancestors += ' ';
        ancestors += origin;
    }
    return "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
           "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src " +
           connect + "; frame-ancestors " + ancestors +
           "; base-uri 'none'; form-action 'none'; object-src 'none'";
}

std::string portal_csp(std::string_view app_origin) {
    const std::string app(app_origin);
    return "default-src 'self'; script-src 'self' " + app + "; frame-src " + app +
           "; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
           "frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";
}

void add_security_headers(httplib::Response& response, const std::string& html_csp) {
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_header("Referrer-Policy", "no-referrer");

    const std::string type = media_type(response.get_header_value("Content-Type"));
    if (type == "text/html") {
        response.set_header("Content-Security-Policy", html_csp);
    } else if (type == "application/json") {
        response.set_header("Content-Security-Policy",
                            "default-src 'none'; frame-ancestors 'none'");
    }
}

bool CorsPolicy::allows(std::string_view origin) const {
    return std::find(allowed_origins_.begin(), allowed_origins_.end(), origin) !=
           allowed_origins_.end();
}

void CorsPolicy::apply(const httplib::Request& request, httplib::Response& response) const {
    response.set_header("Vary", "Origin");
    if (!request.has_header("Origin")) {
        return;
    }
    const std::string origin = request.get_header_value("Origin");
    if (!allows(origin)) {
        return;
    }
    response.set_header("Access-Control-Allow-Origin", origin);
    if (allow_credentials_) {
        response.set_header("Access-Control-Allow-Credentials", "true");
    }
    // Lets the page honour Retry-After on 429 and 503 across origins.
    response.set_header("Access-Control-Expose-Headers", "Retry-After");
}

void CorsPolicy::answer_preflight(const httplib::Request& request,
                                  httplib::Response& response) const {
    response.status = 204;
    const std::string origin = request.get_header_value("Origin");
    if (!request.has_header("Origin") || !allows(origin)) {
        return;
    }
    response.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    response.set_header("Access-Control-Allow-Headers",
                        "Authorization, X-Rahona-Email, X-Rahona-Key, Content-Type");
    response.set_header("Access-Control-Max-Age", "600");
}

} // namespace tickets_server

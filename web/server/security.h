// Response headers that protect the page and the API: Content-Security-Policy, nosniff,
// Referrer-Policy, and CORS for the exact origins allowed to call the API.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>

#include "config.h"

namespace tickets_server {

// The page's CSP: its own scripts and WebAssembly ('wasm-unsafe-eval' is what lets the page
// compile its .wasm), inline styles, data: images, the API origin, and framing only by
// itself and exactly the configured portal origins.
std::string page_csp(const DeploymentConfig& config);

// The demo portal's CSP: it may frame the app's origin and load embed.js from it.
std::string portal_csp(std::string_view app_origin);

// nosniff and Referrer-Policy on everything; `html_csp` on HTML; a deny-all CSP on JSON.
void add_security_headers(httplib::Response& response, const std::string& html_csp);

class CorsPolicy {
public:
    CorsPolicy(std::vector<std::string> allowed_origins, bool allow_credentials)
        : allowed_origins_(std::move(allowed_origins)), allow_credentials_(allow_credentials) {}

    // Exact, whole-string comparison: no prefix, suffix or pattern matching.
    bool allows(std::string_view origin) const;

    // Adds CORS headers when the request's Origin is allowed; Vary: Origin always.
    void apply(const httplib::Request& request, httplib::Response& response) const;

    // Answers an OPTIONS preflight with 204 (headers only when the origin is allowed).
    void answer_preflight(const httplib::Request& request, httplib::Response& response) const;

    const std::vector<std::string>& allowed_origins() const { return allowed_origins_; }

private:
    std::vector<std::string> allowed_origins_;
    bool allow_credentials_;
};

} // namespace tickets_server

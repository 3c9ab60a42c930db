// The deployment configuration (the page's config.json) as the server reads it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tickets_server {

enum class CredentialsMode { cookie, bearer, key };

struct DeploymentConfig {
    std::string api_base;                    // empty: the API is on the page's origin
    std::vector<std::string> portal_origins; // exact origins allowed to frame the page
    CredentialsMode credentials = CredentialsMode::cookie;
};

struct ConfigResult {
    DeploymentConfig config;
    std::string error; // empty when the file was read and valid
};

ConfigResult load_config(const std::string& path);

// True for "scheme://host[:port]" with scheme http or https and nothing else (no path, no
// wildcard, no white space): what may go into CSP and CORS headers.
bool is_origin(std::string_view text);

// The origin of an absolute http(s) URL, or "" for a relative one.
std::string origin_of_url(std::string_view url);

} // namespace tickets_server

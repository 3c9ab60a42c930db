#include "config.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace tickets_server {

namespace {

bool is_host_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '[' || c == ']' || c == ':';
}

} // namespace

bool is_origin(std::string_view text) {
    std::string_view rest;
    if (text.starts_with("http://")) {
        rest = text.substr(7);
    } else if (text.starts_with("https://")) {
        rest = text.substr(8);
    } else {
        return false;
    }
    if (rest.empty() || rest.front() == ':' || rest.back() == ':') {
        return false;
    }
    for (const char c : rest) {
        if (!is_host_char(c)) {
            return false;
        }
    }
    return true;
}

std::string origin_of_url(std::string_view url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) {
        return "";
    }
    const auto path_start = url.find_first_of("/?#", scheme_end + 3);
    return std::string(url.substr(0, path_start));
}

ConfigResult load_config(const std::string& path) {
    ConfigResult result;
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        result.error = "cannot read " + path;
        return result;
    }
    std::stringstream text;
    text << file.rdbuf();

    const auto json = nlohmann::json::parse(text.str(), nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        result.error = path + ": not a JSON object";
        return result;
    }

    DeploymentConfig& config = result.config;
    if (const auto it = json.find("api_base"); it != json.end()) {
        if (!it->is_string()) {
            result.error = path + ": api_base must be a string";
            return result;
        }
        config.api_base = it->get<std::string>();
        const std::string api_origin = origin_of_url(config.api_base);
        if (!api_origin.empty() && !is_origin(api_origin)) {
            result.error = path + ": api_base has no valid http(s) origin";
            return result;
        }
    }

    if (const auto it = json.find("portal_origins"); it != json.end()) {
        if (!it->is_array()) {
            result.error = path + ": portal_origins must be an array of origins";
            return result;
        }
        for (const auto& origin : *it) {
            if (!origin.is_string() || !is_origin(origin.get<std::string>())) {
                result.error = path + ": portal_origins: not an exact origin: " + origin.dump();
                return result;
            }
            config.portal_origins.push_back(origin.get<std::string>());
        }
    }

    if (const auto it = json.find("credentials"); it != json.end()) {
        const std::string mode = it->is_string() ? it->get<std::string>() : "";
        if (mode == "cookie") {
            config.credentials = CredentialsMode::cookie;
        } else if (mode == "bearer") {
            config.credentials = CredentialsMode::bearer;
        } else if (mode == "key") {
            config.credentials = CredentialsMode::key;
        } else {
            result.error = path + ": credentials must be \"cookie\", \"bearer\" or \"key\"";
            return result;
        }
    }
    return result;
}

} // namespace tickets_server

// The two HTTP servers: the app (API, page, session cookie) and the optional demo portal
// (a second origin that embeds the page).
#pragma once

#include <memory>
#include <string>

#include <httplib.h>

#include "api.h"
#include "config.h"
#include "db.h"
#include "security.h"
#include "static_files.h"

namespace tickets_server {

inline constexpr std::size_t k_max_body_bytes = 1024 * 1024;

struct AppSite {
    Database& database;
    DeploymentConfig config;
    const CorsPolicy& cors;
    std::string page_csp;
    std::unique_ptr<StaticFiles> static_files; // null: API only
    ApiContext api;
    bool quiet = false;
};

struct PortalSite {
    Database& database;
    std::string csp;
    std::unique_ptr<StaticFiles> static_files;
    bool quiet = false;
};

// Routes and hooks; `site` must outlive `server`.
void configure_app_server(httplib::Server& server, AppSite& site);

void configure_portal_server(httplib::Server& server, PortalSite& site);

} // namespace tickets_server

// The tickets API under /me (see the API contract), and the optional /admin test hook.
#pragma once

#include <string>

#include <httplib.h>

#include "db.h"
#include "security.h"

namespace tickets_server {

struct ApiContext {
    Database& database;
    const CorsPolicy& cors;
    std::string admin_token; // empty: no /admin paths
};

// The context must outlive the server.
void install_api(httplib::Server& server, const ApiContext& context);

} // namespace tickets_server

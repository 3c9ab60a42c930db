// Who is asking: the customer behind a request's credentials (API key headers, bearer token or
// session cookie), and the session cookie the page receives when it loads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <httplib.h>

#include "db.h"

namespace tickets_server {

inline constexpr std::string_view k_session_cookie_name = "tickets_session";

enum class AuthStatus { signed_in, missing, invalid, failed };

struct AuthResult {
    AuthStatus status = AuthStatus::missing;
    std::int64_t customer_id = 0;
    bool by_cookie = false; // the browser sent it by itself: needs the cross-site check
};

// The first scheme present decides, and a wrong one is not rescued by another:
// X-Rahona-Email + X-Rahona-Key, then Authorization: Bearer, then the session cookie.
AuthResult authenticate(const httplib::Request& request, Connection& connection, std::int64_t now);

// The session cookie's value, or "".
std::string session_cookie_value(const httplib::Request& request);

// On a page load: unless the request carries a valid session, starts one for the demo
// customer and sets its cookie (HttpOnly, SameSite=Lax, Path=/).
void ensure_page_session(const httplib::Request& request, httplib::Response& response,
                         Connection& connection, std::int64_t now);

} // namespace tickets_server

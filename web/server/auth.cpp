#include "auth.h"

#include "accounts.h"
#include "log.h"
#include "text.h"

namespace tickets_server {

namespace {

std::string_view trim_spaces(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

AuthResult from_lookup(ReadResult lookup, std::int64_t customer_id, bool by_cookie) {
    switch (lookup) {
    case ReadResult::found:
        return {AuthStatus::signed_in, customer_id, by_cookie};
    case ReadResult::not_found:
        return {AuthStatus::invalid, 0, by_cookie};
    case ReadResult::failed:
        break;
    }
    return {AuthStatus::failed, 0, by_cookie};
}

} // namespace

std::string session_cookie_value(const httplib::Request& request) {
    const auto [first, last] = request.headers.equal_range("Cookie");
    for (auto it = first; it != last; ++it) {
        std::string_view rest = it->second;
        while (!rest.empty()) {
            const auto end = rest.find(';');
            const std::string_view pair = trim_spaces(rest.substr(0, end));
            rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);

            const auto equals = pair.find('=');
            if (equals != std::string_view::npos &&
                pair.substr(0, equals) == k_session_cookie_name) {
                return std::string(pair.substr(equals + 1));
            }
        }
    }
    return "";
}

AuthResult authenticate(const httplib::Request& request, Connection& connection, std::int64_t now) {
    std::int64_t customer_id = 0;

    if (request.has_header("X-Rahona-Email") || request.has_header("X-Rahona-Key")) {
        const std::string email = request.get_header_value("X-Rahona-Email");
        const std::string key = request.get_header_value("X-Rahona-Key");
        if (email.empty() || key.empty()) {
            return {AuthStatus::invalid, 0, false};
        }
        const ReadResult found = customer_by_key(connection, email, key, customer_id);
        return from_lookup(found, customer_id, false);
    }

    if (request.has_header("Authorization")) {
        const std::string header = request.get_header_value("Authorization");
        const std::string_view value = header;
        constexpr std::string_view scheme = "bearer ";
        if (value.size() <= scheme.size() ||
            ascii_lower(value.substr(0, scheme.size())) != scheme) {
            return {AuthStatus::invalid, 0, false};
        }
        const std::string_view token = trim_spaces(value.substr(scheme.size()));
        if (token.empty()) {
            return {AuthStatus::invalid, 0, false};
        }
        const ReadResult found = customer_by_token(connection, token, customer_id);
        return from_lookup(found, customer_id, false);
    }

    const std::string session = session_cookie_value(request);
    if (!session.empty()) {
        const ReadResult found = customer_by_session(connection, session, now, customer_id);
        return from_lookup(found, customer_id, true);
    }
    return {AuthStatus::missing, 0, false};
}

void ensure_page_session(const httplib::Request& request, httplib::Response& response,
                         Connection& connection, std::int64_t now) {
    std::int64_t customer_id = 0;
    const std::string session = session_cookie_value(request);
    if (!session.empty() &&
        customer_by_session(connection, session, now, customer_id) == ReadResult::found) {
        return;
    }

    const auto demo = demo_customer(connection);
    if (!demo) {
        log_error("no demo customer in the database: the page gets no session");
        return;
    }
    const std::string token = create_session(connection, demo->id, now);
    if (token.empty()) {
        log_error("could not store a page session");
        return;
    }
    response.set_header("Set-Cookie", std::string(k_session_cookie_name) + "=" + token +
                                          "; Path=/; HttpOnly; SameSite=Lax");
}

} // namespace tickets_server

#include "request.h"

#include <string>

namespace core {
namespace {

constexpr int k_get_timeout_ms = 15000;
// The API's own client gives up after 30 s; a reply is worth waiting that long for.
constexpr int k_post_timeout_ms = 30000;

std::string tickets_url(std::string_view api_base) {
    while (!api_base.empty() && api_base.back() == '/') {
        api_base.remove_suffix(1);
    }
    std::string url(api_base);
    url += "/me/tickets";
    return url;
}

Request make_request(std::string_view api_base, const Credentials& credentials, Call call,
                     std::int64_t ticket_id) {
    Request request;
    request.call = call;
    request.ticket_id = ticket_id;
    request.url = tickets_url(api_base);
    if (call != Call::list) {
        request.url += '/';
        request.url += std::to_string(ticket_id);
    }
    if (call == Call::close) {
        request.url += "/close";
    }
    const bool is_post = call == Call::reply || call == Call::close;
    request.method = is_post ? Method::post : Method::get;
    request.timeout_ms = is_post ? k_post_timeout_ms : k_get_timeout_ms;
    request.headers.emplace_back("Accept", "application/json");

    switch (credentials.mode) {
    case CredentialsMode::cookie:
        request.with_cookies = true;
        break;
    case CredentialsMode::bearer:
        if (!credentials.token.empty()) {
            request.headers.emplace_back("Authorization", "Bearer " + credentials.token);
        }
        break;
    case CredentialsMode::key:
        if (!credentials.email.empty() || !credentials.key.empty()) {
            request.headers.emplace_back("X-Rahona-Email", credentials.email);
            request.headers.emplace_back("X-Rahona-Key", credentials.key);
        }
        break;
    }
    return request;
}

} // namespace

std::string form_urlencode(std::string_view text) {
    constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() + text.size() / 4);
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool kept = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                          (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' ||
                          byte == '_' || byte == '*';
        if (kept) {
            out += c;
        } else if (byte == ' ') {
            out += '+';
        } else {
            out += '%';
            out += k_hex[byte >> 4];
            out += k_hex[byte & 0x0F];
        }
    }
    return out;
}

Request make_list_request(std::string_view api_base, const Credentials& credentials) {
    return make_request(api_base, credentials, Call::list, 0);
}

Request make_thread_request(std::string_view api_base, const Credentials& credentials,
                            std::int64_t ticket_id) {
    return make_request(api_base, credentials, Call::thread, ticket_id);
}

Request make_reply_request(std::string_view api_base, const Credentials& credentials,
                           std::int64_t ticket_id, std::string_view message) {
    Request request = make_request(api_base, credentials, Call::reply, ticket_id);
    request.body = "message=" + form_urlencode(message);
    request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    return request;
}

Request make_close_request(std::string_view api_base, const Credentials& credentials,
                           std::int64_t ticket_id) {
    return make_request(api_base, credentials, Call::close, ticket_id);
}

} // namespace core

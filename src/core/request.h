// A network call as the model describes it. The platform carries it out and hands back an
// Outcome; the model alone decides what that outcome means.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace core {

enum class Call { list, thread, reply, close };
enum class Method { get, post };

// How this deployment signs requests (config.json "credentials").
enum class CredentialsMode { cookie, bearer, key };

struct Credentials {
    CredentialsMode mode = CredentialsMode::cookie;
    std::string token; // bearer
    std::string email; // key
    std::string key;   // key
};

struct Request {
    std::uint64_t id = 0; // unique per request, given by the model
    Call call = Call::list;
    Method method = Method::get;
    std::string url; // api_base + path
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    bool with_cookies = false; // send the browser's cookies (credentials: "include")
    std::int64_t ticket_id = 0;
    int timeout_ms = 30000;
};

struct Outcome {
    int status = 0; // HTTP status; 0 when no answer came
    std::string body;
    bool timed_out = false;   // the platform's own timer fired first
    double retry_after_s = -1; // Retry-After header, in seconds, when sent
};

// application/x-www-form-urlencoded, UTF-8, spaces as '+'.
std::string form_urlencode(std::string_view text);

Request make_list_request(std::string_view api_base, const Credentials& credentials);
Request make_thread_request(std::string_view api_base, const Credentials& credentials,
                            std::int64_t ticket_id);
Request make_reply_request(std::string_view api_base, const Credentials& credentials,
                           std::int64_t ticket_id, std::string_view message);
Request make_close_request(std::string_view api_base, const Credentials& credentials,
                           std::int64_t ticket_id);

} // namespace core

#include "api.h"

#include <charconv>
#include <ctime>
#include <optional>

#include "accounts.h"
#include "auth.h"
#include "form.h"
#include "http_util.h"
#include "json_body.h"
#include "store.h"

namespace tickets_server {

namespace {

// The published error texts, byte for byte.
constexpr std::string_view k_no_tickets = "Can't find any tickets";
constexpr std::string_view k_no_ticket = "Can't find tickets infos";
constexpr std::string_view k_reply_failed = "Can't post new reply";
constexpr std::string_view k_close_failed = "Can't close the ticket";
constexpr std::string_view k_internal = "Internal server error";

std::int64_t now_seconds() {
    return static_cast<std::int64_t>(std::time(nullptr));
}

std::optional<std::int64_t> parse_ticket_id(const std::string& text) {
    std::int64_t id = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, id);
    if (text.empty() || text.size() > 18 || ec != std::errc() || ptr != end || id <= 0) {
        return std::nullopt;
    }
    return id;
}

// A cookie comes with every request the browser makes, whoever asks for it: a state-changing
// request signed in by cookie must come from this origin or an allowed one.
bool is_cross_site_cookie_write(const httplib::Request& request, const AuthResult& auth,
                                const CorsPolicy& cors) {
    if (!auth.by_cookie || request.method == "GET" || !request.has_header("Origin")) {
        return false;
    }
    const std::string origin = request.get_header_value("Origin");
    const std::string own_origin = "http://" + request.get_header_value("Host");
    return origin != own_origin && !cors.allows(origin);
}

// Runs `work(connection, customer_id)` for a signed-in customer; answers 401/403/500 otherwise.
template <typename Work>
void as_customer(const ApiContext& context, const httplib::Request& request,
                 httplib::Response& response, Work work) {
    auto lease = context.database.acquire();
    if (!lease.ok()) {
        send_error(request, response, 500, k_internal);
        return;
    }

    const AuthResult auth = authenticate(request, *lease, now_seconds());
    switch (auth.status) {
    case AuthStatus::signed_in:
        break;
    case AuthStatus::missing:
        response.set_header("WWW-Authenticate", "Bearer realm=\"tickets\"");
        send_error(request, response, 401, "Missing credentials");
        return;
    case AuthStatus::invalid:
        response.set_header("WWW-Authenticate", "Bearer realm=\"tickets\"");
        send_error(request, response, 401, "Invalid credentials");
        return;
    case AuthStatus::failed:
        send_error(request, response, 500, k_internal);
        return;
    }

    if (is_cross_site_cookie_write(request, auth, context.cors)) {
        send_error(request, response, 403, "Cross-origin request refused");
        return;
    }
    work(*lease, auth.customer_id);
}

void list(const ApiContext& context, const httplib::Request& request, httplib::Response& response) {
    as_customer(context, request, response, [&](Connection& connection, std::int64_t customer) {
        std::vector<Ticket> tickets;
        switch (list_tickets(connection, customer, tickets)) {
        case ReadResult::found:
            send_json(request, response, 200, ticket_list_json(tickets));
            return;
        case ReadResult::not_found:
            send_error(request, response, 404, k_no_tickets);
            return;
        case ReadResult::failed:
            send_error(request, response, 500, k_internal);
            return;
        }
    });
}

void show(const ApiContext& context, const httplib::Request& request, httplib::Response& response) {
    as_customer(context, request, response, [&](Connection& connection, std::int64_t customer) {
        const auto ticket_id = parse_ticket_id(request.matches[1]);
        Thread thread;
        const ReadResult found = ticket_id ? load_thread(connection, customer, *ticket_id, thread)
                                           : ReadResult::not_found;
        switch (found) {
        case ReadResult::found:
            send_json(request, response, 200, thread_json(thread));
            return;
        case ReadResult::not_found:
            send_error(request, response, 404, k_no_ticket);
            return;
        case ReadResult::failed:
            send_error(request, response, 500, k_internal);
            return;
        }
    });
}

// Answers a form that could not be read at all; false when there is nothing to answer.
bool refuse_unreadable(const httplib::Request& request, httplib::Response& response,
                       const FormField& field) {
    switch (field.error) {
    case FormError::too_large:
        send_error(request, response, 413, "Request body is too large");
        return true;
    case FormError::malformed:
        send_error(request, response, 400, "Bad request");
        return true;
    default:
        return false;
    }
}

// Answers a message the rules refuse; false when it may be stored.
bool refuse_message(const httplib::Request& request, httplib::Response& response,
                    const FormField& message) {
    switch (message.error) {
    case FormError::none:
        break;
    case FormError::unsupported_type:
        send_error(request, response, 415,
                   "Send the message as application/x-www-form-urlencoded or "
                   "multipart/form-data");
        return true;
    default:
        send_error(request, response, 400, "The message is required");
        return true;
    }
    switch (check_reply_message(message.value)) {
    case MessageCheck::ok:
        return false;
    case MessageCheck::blank:
        send_error(request, response, 400, "The message is required");
        return true;
    case MessageCheck::not_utf8:
        send_error(request, response, 400, "The message is not valid UTF-8");
        return true;
    case MessageCheck::too_long:
        send_error(request, response, 413, "The message is too long (20000 characters at most)");
        return true;
    }
    return true;
}

void reply(const ApiContext& context, const httplib::Request& request, httplib::Response& response,
           const httplib::ContentReader& reader) {
    // The body is read first, whatever follows, so the connection stays in step.
    const FormField message = read_form_field(request, response, reader, "message");
    if (refuse_unreadable(request, response, message)) {
        return;
    }

    as_customer(context, request, response, [&](Connection& connection, std::int64_t customer) {
        const auto ticket_id = parse_ticket_id(request.matches[1]);
        if (!ticket_id) {
            send_error(request, response, 404, k_no_ticket);
            return;
        }
        if (refuse_message(request, response, message)) {
            return;
        }

        switch (post_reply(connection, customer, *ticket_id, message.value, now_seconds())) {
        case ReplyResult::posted:
            send_message(request, response, "Message successfully posted");
            return;
        case ReplyResult::not_found:
            send_error(request, response, 404, k_no_ticket);
            return;
        case ReplyResult::closed:
            send_error(request, response, 409, "This ticket is closed");
            return;
        case ReplyResult::failed:
            send_error(request, response, 500, k_reply_failed);
            return;
        }
    });
}

void close(const ApiContext& context, const httplib::Request& request, httplib::Response& response,
           const httplib::ContentReader& reader) {
    if (refuse_unreadable(request, response, {discard_body(request, response, reader), ""})) {
        return;
    }
    as_customer(context, request, response, [&](Connection& connection, std::int64_t customer) {
        const auto ticket_id = parse_ticket_id(request.matches[1]);
        const CloseResult closed =
            ticket_id ? close_ticket(connection, customer, *ticket_id) : CloseResult::not_found;
        switch (closed) {
        case CloseResult::closed:
            send_message(request, response, "The ticket has been closed");
            return;
        case CloseResult::not_found:
            send_error(request, response, 404, k_no_ticket);
            return;
        case CloseResult::failed:
            send_error(request, response, 500, k_close_failed);
            return;
        }
    });
}

bool same_secret(std::string_view given, std::string_view expected) {
    // Compares every byte whatever the first difference, so timing tells nothing.
    unsigned char difference = given.size() == expected.size() ? 0 : 1;
    for (std::size_t i = 0; i < given.size(); ++i) {
        difference |= static_cast<unsigned char>(given[i] ^ expected[i % expected.size()]);
    }
    return difference == 0;
}

void revoke(const ApiContext& context, const httplib::Request& request, httplib::Response& response,
            const httplib::ContentReader& reader) {
    const FormField email = read_form_field(request, response, reader, "email");
    if (refuse_unreadable(request, response, email)) {
        return;
    }
    const std::string expected = "Bearer " + context.admin_token;
    if (!same_secret(request.get_header_value("Authorization"), expected)) {
        send_error(request, response, 401, "Invalid credentials");
        return;
    }
    auto lease = context.database.acquire();
    const ReadResult revoked = email.error != FormError::none ? ReadResult::not_found
                               : lease.ok() ? revoke_credentials(*lease, email.value)
                                            : ReadResult::failed;
    switch (revoked) {
    case ReadResult::found:
        send_message(request, response, "Credentials revoked");
        return;
    case ReadResult::not_found:
        send_error(request, response, 404, "Unknown customer");
        return;
    case ReadResult::failed:
        send_error(request, response, 500, k_internal);
        return;
    }
}

} // namespace

void install_api(httplib::Server& server, const ApiContext& context) {
    const ApiContext* ctx = &context;
    server.Get("/me/tickets", [ctx](const auto& req, auto& res) { list(*ctx, req, res); });
    server.Get(R"(/me/tickets/([^/]+))",
               [ctx](const auto& req, auto& res) { show(*ctx, req, res); });
    server.Post(R"(/me/tickets/([^/]+))",
                [ctx](const httplib::Request& req, httplib::Response& res,
                      const httplib::ContentReader& reader) { reply(*ctx, req, res, reader); });
    server.Post(R"(/me/tickets/([^/]+)/close)",
                [ctx](const httplib::Request& req, httplib::Response& res,
                      const httplib::ContentReader& reader) { close(*ctx, req, res, reader); });
    server.Options(R"(/me(/.*)?)",
                   [ctx](const auto& req, auto& res) { ctx->cors.answer_preflight(req, res); });

    if (!context.admin_token.empty()) {
        server.Post("/admin/revoke", [ctx](const httplib::Request& req, httplib::Response& res,
                                           const httplib::ContentReader& reader) {
            revoke(*ctx, req, res, reader);
        });
    }

    // Anything else under /me is an unknown API path, in JSON, whatever the method.
    const auto unknown = [](const httplib::Request& req, httplib::Response& res) {
        send_error(req, res, 404, "Not found");
    };
    server.Get(R"(/me(/.*)?)", unknown);
    server.Post(R"(/me(/.*)?)", unknown);
    server.Put(R"(/me(/.*)?)", unknown);
    server.Delete(R"(/me(/.*)?)", unknown);
    server.Patch(R"(/me(/.*)?)", unknown);
}

} // namespace tickets_server

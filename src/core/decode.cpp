#include "decode.h"

// Read in one pass, without a tree: see json_scan.h.
#include "json_scan.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace core {
namespace {

using json::Kind;
using json::Number;
using json::Scanner;

// The largest integer a double holds exactly; beyond it a float id or date is a guess.
constexpr double k_max_exact_double = 9007199254740992.0;

// An integer as the API sends it, or as it sometimes sends it: a JSON integer, a float with no
// fraction, or a string of digits. Anything else (a fraction, "12abc", out of range) is unusable.
std::optional<std::int64_t> integer_of(const Number& number) {
    switch (number.type) {
    case Number::Type::integer:
        return number.integer;
    case Number::Type::unsigned_integer:
        if (number.unsigned_integer >
            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            return std::nullopt;
        }
        return static_cast<std::int64_t>(number.unsigned_integer);
    case Number::Type::floating:
        if (std::trunc(number.floating) != number.floating ||
            std::fabs(number.floating) > k_max_exact_double) {
            return std::nullopt;
        }
        return static_cast<std::int64_t>(number.floating);
    }
    return std::nullopt;
}

std::optional<std::int64_t> integer_of(std::string_view text) {
    std::int64_t number = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, number);
    if (text.empty() || error != std::errc() || stop != end) {
        return std::nullopt;
    }
    return number;
}

// The next value as an integer (see integer_of); any other value is read past.
std::optional<std::int64_t> read_integer(Scanner& scanner, std::string& scratch) {
    const auto kind = scanner.peek();
    if (kind == Kind::number) {
        Number number;
        return scanner.read_number(number) ? integer_of(number) : std::nullopt;
    }
    if (kind == Kind::string) {
        return scanner.read_string(scratch) ? integer_of(scratch) : std::nullopt;
    }
    scanner.skip_value();
    return std::nullopt;
}

// The next value into `out` when it is a string; otherwise `out` is emptied. As in any JSON
// object, a member given twice counts only the second time.
bool read_text(Scanner& scanner, std::string& out) {
    if (scanner.peek() == Kind::string) {
        return scanner.read_string(out);
    }
    out.clear();
    scanner.skip_value();
    return false;
}

bool read_number(Scanner& scanner, std::int64_t& out, std::string& scratch) {
    const auto number = read_integer(scanner, scratch);
    out = number.value_or(0);
    return number.has_value();
}

// A ticket object's members, as read: each flag says that member was present and usable.
struct TicketRead {
    Ticket ticket;
    bool id = false, product_id = false, department = false, subject = false, status = false,
         message = false, date = false;

    bool whole() const { return product_id && department && subject && status && message && date; }
};

// One ticket object, the scanner at its '{'.
void read_ticket_object(Scanner& scanner, TicketRead& read, std::string& key,
                        std::string& scratch) {
    read = TicketRead{};
    Ticket& ticket = read.ticket;
    scanner.enter('{');
    bool first = true;
    while (scanner.next('}', first)) {
        if (!scanner.key(key)) {
            return;
        }
        if (key == "id") {
            read.id = read_number(scanner, ticket.id, scratch);
        } else if (key == "product_id") {
            read.product_id = read_number(scanner, ticket.product_id, scratch);
        } else if (key == "departement") {
            read.department = read_text(scanner, ticket.department);
        } else if (key == "sujet") {
            read.subject = read_text(scanner, ticket.subject);
        } else if (key == "status") {
            read.status = read_text(scanner, ticket.status);
        } else if (key == "message") {
            read.message = read_text(scanner, ticket.message);
        } else if (key == "date") {
            read.date = read_number(scanner, ticket.date, scratch);
        } else {
            scanner.skip_value();
        }
    }
}

// The checks every body gets before it is read: its size, and whether there is anything at all.
bool body_usable(std::string_view body, DecodeError& error, std::string& detail) {
    if (body.size() > k_max_body_bytes) {
        error = DecodeError::too_large;
        detail = "body of " + std::to_string(body.size()) + " bytes";
        return false;
    }
    const bool blank = std::all_of(body.begin(), body.end(), [](char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    });
    if (blank) {
        error = DecodeError::empty_body;
        detail = "empty body";
        return false;
    }
    return true;
}

bool not_json(Scanner& scanner, DecodeError& error, std::string& detail) {
    if (!scanner.at_end()) {
        error = DecodeError::not_json;
        detail = "not JSON";
        return true;
    }
    return false;
}

} // namespace

ListDecode decode_ticket_list(std::string_view body) {
    ListDecode result;
    if (!body_usable(body, result.error, result.detail)) {
        return result;
    }

    Scanner scanner(body);
    const auto kind = scanner.peek();
    if (kind != Kind::array) {
        scanner.skip_value();
        if (!not_json(scanner, result.error, result.detail)) {
            result.error = DecodeError::wrong_shape;
            result.detail = std::string("expected an array, got ") + json::kind_name(*kind);
        }
        return result;
    }

    // A row of the API is about 250 bytes of JSON: room for a few more rows than that, so that
    // a long list is not copied while it grows (its strings would not be, its rows would).
    result.tickets.reserve(body.size() / 192 + 16);
    TicketRead read;
    std::string key, scratch;
    scanner.enter('[');
    bool first = true;
    while (scanner.next(']', first)) {
        if (scanner.peek() != Kind::object) {
            scanner.skip_value();
            ++result.skipped;
            continue;
        }
        read_ticket_object(scanner, read, key, scratch);
        if (!read.id || read.ticket.id <= 0) {
            ++result.skipped;
            continue;
        }
        read.ticket.degraded = !read.whole();
        result.tickets.push_back(std::move(read.ticket));
    }
    if (not_json(scanner, result.error, result.detail)) {
        result.tickets = {};
        result.skipped = 0;
        return result;
    }
    if (result.skipped > 0) {
        result.detail = std::to_string(result.skipped) + " rows without a usable id";
    }
    return result;
}

ThreadDecode decode_thread(std::string_view body) {
    ThreadDecode result;
    if (!body_usable(body, result.error, result.detail)) {
        return result;
    }

    // The members that count are the last "ticket" and the last "responses", as with any JSON
    // object; the shape is judged once the whole body is known to be JSON.
    Scanner scanner(body);
    bool has_ticket = false;
    TicketRead ticket;
    std::optional<Kind> responses_kind;
    std::vector<Response> responses;
    int skipped = 0;
    std::string key, scratch;
    if (scanner.peek() == Kind::object) {
        scanner.enter('{');
        bool first = true;
        while (scanner.next('}', first)) {
            if (!scanner.key(key)) {
                break;
            }
            if (key == "ticket") {
                has_ticket = scanner.peek() == Kind::object;
                if (has_ticket) {
                    read_ticket_object(scanner, ticket, key, scratch);
                } else {
                    scanner.skip_value();
                }
            } else if (key == "responses") {
                responses_kind = scanner.peek();
                responses.clear();
                skipped = 0;
                if (responses_kind != Kind::array) {
                    scanner.skip_value();
                    continue;
                }
                scanner.enter('[');
                bool first_response = true;
                while (scanner.next(']', first_response)) {
                    if (scanner.peek() != Kind::object) {
                        scanner.skip_value();
                        ++skipped;
                        continue;
                    }
                    Response response;
                    bool has_message = false, has_date = false;
                    scanner.enter('{');
                    bool first_member = true;
                    while (scanner.next('}', first_member) && scanner.key(key)) {
                        if (key == "message") {
                            has_message = read_text(scanner, response.message);
                        } else if (key == "date") {
                            has_date = read_number(scanner, response.date, scratch);
                        } else {
                            scanner.skip_value();
                        }
                    }
                    if (!has_message) {
                        ++skipped;
                        continue;
                    }
                    response.degraded = !has_date;
                    responses.push_back(std::move(response));
                }
            } else {
                scanner.skip_value();
            }
        }
    } else {
        scanner.skip_value();
    }
    if (not_json(scanner, result.error, result.detail)) {
        return result;
    }
    if (!has_ticket) {
        result.error = DecodeError::wrong_shape;
        result.detail = "expected an object with a \"ticket\" object";
        return result;
    }

    // The page knows the id from its route, so a thread whose ticket lacks one is still shown
    // (with id 0, degraded); the model fills the id in.
    Thread thread;
    thread.ticket = std::move(ticket.ticket);
    if (ticket.id && thread.ticket.id > 0) {
        thread.ticket.degraded = !ticket.whole();
    } else {
        thread.ticket.id = 0;
        thread.ticket.degraded = true;
        result.detail = "ticket without a usable id";
    }
    if (responses_kind == Kind::array) {
        thread.responses = std::move(responses);
        result.skipped = skipped;
    } else if (responses_kind && responses_kind != Kind::null) {
        result.detail = std::string("responses is a ") + json::kind_name(*responses_kind);
    }

    std::stable_sort(thread.responses.begin(), thread.responses.end(),
                     [](const Response& a, const Response& b) { return a.date < b.date; });
    result.thread = std::move(thread);
    return result;
}

std::optional<std::string> decode_error_text(std::string_view body) {
    if (body.empty() || body.size() > k_max_body_bytes) {
        return std::nullopt;
    }
    Scanner scanner(body);
    std::string text, key;
    bool has_text = false;
    if (scanner.peek() == Kind::object) {
        scanner.enter('{');
        bool first = true;
        while (scanner.next('}', first) && scanner.key(key)) {
            if (key == "error") {
                has_text = read_text(scanner, text);
            } else {
                scanner.skip_value();
            }
        }
    } else {
        scanner.skip_value();
        return std::nullopt;
    }
    if (!scanner.at_end() || !has_text || text.empty()) {
        return std::nullopt;
    }
    return text;
}

} // namespace core

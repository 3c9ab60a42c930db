#include "decode.h"

// JSON parsing without exceptions: parse(..., nullptr, false) and is_discarded().
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace core {
namespace {

using nlohmann::json;

// The largest integer a double holds exactly; beyond it a float id or date is a guess.
constexpr double k_max_exact_double = 9007199254740992.0;

// An integer as the API sends it, or as it sometimes sends it: a JSON integer, a float with no
// fraction, or a string of digits. Anything else (a fraction, "12abc", out of range) is unusable.
std::optional<std::int64_t> read_integer(const json& value) {
    if (value.is_number_integer() && !value.is_number_unsigned()) {
        return value.get<std::int64_t>();
    }
    if (value.is_number_unsigned()) {
        const auto number = value.get<std::uint64_t>();
        if (number > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            return std::nullopt;
        }
        return static_cast<std::int64_t>(number);
    }
    if (value.is_number_float()) {
        const double number = value.get<double>();
        if (!std::isfinite(number) || std::trunc(number) != number ||
            std::fabs(number) > k_max_exact_double) {
            return std::nullopt;
        }
        return static_cast<std::int64_t>(number);
    }
    if (value.is_string()) {
        const std::string& text = value.get_ref<const std::string&>();
        std::int64_t number = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, number);
        if (text.empty() || error != std::errc() || stop != end) {
            return std::nullopt;
        }
        return number;
    }
    return std::nullopt;
}

const json* field(const json& object, const char* name) {
    const auto found = object.find(name);
    return found == object.end() ? nullptr : &*found;
}

// Reads a string field into `out`; a missing, null or non-string one leaves it empty.
bool read_text(const json& object, const char* name, std::string& out) {
    const json* value = field(object, name);
    if (value == nullptr || !value->is_string()) {
        return false;
    }
    out = value->get_ref<const std::string&>();
    return true;
}

bool read_number(const json& object, const char* name, std::int64_t& out) {
    const json* value = field(object, name);
    if (value == nullptr) {
        return false;
    }
    const auto number = read_integer(*value);
    if (!number) {
        return false;
    }
    out = *number;
    return true;
}

// Every field of a ticket object but its id; false when one was missing or of the wrong type.
bool read_ticket_fields(const json& row, Ticket& ticket) {
    bool whole = true;
    whole &= read_number(row, "product_id", ticket.product_id);
    whole &= read_text(row, "departement", ticket.department);
    whole &= read_text(row, "sujet", ticket.subject);
    whole &= read_text(row, "status", ticket.status);
    whole &= read_text(row, "message", ticket.message);
    whole &= read_number(row, "date", ticket.date);
    return whole;
}

// One ticket object; nothing when it has no usable id.
std::optional<Ticket> read_ticket(const json& row) {
    if (!row.is_object()) {
        return std::nullopt;
    }
    Ticket ticket;
    if (!read_number(row, "id", ticket.id) || ticket.id <= 0) {
        return std::nullopt;
    }
    ticket.degraded = !read_ticket_fields(row, ticket);
    return ticket;
}

std::optional<json> parse_body(std::string_view body, DecodeError& error, std::string& detail) {
    if (body.size() > k_max_body_bytes) {
        error = DecodeError::too_large;
        detail = "body of " + std::to_string(body.size()) + " bytes";
        return std::nullopt;
    }
    const bool blank = std::all_of(body.begin(), body.end(), [](char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    });
    if (blank) {
        error = DecodeError::empty_body;
        detail = "empty body";
        return std::nullopt;
    }
    json document = json::parse(body, nullptr, false);
    if (document.is_discarded()) {
        error = DecodeError::not_json;
        detail = "not JSON";
        return std::nullopt;
    }
    return document;
}

} // namespace

ListDecode decode_ticket_list(std::string_view body) {
    ListDecode result;
    const auto document = parse_body(body, result.error, result.detail);
    if (!document) {
        return result;
    }
    if (!document->is_array()) {
        result.error = DecodeError::wrong_shape;
        result.detail = std::string("expected an array, got ") + document->type_name();
        return result;
    }

    result.tickets.reserve(document->size());
    for (const json& row : *document) {
        if (auto ticket = read_ticket(row)) {
            result.tickets.push_back(std::move(*ticket));
        } else {
            ++result.skipped;
        }
    }
    if (result.skipped > 0) {
        result.detail = std::to_string(result.skipped) + " rows without a usable id";
    }
    return result;
}

ThreadDecode decode_thread(std::string_view body) {
    ThreadDecode result;
    const auto document = parse_body(body, result.error, result.detail);
    if (!document) {
        return result;
    }
    const json* ticket_json = document->is_object() ? field(*document, "ticket") : nullptr;
    if (ticket_json == nullptr || !ticket_json->is_object()) {
        result.error = DecodeError::wrong_shape;
        result.detail = "expected an object with a \"ticket\" object";
        return result;
    }

    // The page knows the id from its route, so a thread whose ticket lacks one is still shown
    // (with id 0, degraded); the model fills the id in.
    Thread thread;
    if (auto ticket = read_ticket(*ticket_json)) {
        thread.ticket = std::move(*ticket);
    } else {
        read_ticket_fields(*ticket_json, thread.ticket);
        thread.ticket.id = 0;
        thread.ticket.degraded = true;
        result.detail = "ticket without a usable id";
    }

    const json* responses = field(*document, "responses");
    if (responses != nullptr && responses->is_array()) {
        for (const json& item : *responses) {
            Response response;
            if (!item.is_object() || !read_text(item, "message", response.message)) {
                ++result.skipped;
                continue;
            }
            response.degraded = !read_number(item, "date", response.date);
            thread.responses.push_back(std::move(response));
        }
    } else if (responses != nullptr && !responses->is_null()) {
        result.detail = std::string("responses is a ") + responses->type_name();
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
    const json document = json::parse(body, nullptr, false);
    if (document.is_discarded() || !document.is_object()) {
        return std::nullopt;
    }
    std::string text;
    if (!read_text(document, "error", text) || text.empty()) {
        return std::nullopt;
    }
    return text;
}

} // namespace core

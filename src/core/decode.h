// Decoding the API's JSON bodies. Never throws, never aborts: bad input gives a typed error.
#pragma once

#include "ticket.h"

#include <optional>
#include <string>
#include <string_view>

namespace core {

enum class DecodeError {
    none,
    not_json,    // the body does not parse as JSON (an HTML page from a proxy, say)
    empty_body,  // nothing at all
    wrong_shape, // JSON, but not the documented shape (an object where an array belongs)
    too_large,   // over the body size cap
};

struct ListDecode {
    std::vector<Ticket> tickets;
    int skipped = 0; // rows left out because they could not be shown at all (no usable id)
    DecodeError error = DecodeError::none;
    std::string detail; // for logs and tests: what exactly was wrong
};

struct ThreadDecode {
    std::optional<Thread> thread;
    int skipped = 0; // responses left out
    DecodeError error = DecodeError::none;
    std::string detail;
};

inline constexpr std::size_t k_max_body_bytes = 32u * 1024u * 1024u;

// GET /me/tickets, 200 body: an array of tickets. A row with a bad field is kept and marked
// degraded; a row with no usable id is skipped and counted. Unambiguous numbers sent as strings
// ("123") are accepted.
ListDecode decode_ticket_list(std::string_view body);

// GET /me/tickets/:id, 200 body: {"ticket": {...}, "responses": [...]}. Responses come back
// sorted by date, oldest first (stable for equal dates).
ThreadDecode decode_thread(std::string_view body);

// An error body {"error": "..."}: its text, or nothing when the body is not of that shape.
std::optional<std::string> decode_error_text(std::string_view body);

} // namespace core

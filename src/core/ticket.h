// The helpdesk's data, as the page understands it (see shared api.md for the wire format).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace core {

struct Ticket {
    std::int64_t id = 0;
    std::int64_t product_id = 0; // 0 when the server sent none
    std::string department;      // wire name: "departement"
    std::string subject;         // wire name: "sujet"; empty when missing (shown degraded)
    std::string status;          // as sent: "OPEN", "CLOSED", or anything else
    std::string message;         // the customer's first message
    std::int64_t date = 0;       // creation time, Unix seconds, UTC
    bool degraded = false;       // some field was missing or of the wrong type
};

// One answer in a thread. The API sends no author; every response is the helpdesk's
// or the customer's later reply, and the page shows them in date order.
struct Response {
    std::string message;
    std::int64_t date = 0;
    bool degraded = false; // the date was missing or unusable (then 0)
};

struct Thread {
    Ticket ticket;
    std::vector<Response> responses; // sorted by date, oldest first, after decoding
};

// A ticket is closed only when its status says CLOSED; every other status counts as open.
bool is_closed(const Ticket& ticket);

} // namespace core

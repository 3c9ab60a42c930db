// The tickets data: schema, and the reads and writes behind the four endpoints. Every query
// binds its values; no text is ever pasted into SQL.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "db.h"

namespace tickets_server {

struct Ticket {
    std::int64_t id = 0;
    std::int64_t product_id = 0;
    std::string departement;
    std::string sujet;
    std::string status;
    std::string message;
    std::int64_t date = 0;
};

struct Response {
    std::string message;
    std::int64_t date = 0;
};

struct Thread {
    Ticket ticket;
    std::vector<Response> responses; // in stored order, which is not date order
};

// Creates the tables when absent. True when the schema is in place.
bool ensure_schema(Connection& connection);

// True when the database already holds customers (it was seeded before).
bool is_seeded(Connection& connection);

enum class ReadResult { found, not_found, failed };

ReadResult list_tickets(Connection& connection, std::int64_t customer_id,
                        std::vector<Ticket>& tickets);

ReadResult load_thread(Connection& connection, std::int64_t customer_id, std::int64_t ticket_id,
                       Thread& thread);

enum class ReplyResult { posted, not_found, closed, failed };

ReplyResult post_reply(Connection& connection, std::int64_t customer_id, std::int64_t ticket_id,
                       std::string_view message, std::int64_t now);

enum class CloseResult { closed, not_found, failed };

CloseResult close_ticket(Connection& connection, std::int64_t customer_id, std::int64_t ticket_id);

// The order key of a response within its thread: a fixed scramble of its id, so threads come
// back in a stable order that is not the order of their dates.
std::int64_t response_order_key(std::int64_t response_id);

} // namespace tickets_server

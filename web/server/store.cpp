#include "store.h"

#include "log.h"

namespace tickets_server {

namespace {

constexpr std::string_view k_schema = R"sql(
CREATE TABLE IF NOT EXISTS customers (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    api_key TEXT UNIQUE,
    bearer_token TEXT UNIQUE,
    is_demo INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS sessions (
    token TEXT PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    created INTEGER NOT NULL,
    expires INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tickets (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    product_id INTEGER NOT NULL,
    departement TEXT NOT NULL,
    sujet TEXT NOT NULL,
    status TEXT NOT NULL,
    message TEXT NOT NULL,
    date INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS tickets_by_customer ON tickets(customer_id, id);
CREATE TABLE IF NOT EXISTS responses (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    message TEXT NOT NULL,
    date INTEGER NOT NULL,
    order_key INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS responses_by_ticket ON responses(ticket_id, order_key);
)sql";

constexpr std::string_view k_ticket_columns =
    "id, product_id, departement, sujet, status, message, date";

Ticket read_ticket(const Statement& statement) {
    Ticket ticket;
    ticket.id = statement.column_int(0);
    ticket.product_id = statement.column_int(1);
    ticket.departement = statement.column_text(2);
    ticket.sujet = statement.column_text(3);
    ticket.status = statement.column_text(4);
    ticket.message = statement.column_text(5);
    ticket.date = statement.column_int(6);
    return ticket;
}

// The status of one of the customer's tickets, or "" when it is not theirs (or unknown).
ReadResult ticket_status(Connection& connection, std::int64_t customer_id, std::int64_t ticket_id,
                         std::string& status) {
    Statement select(connection, "SELECT status FROM tickets WHERE id = ? AND customer_id = ?");
    select.bind(1, ticket_id).bind(2, customer_id);
    switch (select.step()) {
    case StepResult::row:
        status = select.column_text(0);
        return ReadResult::found;
    case StepResult::done:
        return ReadResult::not_found;
    case StepResult::error:
        break;
    }
    return ReadResult::failed;
}

} // namespace

bool ensure_schema(Connection& connection) {
    return connection.exec(k_schema);
}

bool is_seeded(Connection& connection) {
    Statement count(connection, "SELECT count(*) FROM customers");
    return count.step() == StepResult::row && count.column_int(0) > 0;
}

std::int64_t response_order_key(std::int64_t response_id) {
    // splitmix64's finaliser: every id maps to a distinct, well-scattered key.
    auto x = static_cast<std::uint64_t>(response_id) + 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    x ^= x >> 31;
    return static_cast<std::int64_t>(x >> 1);
}

ReadResult list_tickets(Connection& connection, std::int64_t customer_id,
                        std::vector<Ticket>& tickets) {
    Statement select(connection, "SELECT " + std::string(k_ticket_columns) +
                                     " FROM tickets WHERE customer_id = ? ORDER BY id");
    select.bind(1, customer_id);
    for (;;) {
        switch (select.step()) {
        case StepResult::row:
            tickets.push_back(read_ticket(select));
            continue;
        case StepResult::done:
            return tickets.empty() ? ReadResult::not_found : ReadResult::found;
        case StepResult::error:
            return ReadResult::failed;
        }
    }
}

ReadResult load_thread(Connection& connection, std::int64_t customer_id, std::int64_t ticket_id,
                       Thread& thread) {
    // One read transaction, so the ticket and its responses are one consistent snapshot.
    Transaction transaction(connection, Transaction::Kind::read);
    if (!transaction.ok()) {
        return ReadResult::failed;
    }

    Statement ticket(connection, "SELECT " + std::string(k_ticket_columns) +
                                     " FROM tickets WHERE id = ? AND customer_id = ?");
    ticket.bind(1, ticket_id).bind(2, customer_id);
    switch (ticket.step()) {
    case StepResult::row:
        thread.ticket = read_ticket(ticket);
        break;
    case StepResult::done:
        return ReadResult::not_found;
    case StepResult::error:
        return ReadResult::failed;
    }

    Statement responses(connection, "SELECT message, date FROM responses WHERE ticket_id = ? "
                                    "ORDER BY order_key");
    responses.bind(1, ticket_id);
    for (;;) {
        switch (responses.step()) {
        case StepResult::row:
            thread.responses.push_back({responses.column_text(0), responses.column_int(1)});
            continue;
        case StepResult::done:
            return transaction.commit() ? ReadResult::found : ReadResult::failed;
        case StepResult::error:
            return ReadResult::failed;
        }
    }
}

ReplyResult post_reply(Connection& connection, std::int64_t customer_id, std::int64_t ticket_id,
                       std::string_view message, std::int64_t now) {
    Transaction transaction(connection, Transaction::Kind::write);
    if (!transaction.ok()) {
        return ReplyResult::failed;
    }

    std::string status;
    switch (ticket_status(connection, customer_id, ticket_id, status)) {
    case ReadResult::found:
        break;
    case ReadResult::not_found:
        return ReplyResult::not_found;
    case ReadResult::failed:
        return ReplyResult::failed;
    }
    if (status == "CLOSED") {
        return ReplyResult::closed;
    }

    Statement insert(connection, "INSERT INTO responses (ticket_id, message, date, order_key) "
                                 "VALUES (?, ?, ?, 0)");
    insert.bind(1, ticket_id).bind(2, message).bind(3, now);
    if (!insert.run()) {
        return ReplyResult::failed;
    }
    const std::int64_t response_id = connection.last_insert_id();
    Statement order(connection, "UPDATE responses SET order_key = ? WHERE id = ?");
    order.bind(1, response_order_key(response_id)).bind(2, response_id);
    if (!order.run()) {
        return ReplyResult::failed;
    }
    return transaction.commit() ? ReplyResult::posted : ReplyResult::failed;
}

CloseResult close_ticket(Connection& connection, std::int64_t customer_id, std::int64_t ticket_id) {
    Transaction transaction(connection, Transaction::Kind::write);
    if (!transaction.ok()) {
        return CloseResult::failed;
    }

    std::string status;
    switch (ticket_status(connection, customer_id, ticket_id, status)) {
    case ReadResult::found:
        break;
    case ReadResult::not_found:
        return CloseResult::not_found;
    case ReadResult::failed:
        return CloseResult::failed;
    }

    // Closing a closed ticket changes nothing and still succeeds.
    if (status != "CLOSED") {
        Statement update(connection, "UPDATE tickets SET status = 'CLOSED' WHERE id = ?");
        update.bind(1, ticket_id);
        if (!update.run()) {
            return CloseResult::failed;
        }
    }
    return transaction.commit() ? CloseResult::closed : CloseResult::failed;
}

} // namespace tickets_server

#include "seed.h"

#include <algorithm>
#include <string>
#include <vector>

#include "accounts.h"
#include "demo_data.h"
#include "log.h"
#include "store.h"

namespace tickets_server {

namespace {

constexpr std::int64_t k_day = 24 * 3600;
constexpr std::int64_t k_first_ticket_id = 101;
constexpr std::int64_t k_first_response_id = 1001;

// A small seeded generator (splitmix64): the same database every time for the same `now`.
class SeededRandom {
public:
    explicit SeededRandom(std::uint64_t seed) : state_(seed) {}

    std::uint64_t next() {
        std::uint64_t x = (state_ += 0x9E3779B97F4A7C15ULL);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
        return x ^ (x >> 31);
    }

    // A number in [0, bound).
    std::int64_t below(std::int64_t bound) {
        return bound <= 0 ? 0
                          : static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(bound));
    }

private:
    std::uint64_t state_;
};

// The prepared inserts, reused for every row: seeding 100,000 tickets stays quick.
struct Inserts {
    explicit Inserts(Connection& connection)
        : ticket(connection, "INSERT INTO tickets (id, customer_id, product_id, departement, "
                             "sujet, status, message, date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
          response(connection, "INSERT INTO responses (id, ticket_id, message, date, order_key) "
                               "VALUES (?, ?, ?, ?, ?)") {}

    bool add_ticket(std::int64_t customer_id, const DemoTicket& row, std::int64_t date) {
        ticket.reset();
        ticket.bind(1, row.id).bind(2, customer_id).bind(3, row.product_id);
        ticket.bind(4, row.departement).bind(5, row.sujet).bind(6, row.status);
        ticket.bind(7, row.message).bind(8, date);
        return ticket.run();
    }

    // `count` responses dated after the ticket, inserted in date order; the order key then
    // scrambles the order they are read back in.
    bool add_thread(std::int64_t ticket_id, std::int64_t ticket_date, int count, std::int64_t now,
                    SeededRandom& random) {
        const auto answers = demo_responses();
        const std::int64_t window_end = std::min(now - 60, ticket_date + 40 * k_day);
        std::vector<std::int64_t> dates;
        for (int i = 0; i < count; ++i) {
            dates.push_back(ticket_date + 60 +
                            random.below(std::max<std::int64_t>(1, window_end - ticket_date - 60)));
        }
        std::sort(dates.begin(), dates.end());

        for (const std::int64_t date : dates) {
            const std::int64_t id = next_response_id++;
            const auto answer = answers[static_cast<std::size_t>(
                random.below(static_cast<std::int64_t>(answers.size())))];
            response.reset();
            response.bind(1, id).bind(2, ticket_id).bind(3, answer).bind(4, date);
            response.bind(5, response_order_key(id));
            if (!response.run()) {
                return false;
            }
        }
        return true;
    }

    Statement ticket;
    Statement response;
    std::int64_t next_response_id = k_first_response_id;
};

bool add_customers(Connection& connection) {
    Statement insert(connection, "INSERT INTO customers (id, email, name, api_key, bearer_token, "
                                 "is_demo) VALUES (?, ?, ?, ?, ?, ?)");
    for (const DemoCustomer& customer : demo_customers()) {
        insert.reset();
        insert.bind(1, customer.id).bind(2, customer.email).bind(3, customer.name);
        insert.bind(4, random_secret("rk_", 24)).bind(5, random_secret("tk_", 24));
        insert.bind(6, customer.is_demo ? 1 : 0);
        if (!insert.run()) {
            return false;
        }
    }
    return true;
}

std::int64_t ticket_date(const DemoTicket& row, std::int64_t now, SeededRandom& random) {
    if (row.days_ago == 0) {
        return now - 3600 - random.below(3600);
    }
    return now - row.days_ago * k_day - random.below(k_day / 2);
}

// The demo customer's generated tickets: ids from 101, fields taken in turn from the demo rows.
bool add_many_tickets(Inserts& inserts, std::int64_t count, std::int64_t now,
                      SeededRandom& random) {
    std::vector<DemoTicket> templates;
    for (const DemoTicket& row : demo_tickets()) {
        if (row.owner == DemoOwner::demo) {
            templates.push_back(row);
        }
    }

    for (std::int64_t i = 0; i < count; ++i) {
        DemoTicket row = templates[static_cast<std::size_t>(i) % templates.size()];
        row.id = k_first_ticket_id + i;
        const std::int64_t date = now - 3600 - random.below(730 * k_day);
        const int responses = static_cast<int>(random.below(4));
        if (!inserts.add_ticket(k_demo_customer_id, row, date) ||
            !inserts.add_thread(row.id, date, responses, now, random)) {
            return false;
        }
    }
    return true;
}

} // namespace

bool seed_database(Connection& connection, std::optional<std::int64_t> many_tickets,
                   std::int64_t now) {
    Transaction transaction(connection, Transaction::Kind::write);
    if (!transaction.ok() || !add_customers(connection)) {
        return false;
    }

    Inserts inserts(connection);
    SeededRandom random(20240501);
    if (many_tickets) {
        if (!add_many_tickets(inserts, *many_tickets, now, random)) {
            return false;
        }
    }

    for (const DemoTicket& row : demo_tickets()) {
        const bool is_demo_row = row.owner == DemoOwner::demo;
        if (many_tickets && is_demo_row) {
            continue;
        }
        DemoTicket placed = row;
        if (many_tickets) {
            // Past the generated ids, so the other customer's tickets stay reachable.
            placed.id = k_first_ticket_id + *many_tickets + (row.id - k_first_ticket_id);
        }
        const std::int64_t customer = is_demo_row ? k_demo_customer_id : k_other_customer_id;
        const std::int64_t date = ticket_date(placed, now, random);
        if (!inserts.add_ticket(customer, placed, date) ||
            !inserts.add_thread(placed.id, date, placed.response_count, now, random)) {
            return false;
        }
    }
    return transaction.commit();
}

} // namespace tickets_server

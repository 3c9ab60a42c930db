#include "accounts.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdlib>

#include "log.h"

namespace tickets_server {

namespace {

ReadResult single_id(Statement& select, std::int64_t& id) {
    switch (select.step()) {
    case StepResult::row:
        id = select.column_int(0);
        return ReadResult::found;
    case StepResult::done:
        return ReadResult::not_found;
    case StepResult::error:
        break;
    }
    return ReadResult::failed;
}

Customer read_customer(const Statement& select) {
    Customer customer;
    customer.id = select.column_int(0);
    customer.email = select.column_text(1);
    customer.name = select.column_text(2);
    customer.api_key = select.column_text(3);
    customer.bearer_token = select.column_text(4);
    customer.is_demo = select.column_int(5) != 0;
    return customer;
}

constexpr std::string_view k_customer_columns =
    "SELECT id, email, name, api_key, bearer_token, is_demo FROM customers";

} // namespace

std::string random_secret(std::string_view prefix, std::size_t bytes) {
    std::string raw(bytes, '\0');
    std::size_t filled = 0;
    while (filled < bytes) {
        const ssize_t got = getrandom(raw.data() + filled, bytes - filled, 0);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            // Without the kernel's randomness no credential would be safe to hand out.
            log_error("getrandom failed; cannot make secrets");
            std::abort();
        }
        filled += static_cast<std::size_t>(got);
    }

    static constexpr char k_hex[] = "0123456789abcdef";
    std::string secret(prefix);
    for (const char c : raw) {
        const auto byte = static_cast<unsigned char>(c);
        secret += k_hex[byte >> 4];
        secret += k_hex[byte & 0x0F];
    }
    return secret;
}

ReadResult customer_by_key(Connection& connection, std::string_view email, std::string_view key,
                           std::int64_t& customer_id) {
    Statement select(connection, "SELECT id FROM customers WHERE email = ? AND api_key = ?");
    select.bind(1, email).bind(2, key);
    return single_id(select, customer_id);
}

ReadResult customer_by_token(Connection& connection, std::string_view token,
                             std::int64_t& customer_id) {
    Statement select(connection, "SELECT id FROM customers WHERE bearer_token = ?");
    select.bind(1, token);
    return single_id(select, customer_id);
}

ReadResult customer_by_session(Connection& connection, std::string_view session, std::int64_t now,
                               std::int64_t& customer_id) {
    Statement select(connection,
                     "SELECT customer_id FROM sessions WHERE token = ? AND expires > ?");
    select.bind(1, session).bind(2, now);
    return single_id(select, customer_id);
}

std::string create_session(Connection& connection, std::int64_t customer_id, std::int64_t now) {
    std::string token = random_secret("", 32);
    Statement insert(connection, "INSERT INTO sessions (token, customer_id, created, expires) "
                                 "VALUES (?, ?, ?, ?)");
    insert.bind(1, token).bind(2, customer_id).bind(3, now);
    insert.bind(4, now + k_session_lifetime_seconds);
    return insert.run() ? token : "";
}

std::optional<Customer> demo_customer(Connection& connection) {
    Statement select(connection, std::string(k_customer_columns) + " WHERE is_demo = 1 LIMIT 1");
    if (select.step() != StepResult::row) {
        return std::nullopt;
    }
    return read_customer(select);
}

std::vector<Customer> all_customers(Connection& connection) {
    std::vector<Customer> customers;
    Statement select(connection, std::string(k_customer_columns) + " ORDER BY id");
    while (select.step() == StepResult::row) {
        customers.push_back(read_customer(select));
    }
    return customers;
}

ReadResult revoke_credentials(Connection& connection, std::string_view email) {
    Transaction transaction(connection, Transaction::Kind::write);
    std::int64_t customer_id = 0;
    Statement select(connection, "SELECT id FROM customers WHERE email = ?");
    select.bind(1, email);
    const ReadResult found = transaction.ok() ? single_id(select, customer_id) : ReadResult::failed;
    if (found != ReadResult::found) {
        return found;
    }

    Statement forget(connection,
                     "UPDATE customers SET api_key = NULL, bearer_token = NULL WHERE id = ?");
    forget.bind(1, customer_id);
    Statement end_sessions(connection, "DELETE FROM sessions WHERE customer_id = ?");
    end_sessions.bind(1, customer_id);
    if (!forget.run() || !end_sessions.run() || !transaction.commit()) {
        return ReadResult::failed;
    }
    return ReadResult::found;
}

void delete_expired_sessions(Connection& connection, std::int64_t now) {
    Statement expired(connection, "DELETE FROM sessions WHERE expires <= ?");
    expired.bind(1, now);
    expired.run();
}

} // namespace tickets_server

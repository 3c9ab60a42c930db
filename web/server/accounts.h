// Customers and their credentials: API keys, bearer tokens and page sessions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db.h"
#include "store.h"

namespace tickets_server {

struct Customer {
    std::int64_t id = 0;
    std::string email;
    std::string name;
    std::string api_key;      // empty once revoked
    std::string bearer_token; // empty once revoked
    bool is_demo = false;
};

// A new secret: `prefix` then `bytes` random bytes from the kernel, in hex.
std::string random_secret(std::string_view prefix, std::size_t bytes);

// The customer whose e-mail (any case) and API key match.
ReadResult customer_by_key(Connection& connection, std::string_view email, std::string_view key,
                           std::int64_t& customer_id);

ReadResult customer_by_token(Connection& connection, std::string_view token,
                             std::int64_t& customer_id);

ReadResult customer_by_session(Connection& connection, std::string_view session, std::int64_t now,
                               std::int64_t& customer_id);

// Stores a new session for the customer; returns its token, or "" on failure.
std::string create_session(Connection& connection, std::int64_t customer_id, std::int64_t now);

std::optional<Customer> demo_customer(Connection& connection);

std::vector<Customer> all_customers(Connection& connection);

// Forgets the customer's API key, bearer token and sessions.
ReadResult revoke_credentials(Connection& connection, std::string_view email);

void delete_expired_sessions(Connection& connection, std::int64_t now);

inline constexpr std::int64_t k_session_lifetime_seconds = 30 * 24 * 3600;

} // namespace tickets_server

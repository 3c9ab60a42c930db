// The demo data a fresh database starts with: who the customers are and what their tickets say.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace tickets_server {

enum class DemoOwner { demo, other };

struct DemoCustomer {
    std::int64_t id;
    std::string_view email;
    std::string_view name;
    bool is_demo;
};

struct DemoTicket {
    std::int64_t id;
    DemoOwner owner;
    std::int64_t product_id;
    std::string_view departement;
    std::string_view status;
    int days_ago;       // creation date, counted back from the database's creation
    int response_count; // 0 to 15
    std::string_view sujet;
    std::string_view message;
};

inline constexpr std::int64_t k_demo_customer_id = 1;
inline constexpr std::int64_t k_other_customer_id = 2;
inline constexpr std::int64_t k_empty_customer_id = 3;

std::span<const DemoCustomer> demo_customers();
std::span<const DemoTicket> demo_tickets();

// Support answers that threads are made of (support staff's side; a response has no author).
std::span<const std::string_view> demo_responses();

} // namespace tickets_server

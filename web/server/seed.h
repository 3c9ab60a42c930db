// Filling a fresh database: the demo customers and tickets, or many generated tickets.
#pragma once

#include <cstdint>
#include <optional>

#include "db.h"

namespace tickets_server {

// Writes the demo data in one transaction; ids are fixed, dates count back from `now`. With
// `many_tickets`, the demo customer gets that many generated tickets instead of the demo ones.
bool seed_database(Connection& connection, std::optional<std::int64_t> many_tickets,
                   std::int64_t now);

} // namespace tickets_server

#include "ticket.h"

namespace core {

bool is_closed(const Ticket& ticket) {
    return ticket.status == "CLOSED";
}

} // namespace core

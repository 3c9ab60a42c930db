// The API's JSON bodies, written with the spacing of the published examples:
// {"id": 123, "sujet": "test"}.
#pragma once

#include <string>
#include <vector>

#include "store.h"

namespace tickets_server {

std::string ticket_list_json(const std::vector<Ticket>& tickets);

std::string thread_json(const Thread& thread);

} // namespace tickets_server

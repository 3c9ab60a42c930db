// Any bytes as the body of GET /me/tickets: a typed error or tickets, never a crash.
#include "core/decode.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);

    const core::ListDecode decoded = core::decode_ticket_list(body);
    if (decoded.error != core::DecodeError::none && !decoded.tickets.empty()) {
        __builtin_trap(); // an error comes with no tickets
    }
    for (const core::Ticket& ticket : decoded.tickets) {
        if (ticket.id <= 0) {
            __builtin_trap(); // rows without a usable id are skipped, not kept
        }
    }
    (void)core::decode_error_text(body);
    return 0;
}

// Any bytes as the body of GET /me/tickets/:id: a typed error or a thread in date order.
#include "core/decode.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);

    const core::ThreadDecode decoded = core::decode_thread(body);
    if (decoded.thread.has_value() == (decoded.error != core::DecodeError::none)) {
        __builtin_trap(); // exactly one of a thread or an error
    }
    if (decoded.thread) {
        const auto& responses = decoded.thread->responses;
        for (std::size_t i = 1; i < responses.size(); ++i) {
            if (responses[i - 1].date > responses[i].date) {
                __builtin_trap(); // shown in date order
            }
        }
    }
    return 0;
}

// The four API calls, carried by emscripten_fetch. What the answers mean is the model's
// business; here they are only delivered, once each, with a timeout tracked by hand (Emscripten
// 3.1.6 reports none of its own).
#include "platform/page.h"

#include "core/decode.h" // k_max_body_bytes

#include <emscripten/em_js.h>
#include <emscripten/emscripten.h> // emscripten_get_now
#include <emscripten/eventloop.h>
#include <emscripten/fetch.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace platform {

namespace {

struct InFlight {
    core::Request request;
    OutcomeHandler on_outcome;
    std::vector<const char*> headers; // name, value, ..., nullptr; points into `request`
    double started_s = 0;
    long timer = 0;
    bool answered = false; // the outcome went to the model (possibly as a timeout)
};

// An HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT") as seconds from now; -1 when it is not one.
EM_JS(double, seconds_until_http_date, (const char* text), {
    var at = Date.parse(UTF8ToString(text).trim());
    return isNaN(at) ? -1 : Math.max(0, (at - Date.now()) / 1000);
});

// Retry-After from the raw response headers, in seconds: a number of seconds or an HTTP date.
// -1 when there is none.
double retry_after(emscripten_fetch_t* fetch) {
    size_t length = emscripten_fetch_get_response_headers_length(fetch);
    if (length == 0) return -1;
    std::string raw(length + 1, '\0');
    emscripten_fetch_get_response_headers(fetch, raw.data(), raw.size());
    for (size_t at = 0; at < raw.size();) {
        size_t end = raw.find('\n', at);
        if (end == std::string::npos) end = raw.size();
        std::string line = raw.substr(at, end - at);
        at = end + 1;
        if (line.size() > 12 && strncasecmp(line.c_str(), "retry-after:", 12) == 0) {
            const char* value = line.c_str() + 12;
            char* stop = nullptr;
            double seconds = std::strtod(value, &stop);
            if (stop != value && seconds >= 0) return seconds;
            return seconds_until_http_date(value);
        }
    }
    return -1;
}

// The one place a fetch ends: its callback, success or error.
void finish(emscripten_fetch_t* fetch) {
    std::unique_ptr<InFlight> flight(static_cast<InFlight*>(fetch->userData));
    emscripten_clear_timeout(flight->timer);

    if (!flight->answered) {
        const double handed_at = emscripten_get_now();
        core::Outcome outcome;
        outcome.status = fetch->status;
        // A body over the model's cap is refused by it all the same: a byte more than the cap
        // tells it so, without a second copy of a huge answer in memory.
        if (fetch->data && fetch->numBytes > 0) {
            const auto bytes = static_cast<std::size_t>(
                std::min<std::uint64_t>(fetch->numBytes, core::k_max_body_bytes + 1));
            outcome.body.assign(fetch->data, bytes);
            // The model has its own copy: the fetch's goes back now rather than after the model
            // decoded it, so that a long list is not held three times at once (twice as bytes,
            // once decoded). emscripten_fetch_close() frees a null pointer.
            std::free(const_cast<char*>(fetch->data));
            fetch->data = nullptr;
        }
        outcome.retry_after_s = fetch->status ? retry_after(fetch) : -1;
        log(Level::info, "%s %s: %d, %llu bytes, %.0f ms",
            flight->request.method == core::Method::get ? "GET" : "POST",
            flight->request.url.c_str(), outcome.status,
            static_cast<unsigned long long>(fetch->numBytes),
            (clock_s() - flight->started_s) * 1000);
        flight->on_outcome(flight->request.id, std::move(outcome));
        if (flight->request.call == core::Call::list && fetch->status == 200) {
            stats_list_decoded(emscripten_get_now() - handed_at,
                               static_cast<std::size_t>(fetch->numBytes));
        }
    }
    emscripten_fetch_close(fetch); // exactly once, here
}

// The timer fires only while the fetch is in flight: finish() clears it.
void on_timeout(void* user) {
    InFlight& flight = *static_cast<InFlight*>(user);
    if (flight.answered) return;
    flight.answered = true; // the late answer, if any, is closed and dropped
    log(Level::warn, "%s timed out after %d ms", flight.request.url.c_str(),
        flight.request.timeout_ms);
    core::Outcome outcome;
    outcome.timed_out = true;
    flight.on_outcome(flight.request.id, outcome);
}

} // namespace

void fetch_start(const core::Request& request, const OutcomeHandler& on_outcome) {
    auto flight = std::make_unique<InFlight>();
    flight->request = request;
    flight->on_outcome = on_outcome;
    flight->started_s = clock_s();
    for (const auto& [name, value] : flight->request.headers) {
        flight->headers.push_back(name.c_str());
        flight->headers.push_back(value.c_str());
    }
    flight->headers.push_back(nullptr);

    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strcpy(attr.requestMethod, request.method == core::Method::get ? "GET" : "POST");
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY | EMSCRIPTEN_FETCH_REPLACE;
    attr.requestHeaders = flight->headers.data();
    attr.withCredentials = request.with_cookies;
    if (request.method == core::Method::post) {
        // Not copied by Emscripten: it lives in `flight` until the callback.
        attr.requestData = flight->request.body.data();
        attr.requestDataSize = flight->request.body.size();
    }
    attr.onsuccess = finish;
    attr.onerror = finish;

    // From here the flight belongs to the fetch, and finish() frees it.
    InFlight* owned = flight.release();
    attr.userData = owned;
    owned->timer = emscripten_set_timeout(on_timeout, request.timeout_ms, owned);
    emscripten_fetch(&attr, owned->request.url.c_str());
}

} // namespace platform

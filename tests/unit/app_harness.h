// A test's view of the App: the platform's side of the conversation, with a clock in hand.
#pragma once

#include "core/app.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace test {

// A ticket row as the API sends it.
inline std::string ticket_json(std::int64_t id, const std::string& subject,
                               const std::string& status = "OPEN", std::int64_t date = 1589222615,
                               const std::string& message = "I have a problem...",
                               const std::string& department = "COM") {
    return R"({"id": )" + std::to_string(id) + R"(, "product_id": 39, "departement": ")" +
           department + R"(", "sujet": ")" + subject + R"(", "status": ")" + status +
           R"(", "message": ")" + message + R"(", "date": )" + std::to_string(date) + "}";
}

inline std::string list_body(const std::vector<std::string>& rows) {
    std::string body = "[";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        body += (i > 0 ? ", " : "") + rows[i];
    }
    return body + "]";
}

struct Reply {
    std::string message;
    std::int64_t date;
};

inline std::string thread_body(const std::string& ticket, const std::vector<Reply>& replies) {
    std::string body = R"({"ticket": )" + ticket + R"(, "responses": [)";
    for (std::size_t i = 0; i < replies.size(); ++i) {
        body += (i > 0 ? ", " : "");
        body += R"({"message": ")" + replies[i].message + R"(", "date": )" +
                std::to_string(replies[i].date) + "}";
    }
    return body + "]}";
}

// The list most tests start from: two open tickets and a closed one.
inline std::string three_tickets() {
    return list_body({ticket_json(1, "Facture d'été", "OPEN", 1000),
                      ticket_json(2, "Printer broken", "CLOSED", 3000),
                      ticket_json(3, "VPN down", "OPEN", 2000, "Tunnel drops", "TECH")});
}

inline constexpr const char* k_no_tickets = R"({"error": "Can't find any tickets"})";

class Harness {
public:
    explicit Harness(core::Settings settings = {}) : app(std::move(settings)) {
        app.set_random_seed(42);
    }

    void start(core::Route route = {}) { app.start(route, now); }
    void apply(const core::Intent& intent) { app.apply(intent, now); }
    void tick() { app.tick(now); }
    void advance(std::int64_t ms) { now += ms, app.tick(now); }

    std::vector<core::Request> take() { return app.take_requests(); }

    core::Request take_one() {
        auto requests = app.take_requests();
        REQUIRE(requests.size() == 1);
        return requests.front();
    }

    // The one request waiting of that call; fails the test when there is not exactly one.
    core::Request take_one(core::Call call) {
        auto requests = app.take_requests();
        core::Request found;
        int count = 0;
        for (auto& request : requests) {
            if (request.call == call) {
                found = request, ++count;
            } else {
                others.push_back(request);
            }
        }
        REQUIRE(count == 1);
        return found;
    }

    void answer(const core::Request& request, int status, const std::string& body = "",
                double retry_after_s = -1) {
        core::Outcome outcome;
        outcome.status = status;
        outcome.body = body;
        outcome.retry_after_s = retry_after_s;
        app.on_outcome(request.id, outcome, now);
    }

    void time_out(const core::Request& request) {
        core::Outcome outcome;
        outcome.timed_out = true;
        app.on_outcome(request.id, outcome, now);
    }

    // Starts on the list and answers it with `body`.
    void load_list(const std::string& body = three_tickets()) {
        start();
        answer(take_one(core::Call::list), 200, body);
    }

    // Starts on ticket `id` with the list and the thread answered.
    void open_ticket(std::int64_t id, const std::string& thread,
                     const std::string& list = three_tickets()) {
        start(core::Route{id});
        auto requests = take();
        REQUIRE(requests.size() == 2);
        for (const auto& request : requests) {
            answer(request, 200, request.call == core::Call::list ? list : thread);
        }
    }

    std::vector<std::string> visible_subjects() const {
        std::vector<std::string> subjects;
        for (const int index : app.list().visible) {
            subjects.push_back(app.list().tickets[static_cast<std::size_t>(index)].subject);
        }
        return subjects;
    }

    std::string written(const std::string& key) {
        for (const auto& write : app.take_storage_writes()) {
            writes.push_back(write);
        }
        for (auto it = writes.rbegin(); it != writes.rend(); ++it) {
            if (it->key == key) {
                return it->value;
            }
        }
        return "<never written>";
    }

    core::App app;
    std::int64_t now = 1'700'000'000'000;
    std::vector<core::Request> others;
    std::vector<core::StorageWrite> writes;
};

} // namespace test

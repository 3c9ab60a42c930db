#include "app_harness.h"

using core::Call;
using core::LoadState;
using core::Route;
using test::Harness;

TEST_CASE("a GET is retried on network errors and busy answers, with growing delays") {
    int status = 0;
    SUBCASE("no answer") {
        status = 0;
    }
    SUBCASE("429") {
        status = 429;
    }
    SUBCASE("502") {
        status = 502;
    }
    SUBCASE("503") {
        status = 503;
    }
    SUBCASE("504") {
        status = 504;
    }
    CAPTURE(status);

    Harness h;
    h.start();
    auto request = h.take_one();
    std::int64_t previous_delay = 0;
    for (int retry = 0; retry < core::k_max_retries; ++retry) {
        const std::int64_t failed_at = h.now;
        h.answer(request, status);
        REQUIRE(h.app.next_wakeup_ms());
        const std::int64_t delay = *h.app.next_wakeup_ms() - failed_at;
        const std::int64_t base = 1000LL << retry;
        CHECK(delay >= base / 2);
        CHECK(delay <= base);
        CHECK(delay > previous_delay / 2);
        previous_delay = delay;
        CHECK(h.app.list().state == LoadState::loading);

        h.now += delay - 1;
        h.tick();
        CHECK(h.take().empty());
        h.now += 1;
        h.tick();
        const auto again = h.take_one();
        CHECK(again.id != request.id);
        CHECK(again.url == request.url);
        request = again;
    }

    h.answer(request, status);
    CHECK(h.app.list().state == LoadState::failed);
    CHECK(h.app.notice().is_error);
    h.advance(10'000);
    CHECK(h.take().empty());
}

TEST_CASE("a retry waits at least as long as Retry-After says") {
    Harness h;
    h.start();
    h.answer(h.take_one(), 429, R"({"error": "Too many requests"})", 7);

    REQUIRE(h.app.next_wakeup_ms());
    CHECK(*h.app.next_wakeup_ms() == h.now + 7000);
    h.advance(6999);
    CHECK(h.take().empty());
    h.advance(1);
    CHECK(h.take_one().call == Call::list);
}

TEST_CASE("a Retry-After of more than two minutes is not waited for") {
    Harness h;
    h.start();
    h.answer(h.take_one(), 503, R"({"error": "Maintenance until noon"})", 3600);

    CHECK(h.app.list().state == LoadState::failed);
    CHECK(h.app.notice().text == "Maintenance until noon");
}

TEST_CASE("other errors are not retried") {
    Harness h;
    h.start();
    h.answer(h.take_one(), 500, R"({"error": "Boom"})");

    CHECK(h.app.list().state == LoadState::failed);
    h.advance(30'000);
    CHECK(h.take().empty());
}

TEST_CASE("the same seed gives the same delays") {
    Harness a;
    Harness b;
    a.start();
    b.start();
    a.answer(a.take_one(), 0);
    b.answer(b.take_one(), 0);

    CHECK(*a.app.next_wakeup_ms() == *b.app.next_wakeup_ms());
}

TEST_CASE("an answer to a superseded list request is ignored") {
    Harness h;
    h.load_list();
    h.apply(core::Refresh{});
    const auto older = h.take_one();
    h.apply(core::Refresh{});
    const auto newer = h.take_one();

    h.answer(newer, 200, test::list_body({test::ticket_json(8, "newest")}));
    h.answer(older, 200, test::three_tickets());

    CHECK(h.app.list().tickets.size() == 1);
    CHECK(h.app.list().tickets[0].subject == "newest");
}

TEST_CASE("an answer with an unknown id is ignored") {
    Harness h;
    h.load_list();
    const auto version = h.app.list().version;
    h.app.take_dirty();

    h.app.on_outcome(9999, core::Outcome{200, "[]"}, h.now);
    h.app.on_outcome(0, core::Outcome{200, "[]"}, h.now);

    CHECK(h.app.list().tickets.size() == 3);
    CHECK(h.app.list().version == version);
    CHECK_FALSE(h.app.take_dirty());
}

TEST_CASE("a refresh keeps what is shown, and a failed one keeps it too") {
    Harness h;
    h.load_list();
    h.apply(core::Refresh{});
    const auto refresh = h.take_one();
    CHECK(h.app.list().state == LoadState::loaded);
    CHECK(h.app.list().refreshing);

    h.answer(refresh, 500, R"({"error": "Boom"})");

    CHECK(h.app.list().state == LoadState::loaded);
    CHECK_FALSE(h.app.list().refreshing);
    CHECK(h.app.list().tickets.size() == 3);
    CHECK(h.app.notice().text == "Boom");
}

TEST_CASE("Refresh on a ticket fetches the list and the thread") {
    Harness h;
    h.open_ticket(1, test::thread_body(test::ticket_json(1, "s"), {}));
    h.apply(core::Refresh{});

    const auto requests = h.take();
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].call == Call::list);
    CHECK(requests[1].call == Call::thread);
}

TEST_CASE("the list and the open thread refresh themselves every minute while visible") {
    Harness h;
    h.open_ticket(1, test::thread_body(test::ticket_json(1, "s"), {}));
    CHECK(h.app.next_wakeup_ms() == h.now + 60'000);

    h.advance(59'999);
    CHECK(h.take().empty());
    h.advance(1);
    CHECK(h.take().size() == 2);

    SUBCASE("hidden: no refresh") {
        h.app.set_visible(false, h.now);
        CHECK_FALSE(h.app.next_wakeup_ms());
        h.advance(120'000);
        CHECK(h.take().empty());

        h.app.set_visible(true, h.now);
        CHECK(h.take().size() == 2); // away for over a minute: at once
    }
    SUBCASE("hidden briefly: the timer goes on") {
        h.app.set_visible(false, h.now);
        h.advance(10'000);
        h.app.set_visible(true, h.now);
        CHECK(h.take().empty());
        h.advance(50'000);
        CHECK(h.take().size() == 2);
    }
}

TEST_CASE("going offline and back is said, and the list refreshes on return") {
    Harness h;
    h.load_list();

    h.app.set_online(false, h.now);
    CHECK(h.app.notice().text == "You are offline. Your text is kept.");
    CHECK_FALSE(h.app.online());
    h.advance(120'000);
    CHECK(h.take().empty()); // no automatic refresh while offline

    h.app.set_online(true, h.now);
    CHECK(h.app.notice().text == "Back online");
    CHECK(h.take_one().call == Call::list);
}

TEST_CASE("the model asks for a frame only after a change") {
    Harness h;
    CHECK(h.app.take_dirty());
    CHECK_FALSE(h.app.take_dirty());

    h.start();
    CHECK(h.app.take_dirty());
    h.answer(h.take_one(), 200, "[]");
    CHECK(h.app.take_dirty());
    CHECK_FALSE(h.app.take_dirty());
}

TEST_CASE("the notice serial grows even when the text repeats") {
    Harness h;
    h.start();
    h.answer(h.take_one(), 500, R"({"error": "Boom"})");
    const auto serial = h.app.notice().serial;
    h.apply(core::Refresh{});
    h.answer(h.take_one(), 500, R"({"error": "Boom"})");

    CHECK(h.app.notice().text == "Boom");
    CHECK(h.app.notice().serial > serial);
}

TEST_CASE("a thread request for a ticket left behind is not retried into view") {
    Harness h;
    h.start(Route{1});
    for (const auto& request : h.take()) {
        if (request.call == Call::list) {
            h.answer(request, 200, test::three_tickets());
        } else {
            h.answer(request, 503);
        }
    }
    h.apply(core::Navigate{Route{}});
    h.advance(10'000);

    CHECK(h.take().empty());
}

TEST_CASE("offline, a GET with no answer is not retried: the return of the network refreshes") {
    Harness h;
    h.load_list();
    h.app.set_online(false, h.now);
    h.apply(core::Refresh{});
    h.answer(h.take_one(), 0);

    CHECK(h.app.notice().text == "Can't reach the server. Your text is kept.");
    CHECK_FALSE(h.app.next_wakeup_ms());
    h.advance(30'000);
    CHECK(h.take().empty());

    h.app.set_online(true, h.now);
    CHECK(h.take_one().call == Call::list);
}

TEST_CASE("offline, a busy answer is still retried: it came from somewhere") {
    Harness h;
    h.load_list();
    h.app.set_online(false, h.now);
    h.apply(core::Refresh{});
    h.answer(h.take_one(), 503);

    CHECK(h.app.next_wakeup_ms());
}

TEST_CASE("every request waits as long as the deployment says, when it says") {
    SUBCASE("the defaults: 15 s to read, 30 s to post") {
        Harness h;
        h.open_ticket(1, test::thread_body(test::ticket_json(1, "s"), {}));
        h.apply(core::EditDraft{1, "x"});
        h.apply(core::SendReply{});
        CHECK(h.take_one().timeout_ms == 30'000);
        h.apply(core::Refresh{});
        for (const auto& request : h.take()) {
            CHECK(request.timeout_ms == 15'000);
        }
    }
    SUBCASE("config.json's timeout_ms, for every call and its retries") {
        core::Settings settings;
        settings.timeout_ms = 2500;
        Harness h(settings);
        h.start();
        const auto first = h.take_one();
        CHECK(first.timeout_ms == 2500);
        h.time_out(first);
        h.advance(10'000);
        CHECK(h.take_one().timeout_ms == 2500);
    }
}

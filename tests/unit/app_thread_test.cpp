#include "app_harness.h"

using core::Call;
using core::LoadState;
using core::Route;
using test::Harness;
using test::thread_body;
using test::ticket_json;

namespace {

std::string thread_of_one() {
    return thread_body(ticket_json(1, "Facture d'été", "OPEN", 1000),
                       {{"Later answer", 3000}, {"First answer", 2000}});
}

} // namespace

TEST_CASE("a deep link to a ticket loads the list and the thread") {
    Harness h;
    h.start(Route{1});

    const auto requests = h.take();
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].call == Call::list);
    CHECK(requests[1].call == Call::thread);
    CHECK(requests[1].url == "/me/tickets/1");
    CHECK(h.app.thread().state == LoadState::loading);
    CHECK(h.app.thread().ticket_id == 1);
}

TEST_CASE("a loaded thread shows its responses in date order") {
    Harness h;
    h.open_ticket(1, thread_of_one());

    REQUIRE(h.app.thread().thread);
    const auto& responses = h.app.thread().thread->responses;
    REQUIRE(responses.size() == 2);
    CHECK(responses[0].message == "First answer");
    CHECK(responses[1].message == "Later answer");
    CHECK(h.app.thread().state == LoadState::loaded);
    CHECK(h.app.notice().text == "Ticket loaded");
}

TEST_CASE("an unknown ticket shows the API's not-found answer") {
    Harness h;
    h.start(Route{99});
    const auto thread = h.take_one(Call::thread);

    SUBCASE("with the API's words") {
        h.answer(thread, 404, R"({"error": "Can't find tickets infos"})");
        CHECK(h.app.thread().error == "Can't find tickets infos");
    }
    SUBCASE("with no words of its own") {
        h.answer(thread, 404, "");
        CHECK(h.app.thread().error == "This ticket can't be found.");
    }

    CHECK(h.app.thread().not_found);
    CHECK(h.app.thread().state == LoadState::failed);
    CHECK(h.app.notice().text == h.app.thread().error);
    CHECK(h.app.notice().is_error);
}

TEST_CASE("a thread that failed otherwise says why") {
    Harness h;
    h.start(Route{1});
    const auto thread = h.take_one(Call::thread);

    SUBCASE("a JSON error") {
        h.answer(thread, 500, R"({"error": "Can't read the thread"})");
        CHECK(h.app.thread().error == "Can't read the thread");
    }
    SUBCASE("an HTML page") {
        h.answer(thread, 502, "<html>Bad gateway</html>", 500); // Retry-After too long to wait
        CHECK(h.app.thread().error == "The server answered with an error (502).");
    }
    SUBCASE("a 200 of the wrong shape") {
        h.answer(thread, 200, "[1, 2]");
        CHECK(h.app.thread().error == "The server sent an answer the page can't read.");
    }

    CHECK_FALSE(h.app.thread().not_found);
    CHECK(h.app.thread().state == LoadState::failed);
}

TEST_CASE("a thread whose ticket has no usable id takes the id of the route") {
    Harness h;
    h.start(Route{5});
    h.answer(h.take_one(Call::thread), 200, R"({"ticket": {"id": null, "sujet": "s"}})");

    REQUIRE(h.app.thread().thread);
    CHECK(h.app.thread().thread->ticket.id == 5);
    CHECK(h.app.thread().thread->ticket.degraded);
}

TEST_CASE("going to the list keeps its state; going back to a ticket fetches it again") {
    Harness h;
    h.open_ticket(1, thread_of_one());
    h.apply(core::SetSearch{"vpn"});

    h.apply(core::Navigate{Route{}});
    CHECK(h.app.route() == Route{});
    CHECK(h.take().empty()); // the list is already there
    CHECK(h.app.list().search == "vpn");

    h.apply(core::Navigate{Route{1}});
    const auto again = h.take_one(Call::thread);
    CHECK(h.app.thread().state == LoadState::loaded); // shown while the new copy comes
    CHECK(h.app.thread().refreshing);
    h.answer(again, 200, thread_of_one());
    CHECK_FALSE(h.app.thread().refreshing);
}

TEST_CASE("a thread that arrives after the customer moved on is ignored") {
    Harness h;
    h.start(Route{1});
    const auto first = h.take_one(Call::thread);

    SUBCASE("to another ticket") {
        h.apply(core::Navigate{Route{2}});
        const auto second = h.take_one(Call::thread);
        h.answer(first, 200, thread_of_one());
        CHECK_FALSE(h.app.thread().thread);
        CHECK(h.app.thread().ticket_id == 2);
        h.answer(second, 200, thread_body(ticket_json(2, "Printer broken", "CLOSED"), {}));
        REQUIRE(h.app.thread().thread);
        CHECK(h.app.thread().thread->ticket.subject == "Printer broken");
    }
    SUBCASE("to the list") {
        h.apply(core::Navigate{Route{}});
        h.answer(first, 200, thread_of_one());
        CHECK_FALSE(h.app.thread().thread);
    }
}

TEST_CASE("GoBack closes the dialog first, then goes to the list") {
    Harness h;
    h.open_ticket(1, thread_of_one());
    h.apply(core::AskClose{});
    REQUIRE(h.app.reply().confirm_close_open);

    h.apply(core::GoBack{});
    CHECK_FALSE(h.app.reply().confirm_close_open);
    CHECK(h.app.route() == Route{1});

    h.apply(core::GoBack{});
    CHECK(h.app.route() == Route{});

    h.apply(core::GoBack{});
    CHECK(h.app.route() == Route{});
}

TEST_CASE("a thread loaded as closed makes the list agree") {
    Harness h;
    h.open_ticket(1, thread_body(ticket_json(1, "Facture d'été", "CLOSED", 1000), {}));

    CHECK(h.app.list().tickets[0].status == "CLOSED");
    CHECK(h.app.list().count_closed == 2);
    CHECK(h.app.list().count_open == 1);
}

#include "app_harness.h"

using core::Call;
using core::Route;
using core::StatusFilter;
using test::Harness;
using test::thread_body;
using test::ticket_json;

namespace {

std::string thread_with_status(const std::string& status) {
    return thread_body(ticket_json(1, "Facture d'été", status, 1000), {});
}

// On ticket 1 (open), the close dialog confirmed.
core::Request confirmed_close(Harness& h) {
    h.open_ticket(1, thread_with_status("OPEN"));
    h.apply(core::AskClose{});
    h.apply(core::ConfirmClose{});
    return h.take_one();
}

} // namespace

TEST_CASE("closing asks first, and Cancel closes nothing") {
    Harness h;
    h.open_ticket(1, thread_with_status("OPEN"));

    h.apply(core::AskClose{});
    CHECK(h.app.reply().confirm_close_open);
    h.apply(core::CancelClose{});
    CHECK_FALSE(h.app.reply().confirm_close_open);
    CHECK(h.take().empty());

    h.apply(core::ConfirmClose{}); // with no dialog open: nothing
    CHECK(h.take().empty());
}

TEST_CASE("a closed ticket offers no close") {
    Harness h;
    h.open_ticket(1, thread_with_status("CLOSED"));
    h.apply(core::AskClose{});

    CHECK_FALSE(h.app.reply().confirm_close_open);
}

TEST_CASE("a confirmed close posts once") {
    Harness h;
    const auto post = confirmed_close(h);

    CHECK(post.call == Call::close);
    CHECK(post.url == "/me/tickets/1/close");
    CHECK(h.app.reply().closing);
    CHECK_FALSE(h.app.reply().confirm_close_open);
    h.apply(core::AskClose{});
    CHECK_FALSE(h.app.reply().confirm_close_open);
}

TEST_CASE("an accepted close shows CLOSED in the thread and in the list at once") {
    Harness h;
    const auto post = confirmed_close(h);
    const auto version = h.app.list().version;
    h.answer(post, 200, R"({"message": "The ticket has been closed"})");

    CHECK(h.app.notice().text == "Ticket closed");
    CHECK_FALSE(h.app.reply().closing);
    CHECK(h.app.thread().thread->ticket.status == "CLOSED");
    CHECK(h.app.list().tickets[0].status == "CLOSED");
    CHECK(h.app.list().count_open == 1);
    CHECK(h.app.list().count_closed == 2);
    CHECK(h.app.list().version > version);
    CHECK(h.visible_subjects() == std::vector<std::string>{"VPN down"}); // Open filter
    h.apply(core::EditDraft{1, "after"});
    CHECK_FALSE(h.app.can_send());
    CHECK(h.take().empty()); // the list agrees without a reload
}

TEST_CASE("a refused close changes nothing and says why") {
    Harness h;
    const auto post = confirmed_close(h);
    const auto version = h.app.list().version;

    SUBCASE("the API's error") {
        h.answer(post, 500, R"({"error": "Can't close the ticket"})");
        CHECK(h.app.notice().text == "Can't close the ticket");
    }
    SUBCASE("a proxy's page") {
        h.answer(post, 503, "<html>Service unavailable</html>");
        CHECK(h.app.notice().text == "The server answered with an error (503).");
    }

    CHECK(h.app.notice().is_error);
    CHECK_FALSE(h.app.reply().closing);
    CHECK(h.app.thread().thread->ticket.status == "OPEN");
    CHECK(h.app.list().tickets[0].status == "OPEN");
    CHECK(h.app.list().version == version);
    h.advance(10'000);
    CHECK(h.take().empty()); // never retried
}

TEST_CASE("a close with no answer is checked in the thread") {
    Harness h;
    const auto post = confirmed_close(h);
    const auto look_in_thread = [&](const std::string& not_closed) {
        CHECK(h.app.reply().closing);
        const auto check = h.take_one(Call::thread);

        SUBCASE("it was closed") {
            h.answer(check, 200, thread_with_status("CLOSED"));
            CHECK(h.app.notice().text == "Ticket closed");
            CHECK(h.app.list().tickets[0].status == "CLOSED");
        }
        SUBCASE("it was not") {
            h.answer(check, 200, thread_with_status("OPEN"));
            CHECK(h.app.notice().text == not_closed);
            CHECK(h.app.list().tickets[0].status == "OPEN");
        }
        CHECK_FALSE(h.app.reply().closing);
        CHECK(h.take().empty()); // the POST is not sent again
    };

    SUBCASE("timed out") {
        h.time_out(post);
        look_in_thread("Can't reach the server. Your text is kept.");
    }
    SUBCASE("a gateway's 504: the server may have closed it") {
        h.answer(post, 504, "<html>Gateway Timeout</html>");
        look_in_thread("The server answered with an error (504).");
    }
}

TEST_CASE("a ticket closed from the list's point of view leaves the Closed filter right") {
    Harness h;
    h.app.restore("prefs", R"({"filter": "closed"})");
    const auto post = confirmed_close(h);
    h.answer(post, 200, R"({"message": "The ticket has been closed"})");
    h.apply(core::Navigate{Route{}});

    CHECK(h.app.list().filter == StatusFilter::closed);
    CHECK(h.visible_subjects() == std::vector<std::string>{"Printer broken", "Facture d'été"});
}

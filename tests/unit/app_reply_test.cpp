#include "app_harness.h"

using core::Call;
using core::Route;
using test::Harness;
using test::thread_body;
using test::ticket_json;

namespace {

std::string open_thread(const std::vector<test::Reply>& replies = {{"Answer...", 2000}}) {
    return thread_body(ticket_json(1, "Facture d'été", "OPEN", 1000), replies);
}

// On ticket 1, with `text` typed.
void typed(Harness& h, const std::string& text) {
    h.open_ticket(1, open_thread());
    h.apply(core::EditDraft{1, text});
}

} // namespace

TEST_CASE("a draft is saved as it is typed and removed when emptied") {
    Harness h;
    h.apply(core::EditDraft{7, "Bonjour"});

    CHECK(h.app.draft(7) == "Bonjour");
    CHECK(h.written("draft.7") == "Bonjour");

    h.apply(core::EditDraft{7, ""});
    CHECK(h.app.draft(7) == "");
    CHECK(h.written("draft.7") == "");
}

TEST_CASE("drafts come back from storage; odd keys are ignored") {
    Harness h;
    h.app.restore("draft.12", "Texte d'hier");
    h.app.restore("draft.x", "lost");
    h.app.restore("draft.-3", "lost");
    h.app.restore("draft.", "lost");

    CHECK(h.app.draft(12) == "Texte d'hier");
    CHECK(h.app.draft(0) == "");
    CHECK(h.app.draft(-3) == "");
}

TEST_CASE("send is possible only with text, on an open loaded ticket, not while sending") {
    Harness h;
    h.start(Route{1});
    h.apply(core::EditDraft{1, "hello"});
    CHECK_FALSE(h.app.can_send()); // thread not loaded yet

    for (const auto& request : h.take()) {
        h.answer(request, 200,
                 request.call == Call::thread ? open_thread() : test::three_tickets());
    }
    CHECK(h.app.can_send());

    h.apply(core::EditDraft{1, "  \n "});
    CHECK_FALSE(h.app.can_send());

    h.apply(core::EditDraft{1, "hello"});
    h.apply(core::SendReply{});
    CHECK_FALSE(h.app.can_send());
}

TEST_CASE("a closed ticket cannot be replied to") {
    Harness h;
    h.open_ticket(2, thread_body(ticket_json(2, "Printer broken", "CLOSED"), {}));
    h.apply(core::EditDraft{2, "one more thing"});

    CHECK_FALSE(h.app.can_send());
    h.apply(core::SendReply{});
    CHECK(h.take().empty());
}

TEST_CASE("a reply is posted once, however often Send is pressed") {
    Harness h;
    typed(h, "Merci !");
    h.apply(core::SendReply{});
    h.apply(core::SendReply{});

    const auto request = h.take_one();
    CHECK(request.call == Call::reply);
    CHECK(request.body == "message=Merci+%21");
    CHECK(h.app.reply().sending);
    CHECK(h.app.notice().text == "Sending…");
}

TEST_CASE("an accepted reply clears the draft and fetches the thread again") {
    Harness h;
    typed(h, "Merci !");
    h.apply(core::SendReply{});
    h.answer(h.take_one(), 200, R"({"message": "Message successfully posted"})");

    CHECK(h.app.notice().text == "Reply sent");
    CHECK_FALSE(h.app.notice().is_error);
    CHECK(h.app.draft(1) == "");
    CHECK(h.written("draft.1") == "");
    CHECK_FALSE(h.app.reply().sending);
    const auto refetch = h.take_one(Call::thread);
    h.answer(refetch, 200, open_thread({{"Answer...", 2000}, {"Merci !", 5000}}));
    CHECK(h.app.thread().thread->responses.back().message == "Merci !");
}

TEST_CASE("text typed while the reply was on its way is not cleared") {
    Harness h;
    typed(h, "First part");
    h.apply(core::SendReply{});
    h.apply(core::EditDraft{1, "First part, and more"});
    h.answer(h.take_one(), 200, R"({"message": "Message successfully posted"})");

    CHECK(h.app.notice().text == "Reply sent");
    CHECK(h.app.draft(1) == "First part, and more");
}

TEST_CASE("a refused reply keeps the draft and says the server's words") {
    Harness h;
    typed(h, "Merci !");
    h.apply(core::SendReply{});
    const auto post = h.take_one();

    SUBCASE("a JSON error") {
        h.answer(post, 500, R"({"error": "Can't post new reply"})");
        CHECK(h.app.notice().text == "Can't post new reply");
    }
    SUBCASE("an HTML error") {
        h.answer(post, 500, "<html>Internal Server Error</html>");
        CHECK(h.app.notice().text == "The server answered with an error (500).");
    }
    SUBCASE("no body at all") {
        h.answer(post, 503, "");
        CHECK(h.app.notice().text == "The server answered with an error (503).");
    }
    SUBCASE("too many requests") {
        h.answer(post, 429, R"({"error": "Slow down"})", 1);
        CHECK(h.app.notice().text == "Slow down");
    }

    CHECK(h.app.notice().is_error);
    CHECK(h.app.draft(1) == "Merci !");
    CHECK_FALSE(h.app.reply().sending);
    CHECK(h.app.can_send());
    h.advance(10'000);
    CHECK(h.take().empty()); // a POST is never retried
}

TEST_CASE("a reply with no answer is looked for in the thread before anything else") {
    Harness h;
    typed(h, "Merci !\r\n");
    h.apply(core::SendReply{});
    h.time_out(h.take_one());
    const std::string not_there = "Can't reach the server. Your text is kept.";

    CHECK(h.app.reply().fate_unknown);
    CHECK_FALSE(h.app.can_send());
    CHECK(h.app.notice().text == "Checking whether your reply arrived…");
    const auto check = h.take_one(Call::thread);
    CHECK(check.url == "/me/tickets/1");

    SUBCASE("it arrived: as if accepted") {
        h.answer(check, 200, open_thread({{"Answer...", 2000}, {"Merci !", 9000}}));
        CHECK(h.app.notice().text == "Reply sent");
        CHECK(h.app.draft(1) == "");
        CHECK_FALSE(h.app.reply().offer_send_again);
        CHECK(h.app.thread().thread->responses.size() == 2);
    }
    SUBCASE("it did not: the draft stays and Send again is offered") {
        h.answer(check, 200, open_thread());
        CHECK(h.app.notice().text == not_there);
        CHECK(h.app.draft(1) == "Merci !\r\n");
        CHECK(h.app.reply().offer_send_again);
        CHECK(h.app.can_send());
    }
    SUBCASE("the check fails too: the draft stays and Send again is offered") {
        h.answer(check, 500, R"({"error": "down"})");
        CHECK(h.app.notice().text == "Can't reach the server. Your text is kept.");
        CHECK(h.app.draft(1) == "Merci !\r\n");
        CHECK(h.app.reply().offer_send_again);
    }

    CHECK_FALSE(h.app.reply().fate_unknown);
    CHECK_FALSE(h.app.reply().sending);
    CHECK(h.take().empty()); // and the POST is not sent again by itself
}

TEST_CASE("an identical older reply does not count as the lost one") {
    Harness h;
    h.open_ticket(1, open_thread({{"Thanks", 2000}}));
    h.apply(core::EditDraft{1, "Thanks"});
    h.apply(core::SendReply{});
    h.answer(h.take_one(), 0);

    h.answer(h.take_one(Call::thread), 200, open_thread({{"Thanks", 2000}}));

    CHECK(h.app.reply().offer_send_again);
    CHECK(h.app.draft(1) == "Thanks");
}

TEST_CASE("a reply's answer still counts after the customer went to the list") {
    Harness h;
    typed(h, "Merci !");
    h.apply(core::SendReply{});
    const auto post = h.take_one();
    h.apply(core::Navigate{Route{}});
    h.answer(post, 200, R"({"message": "Message successfully posted"})");

    CHECK(h.app.notice().text == "Reply sent");
    CHECK(h.app.draft(1) == "");
    CHECK(h.take().empty()); // no thread to refresh on the list
}

TEST_CASE("storage that does not work is said once, at the first draft, which stays in memory") {
    Harness h;
    h.app.storage_unavailable();
    h.load_list();
    CHECK(h.app.drafts_in_memory_only());
    CHECK(h.app.notice().text == "2 tickets shown"); // not lost under the list's own notice

    h.apply(core::EditDraft{3, "kept"});
    const auto serial = h.app.notice().serial;
    CHECK(h.app.notice().text ==
          "Drafts can't be saved in this browser; they are kept until you leave.");
    h.apply(core::EditDraft{3, "kept, and more"});
    h.apply(core::EditDraft{1, "another"});
    CHECK(h.app.notice().serial == serial);
    CHECK(h.app.draft(3) == "kept, and more");
    CHECK(h.app.draft(1) == "another");
}

TEST_CASE("working storage says nothing about drafts") {
    Harness h;
    h.load_list();
    const auto serial = h.app.notice().serial;
    h.apply(core::EditDraft{3, "kept"});

    CHECK_FALSE(h.app.drafts_in_memory_only());
    CHECK(h.app.notice().serial == serial);
}

TEST_CASE("a gateway's 502 or 504 to a reply leaves its fate unknown: the thread is checked") {
    Harness h;
    typed(h, "Merci !");
    h.apply(core::SendReply{});
    const auto post = h.take_one();
    const auto look_in_thread = [&](int status) {
        CAPTURE(status);
        h.answer(post, status, "<html>Gateway</html>");
        CHECK(h.app.reply().fate_unknown);
        const auto check = h.take_one(Call::thread);

        SUBCASE("it arrived") {
            h.answer(check, 200, open_thread({{"Answer...", 2000}, {"Merci !", 9000}}));
            CHECK(h.app.notice().text == "Reply sent");
            CHECK(h.app.draft(1) == "");
        }
        SUBCASE("it did not: the gateway's error is said, the draft stays") {
            h.answer(check, 200, open_thread());
            CHECK(h.app.notice().text ==
                  "The server answered with an error (" + std::to_string(status) + ").");
            CHECK(h.app.draft(1) == "Merci !");
            CHECK(h.app.reply().offer_send_again);
        }
        CHECK(h.take().empty());
    };

    SUBCASE("502") {
        look_in_thread(502);
    }
    SUBCASE("504") {
        look_in_thread(504);
    }
}

TEST_CASE("a reply the check could not find out about is looked for in the next thread loaded") {
    Harness h;
    typed(h, "Merci !");
    h.apply(core::SendReply{});
    h.answer(h.take_one(), 0);
    h.answer(h.take_one(Call::thread), 500, R"({"error": "down"})");
    REQUIRE(h.app.reply().offer_send_again);
    REQUIRE(h.app.draft(1) == "Merci !");

    h.apply(core::Refresh{});
    const auto thread = h.take_one(Call::thread);

    SUBCASE("it had arrived: as if accepted, and not offered again") {
        h.answer(thread, 200, open_thread({{"Answer...", 2000}, {"Merci !", 9000}}));
        CHECK(h.app.notice().text == "Reply sent");
        CHECK(h.app.draft(1) == "");
        CHECK_FALSE(h.app.reply().offer_send_again);
    }
    SUBCASE("it had not: the draft and Send again stay") {
        h.answer(thread, 200, open_thread());
        CHECK(h.app.draft(1) == "Merci !");
        CHECK(h.app.reply().offer_send_again);

        // Later loads do not look again: the answer is known.
        h.apply(core::Refresh{});
        h.answer(h.take_one(Call::thread), 200,
                 open_thread({{"Answer...", 2000}, {"Merci !", 9000}}));
        CHECK(h.app.draft(1) == "Merci !");
    }
}

TEST_CASE("a reply found by the check is not looked for again") {
    Harness h;
    typed(h, "Merci !");
    h.apply(core::SendReply{});
    h.answer(h.take_one(), 0);
    h.answer(h.take_one(Call::thread), 200, open_thread({{"Answer...", 2000}, {"Merci !", 9}}));
    REQUIRE(h.app.notice().text == "Reply sent");

    h.apply(core::EditDraft{1, "Merci !"}); // the same words, typed again on purpose
    h.apply(core::Refresh{});
    h.answer(h.take_one(Call::thread), 200,
             open_thread({{"Answer...", 2000}, {"Merci !", 9}, {"Merci !", 12}}));

    CHECK(h.app.draft(1) == "Merci !");
}

// The notices: what the status region says, and which catalogue message it is, so that the views
// can choose which ones to show on the page as well.
#include "app_harness.h"

using core::Call;
using core::Msg;
using core::Route;
using test::Harness;
using test::thread_body;
using test::ticket_json;

namespace {

std::string open_thread() {
    return thread_body(ticket_json(1, "Facture d'été", "OPEN", 1000), {{"Answer...", 2000}});
}

} // namespace

TEST_CASE("a notice from the catalogue says which message it is") {
    Harness h;
    h.open_ticket(1, open_thread());
    h.apply(core::EditDraft{1, "Merci"});
    h.apply(core::SendReply{});

    CHECK(h.app.notice().msg == Msg::sending);

    h.answer(h.take_one(Call::reply), 200, R"({"message": "Message successfully posted"})");
    CHECK(h.app.notice().text == "Reply sent");
    CHECK(h.app.notice().msg == Msg::reply_sent);
    CHECK_FALSE(h.app.notice().is_error);
}

TEST_CASE("the server's own words and the list's counts are no catalogue message") {
    Harness h;
    h.open_ticket(1, open_thread());
    h.apply(core::EditDraft{1, "Merci"});
    h.apply(core::SendReply{});
    h.answer(h.take_one(Call::reply), 500, R"({"error": "Can't post new reply"})");

    CHECK(h.app.notice().text == "Can't post new reply");
    CHECK(h.app.notice().is_error);
    CHECK_FALSE(h.app.notice().msg.has_value());

    Harness list;
    list.load_list();
    CHECK(list.app.notice().text == "2 tickets shown");
    CHECK_FALSE(list.app.notice().msg.has_value());

    list.apply(core::SetSearch{"nothing like it"});
    CHECK(list.app.notice().msg == Msg::no_tickets_match);
}

// The page inside a portal: credentials asked for and handed over, a 401 asked about once more,
// and the events the portal hears (ticket opened, reply sent, ticket closed).
#include "app_harness.h"

using core::Call;
using core::CredentialsMode;
using core::Event;
using core::LoadState;
using core::Route;
using test::Harness;
using test::thread_body;
using test::ticket_json;

namespace {

core::Settings framed(CredentialsMode mode = CredentialsMode::bearer) {
    core::Settings settings;
    settings.credentials = mode;
    settings.embedded = true;
    return settings;
}

core::Credentials token(const std::string& value) {
    return {CredentialsMode::bearer, value, "", ""};
}

core::Credentials email_and_key(const std::string& email, const std::string& key) {
    return {CredentialsMode::key, "", email, key};
}

std::string header(const core::Request& request, const std::string& name) {
    for (const auto& [key, value] : request.headers) {
        if (key == name) {
            return value;
        }
    }
    return "<absent>";
}

const Event k_credentials_wanted{Event::Kind::credentials_wanted, 0};

std::string open_thread(std::int64_t id = 1) {
    return thread_body(ticket_json(id, "Facture d'été", "OPEN", 1000), {{"Answer...", 2000}});
}

// Framed, asked, handed "t-1", and the list loaded with it.
void signed_in_by_portal(Harness& h, Route route = {}) {
    h.start(route);
    REQUIRE(h.app.take_events() == std::vector<Event>{k_credentials_wanted});
    h.app.on_credentials(token("t-1"), h.now);
    for (const auto& request : h.take()) {
        h.answer(request, 200, request.call == Call::list ? test::three_tickets() : open_thread());
    }
}

} // namespace

TEST_CASE("framed with bearer credentials, the page asks the portal before sending anything") {
    Harness h(framed());
    h.start();

    CHECK(h.app.take_events() == std::vector<Event>{k_credentials_wanted});
    CHECK(h.take().empty());
    CHECK(h.app.awaiting_credentials());
    CHECK_FALSE(h.app.needs_sign_in());
    CHECK(h.app.list().state == LoadState::loading);

    // Nothing goes out while it waits: no refresh, no navigation.
    h.apply(core::Refresh{});
    h.apply(core::Navigate{Route{2}});
    h.advance(5'000);
    CHECK(h.take().empty());
    CHECK(h.app.take_events().empty());
}

TEST_CASE("a handed token signs every request with a bearer header, and is never stored") {
    Harness h(framed());
    h.start(Route{1});
    h.app.take_events();
    h.app.on_credentials(token("t-1"), h.now);

    const auto requests = h.take();
    REQUIRE(requests.size() == 2);
    for (const auto& request : requests) {
        CHECK(header(request, "Authorization") == "Bearer t-1");
        CHECK_FALSE(request.with_cookies);
    }
    CHECK_FALSE(h.app.awaiting_credentials());
    CHECK(h.app.take_storage_writes().empty());
}

TEST_CASE("an e-mail and key handed over go out as the API's own headers") {
    SUBCASE("in a bearer deployment") {
        Harness h(framed(CredentialsMode::bearer));
        h.start();
        h.app.on_credentials(email_and_key("ana@example.test", "k-1"), h.now);
        const auto list = h.take_one();
        CHECK(header(list, "X-Rahona-Email") == "ana@example.test");
        CHECK(header(list, "X-Rahona-Key") == "k-1");
        CHECK(header(list, "Authorization") == "<absent>");
        CHECK(h.app.take_storage_writes().empty());
    }
    SUBCASE("in a key deployment: signed in, and still only in memory") {
        Harness h(framed(CredentialsMode::key));
        h.start();
        CHECK(h.app.take_events() == std::vector<Event>{k_credentials_wanted});
        CHECK_FALSE(h.app.needs_sign_in()); // no sign-in screen while the portal is asked
        h.app.on_credentials(email_and_key("ana@example.test", "k-1"), h.now);
        CHECK(header(h.take_one(), "X-Rahona-Key") == "k-1");
        CHECK(h.app.signed_in());
        CHECK_FALSE(h.app.needs_sign_in());
        CHECK_FALSE(h.app.offers_sign_out()); // the portal's session, not the page's
        CHECK(h.written("session.key") == "<never written>");
        CHECK(h.written("session.email") == "<never written>");
    }
}

TEST_CASE("a key deployment accepts a handed token too") {
    Harness h(framed(CredentialsMode::key));
    h.start();
    h.app.on_credentials(token("t-1"), h.now);

    CHECK(header(h.take_one(), "Authorization") == "Bearer t-1");
    CHECK_FALSE(h.app.needs_sign_in());
}

TEST_CASE("a 401 asks the portal once more, and the new credentials are used") {
    Harness h(framed());
    h.start();
    h.app.take_events();
    h.app.on_credentials(token("t-old"), h.now);
    h.answer(h.take_one(), 401, R"({"error": "Invalid credentials"})");

    CHECK(h.app.take_events() == std::vector<Event>{k_credentials_wanted});
    CHECK(h.app.awaiting_credentials());
    CHECK(h.take().empty());

    h.app.on_credentials(token("t-new"), h.now);
    const auto list = h.take_one();
    CHECK(header(list, "Authorization") == "Bearer t-new");
    h.answer(list, 200, test::three_tickets());
    CHECK(h.app.list().state == LoadState::loaded);
    CHECK_FALSE(h.app.notice().is_error);
}

TEST_CASE("a second 401 in a row is a clear message, not a loop") {
    Harness h(framed());
    h.start();
    h.app.take_events();
    h.app.on_credentials(token("t-1"), h.now);
    h.answer(h.take_one(), 401, R"({"error": "Invalid credentials"})");
    h.app.take_events();
    h.app.on_credentials(token("t-1"), h.now);
    h.answer(h.take_one(), 401, R"({"error": "Invalid credentials"})");

    CHECK(h.app.take_events().empty()); // not asked a third time
    CHECK(h.app.notice().text ==
          "You could not be signed in through your portal. Refresh to try again.");
    CHECK(h.app.notice().is_error);
    CHECK(h.app.list().state == LoadState::failed);
    CHECK_FALSE(h.app.awaiting_credentials());

    // Nothing more goes out by itself, not even the minute's refresh.
    h.advance(120'000);
    CHECK(h.take().empty());
    CHECK(h.app.take_events().empty());
    CHECK_FALSE(h.app.next_wakeup_ms().has_value());

    // Refresh, the customer's own act, asks the portal again.
    h.apply(core::Refresh{});
    CHECK(h.app.take_events() == std::vector<Event>{k_credentials_wanted});
    h.app.on_credentials(token("t-2"), h.now);
    CHECK(header(h.take_one(), "Authorization") == "Bearer t-2");
}

TEST_CASE("credentials that worked once may be asked for again after a later 401") {
    Harness h(framed());
    signed_in_by_portal(h);
    h.apply(core::Refresh{});
    h.answer(h.take_one(), 401, "");
    CHECK(h.app.take_events() == std::vector<Event>{k_credentials_wanted});
    h.app.on_credentials(token("t-2"), h.now);
    h.answer(h.take_one(), 200, test::three_tickets());

    // An hour later the new token expires too: asked again, since one worked in between.
    h.advance(3'600'000);
    h.answer(h.take_one(Call::list), 401, "");
    CHECK(h.app.take_events() == std::vector<Event>{k_credentials_wanted});
}

TEST_CASE("a 401 to a reply asks again and keeps the draft; nothing is posted twice") {
    Harness h(framed());
    signed_in_by_portal(h, Route{1});
    h.app.take_events();
    h.apply(core::EditDraft{1, "my reply"});
    h.apply(core::SendReply{});
    const auto post = h.take_one();
    CHECK(header(post, "Authorization") == "Bearer t-1");
    h.answer(post, 401, R"({"error": "Invalid credentials"})");

    CHECK(h.app.take_events() == std::vector<Event>{k_credentials_wanted});
    CHECK_FALSE(h.app.reply().sending);
    CHECK(h.app.draft(1) == "my reply");
    CHECK_FALSE(h.app.can_send()); // not while the portal is asked

    h.app.on_credentials(token("t-2"), h.now);
    for (const auto& request : h.take()) {
        CHECK(request.method == core::Method::get); // the list and the thread, no POST
        h.answer(request, 200, request.call == Call::list ? test::three_tickets() : open_thread());
    }
    CHECK(h.app.can_send());
    CHECK(h.app.draft(1) == "my reply");
}

TEST_CASE("a portal with nothing to hand over") {
    SUBCASE("bearer: a clear message once it says so") {
        Harness h(framed());
        h.start();
        h.app.on_credentials(std::nullopt, h.now);
        CHECK(h.app.notice().text ==
              "You could not be signed in through your portal. Refresh to try again.");
        CHECK(h.app.list().state == LoadState::failed);
        CHECK(h.take().empty());
    }
    SUBCASE("bearer: the same after ten seconds of silence") {
        Harness h(framed());
        h.start(Route{3});
        CHECK(h.app.next_wakeup_ms() == h.now + core::k_handover_timeout_ms);
        h.advance(core::k_handover_timeout_ms - 1);
        CHECK(h.app.awaiting_credentials());
        h.advance(1);
        CHECK_FALSE(h.app.awaiting_credentials());
        CHECK(h.app.notice().is_error);
        CHECK(h.app.thread().state == LoadState::failed);
        CHECK(h.app.thread().error == h.app.notice().text);
    }
    SUBCASE("an empty token counts as none") {
        Harness h(framed());
        h.start();
        h.app.on_credentials(token(""), h.now);
        CHECK(h.app.list().state == LoadState::failed);
    }
    SUBCASE("key: the customer signs in themselves") {
        Harness h(framed(CredentialsMode::key));
        h.start();
        h.app.on_credentials(std::nullopt, h.now);
        CHECK(h.app.needs_sign_in());
        CHECK_FALSE(h.app.notice().is_error);
        CHECK(h.take().empty());
    }
}

TEST_CASE("a key deployment whose portal credentials are refused twice goes to sign-in") {
    Harness h(framed(CredentialsMode::key));
    h.start();
    h.app.on_credentials(email_and_key("ana@example.test", "k-1"), h.now);
    h.answer(h.take_one(), 401, "");
    h.app.on_credentials(email_and_key("ana@example.test", "k-1"), h.now);
    h.answer(h.take_one(), 401, "");

    CHECK(h.app.needs_sign_in());
    CHECK(h.app.sign_in().email == "ana@example.test");
    CHECK(h.app.notice().text == "Your session has ended. Please sign in again.");
    h.advance(120'000);
    CHECK(h.take().empty());
}

TEST_CASE("credentials nobody asked for are ignored") {
    SUBCASE("before any request for them") {
        Harness h(framed());
        h.app.on_credentials(token("pushed"), h.now);
        h.start();
        CHECK(h.take().empty());
    }
    SUBCASE("once some are held") {
        Harness h(framed());
        signed_in_by_portal(h);
        h.app.on_credentials(token("pushed"), h.now);
        h.apply(core::Refresh{});
        CHECK(header(h.take_one(), "Authorization") == "Bearer t-1");
    }
}

TEST_CASE("who asks and who does not") {
    SUBCASE("not framed, bearer: sent as is, a proxy in front of the API may add the token") {
        core::Settings settings;
        settings.credentials = CredentialsMode::bearer;
        Harness h(settings);
        h.start();
        CHECK(h.app.take_events().empty());
        CHECK(header(h.take_one(), "Authorization") == "<absent>");
    }
    SUBCASE("framed, cookies: the browser's cookie signs in, nothing is asked") {
        Harness h(framed(CredentialsMode::cookie));
        h.start();
        CHECK(h.app.take_events().empty());
        CHECK(h.take_one().with_cookies);
    }
    SUBCASE("framed, with credentials already held") {
        Harness h(framed());
        h.app.set_credentials(token("given"));
        h.start();
        CHECK(h.app.take_events().empty());
        CHECK(header(h.take_one(), "Authorization") == "Bearer given");
    }
    SUBCASE("a 401 without a portal is shown like any other error") {
        core::Settings settings;
        settings.credentials = CredentialsMode::bearer;
        Harness h(settings);
        h.start();
        h.answer(h.take_one(), 401, R"({"error": "Missing credentials"})");
        CHECK(h.app.take_events().empty());
        CHECK(h.app.notice().text == "Missing credentials");
    }
}

TEST_CASE("the portal hears when a ticket is opened, once it shows") {
    Harness h(framed());
    signed_in_by_portal(h);

    h.apply(core::Navigate{Route{1}});
    CHECK(h.app.take_events().empty()); // not before its thread arrives
    h.answer(h.take_one(Call::thread), 200, open_thread());
    CHECK(h.app.take_events() == std::vector<Event>{{Event::Kind::ticket_opened, 1}});

    // Its minute's refresh is not another opening; going back and in again is.
    h.advance(60'000);
    for (const auto& request : h.take()) {
        h.answer(request, 200, request.call == Call::list ? test::three_tickets() : open_thread());
    }
    CHECK(h.app.take_events().empty());
    h.apply(core::Navigate{Route{}});
    h.apply(core::Navigate{Route{1}});
    h.answer(h.take_one(Call::thread), 200, open_thread());
    CHECK(h.app.take_events() == std::vector<Event>{{Event::Kind::ticket_opened, 1}});

    SUBCASE("an unknown ticket is not opened") {
        h.apply(core::Navigate{Route{99}});
        h.answer(h.take_one(Call::thread), 404, R"({"error": "Can't find tickets infos"})");
        CHECK(h.app.take_events().empty());
    }
    SUBCASE("a ticket left before its thread arrived is not opened") {
        h.apply(core::Navigate{Route{3}});
        const auto thread = h.take_one(Call::thread);
        h.apply(core::Navigate{Route{}});
        h.answer(thread, 200, open_thread(3));
        CHECK(h.app.take_events().empty());
    }
}

TEST_CASE("a deep link's ticket is opened once the portal's credentials load it") {
    Harness h(framed());
    signed_in_by_portal(h, Route{1});

    CHECK(h.app.take_events() == std::vector<Event>{{Event::Kind::ticket_opened, 1}});
}

TEST_CASE("the portal hears of an accepted reply and an accepted close, not of failed ones") {
    Harness h(framed());
    signed_in_by_portal(h, Route{1});
    h.app.take_events();

    h.apply(core::EditDraft{1, "thanks"});
    h.apply(core::SendReply{});
    h.answer(h.take_one(Call::reply), 500, R"({"error": "Can't post new reply"})");
    CHECK(h.app.take_events().empty());

    h.apply(core::SendReply{});
    h.answer(h.take_one(Call::reply), 200, R"({"message": "Message successfully posted"})");
    CHECK(h.app.take_events() == std::vector<Event>{{Event::Kind::reply_sent, 1}});
    h.answer(h.take_one(Call::thread), 200, open_thread());

    h.apply(core::AskClose{});
    h.apply(core::ConfirmClose{});
    h.answer(h.take_one(Call::close), 500, R"({"error": "Can't close the ticket"})");
    CHECK(h.app.take_events().empty());
    h.apply(core::AskClose{});
    h.apply(core::ConfirmClose{});
    h.answer(h.take_one(Call::close), 200, R"({"message": "The ticket has been closed"})");
    CHECK(h.app.take_events() == std::vector<Event>{{Event::Kind::ticket_closed, 1}});
}

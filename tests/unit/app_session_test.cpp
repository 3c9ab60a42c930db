#include "app_harness.h"

using core::Call;
using core::CredentialsMode;
using core::LoadState;
using core::Route;
using test::Harness;

namespace {

core::Settings key_settings() {
    core::Settings settings;
    settings.credentials = CredentialsMode::key;
    return settings;
}

std::string header(const core::Request& request, const std::string& name) {
    for (const auto& [key, value] : request.headers) {
        if (key == name) {
            return value;
        }
    }
    return "<absent>";
}

// Signs in with the demo pair and answers the check with the usual list.
void signed_in(Harness& h, Route route = {}) {
    h.start(route);
    h.apply(core::EditEmail{"ana@example.test"});
    h.apply(core::EditKey{"k-123"});
    h.apply(core::SignIn{});
    h.answer(h.take_one(), 200, test::three_tickets());
}

} // namespace

TEST_CASE("with the key scheme and nothing held, nothing goes out until Sign in") {
    Harness h(key_settings());
    h.start();

    CHECK(h.app.needs_sign_in());
    CHECK_FALSE(h.app.signed_in());
    CHECK(h.take().empty());
    h.apply(core::Refresh{});
    h.advance(120'000);
    CHECK(h.take().empty());
}

TEST_CASE("Sign in checks the pair by loading the list with both headers") {
    Harness h(key_settings());
    h.start();
    h.apply(core::EditEmail{" ana@example.test "});
    h.apply(core::EditKey{"k-123"});
    h.apply(core::SignIn{});
    h.apply(core::SignIn{});

    const auto check = h.take_one();
    CHECK(check.call == Call::list);
    CHECK(header(check, "X-Rahona-Email") == "ana@example.test");
    CHECK(header(check, "X-Rahona-Key") == "k-123");
    CHECK_FALSE(check.with_cookies);
    CHECK(h.app.sign_in().checking);
    CHECK(h.app.needs_sign_in());
}

TEST_CASE("accepted credentials sign in, load the list and go to sessionStorage") {
    Harness h(key_settings());
    signed_in(h);

    CHECK(h.app.signed_in());
    CHECK(h.app.offers_sign_out());
    CHECK_FALSE(h.app.needs_sign_in());
    CHECK_FALSE(h.app.sign_in().checking);
    CHECK(h.app.sign_in().key == "");
    CHECK(h.app.list().state == LoadState::loaded);
    CHECK(h.app.list().count_all == 3);
    CHECK(h.written("session.email") == "ana@example.test");
    CHECK(h.written("session.key") == "k-123");
    for (const auto& write : h.writes) {
        CHECK((write.key.starts_with(core::k_session_prefix) || write.value != "k-123"));
    }

    h.apply(core::Refresh{});
    CHECK(header(h.take_one(), "X-Rahona-Key") == "k-123");
}

TEST_CASE("an account with no tickets signs in too") {
    Harness h(key_settings());
    h.start();
    h.apply(core::EditEmail{"new@example.test"});
    h.apply(core::EditKey{"k"});
    h.apply(core::SignIn{});
    h.answer(h.take_one(), 404, test::k_no_tickets);

    CHECK(h.app.signed_in());
    CHECK(h.app.notice().text == "No tickets yet");
}

TEST_CASE("signing in on a deep link loads the ticket after the check") {
    Harness h(key_settings());
    signed_in(h, Route{2});

    const auto thread = h.take_one();
    CHECK(thread.call == Call::thread);
    CHECK(header(thread, "X-Rahona-Email") == "ana@example.test");
}

TEST_CASE("refused credentials keep what was typed and say the API's words") {
    Harness h(key_settings());
    h.start();
    h.apply(core::EditEmail{"ana@example.test"});
    h.apply(core::EditKey{"wrong"});
    h.apply(core::SignIn{});
    const auto check = h.take_one();

    SUBCASE("401 with the API's error") {
        h.answer(check, 401, R"({"error": "Invalid API key"})");
        CHECK(h.app.notice().text == "Invalid API key");
    }
    SUBCASE("403 with nothing readable") {
        h.answer(check, 403, "<html>Forbidden</html>");
        CHECK(h.app.notice().text == "The e-mail or API key was not accepted.");
    }
    SUBCASE("no answer at all") {
        h.time_out(check);
        h.advance(60'000); // through the retries
        for (auto request = h.take(); !request.empty(); request = h.take()) {
            h.time_out(request.front());
            h.advance(60'000);
        }
        CHECK(h.app.notice().text == "Can't reach the server. Your text is kept.");
    }

    CHECK(h.app.notice().is_error);
    CHECK(h.app.needs_sign_in());
    CHECK_FALSE(h.app.sign_in().checking);
    CHECK(h.app.sign_in().email == "ana@example.test");
    CHECK(h.app.sign_in().key == "wrong");
    CHECK(h.written("session.key") == "<never written>");
}

TEST_CASE("Sign in with an empty field asks for both") {
    Harness h(key_settings());
    h.start();
    h.apply(core::EditEmail{"ana@example.test"});
    h.apply(core::SignIn{});

    CHECK(h.take().empty());
    CHECK(h.app.notice().text == "Enter your e-mail and API key.");
}

TEST_CASE("Sign out forgets the credentials and keeps the drafts") {
    Harness h(key_settings());
    signed_in(h);
    h.apply(core::EditDraft{1, "half a reply"});
    h.apply(core::SignOut{});

    CHECK(h.app.needs_sign_in());
    CHECK_FALSE(h.app.signed_in());
    CHECK(h.written("session.email") == "");
    CHECK(h.written("session.key") == "");
    CHECK(h.app.sign_in().email == "ana@example.test");
    CHECK(h.app.sign_in().key == "");
    CHECK(h.app.draft(1) == "half a reply");
    CHECK(h.written("draft.1") == "half a reply");
    CHECK(h.app.list().tickets.empty());
    h.advance(120'000);
    CHECK(h.take().empty());
}

TEST_CASE("a 401 later goes back to sign-in with the e-mail and the reply kept") {
    Harness h(key_settings());
    signed_in(h, Route{1});
    h.answer(h.take_one(), 200, test::thread_body(test::ticket_json(1, "s"), {}));
    h.apply(core::EditDraft{1, "my long reply"});
    h.apply(core::SendReply{});
    h.answer(h.take_one(), 401, R"({"error": "API key revoked"})");

    CHECK(h.app.needs_sign_in());
    CHECK(h.app.notice().text == "Your session has ended. Please sign in again.");
    CHECK(h.app.sign_in().email == "ana@example.test");
    CHECK(h.app.draft(1) == "my long reply");
    CHECK_FALSE(h.app.reply().sending);
    CHECK(h.written("session.key") == "");

    // Signing in again comes back to the same ticket, with the reply still there.
    h.apply(core::EditKey{"k-456"});
    h.apply(core::SignIn{});
    h.answer(h.take_one(), 200, test::three_tickets());
    CHECK(h.take_one().call == Call::thread);
    CHECK(h.app.draft(1) == "my long reply");
}

TEST_CASE("credentials kept in sessionStorage sign in again after a reload") {
    Harness h(key_settings());
    h.app.restore("session.email", "ana@example.test");
    h.app.restore("session.key", "k-123");
    h.start();

    CHECK(h.app.signed_in());
    const auto list = h.take_one();
    CHECK(header(list, "X-Rahona-Key") == "k-123");
}

TEST_CASE("session keys are ignored outside the key scheme") {
    Harness h;
    h.app.restore("session.email", "ana@example.test");
    h.app.restore("session.key", "k-123");
    h.start();

    CHECK_FALSE(h.app.signed_in());
    CHECK(header(h.take_one(), "X-Rahona-Key") == "<absent>");
}

TEST_CASE("a 401 with cookies is an error like any other") {
    Harness h;
    h.start();
    h.answer(h.take_one(), 401, R"({"error": "Not signed in"})");

    CHECK(h.app.notice().text == "Not signed in");
    CHECK_FALSE(h.app.needs_sign_in());
}

TEST_CASE("credentials handed over by a portal are used at once") {
    SUBCASE("a bearer token") {
        core::Settings settings;
        settings.credentials = CredentialsMode::bearer;
        Harness h(settings);
        h.app.set_credentials({CredentialsMode::bearer, "t0k", "", ""});
        h.start();
        CHECK(header(h.take_one(), "Authorization") == "Bearer t0k");
    }
    SUBCASE("an e-mail and key after start") {
        Harness h(key_settings());
        h.start();
        CHECK(h.take().empty());
        h.app.set_credentials({CredentialsMode::key, "", "ana@example.test", "k-1"});
        CHECK(h.app.signed_in());
        CHECK(header(h.take_one(), "X-Rahona-Email") == "ana@example.test");
    }
}

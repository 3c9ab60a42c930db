#include "core/request.h"

#include <doctest/doctest.h>

#include <string>

using core::Call;
using core::CredentialsMode;
using core::Method;

namespace {

std::string header(const core::Request& request, const std::string& name) {
    for (const auto& [key, value] : request.headers) {
        if (key == name) {
            return value;
        }
    }
    return "<absent>";
}

} // namespace

TEST_CASE("form_urlencode keeps the unreserved characters and escapes the rest") {
    CHECK(core::form_urlencode("") == "");
    CHECK(core::form_urlencode("Hello world") == "Hello+world");
    CHECK(core::form_urlencode("a-b.c_d*e") == "a-b.c_d*e");
    CHECK(core::form_urlencode("a+b=c&d") == "a%2Bb%3Dc%26d");
    CHECK(core::form_urlencode("line\nnext") == "line%0Anext");
    CHECK(core::form_urlencode("été") == "%C3%A9t%C3%A9");
    CHECK(core::form_urlencode("😀") == "%F0%9F%98%80");
    CHECK(core::form_urlencode("100%") == "100%25");
    CHECK(core::form_urlencode(std::string("a\0b", 3)) == "a%00b");
}

TEST_CASE("the four calls have the documented methods and paths") {
    const core::Credentials cookie;

    SUBCASE("on the page's own origin") {
        CHECK(core::make_list_request("", cookie).url == "/me/tickets");
        CHECK(core::make_thread_request("", cookie, 123).url == "/me/tickets/123");
        CHECK(core::make_reply_request("", cookie, 123, "x").url == "/me/tickets/123");
        CHECK(core::make_close_request("", cookie, 123).url == "/me/tickets/123/close");
    }
    SUBCASE("on another base, with or without a trailing slash") {
        CHECK(core::make_list_request("https://api.example.test", cookie).url ==
              "https://api.example.test/me/tickets");
        CHECK(core::make_thread_request("https://api.example.test/v1/", cookie, 5).url ==
              "https://api.example.test/v1/me/tickets/5");
    }

    CHECK(core::make_list_request("", cookie).method == Method::get);
    CHECK(core::make_thread_request("", cookie, 1).method == Method::get);
    CHECK(core::make_reply_request("", cookie, 1, "x").method == Method::post);
    CHECK(core::make_close_request("", cookie, 1).method == Method::post);
    CHECK(core::make_close_request("", cookie, 1).call == Call::close);
    CHECK(core::make_close_request("", cookie, 1).body == "");
    CHECK(core::make_thread_request("", cookie, 77).ticket_id == 77);
}

TEST_CASE("a reply is sent as a urlencoded form with one field") {
    const auto request = core::make_reply_request("", {}, 123, "Merci, ça marche !\n");

    CHECK(request.body == "message=Merci%2C+%C3%A7a+marche+%21%0A");
    CHECK(header(request, "Content-Type") == "application/x-www-form-urlencoded");
    CHECK(request.call == Call::reply);
}

TEST_CASE("GETs wait less than POSTs before giving up") {
    CHECK(core::make_list_request("", {}).timeout_ms == 15000);
    CHECK(core::make_thread_request("", {}, 1).timeout_ms == 15000);
    CHECK(core::make_reply_request("", {}, 1, "x").timeout_ms == 30000);
    CHECK(core::make_close_request("", {}, 1).timeout_ms == 30000);
}

TEST_CASE("each credentials scheme signs requests its own way") {
    SUBCASE("cookie: the browser's cookies, no header") {
        const auto request = core::make_list_request("", {});
        CHECK(request.with_cookies);
        CHECK(header(request, "Authorization") == "<absent>");
        CHECK(header(request, "X-Rahona-Key") == "<absent>");
    }
    SUBCASE("bearer: an Authorization header") {
        const auto request =
            core::make_thread_request("", {CredentialsMode::bearer, "t0k", "", ""}, 1);
        CHECK_FALSE(request.with_cookies);
        CHECK(header(request, "Authorization") == "Bearer t0k");
    }
    SUBCASE("key: the API's two headers") {
        const core::Credentials key{CredentialsMode::key, "", "ana@example.test", "k-123"};
        const auto request = core::make_close_request("", key, 9);
        CHECK_FALSE(request.with_cookies);
        CHECK(header(request, "X-Rahona-Email") == "ana@example.test");
        CHECK(header(request, "X-Rahona-Key") == "k-123");
        CHECK(header(request, "Authorization") == "<absent>");
    }
    SUBCASE("key, with nothing held yet: no empty headers") {
        const auto request = core::make_list_request("", {CredentialsMode::key, "", "", ""});
        CHECK(header(request, "X-Rahona-Email") == "<absent>");
    }
}

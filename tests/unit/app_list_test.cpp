#include "app_harness.h"

#include "core/decode.h"

#include <nlohmann/json.hpp>

using core::Call;
using core::LoadState;
using core::SortKey;
using core::StatusFilter;
using test::Harness;
using test::list_body;
using test::ticket_json;

TEST_CASE("starting on the list asks for it once and says it is loading") {
    Harness h;
    h.start();

    const auto request = h.take_one();
    CHECK(request.call == Call::list);
    CHECK(request.url == "/me/tickets");
    CHECK(request.with_cookies);
    CHECK(h.app.list().state == LoadState::loading);
    CHECK(h.app.notice().text == "Loading…");
}

TEST_CASE("a loaded list is counted: open is every status but CLOSED") {
    Harness h;
    h.load_list(list_body({ticket_json(1, "a", "OPEN"), ticket_json(2, "b", "CLOSED"),
                           ticket_json(3, "c", "WAITING"), ticket_json(4, "d", "")}));

    CHECK(h.app.list().state == LoadState::loaded);
    CHECK(h.app.list().count_all == 4);
    CHECK(h.app.list().count_open == 3);
    CHECK(h.app.list().count_closed == 1);
    CHECK(h.app.list().tickets[2].status == "WAITING");
}

TEST_CASE("the list starts on Open unless nothing is open") {
    SUBCASE("something open") {
        Harness h;
        h.load_list();
        CHECK(h.app.list().filter == StatusFilter::open);
        CHECK(h.visible_subjects() == std::vector<std::string>{"VPN down", "Facture d'été"});
        CHECK(h.app.notice().text == "2 tickets shown");
    }
    SUBCASE("everything closed") {
        Harness h;
        h.load_list(list_body({ticket_json(1, "old", "CLOSED")}));
        CHECK(h.app.list().filter == StatusFilter::all);
        CHECK(h.visible_subjects() == std::vector<std::string>{"old"});
        CHECK(h.app.notice().text == "1 ticket shown");
    }
    SUBCASE("a filter the customer chose on an earlier visit wins") {
        Harness h;
        h.app.restore("prefs", R"({"filter": "closed"})");
        h.load_list();
        CHECK(h.app.list().filter == StatusFilter::closed);
        CHECK(h.visible_subjects() == std::vector<std::string>{"Printer broken"});
    }
    SUBCASE("a refresh does not change the filter chosen at first") {
        Harness h;
        h.load_list(list_body({ticket_json(1, "old", "CLOSED")}));
        h.apply(core::Refresh{});
        h.answer(h.take_one(), 200, test::three_tickets());
        CHECK(h.app.list().filter == StatusFilter::all);
    }
}

TEST_CASE("the API's 404 on the list is an empty list, not a failure") {
    Harness h;
    h.start();
    h.answer(h.take_one(), 404, test::k_no_tickets);

    CHECK(h.app.list().state == LoadState::loaded);
    CHECK(h.app.list().tickets.empty());
    CHECK(h.app.list().count_all == 0);
    CHECK(h.app.list().filter == StatusFilter::all);
    CHECK(h.app.notice().text == "No tickets yet");
    CHECK_FALSE(h.app.notice().is_error);
}

TEST_CASE("a failed list says why") {
    Harness h;
    h.start();
    const auto request = h.take_one();

    SUBCASE("a JSON error: its text, as sent") {
        h.answer(request, 500, R"({"error": "Database is down"})");
        CHECK(h.app.notice().text == "Database is down");
    }
    SUBCASE("an HTML error page: the status code") {
        h.answer(request, 500, "<html><body>Internal Server Error</body></html>");
        CHECK(h.app.notice().text == "The server answered with an error (500).");
    }
    SUBCASE("an empty error body: the status code") {
        h.answer(request, 401, "");
        CHECK(h.app.notice().text == "The server answered with an error (401).");
    }
    SUBCASE("a 404 that is not the API's: the status code") {
        h.answer(request, 404, "<h1>Not Found</h1>");
        CHECK(h.app.notice().text == "The server answered with an error (404).");
    }
    SUBCASE("a 200 that is not a list") {
        h.answer(request, 200, "<html>login</html>");
        CHECK(h.app.notice().text == "The server sent an answer the page can't read.");
    }
    SUBCASE("a 200 over the size cap") {
        h.answer(request, 200, std::string(core::k_max_body_bytes + 1, '['));
        CHECK(h.app.notice().text == "The server's answer is too large to show.");
    }
    SUBCASE("a very long error text is cut") {
        h.answer(request, 400, R"({"error": ")" + std::string(5000, 'x') + "\"}");
        CHECK(h.app.notice().text == std::string(300, 'x') + "…");
    }

    CHECK(h.app.list().state == LoadState::failed);
    CHECK(h.app.notice().is_error);
}

TEST_CASE("rows that could not be shown are counted beside the good ones") {
    Harness h;
    h.load_list(R"([{"id": 1, "sujet": null, "status": "OPEN"}, {"id": "x"}, {"id": 3}])");

    CHECK(h.app.list().skipped == 1);
    CHECK(h.app.list().tickets.size() == 2);
    CHECK(h.app.list().tickets[0].degraded);
    CHECK(core::plural(h.app.lang(), core::Msg::rows_skipped, h.app.list().skipped) ==
          "1 ticket could not be shown");
}

TEST_CASE("the status filter shows what it says") {
    Harness h;
    h.load_list();
    const auto version = h.app.list().version;

    SUBCASE("Closed") {
        h.apply(core::SetFilter{StatusFilter::closed});
        CHECK(h.visible_subjects() == std::vector<std::string>{"Printer broken"});
        CHECK(h.app.list().version == version + 1);
    }
    SUBCASE("All") {
        h.apply(core::SetFilter{StatusFilter::all});
        CHECK(h.visible_subjects() ==
              std::vector<std::string>{"Printer broken", "VPN down", "Facture d'été"});
    }
    SUBCASE("the same filter again rebuilds nothing") {
        h.apply(core::SetFilter{StatusFilter::open});
        h.apply(core::SetFilter{StatusFilter::open});
        CHECK(h.app.list().version == version);
    }
}

TEST_CASE("the chosen filter and sort are written to prefs and come back") {
    Harness h;
    h.load_list();
    h.apply(core::SetFilter{StatusFilter::closed});
    h.apply(core::SetSort{SortKey::subject, false});

    const std::string prefs = h.written("prefs");
    CHECK(nlohmann::json::parse(prefs) ==
          nlohmann::json::parse(R"({"filter": "closed", "sort": "subject", "descending": false})"));

    Harness next;
    next.app.restore("prefs", prefs);
    CHECK(next.app.list().filter == StatusFilter::closed);
    CHECK(next.app.list().sort == SortKey::subject);
    CHECK_FALSE(next.app.list().descending);
}

TEST_CASE("prefs that cannot be read are ignored") {
    Harness h;
    h.app.restore("prefs", "{not json");
    h.app.restore("prefs", R"({"filter": "sideways", "sort": 3, "lang": "de"})");
    h.load_list();

    CHECK(h.app.list().filter == StatusFilter::open);
    CHECK(h.app.list().sort == SortKey::date);
    CHECK(h.app.lang() == core::Lang::en);
}

TEST_CASE("search finds subject, first message and id, ignoring case and accents") {
    Harness h;
    h.load_list();
    h.apply(core::SetFilter{StatusFilter::all});

    SUBCASE("ete finds été") {
        h.apply(core::SetSearch{"ete"});
        CHECK(h.visible_subjects() == std::vector<std::string>{"Facture d'été"});
    }
    SUBCASE("ÉTÉ finds été") {
        h.apply(core::SetSearch{"FACTURE ÉTÉ"});
        CHECK(h.visible_subjects() == std::vector<std::string>{"Facture d'été"});
    }
    SUBCASE("the first message") {
        h.apply(core::SetSearch{"tunnel"});
        CHECK(h.visible_subjects() == std::vector<std::string>{"VPN down"});
    }
    SUBCASE("#id and bare id digits") {
        h.apply(core::SetSearch{"#2"});
        CHECK(h.visible_subjects() == std::vector<std::string>{"Printer broken"});
        h.apply(core::SetSearch{"3"});
        CHECK(h.visible_subjects() == std::vector<std::string>{"VPN down"});
    }
    SUBCASE("words in any order") {
        h.apply(core::SetSearch{"down vpn"});
        CHECK(h.visible_subjects() == std::vector<std::string>{"VPN down"});
    }
    SUBCASE("nothing matches") {
        h.apply(core::SetSearch{"zzz"});
        CHECK(h.app.list().visible.empty());
        CHECK(h.app.notice().text == "No tickets match");
        h.apply(core::SetSearch{""});
        CHECK(h.app.list().visible.size() == 3);
        CHECK(h.app.notice().text == "3 tickets shown");
    }
    SUBCASE("typing on narrows, deleting widens") {
        h.apply(core::SetSearch{"p"});
        CHECK(h.visible_subjects() ==
              std::vector<std::string>{"Printer broken", "VPN down", "Facture d'été"});
        h.apply(core::SetSearch{"pr"});
        CHECK(h.visible_subjects() == std::vector<std::string>{"Printer broken", "Facture d'été"});
        h.apply(core::SetSearch{"pri"});
        CHECK(h.visible_subjects() == std::vector<std::string>{"Printer broken"});
        h.apply(core::SetSearch{"p"});
        CHECK(h.app.list().visible.size() == 3);
    }

    CHECK(h.app.list().filter == StatusFilter::all);
}

TEST_CASE("a search that folds to the same words rebuilds nothing") {
    Harness h;
    h.load_list();
    h.apply(core::SetSearch{"vpn"});
    const auto version = h.app.list().version;

    h.apply(core::SetSearch{"VPN "});

    CHECK(h.app.list().version == version);
    CHECK(h.app.list().search == "VPN ");
}

TEST_CASE("a search survives a refresh") {
    Harness h;
    h.load_list();
    h.apply(core::SetSearch{"vpn"});
    h.apply(core::Refresh{});
    h.answer(h.take_one(), 200, test::three_tickets());

    CHECK(h.visible_subjects() == std::vector<std::string>{"VPN down"});
    CHECK(h.app.list().search == "vpn");
}

TEST_CASE("a refresh that cannot be read keeps the list shown, searchable and sorted") {
    Harness h;
    h.load_list();
    h.apply(core::SetFilter{core::StatusFilter::all});
    h.apply(core::SetSearch{"vpn"});
    const auto shown = h.visible_subjects();
    REQUIRE(shown == std::vector<std::string>{"VPN down"});

    h.apply(core::Refresh{});
    h.answer(h.take_one(), 200, R"({"not": "a list"})");

    CHECK(h.app.notice().is_error);
    CHECK(h.app.list().state == LoadState::loaded);
    CHECK(h.visible_subjects() == shown);
    h.apply(core::SetSearch{""});
    CHECK(h.visible_subjects().size() == 3);
    h.apply(core::SetSearch{"vp"});
    CHECK(h.visible_subjects() == shown);
}

TEST_CASE("sorting orders the list and breaks ties newest first, then by id") {
    Harness h;
    h.load_list(list_body({ticket_json(1, "beta", "OPEN", 100, "m", "TECH"),
                           ticket_json(2, "Alpha", "CLOSED", 300, "m", "COM"),
                           ticket_json(3, "alpha", "OPEN", 200, "m", "ZZZ"),
                           ticket_json(4, "Été", "NEW", 200, "m", "FACT")}));
    h.apply(core::SetFilter{StatusFilter::all});

    SUBCASE("by date, newest first by default") {
        CHECK(h.visible_subjects() == std::vector<std::string>{"Alpha", "Été", "alpha", "beta"});
    }
    SUBCASE("by date, oldest first") {
        h.apply(core::SetSort{SortKey::date, false});
        CHECK(h.visible_subjects() == std::vector<std::string>{"beta", "alpha", "Été", "Alpha"});
    }
    SUBCASE("by subject, folded, ties newest first") {
        h.apply(core::SetSort{SortKey::subject, false});
        CHECK(h.visible_subjects() == std::vector<std::string>{"Alpha", "alpha", "beta", "Été"});
        h.apply(core::SetSort{SortKey::subject, true});
        CHECK(h.visible_subjects() == std::vector<std::string>{"Été", "beta", "Alpha", "alpha"});
    }
    SUBCASE("by status: open, then others, then closed") {
        h.apply(core::SetSort{SortKey::status, false});
        CHECK(h.visible_subjects() == std::vector<std::string>{"alpha", "beta", "Été", "Alpha"});
    }
    SUBCASE("by department, by its readable name") {
        h.apply(core::SetSort{SortKey::department, false});
        // Billing, Sales, Technical support, ZZZ
        CHECK(h.visible_subjects() == std::vector<std::string>{"Été", "Alpha", "beta", "alpha"});
        h.apply(core::SetLanguage{static_cast<int>(core::Lang::fr)});
        // Commercial, Facturation, Support technique, ZZZ
        CHECK(h.visible_subjects() == std::vector<std::string>{"Alpha", "Été", "beta", "alpha"});
    }
}

TEST_CASE("the language chosen is remembered unless the address fixed one") {
    Harness h;
    h.apply(core::SetLanguage{static_cast<int>(core::Lang::fr)});
    const std::string prefs = h.written("prefs");
    CHECK(nlohmann::json::parse(prefs) == nlohmann::json::parse(R"({"lang": "fr"})"));

    Harness remembered;
    remembered.app.restore("prefs", prefs);
    CHECK(remembered.app.lang() == core::Lang::fr);

    core::Settings fixed;
    fixed.lang_fixed = true;
    Harness from_address(fixed);
    from_address.app.restore("prefs", prefs);
    CHECK(from_address.app.lang() == core::Lang::en);
}

TEST_CASE("an unknown language code is ignored") {
    Harness h;
    h.apply(core::SetLanguage{7});
    CHECK(h.app.lang() == core::Lang::en);
    CHECK(h.written("prefs") == "<never written>");
}

TEST_CASE("twenty thousand tickets load, search and sort") {
    // Short rows, a size the sanitizer build runs quickly (list_index_test goes to 100,000).
    std::string body = "[";
    for (int i = 1; i <= 20000; ++i) {
        body += (i > 1 ? "," : "");
        body += R"({"id":)" + std::to_string(i) + R"(,"sujet":"Sujet numéro )" + std::to_string(i) +
                R"(","status":")" + (i % 3 == 0 ? "CLOSED" : "OPEN") +
                R"(","message":"Problème d'été","date":)" + std::to_string(1'600'000'000 + i) + "}";
    }
    body += "]";
    REQUIRE(body.size() < core::k_max_body_bytes);
    Harness h;
    h.load_list(body);
    CHECK(h.app.list().count_all == 20000);

    h.apply(core::SetSearch{"numero 1999"});
    h.apply(core::SetSearch{"numero 19999"});
    CHECK(h.visible_subjects() == std::vector<std::string>{"Sujet numéro 19999"});
    h.apply(core::SetSearch{"ete"});
    CHECK(h.app.list().visible.size() == static_cast<std::size_t>(h.app.list().count_open));
    h.apply(core::SetSort{SortKey::subject, false});
    CHECK(h.visible_subjects().front() == "Sujet numéro 1");
}

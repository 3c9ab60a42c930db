#include "core/list_index.h"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

using core::ListIndex;
using core::SortKey;
using core::StatusFilter;

namespace {

core::Ticket ticket(std::int64_t id, std::string subject, std::string status, std::int64_t date) {
    core::Ticket made;
    made.id = id;
    made.subject = std::move(subject);
    made.status = std::move(status);
    made.date = date;
    made.message = "message " + std::to_string(id);
    return made;
}

std::vector<std::int64_t> ids(const std::vector<core::Ticket>& tickets,
                              const std::vector<int>& visible) {
    std::vector<std::int64_t> out;
    for (const int index : visible) {
        out.push_back(tickets[static_cast<std::size_t>(index)].id);
    }
    return out;
}

} // namespace

TEST_CASE("the filter keeps open, closed or every ticket") {
    const auto open = ticket(1, "a", "OPEN", 1);
    const auto closed = ticket(2, "b", "CLOSED", 1);
    const auto other = ticket(3, "c", "ON_HOLD", 1);

    CHECK(core::passes_filter(open, StatusFilter::open));
    CHECK(core::passes_filter(other, StatusFilter::open));
    CHECK_FALSE(core::passes_filter(closed, StatusFilter::open));
    CHECK(core::passes_filter(closed, StatusFilter::closed));
    CHECK_FALSE(core::passes_filter(other, StatusFilter::closed));
    CHECK(core::passes_filter(closed, StatusFilter::all));
}

TEST_CASE("equal dates sort by id, in the chosen direction") {
    const std::vector<core::Ticket> tickets = {
        ticket(5, "a", "OPEN", 10), ticket(9, "b", "OPEN", 10), ticket(7, "c", "OPEN", 20)};
    ListIndex index;
    index.reset(tickets);

    index.sort(tickets, SortKey::date, true, core::Lang::en);
    CHECK(ids(tickets, index.visible(tickets, StatusFilter::all)) ==
          std::vector<std::int64_t>{7, 9, 5});
    index.sort(tickets, SortKey::date, false, core::Lang::en);
    CHECK(ids(tickets, index.visible(tickets, StatusFilter::all)) ==
          std::vector<std::int64_t>{5, 9, 7});
}

TEST_CASE("a query that changes nothing reports no change") {
    const std::vector<core::Ticket> tickets = {ticket(1, "Été", "OPEN", 1)};
    ListIndex index;
    index.reset(tickets);

    CHECK(index.set_query("ete"));
    CHECK_FALSE(index.set_query("  ÉTÉ "));
    CHECK(index.matches(0));
    CHECK(index.set_query("hiver"));
    CHECK_FALSE(index.matches(0));
}

TEST_CASE("new data is matched against the query in force") {
    ListIndex index;
    index.reset({});
    index.set_query("vpn");

    const std::vector<core::Ticket> tickets = {ticket(1, "VPN", "OPEN", 1),
                                               ticket(2, "x", "OPEN", 2)};
    index.reset(tickets);
    index.sort(tickets, SortKey::date, true, core::Lang::en);

    CHECK(ids(tickets, index.visible(tickets, StatusFilter::all)) == std::vector<std::int64_t>{1});
}

TEST_CASE("a hundred thousand tickets fold once and search as you type in milliseconds") {
    std::vector<core::Ticket> tickets;
    for (int i = 1; i <= 100000; ++i) {
        tickets.push_back(ticket(i, "Sujet numéro " + std::to_string(i), i % 4 ? "OPEN" : "CLOSED",
                                 1'600'000'000 + (i * 7919) % 100000));
        tickets.back().message = std::string(200, 'x') + " problème d'été";
    }
    ListIndex index;
    index.reset(tickets);
    index.sort(tickets, SortKey::date, true, core::Lang::en);

    // Typing "numero 12345", one key at a time.
    const auto started = std::chrono::steady_clock::now();
    const std::string typed = "numero 12345";
    for (std::size_t length = 1; length <= typed.size(); ++length) {
        index.set_query(typed.substr(0, length));
        (void)index.visible(tickets, StatusFilter::open);
    }
    const auto elapsed = std::chrono::steady_clock::now() - started;

    CHECK(ids(tickets, index.visible(tickets, StatusFilter::all)) ==
          std::vector<std::int64_t>{12345});
    // Generous, for sanitizers and slow machines; natively it is a few tens of milliseconds.
    CHECK(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() < 3000);
}

TEST_CASE("deleting back to an earlier query gives its matches again") {
    const std::vector<core::Ticket> tickets = {ticket(1, "Serveur en panne", "OPEN", 1),
                                               ticket(2, "Serveur lent", "OPEN", 2),
                                               ticket(3, "Facture", "OPEN", 3)};
    ListIndex index;
    index.reset(tickets);
    index.sort(tickets, SortKey::date, false, core::Lang::en);
    const auto shown = [&] { return ids(tickets, index.visible(tickets, StatusFilter::all)); };

    for (const char* typed : {"s", "se", "serveur", "serveur p", "serveur pa"}) {
        index.set_query(typed);
    }
    CHECK(shown() == std::vector<std::int64_t>{1});

    SUBCASE("one key at a time") {
        CHECK(index.set_query("serveur p"));
        CHECK(shown() == std::vector<std::int64_t>{1});
        CHECK(index.set_query("serveur"));
        CHECK(shown() == std::vector<std::int64_t>{1, 2});
        CHECK(index.set_query("s")); // "message" has one
        CHECK(shown() == std::vector<std::int64_t>{1, 2, 3});
        CHECK(index.set_query(""));
        CHECK(shown() == std::vector<std::int64_t>{1, 2, 3});
    }
    SUBCASE("all at once, then another word") {
        CHECK(index.set_query("se"));
        CHECK(shown() == std::vector<std::int64_t>{1, 2});
        CHECK(index.set_query("fa"));
        CHECK(shown() == std::vector<std::int64_t>{3});
        CHECK(index.set_query("f"));
        CHECK(shown() == std::vector<std::int64_t>{3});
    }
    SUBCASE("new data forgets the earlier matches") {
        const std::vector<core::Ticket> others = {ticket(4, "Serveur neuf", "OPEN", 4)};
        index.reset(others);
        index.sort(others, SortKey::date, false, core::Lang::en);
        CHECK(ids(others, index.visible(others, StatusFilter::all)).empty()); // "serveur pa"
        CHECK(index.set_query("serveur p"));
        CHECK(ids(others, index.visible(others, StatusFilter::all)).empty());
        CHECK(index.set_query("serveur"));
        CHECK(ids(others, index.visible(others, StatusFilter::all)) ==
              std::vector<std::int64_t>{4});
    }
}

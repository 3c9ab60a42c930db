#include "core/i18n.h"

// The catalogues as embedded, read raw to check that none lacks a key.
#include <nlohmann/json.hpp>

#include <doctest/doctest.h>

#include <string>

namespace core::catalogues {
extern const std::string_view en;
extern const std::string_view fr;
} // namespace core::catalogues

using core::Lang;
using core::Msg;

namespace {

constexpr int k_msg_count = static_cast<int>(Msg::count_);

// Messages with {one, other} forms.
bool is_plural_message(Msg msg) {
    switch (msg) {
    case Msg::rows_skipped:
    case Msg::responses_count:
    case Msg::tickets_shown:
    case Msg::minutes_ago:
    case Msg::hours_ago:
    case Msg::days_ago:
    case Msg::months_ago:
    case Msg::years_ago:
        return true;
    default:
        return false;
    }
}

} // namespace

TEST_CASE("both catalogues have every key, plural ones with both forms") {
    for (const auto& language :
         {std::pair{"en", core::catalogues::en}, std::pair{"fr", core::catalogues::fr}}) {
        const std::string name = language.first;
        CAPTURE(name);
        const auto catalogue = nlohmann::json::parse(language.second, nullptr, false);
        REQUIRE(catalogue.is_object());
        CHECK(catalogue.size() == static_cast<std::size_t>(k_msg_count));
        for (int i = 0; i < k_msg_count; ++i) {
            const auto msg = static_cast<Msg>(i);
            const std::string key(core::msg_key(msg));
            CAPTURE(key);
            REQUIRE(catalogue.contains(key));
            const auto& entry = catalogue[key];
            if (is_plural_message(msg)) {
                REQUIRE(entry.is_object());
                CHECK(entry.value("one", "").find("{n}") != std::string::npos);
                CHECK(entry.value("other", "").find("{n}") != std::string::npos);
            } else {
                REQUIRE(entry.is_string());
                CHECK_FALSE(entry.get<std::string>().empty());
            }
        }
    }
}

TEST_CASE("the contract's words are exact in both languages") {
    CHECK(core::text(Lang::en, Msg::no_tickets_yet) == "No tickets yet");
    CHECK(core::text(Lang::fr, Msg::no_tickets_yet) == "Aucun ticket pour le moment");
    CHECK(core::text(Lang::en, Msg::no_tickets_match) == "No tickets match");
    CHECK(core::text(Lang::fr, Msg::no_tickets_match) == "Aucun ticket ne correspond");
    CHECK(core::text(Lang::en, Msg::reply_sent) == "Reply sent");
    CHECK(core::text(Lang::fr, Msg::reply_sent) == "Réponse envoyée");
    CHECK(core::text(Lang::en, Msg::ticket_closed) == "Ticket closed");
    CHECK(core::text(Lang::fr, Msg::ticket_closed) == "Ticket fermé");
    CHECK(core::text(Lang::en, Msg::cant_reach) == "Can't reach the server. Your text is kept.");
    CHECK(core::text(Lang::fr, Msg::cant_reach) ==
          "Serveur injoignable. Votre texte est conservé.");
    CHECK(core::text(Lang::en, Msg::search_placeholder) == "Search tickets");
    CHECK(core::text(Lang::fr, Msg::search_placeholder) == "Rechercher");
    CHECK(core::text(Lang::en, Msg::close_confirm_title) == "Close this ticket?");
    CHECK(core::text(Lang::fr, Msg::close_confirm_title) == "Fermer ce ticket\u00a0?");
    CHECK(core::text(Lang::en, Msg::app_title) == "Support tickets");
    CHECK(core::text(Lang::fr, Msg::app_title) == "Tickets d'assistance");
    CHECK(core::text(Lang::fr, Msg::all_tickets) == "Tous les tickets");
    CHECK(core::text(Lang::fr, Msg::send_reply) == "Envoyer");
    CHECK(core::text(Lang::fr, Msg::close_ticket) == "Fermer le ticket");
    CHECK(core::text(Lang::fr, Msg::sign_in_heading) == "Connexion");
    CHECK(core::text(Lang::fr, Msg::sign_in) == "Se connecter");
    CHECK(core::text(Lang::fr, Msg::sign_out) == "Se déconnecter");
    CHECK(core::text(Lang::fr, Msg::api_key) == "Clé d'API");
    CHECK(core::text(Lang::fr, Msg::email) == "E-mail");
    CHECK(core::text(Lang::en, Msg::email) == "Email");
}

TEST_CASE("no message is ever empty") {
    for (int i = 0; i < k_msg_count; ++i) {
        CHECK_FALSE(core::text(Lang::en, static_cast<Msg>(i)).empty());
        CHECK_FALSE(core::text(Lang::fr, static_cast<Msg>(i)).empty());
    }
    CHECK(core::text(Lang::en, Msg::count_) == "?");
}

TEST_CASE("plural forms follow each language's rule") {
    SUBCASE("English: one for 1 only") {
        CHECK(core::plural(Lang::en, Msg::rows_skipped, 0) == "0 tickets could not be shown");
        CHECK(core::plural(Lang::en, Msg::rows_skipped, 1) == "1 ticket could not be shown");
        CHECK(core::plural(Lang::en, Msg::rows_skipped, 2) == "2 tickets could not be shown");
    }
    SUBCASE("French: one for 0 and 1") {
        CHECK(core::plural(Lang::fr, Msg::responses_count, 0) == "0 réponse");
        CHECK(core::plural(Lang::fr, Msg::responses_count, 1) == "1 réponse");
        CHECK(core::plural(Lang::fr, Msg::responses_count, 2) == "2 réponses");
        CHECK(core::plural(Lang::fr, Msg::days_ago, 3) == "il y a 3 jours");
    }
    SUBCASE("a message without plural forms has its {n} filled") {
        CHECK(core::plural(Lang::en, Msg::server_error_status, 502) ==
              "The server answered with an error (502).");
        CHECK(core::plural(Lang::fr, Msg::server_error_status, 502) ==
              "Le serveur a répondu par une erreur (502).");
    }
}

TEST_CASE("language tags choose a catalogue") {
    Lang lang = Lang::en;
    CHECK(core::parse_lang("fr", lang));
    CHECK(lang == Lang::fr);
    CHECK(core::parse_lang("en-GB", lang));
    CHECK(lang == Lang::en);
    CHECK(core::parse_lang("FR-ca", lang));
    CHECK(lang == Lang::fr);
    CHECK(core::parse_lang("fr_BE", lang));
    CHECK_FALSE(core::parse_lang("de", lang));
    CHECK_FALSE(core::parse_lang("f", lang));
    CHECK_FALSE(core::parse_lang("french", lang));
    CHECK_FALSE(core::parse_lang("", lang));
    CHECK(lang == Lang::fr);
    CHECK(core::lang_code(Lang::fr) == "fr");
    CHECK(core::lang_code(Lang::en) == "en");
}

TEST_CASE("department codes read as names, unknown ones as sent") {
    CHECK(core::department_name(Lang::en, "COM") == "Sales");
    CHECK(core::department_name(Lang::fr, "COM") == "Commercial");
    CHECK(core::department_name(Lang::en, "TECH") == "Technical support");
    CHECK(core::department_name(Lang::fr, "TECH") == "Support technique");
    CHECK(core::department_name(Lang::en, "FACT") == "Billing");
    CHECK(core::department_name(Lang::fr, "FACT") == "Facturation");
    CHECK(core::department_name(Lang::en, "ABUSE") == "Abuse");
    CHECK(core::department_name(Lang::fr, "ABUSE") == "Abus");
    CHECK(core::department_name(Lang::fr, "LEGAL") == "LEGAL");
    CHECK(core::department_name(Lang::en, "") == "");
}

TEST_CASE("status words translate the two known statuses and show others as sent") {
    CHECK(core::status_name(Lang::en, "OPEN") == "Open");
    CHECK(core::status_name(Lang::fr, "OPEN") == "Ouvert");
    CHECK(core::status_name(Lang::en, "CLOSED") == "Closed");
    CHECK(core::status_name(Lang::fr, "CLOSED") == "Fermé");
    CHECK(core::status_name(Lang::fr, "WAITING_CUSTOMER") == "WAITING_CUSTOMER");
}

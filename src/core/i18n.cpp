#include "i18n.h"

// The catalogues are JSON; parsed once, without exceptions.
#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <iterator>

namespace core {

namespace catalogues {
extern const std::string_view en; // assets/i18n/en.json, embedded by assets/i18n/embed.cmake
extern const std::string_view fr; // assets/i18n/fr.json
} // namespace catalogues

namespace {

constexpr std::size_t k_msg_count = static_cast<std::size_t>(Msg::count_);

// The catalogue key of each Msg, in the enum's order.
constexpr std::string_view k_msg_keys[] = {
    "app_title",
    "tickets_heading",
    "refresh",
    "language",
    "search_placeholder",
    "status_group",
    "filter_all",
    "filter_open",
    "filter_closed",
    "sort_label",
    "sort_date",
    "sort_subject",
    "sort_status",
    "sort_department",
    "no_tickets_yet",
    "no_tickets_match",
    "loading",
    "all_tickets",
    "reply_label",
    "send_reply",
    "sending",
    "close_ticket",
    "close_confirm_title",
    "close_confirm_body",
    "cancel",
    "reply_sent",
    "ticket_closed",
    "cant_reach",
    "server_error_status",
    "bad_answer",
    "not_found",
    "no_subject",
    "rows_skipped",
    "responses_count",
    "product",
    "department",
    "created",
    "you",
    "support",
    "copy_text",
    "copied",
    "draft_saved",
    "drafts_memory_only",
    "ticket_closed_note",
    "sign_in",
    "sign_out",
    "email",
    "api_key",
    "api_key_hint",
    "show_key",
    "hide_key",
    "signed_out_expired",
    "offline",
    "back_online",
    "send_again",
    "checking_reply",
    "dept_com",
    "dept_tech",
    "dept_fact",
    "dept_abuse",
    "status_open",
    "status_closed",
    "tickets_shown",
    "ticket_loaded",
    "answer_too_large",
    "sign_in_missing",
    "credentials_refused",
    "just_now",
    "minutes_ago",
    "hours_ago",
    "days_ago",
    "months_ago",
    "years_ago",
    "sign_in_heading",
    "month_jan",
    "month_feb",
    "month_mar",
    "month_apr",
    "month_may",
    "month_jun",
    "month_jul",
    "month_aug",
    "month_sep",
    "month_oct",
    "month_nov",
    "month_dec",
    "sort_newest",
    "sort_oldest",
    "original_request",
    "reply_placeholder",
    "send_shortcut",
    "portal_sign_in_failed",
};
static_assert(std::size(k_msg_keys) == k_msg_count,
              "one key per Msg, in the enum's order: add a new Msg's key here, and to "
              "assets/i18n/en.json and fr.json");

struct Entry {
    std::string one;   // the singular form of a plural message
    std::string other; // the message itself, or its plural form
    bool present = false;
    bool is_plural = false;
};

using Catalogue = std::array<Entry, k_msg_count>;

Catalogue load(std::string_view source) {
    Catalogue catalogue;
    const nlohmann::json document = nlohmann::json::parse(source, nullptr, false);
    if (document.is_discarded() || !document.is_object()) {
        return catalogue;
    }
    for (std::size_t i = 0; i < k_msg_count; ++i) {
        const auto found = document.find(std::string(k_msg_keys[i]));
        if (found == document.end()) {
            continue;
        }
        Entry& entry = catalogue[i];
        if (found->is_string()) {
            entry.other = found->get<std::string>();
        } else if (found->is_object()) {
            const auto one = found->find("one");
            const auto other = found->find("other");
            if (one == found->end() || other == found->end() || !one->is_string() ||
                !other->is_string()) {
                continue;
            }
            entry.one = one->get<std::string>();
            entry.other = other->get<std::string>();
            entry.is_plural = true;
        }
        entry.present = !entry.other.empty();
    }
    return catalogue;
}

const Catalogue& catalogue(Lang lang) {
    static const std::array<Catalogue, 2> loaded = {load(catalogues::en), load(catalogues::fr)};
    return loaded[lang == Lang::fr ? 1 : 0];
}

const Entry* entry(Lang lang, Msg msg) {
    const auto index = static_cast<std::size_t>(msg);
    if (index >= k_msg_count) {
        return nullptr;
    }
    const Entry& chosen = catalogue(lang)[index];
    if (chosen.present) {
        return &chosen;
    }
    const Entry& english = catalogue(Lang::en)[index];
    return english.present ? &english : nullptr;
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
}

char ascii_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

} // namespace

std::string_view msg_key(Msg msg) {
    const auto index = static_cast<std::size_t>(msg);
    return index < k_msg_count ? k_msg_keys[index] : std::string_view("?");
}

std::string_view text(Lang lang, Msg msg) {
    const Entry* found = entry(lang, msg);
    return found != nullptr ? std::string_view(found->other) : msg_key(msg);
}

std::string plural(Lang lang, Msg msg, std::int64_t n) {
    const Entry* found = entry(lang, msg);
    std::string result(msg_key(msg));
    if (found != nullptr) {
        const bool is_one = lang == Lang::fr ? (n == 0 || n == 1) : n == 1;
        result = (found->is_plural && is_one) ? found->one : found->other;
    }
    replace_all(result, "{n}", std::to_string(n));
    return result;
}

bool parse_lang(std::string_view tag, Lang& out) {
    if (tag.size() < 2 || (tag.size() > 2 && tag[2] != '-' && tag[2] != '_')) {
        return false;
    }
    const char first = ascii_lower(tag[0]);
    const char second = ascii_lower(tag[1]);
    if (first == 'f' && second == 'r') {
        out = Lang::fr;
        return true;
    }
    if (first == 'e' && second == 'n') {
        out = Lang::en;
        return true;
    }
    return false;
}

std::string_view lang_code(Lang lang) {
    return lang == Lang::fr ? "fr" : "en";
}

std::string department_name(Lang lang, std::string_view code) {
    if (code == "COM") {
        return std::string(text(lang, Msg::dept_com));
    }
    if (code == "TECH") {
        return std::string(text(lang, Msg::dept_tech));
    }
    if (code == "FACT") {
        return std::string(text(lang, Msg::dept_fact));
    }
    if (code == "ABUSE") {
        return std::string(text(lang, Msg::dept_abuse));
    }
    return std::string(code);
}

std::string status_name(Lang lang, std::string_view status) {
    if (status == "OPEN") {
        return std::string(text(lang, Msg::status_open));
    }
    if (status == "CLOSED") {
        return std::string(text(lang, Msg::status_closed));
    }
    return std::string(status);
}

} // namespace core

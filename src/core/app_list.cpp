// The list of tickets: loading it, counting, filtering, searching, sorting, and the prefs that
// remember the customer's filter, sort and language.
#include "app.h"

#include "decode.h"
#include "json_write.h"
#include "outcome.h"

// The prefs are a small JSON object; parsed without exceptions.
#include <nlohmann/json.hpp>

namespace core {
namespace {

using Json = nlohmann::json;

constexpr std::string_view k_filter_names[] = {"all", "open", "closed"};
constexpr std::string_view k_sort_names[] = {"date", "subject", "status", "department"};

template <class Enum, std::size_t count>
bool enum_from_name(const Json& prefs, const char* field, const std::string_view (&names)[count],
                    Enum& out) {
    const auto found = prefs.find(field);
    if (found == prefs.end() || !found->is_string()) {
        return false;
    }
    for (std::size_t i = 0; i < count; ++i) {
        if (found->get_ref<const std::string&>() == names[i]) {
            out = static_cast<Enum>(i);
            return true;
        }
    }
    return false;
}

} // namespace

void App::load_list(std::int64_t now_ms) {
    last_refresh_ms_ = now_ms;
    if (list_.state == LoadState::loaded) {
        list_.refreshing = true;
    } else {
        list_.state = LoadState::loading;
        announce_list_when_loaded_ = true;
        if (route_.ticket_id == 0) {
            set_notice(Msg::loading, false);
        }
    }
    send(Slot::list, make_list_request(settings_.api_base, credentials_));
}

void App::on_list_outcome(Outcome& outcome) {
    list_.refreshing = false;
    if (succeeded(outcome)) {
        // The old list's index goes while the new list is decoded (the old tickets stay, in case
        // the new ones cannot be read); it is built again, for one list or the other, below.
        index_.release();
        ListDecode decoded = decode_ticket_list(outcome.body);
        if (decoded.error == DecodeError::none) {
            // The bytes go before the search index is built: at 100,000 tickets they are 24 MB
            // that would otherwise sit beside the tickets and the index at the heap's peak.
            std::string().swap(outcome.body);
            set_tickets(std::move(decoded.tickets), decoded.skipped);
            return;
        }
        if (list_.state != LoadState::loaded) {
            list_.state = LoadState::failed;
        }
        index_.reset(list_.tickets); // the tickets already shown stay, searchable
        index_.sort(list_.tickets, list_.sort, list_.descending, lang());
        rebuild_visible();
        set_notice(decode_failure_text(lang(), decoded.error), true);
        return;
    }

    // The API's way of saying "no tickets": a 404 with its JSON error. It is not a failure.
    if (outcome.status == 404 && !outcome.timed_out && decode_error_text(outcome.body)) {
        set_tickets({}, 0);
        return;
    }
    if (on_unauthorized(outcome)) {
        return;
    }
    if (list_.state != LoadState::loaded) {
        list_.state = LoadState::failed; // a failed refresh keeps the tickets already shown
    }
    set_notice(failure_text(lang(), outcome), true);
}

void App::set_tickets(std::vector<Ticket> tickets, int skipped) {
    list_.tickets = std::move(tickets);
    list_.skipped = skipped;
    list_.state = LoadState::loaded;
    recount();

    // Start on Open unless nothing is open, and only for a customer who never chose.
    if (!filter_chosen_ && !initial_filter_done_) {
        list_.filter = list_.count_open > 0 ? StatusFilter::open : StatusFilter::all;
        initial_filter_done_ = true;
    }

    index_.reset(list_.tickets);
    index_.sort(list_.tickets, list_.sort, list_.descending, lang());
    rebuild_visible();
    announce_list(announce_list_when_loaded_);
    announce_list_when_loaded_ = false;
}

void App::recount() {
    list_.count_all = static_cast<int>(list_.tickets.size());
    list_.count_closed = 0;
    for (const Ticket& ticket : list_.tickets) {
        list_.count_closed += is_closed(ticket) ? 1 : 0;
    }
    list_.count_open = list_.count_all - list_.count_closed;
}

void App::rebuild_visible() {
    list_.visible = index_.visible(list_.tickets, list_.filter);
    ++list_.version;
    dirty_ = true;
}

// Tells the live region what the list shows: always after a first load, otherwise only when
// it becomes empty or stops being empty (not at every key typed in the search box).
void App::announce_list(bool always) {
    if (route_.ticket_id != 0 || list_.state != LoadState::loaded) {
        return;
    }
    const int now_showing = !list_.visible.empty() ? 0 : list_.tickets.empty() ? 1 : 2;
    if (!always && now_showing == announced_list_state_) {
        return;
    }
    announced_list_state_ = now_showing;
    if (now_showing == 1) {
        set_notice(Msg::no_tickets_yet, false);
    } else if (now_showing == 2) {
        set_notice(Msg::no_tickets_match, false);
    } else {
        set_notice(
            plural(lang(), Msg::tickets_shown, static_cast<std::int64_t>(list_.visible.size())),
            false);
    }
}

void App::set_filter(StatusFilter filter) {
    if (filter == list_.filter && filter_chosen_) {
        return;
    }
    filter_chosen_ = true;
    write_prefs();
    if (filter != list_.filter) {
        list_.filter = filter;
        rebuild_visible();
        announce_list(false);
    }
}

void App::set_search(const std::string& text) {
    list_.search = text;
    if (index_.set_query(text)) {
        rebuild_visible();
        announce_list(false);
    }
}

void App::set_sort(SortKey key, bool descending) {
    if (key == list_.sort && descending == list_.descending) {
        return;
    }
    list_.sort = key;
    list_.descending = descending;
    sort_chosen_ = true;
    write_prefs();
    index_.sort(list_.tickets, list_.sort, list_.descending, lang());
    rebuild_visible();
}

void App::set_language(int code) {
    if (code != static_cast<int>(Lang::en) && code != static_cast<int>(Lang::fr)) {
        return;
    }
    lang_chosen_ = true;
    settings_.lang = static_cast<Lang>(code);
    write_prefs();
    if (list_.sort == SortKey::department) {
        index_.sort(list_.tickets, list_.sort, list_.descending, lang());
        rebuild_visible();
    }
}

void App::write_prefs() {
    std::string prefs = "{";
    bool first = true;
    if (filter_chosen_) {
        json::append_key(prefs, "filter", first);
        json::append_string(prefs, k_filter_names[static_cast<std::size_t>(list_.filter)]);
    }
    if (sort_chosen_) {
        json::append_key(prefs, "sort", first);
        json::append_string(prefs, k_sort_names[static_cast<std::size_t>(list_.sort)]);
        json::append_key(prefs, "descending", first);
        prefs += list_.descending ? "true" : "false";
    }
    if (lang_chosen_) {
        json::append_key(prefs, "lang", first);
        json::append_string(prefs, lang_code(settings_.lang));
    }
    prefs += '}';
    storage_writes_.push_back({std::string(k_prefs_key), std::move(prefs)});
}

void App::restore_prefs(const std::string& value) {
    const Json prefs = Json::parse(value, nullptr, false);
    if (prefs.is_discarded() || !prefs.is_object()) {
        return;
    }
    if (enum_from_name(prefs, "filter", k_filter_names, list_.filter)) {
        filter_chosen_ = true;
    }
    const auto descending = prefs.find("descending");
    if (enum_from_name(prefs, "sort", k_sort_names, list_.sort)) {
        sort_chosen_ = true;
        if (descending != prefs.end() && descending->is_boolean()) {
            list_.descending = descending->get<bool>();
        }
    }
    const auto lang_field = prefs.find("lang");
    Lang chosen = Lang::en;
    if (lang_field != prefs.end() && lang_field->is_string() &&
        parse_lang(lang_field->get_ref<const std::string&>(), chosen)) {
        lang_chosen_ = true;
        if (!settings_.lang_fixed) {
            settings_.lang = chosen;
        }
    }
}

void App::mark_closed_in_list(std::int64_t ticket_id) {
    bool changed = false;
    for (Ticket& ticket : list_.tickets) {
        if (ticket.id == ticket_id && !is_closed(ticket)) {
            ticket.status = "CLOSED";
            changed = true;
        }
    }
    if (!changed) {
        return;
    }
    recount();
    if (list_.sort == SortKey::status) {
        index_.sort(list_.tickets, list_.sort, list_.descending, lang());
    }
    rebuild_visible();
}

} // namespace core

// The model's frame: intents in, requests out, outcomes back, timers. The flows themselves are
// in app_list.cpp (the list), app_thread.cpp (a ticket, replies, closing) and app_session.cpp
// (signing in with an e-mail and an API key).
#include "app.h"

#include "outcome.h"

#include <charconv>
#include <utility>
#include <variant>

namespace core {
namespace {

// splitmix64: a small, good, seedable generator for the retries' jitter.
std::uint64_t next_random(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

template <class... Handlers> struct Overloaded : Handlers... { using Handlers::operator()...; };
template <class... Handlers> Overloaded(Handlers...) -> Overloaded<Handlers...>;

} // namespace

App::App(Settings settings) : settings_(std::move(settings)) {
    credentials_.mode = settings_.credentials;
}

void App::restore(const std::string& key, const std::string& value) {
    if (key == k_prefs_key) {
        restore_prefs(value);
    } else if (key.starts_with(k_draft_prefix)) {
        const std::string_view id_text = std::string_view(key).substr(k_draft_prefix.size());
        std::int64_t ticket_id = 0;
        const auto [end, error] =
            std::from_chars(id_text.data(), id_text.data() + id_text.size(), ticket_id);
        if (error == std::errc() && end == id_text.data() + id_text.size() && ticket_id > 0 &&
            !value.empty()) {
            drafts_[ticket_id] = value;
        }
    } else if (key.starts_with(k_session_prefix)) {
        restore_session(key, value);
    }
    dirty_ = true;
}

void App::set_credentials(Credentials credentials) {
    const bool was_waiting = started_ && held_back();
    credentials_ = std::move(credentials);
    signed_in_ = credentials_.mode == CredentialsMode::key && !credentials_.email.empty() &&
                 !credentials_.key.empty();
    if (signed_in_) {
        sign_in_.email = credentials_.email;
    }
    if (was_waiting && !held_back()) {
        refresh(last_refresh_ms_);
    }
    dirty_ = true;
}

void App::set_random_seed(std::uint64_t seed) {
    random_state_ = seed;
}

void App::start(Route route, std::int64_t now_ms) {
    started_ = true;
    route_ = route;
    opening_ticket_id_ = route.ticket_id;
    now_ms_ = now_ms;
    last_refresh_ms_ = now_ms;
    dirty_ = true;
    // Framed by a portal, with credentials it can hand over and none held yet: ask it first.
    const bool holds_credentials =
        !credentials_.token.empty() || (!credentials_.email.empty() && !credentials_.key.empty());
    if (settings_.embedded && settings_.credentials != CredentialsMode::cookie &&
        !holds_credentials) {
        ask_for_credentials();
    } else if (!held_back()) {
        refresh(now_ms);
    }
}

void App::apply(const Intent& intent, std::int64_t now_ms) {
    now_ms_ = now_ms;
    dirty_ = true;
    std::visit(Overloaded{
                   [&](const Navigate& it) { navigate(it.route, now_ms); },
                   [&](const SetFilter& it) { set_filter(it.filter); },
                   [&](const SetSearch& it) { set_search(it.text); },
                   [&](const SetSort& it) { set_sort(it.key, it.descending); },
                   [&](const EditDraft& it) { edit_draft(it.ticket_id, it.text); },
                   [&](const SendReply&) { send_reply(); },
                   [&](const AskClose&) { ask_close(); },
                   [&](const ConfirmClose&) { confirm_close(); },
                   [&](const CancelClose&) { reply_.confirm_close_open = false; },
                   [&](const Refresh&) { refresh(now_ms); },
                   [&](const SetLanguage& it) { set_language(it.lang); },
                   [&](const EditEmail& it) { sign_in_.email = it.text; },
                   [&](const EditKey& it) { sign_in_.key = it.text; },
                   [&](const ToggleKeyVisible&) { sign_in_.key_visible = !sign_in_.key_visible; },
                   [&](const SignIn&) { check_credentials(); },
                   [&](const SignOut&) { sign_out(false); },
                   [&](const CopyText&) {}, // the platform's clipboard does it
                   [&](const GoBack&) { go_back(now_ms); },
               },
               intent);
}

void App::on_outcome(std::uint64_t request_id, Outcome outcome, std::int64_t now_ms) {
    if (request_id == 0) {
        return;
    }
    std::size_t which = 0;
    while (which < slots_.size() && slots_[which].in_flight != request_id) {
        ++which;
    }
    if (which == slots_.size()) {
        return; // superseded, or cancelled: its answer no longer means anything
    }
    SlotState& state = slots_[which];
    state.in_flight = 0;
    const Request request = state.request;
    now_ms_ = now_ms;
    const bool authorized = !outcome.timed_out && outcome.status >= 200 &&
                            (outcome.status < 400 || outcome.status == 404);
    if (handover_ == Handover::held && authorized) {
        handover_refusals_ = 0; // the portal's credentials work: a later 401 may ask again
    }

    // A GET can be tried again; a POST never is (the server may have acted on it). Offline, a
    // retry would fail the same way: the return of the network refreshes instead.
    if (request.method == Method::get && retryable(outcome) && state.retries < k_max_retries &&
        (online_ || !no_answer(outcome))) {
        const auto delay =
            retry_delay_ms(state.retries, outcome.retry_after_s, next_random(random_state_));
        if (delay) {
            state.retry_due_ms = now_ms + *delay;
            return;
        }
    }

    dirty_ = true;
    switch (static_cast<Slot>(which)) {
    case Slot::list:
        if (sign_in_.checking) {
            on_sign_in_outcome(outcome, now_ms);
        } else {
            on_list_outcome(outcome);
        }
        break;
    case Slot::thread:
        on_thread_outcome(request, outcome);
        break;
    case Slot::check:
        on_check_outcome(request, outcome);
        break;
    case Slot::reply:
        on_reply_outcome(request, outcome);
        break;
    case Slot::close:
        on_close_outcome(request, outcome);
        break;
    case Slot::count_:
        break;
    }
}

void App::tick(std::int64_t now_ms) {
    now_ms_ = now_ms;
    if (handover_ == Handover::asking && now_ms >= handover_due_ms_) {
        on_credentials(std::nullopt, now_ms); // the portal did not answer: it has none to give
    }
    for (SlotState& state : slots_) {
        if (state.retry_due_ms >= 0 && now_ms >= state.retry_due_ms) {
            state.retry_due_ms = -1;
            state.request.id = next_request_id_++;
            state.in_flight = state.request.id;
            ++state.retries;
            outgoing_.push_back(state.request);
        }
    }
    if (started_ && visible_ && online_ && !held_back() &&
        now_ms - last_refresh_ms_ >= k_auto_refresh_ms) {
        refresh(now_ms);
    }
}

void App::set_visible(bool visible, std::int64_t now_ms) {
    visible_ = visible;
    if (visible) {
        tick(now_ms); // back after a minute or more: refresh at once
    }
}

void App::set_online(bool online, std::int64_t now_ms) {
    if (online == online_) {
        return;
    }
    online_ = online;
    dirty_ = true;
    set_notice(online ? Msg::back_online : Msg::offline, !online);
    if (online && started_ && !held_back()) {
        refresh(now_ms);
    }
}

void App::storage_unavailable() {
    storage_ok_ = false;
    dirty_ = true;
}

std::vector<Request> App::take_requests() {
    return std::exchange(outgoing_, {});
}

std::vector<StorageWrite> App::take_storage_writes() {
    return std::exchange(storage_writes_, {});
}

std::vector<Event> App::take_events() {
    return std::exchange(events_, {});
}

std::optional<std::int64_t> App::next_wakeup_ms() const {
    std::optional<std::int64_t> soonest;
    const auto consider = [&](std::int64_t at) {
        if (!soonest || at < *soonest) {
            soonest = at;
        }
    };
    for (const SlotState& state : slots_) {
        if (state.retry_due_ms >= 0) {
            consider(state.retry_due_ms);
        }
    }
    if (started_ && visible_ && online_ && !held_back()) {
        consider(last_refresh_ms_ + k_auto_refresh_ms);
    }
    if (handover_ == Handover::asking) {
        consider(handover_due_ms_);
    }
    return soonest;
}

bool App::signed_in() const {
    return signed_in_;
}

bool App::offers_sign_out() const {
    return signed_in_ && handover_ == Handover::none;
}

bool App::needs_sign_in() const {
    return settings_.credentials == CredentialsMode::key && !signed_in_ &&
           handover_ != Handover::asking && handover_ != Handover::held;
}

bool App::awaiting_credentials() const {
    return handover_ == Handover::asking;
}

bool App::held_back() const {
    return needs_sign_in() || handover_ == Handover::asking || handover_ == Handover::refused;
}

std::string App::draft(std::int64_t ticket_id) const {
    const auto found = drafts_.find(ticket_id);
    return found == drafts_.end() ? std::string() : found->second;
}

bool App::take_dirty() {
    return std::exchange(dirty_, false);
}

void App::send(Slot which, Request request) {
    SlotState& state = slot(which);
    if (settings_.timeout_ms > 0) {
        request.timeout_ms = settings_.timeout_ms;
    }
    request.id = next_request_id_++;
    state.in_flight = request.id;
    state.request = request;
    state.retries = 0;
    state.retry_due_ms = -1;
    outgoing_.push_back(std::move(request));
}

void App::cancel(Slot which) {
    SlotState& state = slot(which);
    state.in_flight = 0;
    state.retry_due_ms = -1;
}

void App::refresh(std::int64_t now_ms) {
    if (started_ && handover_ == Handover::refused) {
        // Refused or never given: Refresh asks the portal again, once more.
        handover_refusals_ = 0;
        ask_for_credentials();
        return;
    }
    if (!started_ || held_back()) {
        return;
    }
    load_list(now_ms);
    if (route_.ticket_id != 0) {
        load_thread(route_.ticket_id);
    }
}

void App::set_notice(std::string text, bool is_error) {
    notice_.text = std::move(text);
    notice_.is_error = is_error;
    notice_.msg.reset();
    ++notice_.serial;
    dirty_ = true;
}

} // namespace core

// One ticket: navigating to it, its thread, the reply being typed, sending it, and closing.
// A POST is never sent twice by the model; when its answer is lost, the thread is fetched to
// learn what happened.
#include "app.h"

#include "decode.h"
#include "outcome.h"

#include <algorithm>

namespace core {
namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool is_blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(), is_space);
}

// A message as the server may store it: line ends as \n, no spaces around it.
std::string normalized(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue;
        }
        out += text[i];
    }
    const auto first = std::find_if_not(out.begin(), out.end(), is_space);
    const auto last = std::find_if_not(out.rbegin(), out.rend(), is_space).base();
    return first < last ? std::string(first, last) : std::string();
}

// How many responses of the thread carry this text. A reply whose answer was lost arrived
// when there is one more copy after sending than before.
int copies_of(const Thread& thread, const std::string& sent_text) {
    const std::string wanted = normalized(sent_text);
    return static_cast<int>(std::count_if(
        thread.responses.begin(), thread.responses.end(),
        [&](const Response& response) { return normalized(response.message) == wanted; }));
}

} // namespace

void App::navigate(const Route& route, std::int64_t now_ms) {
    if (route == route_) {
        return;
    }
    const std::int64_t previous = route_.ticket_id;
    route_ = route;
    reply_.confirm_close_open = false;
    if (route.ticket_id != previous) {
        reply_.offer_send_again = false;
    }
    opening_ticket_id_ = route.ticket_id;
    if (!started_ || held_back()) {
        return;
    }
    if (route.ticket_id != 0) {
        load_thread(route.ticket_id);
        return;
    }

    // Back on the list: it is kept as it was (filter, search, sort); the thread's answer, if
    // one is still awaited, is no longer wanted.
    cancel(Slot::thread);
    thread_.refreshing = false;
    if (!thread_.thread) {
        thread_ = ThreadView{};
    }
    if (list_.state == LoadState::idle || list_.state == LoadState::failed) {
        load_list(now_ms);
    }
}

void App::go_back(std::int64_t now_ms) {
    if (reply_.confirm_close_open) {
        reply_.confirm_close_open = false;
    } else if (route_.ticket_id != 0) {
        navigate(Route{}, now_ms);
    }
}

void App::load_thread(std::int64_t ticket_id) {
    if (thread_.ticket_id == ticket_id && thread_.thread) {
        thread_.refreshing = true;
    } else {
        thread_ = ThreadView{};
        thread_.ticket_id = ticket_id;
        thread_.state = LoadState::loading;
        announce_thread_when_loaded_ = true;
        set_notice(Msg::loading, false);
    }
    send(Slot::thread, make_thread_request(settings_.api_base, credentials_, ticket_id));
}

void App::on_thread_outcome(const Request& request, const Outcome& outcome) {
    if (request.ticket_id != route_.ticket_id) {
        return; // the customer has moved on to another ticket
    }
    thread_.refreshing = false;
    std::string failure;
    if (succeeded(outcome)) {
        ThreadDecode decoded = decode_thread(outcome.body);
        if (decoded.thread) {
            show_thread(std::move(*decoded.thread), request.ticket_id);
            if (std::exchange(announce_thread_when_loaded_, false)) {
                set_notice(Msg::ticket_loaded, false);
            }
            if (std::exchange(opening_ticket_id_, 0) == request.ticket_id) {
                events_.push_back({Event::Kind::ticket_opened, request.ticket_id});
            }
            verify_sent_reply(*thread_.thread, request.ticket_id);
            return;
        }
        failure = decode_failure_text(lang(), decoded.error);
    } else if (outcome.status == 404 && !outcome.timed_out) {
        // The API's not-found answer; its own words are shown, with a way back.
        const auto error = decode_error_text(outcome.body);
        thread_.thread.reset();
        thread_.state = LoadState::failed;
        thread_.not_found = true;
        thread_.error = error ? clip_utf8(*error, k_max_error_text_bytes)
                              : std::string(text(lang(), Msg::not_found));
        set_notice(thread_.error, true);
        return;
    } else if (on_unauthorized(outcome)) {
        return;
    } else {
        failure = failure_text(lang(), outcome);
    }

    // A failed refresh keeps the thread already shown.
    if (!thread_.thread) {
        thread_.state = LoadState::failed;
    }
    thread_.error = failure;
    set_notice(std::move(failure), true);
}

void App::show_thread(Thread thread, std::int64_t ticket_id) {
    if (thread.ticket.id == 0) {
        thread.ticket.id = ticket_id;
    }
    const bool closed = is_closed(thread.ticket);
    thread_.ticket_id = ticket_id;
    thread_.thread = std::move(thread);
    thread_.state = LoadState::loaded;
    thread_.not_found = false;
    thread_.error.clear();
    if (closed) {
        reply_.confirm_close_open = false;
        mark_closed_in_list(ticket_id); // closed elsewhere: the list agrees
    }
}

void App::edit_draft(std::int64_t ticket_id, const std::string& text) {
    if (ticket_id <= 0 || draft(ticket_id) == text) {
        return;
    }
    if (text.empty()) {
        drafts_.erase(ticket_id);
    } else {
        drafts_[ticket_id] = text;
    }
    if (!storage_ok_ && !storage_warned_ && !text.empty()) {
        storage_warned_ = true;
        set_notice(Msg::drafts_memory_only, true);
    }
    storage_writes_.push_back({std::string(k_draft_prefix) + std::to_string(ticket_id), text});
}

bool App::can_send() const {
    const std::int64_t ticket_id = route_.ticket_id;
    return ticket_id != 0 && !held_back() && thread_.ticket_id == ticket_id && thread_.thread &&
           !is_closed(thread_.thread->ticket) && !reply_.sending && !reply_.fate_unknown &&
           !reply_.closing && !is_blank(draft(ticket_id));
}

void App::send_reply() {
    if (!can_send()) {
        return; // includes a second press while the first is on its way: no double post
    }
    const std::int64_t ticket_id = route_.ticket_id;
    sent_reply_.ticket_id = ticket_id;
    sent_reply_.text = draft(ticket_id);
    sent_reply_.copies_before = copies_of(*thread_.thread, sent_reply_.text);
    sent_reply_.unverified = false;
    reply_.sending = true;
    reply_.offer_send_again = false;
    set_notice(Msg::sending, false);
    send(Slot::reply,
         make_reply_request(settings_.api_base, credentials_, ticket_id, sent_reply_.text));
}

void App::on_reply_outcome(const Request& request, const Outcome& outcome) {
    reply_.sending = false;
    if (succeeded(outcome)) {
        reply_accepted(request.ticket_id, sent_reply_.text);
        if (route_.ticket_id == request.ticket_id) {
            load_thread(request.ticket_id); // shows the new message
        }
        return;
    }
    if (fate_unknown(outcome)) {
        // The server may or may not have stored it: look before offering to send again.
        reply_.fate_unknown = true;
        check_ = Check::reply_arrived;
        check_failure_ = failure_text(lang(), outcome);
        set_notice(Msg::checking_reply, false);
        send(Slot::check, make_thread_request(settings_.api_base, credentials_, request.ticket_id));
        return;
    }
    if (on_unauthorized(outcome)) {
        return;
    }
    set_notice(failure_text(lang(), outcome), true); // the draft stays
}

void App::on_check_outcome(const Request& request, const Outcome& outcome) {
    const Check looking_for = std::exchange(check_, Check::none);
    const std::int64_t ticket_id = request.ticket_id;
    std::optional<Thread> fresh;
    if (succeeded(outcome)) {
        fresh = decode_thread(outcome.body).thread;
    } else if (on_unauthorized(outcome)) {
        return;
    }
    if (fresh && route_.ticket_id == ticket_id) {
        show_thread(*fresh, ticket_id);
    }

    if (looking_for == Check::reply_arrived) {
        reply_.fate_unknown = false;
        if (fresh && copies_of(*fresh, sent_reply_.text) > sent_reply_.copies_before) {
            reply_accepted(ticket_id, sent_reply_.text);
        } else {
            // Not there, or the thread could not be read: the draft stays, Send again is
            // offered, and when it could not be read the next thread that loads tells.
            sent_reply_.unverified = !fresh;
            reply_.offer_send_again = true;
            set_notice(fresh ? check_failure_ : std::string(text(lang(), Msg::cant_reach)), true);
        }
    } else if (looking_for == Check::ticket_closed) {
        reply_.closing = false;
        if (fresh && is_closed(fresh->ticket)) {
            close_accepted(ticket_id);
        } else {
            set_notice(fresh ? check_failure_ : std::string(text(lang(), Msg::cant_reach)), true);
        }
    }
}

// A reply whose fate the check could not learn: the first thread of that ticket to load says
// whether it arrived.
void App::verify_sent_reply(const Thread& thread, std::int64_t ticket_id) {
    if (!sent_reply_.unverified || sent_reply_.ticket_id != ticket_id) {
        return;
    }
    sent_reply_.unverified = false;
    if (copies_of(thread, sent_reply_.text) > sent_reply_.copies_before) {
        reply_accepted(ticket_id, sent_reply_.text);
    }
}

void App::reply_accepted(std::int64_t ticket_id, const std::string& sent_text) {
    events_.push_back({Event::Kind::reply_sent, ticket_id});
    reply_.offer_send_again = false;
    sent_reply_.unverified = false;
    set_notice(Msg::reply_sent, false);
    // Text typed while the reply was on its way is not what was sent: it stays.
    if (draft(ticket_id) == sent_text) {
        edit_draft(ticket_id, "");
    }
}

void App::ask_close() {
    const std::int64_t ticket_id = route_.ticket_id;
    if (ticket_id == 0 || thread_.ticket_id != ticket_id || !thread_.thread ||
        is_closed(thread_.thread->ticket) || reply_.closing || reply_.sending ||
        reply_.fate_unknown) {
        return;
    }
    reply_.confirm_close_open = true;
}

void App::confirm_close() {
    if (!reply_.confirm_close_open) {
        return;
    }
    reply_.confirm_close_open = false;
    reply_.closing = true;
    closing_ticket_id_ = route_.ticket_id;
    send(Slot::close, make_close_request(settings_.api_base, credentials_, closing_ticket_id_));
}

void App::on_close_outcome(const Request& request, const Outcome& outcome) {
    if (succeeded(outcome)) {
        reply_.closing = false;
        close_accepted(request.ticket_id);
        return;
    }
    if (fate_unknown(outcome)) {
        check_ = Check::ticket_closed; // still closing until the thread tells
        check_failure_ = failure_text(lang(), outcome);
        send(Slot::check, make_thread_request(settings_.api_base, credentials_, request.ticket_id));
        return;
    }
    reply_.closing = false;
    if (on_unauthorized(outcome)) {
        return;
    }
    set_notice(failure_text(lang(), outcome), true); // nothing changes
}

void App::close_accepted(std::int64_t ticket_id) {
    events_.push_back({Event::Kind::ticket_closed, ticket_id});
    reply_.confirm_close_open = false;
    set_notice(Msg::ticket_closed, false);
    if (thread_.ticket_id == ticket_id && thread_.thread) {
        thread_.thread->ticket.status = "CLOSED";
    }
    mark_closed_in_list(ticket_id);
}

} // namespace core

// The key scheme (credentials "key"): the customer's e-mail and API key, checked by loading the
// list, kept for the tab's life at most (memory, and the platform's sessionStorage).
// And credentials a portal hands over when it frames the page (bearer or key scheme): asked for
// at start, asked for once more after a 401, and given up on after a second one; held in memory
// only.
#include "app.h"

#include "decode.h"
#include "outcome.h"

namespace core {
namespace {

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

} // namespace

void App::check_credentials() {
    if (settings_.credentials != CredentialsMode::key || signed_in_ || sign_in_.checking) {
        return;
    }
    const std::string email = trimmed(sign_in_.email);
    const std::string key = trimmed(sign_in_.key);
    if (email.empty() || key.empty()) {
        set_notice(Msg::sign_in_missing, true);
        return;
    }

    // The key is checked by loading the list with it.
    credentials_ = Credentials{CredentialsMode::key, {}, email, key};
    sign_in_.checking = true;
    set_notice(Msg::loading, false);
    send(Slot::list, make_list_request(settings_.api_base, credentials_));
}

void App::on_sign_in_outcome(Outcome& outcome, std::int64_t now_ms) {
    sign_in_.checking = false;
    const bool empty_list =
        outcome.status == 404 && !outcome.timed_out && decode_error_text(outcome.body);
    if (succeeded(outcome) || empty_list) {
        signed_in_ = true;
        sign_in_.key.clear();
        sign_in_.key_visible = false;
        storage_writes_.push_back({std::string(k_session_email_key), credentials_.email});
        storage_writes_.push_back({std::string(k_session_api_key_key), credentials_.key});
        last_refresh_ms_ = now_ms;
        on_list_outcome(outcome);
        if (route_.ticket_id != 0) {
            load_thread(route_.ticket_id);
        }
        return;
    }

    // Refused or failed: what the customer typed stays, the held copy goes.
    credentials_.email.clear();
    credentials_.key.clear();
    if (outcome.status == 401 || outcome.status == 403) {
        const auto error = decode_error_text(outcome.body);
        set_notice(error ? clip_utf8(*error, k_max_error_text_bytes)
                         : std::string(text(lang(), Msg::credentials_refused)),
                   true);
    } else {
        set_notice(failure_text(lang(), outcome), true);
    }
}

void App::sign_out(bool expired) {
    if (settings_.credentials != CredentialsMode::key ||
        (!signed_in_ && !sign_in_.checking && handover_ != Handover::held && !expired)) {
        return;
    }
    handover_ = Handover::none; // what the portal gave is forgotten too
    const std::string email = credentials_.email.empty() ? sign_in_.email : credentials_.email;
    credentials_ = Credentials{};
    credentials_.mode = settings_.credentials;
    signed_in_ = false;
    sign_in_ = SignInState{};
    sign_in_.email = email;
    storage_writes_.push_back({std::string(k_session_email_key), ""});
    storage_writes_.push_back({std::string(k_session_api_key_key), ""});

    // Nothing awaited still counts, and nothing of that account stays on screen. The drafts stay:
    // they are the customer's text, not the account's data.
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        cancel(static_cast<Slot>(i));
    }
    check_ = Check::none;
    reply_ = ReplyState{};
    ListView kept;
    kept.filter = list_.filter;
    kept.search = list_.search;
    kept.sort = list_.sort;
    kept.descending = list_.descending;
    kept.version = list_.version + 1;
    list_ = std::move(kept);
    index_.reset(list_.tickets);
    thread_ = ThreadView{};
    announce_list_when_loaded_ = true;
    announced_list_state_ = -1;
    if (expired) {
        set_notice(Msg::signed_out_expired, true);
    }
}

// A 401 to the portal's credentials asks the portal once more; a second one in a row gives up.
// A 401 once signed in with a typed key (a revoked key, say): back to the sign-in screen, the
// e-mail filled in, the drafts kept. Cookies show the error like any other.
bool App::on_unauthorized(const Outcome& outcome) {
    if (outcome.status != 401 || outcome.timed_out) {
        return false;
    }
    if (handover_ != Handover::none) {
        // Whatever was being sent was not done; nothing waits on it any more.
        reply_.fate_unknown = false;
        reply_.closing = false;
        if (handover_ == Handover::held) {
            if (++handover_refusals_ < 2) {
                ask_for_credentials();
            } else if (settings_.credentials == CredentialsMode::key) {
                sign_out(true); // the customer can still sign in themselves
            } else {
                handover_failed();
            }
        }
        return true; // asking or refused already: a late answer to the refused credentials
    }
    if (settings_.credentials != CredentialsMode::key || !signed_in_) {
        return false;
    }
    sign_out(true);
    return true;
}

void App::ask_for_credentials() {
    handover_ = Handover::asking;
    handover_due_ms_ = now_ms_ + k_handover_timeout_ms;
    events_.push_back({Event::Kind::credentials_wanted, 0});

    // Refused credentials are dropped at once; the answers still awaited with them mean nothing.
    // A POST's answer is still awaited: the server may have acted on it.
    credentials_ = Credentials{};
    credentials_.mode = settings_.credentials;
    signed_in_ = false;
    cancel(Slot::list);
    cancel(Slot::thread);
    list_.refreshing = false;
    thread_.refreshing = false;
    if (list_.state != LoadState::loaded) {
        list_.state = LoadState::loading; // the views say Loading meanwhile
    }
    dirty_ = true;
}

void App::on_credentials(std::optional<Credentials> credentials, std::int64_t now_ms) {
    now_ms_ = now_ms;
    if (handover_ != Handover::asking) {
        return; // not asked for: a portal does not push credentials
    }
    handover_due_ms_ = -1;
    dirty_ = true;

    // A token means a bearer header, an e-mail and key the API's own headers, whatever the
    // deployment's own scheme.
    if (credentials && !credentials->token.empty()) {
        credentials_ = Credentials{CredentialsMode::bearer, credentials->token, {}, {}};
    } else if (credentials && !credentials->email.empty() && !credentials->key.empty()) {
        credentials_ = Credentials{CredentialsMode::key, {}, credentials->email, credentials->key};
        signed_in_ = settings_.credentials == CredentialsMode::key;
        sign_in_.email = credentials->email;
    } else {
        credentials.reset();
    }
    if (credentials) {
        handover_ = Handover::held;
        refresh(now_ms);
        return;
    }

    // Nothing to hand over. With the key scheme, the customer can still sign in themselves.
    if (settings_.credentials == CredentialsMode::key) {
        handover_ = Handover::none;
        if (list_.state == LoadState::loading) {
            list_.state = LoadState::idle;
        }
        if (handover_refusals_ > 0) {
            handover_refusals_ = 0;
            sign_out(true); // the portal's credentials were refused: the session has ended
        }
        return;
    }
    handover_failed();
}

// The portal's credentials were refused twice in a row, or it had none: say so, and send
// nothing until the customer presses Refresh. What is already shown stays.
void App::handover_failed() {
    handover_ = Handover::refused;
    handover_due_ms_ = -1;
    credentials_ = Credentials{};
    credentials_.mode = settings_.credentials;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        cancel(static_cast<Slot>(i));
    }
    check_ = Check::none;
    reply_.sending = false;
    reply_.closing = false;
    reply_.fate_unknown = false;
    list_.refreshing = false;
    thread_.refreshing = false;
    set_notice(Msg::portal_sign_in_failed, true);
    if (list_.state != LoadState::loaded) {
        list_.state = LoadState::failed;
    }
    if (route_.ticket_id != 0 && !thread_.thread) {
        thread_.state = LoadState::failed;
        thread_.error = notice_.text;
    }
}

void App::restore_session(const std::string& key, const std::string& value) {
    if (settings_.credentials != CredentialsMode::key) {
        return; // never held outside the key scheme
    }
    if (key == k_session_email_key) {
        credentials_.email = value;
        sign_in_.email = value;
    } else if (key == k_session_api_key_key) {
        credentials_.key = value;
    }
    credentials_.mode = CredentialsMode::key;
    signed_in_ = !credentials_.email.empty() && !credentials_.key.empty();
}

} // namespace core

// The key scheme (credentials "key"): the customer's e-mail and API key, checked by loading the
// list, kept for the tab's life at most (memory, and the platform's sessionStorage).
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

void App::on_sign_in_outcome(const Outcome& outcome, std::int64_t now_ms) {
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
        (!signed_in_ && !sign_in_.checking && !expired)) {
        return;
    }
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

// A 401 once signed in with a key (a revoked key, say): back to the sign-in screen, the e-mail
// filled in, the drafts kept. Other schemes show the error like any other.
bool App::on_unauthorized(const Outcome& outcome) {
    if (outcome.status != 401 || outcome.timed_out ||
        settings_.credentials != CredentialsMode::key || !signed_in_) {
        return false;
    }
    sign_out(true);
    return true;
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

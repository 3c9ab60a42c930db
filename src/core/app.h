// The model: everything the page knows and decides, with no ImGui and no browser in sight.
// Intents come in (apply), requests go out (take_requests), outcomes come back (on_outcome).
// The views read it through the const accessors; the platform persists what it asks to.
#pragma once

#include "i18n.h"
#include "intent.h"
#include "request.h"
#include "ticket.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace core {

struct Settings {
    std::string api_base;                           // "" = same origin
    CredentialsMode credentials = CredentialsMode::cookie;
    Lang lang = Lang::en;
};

enum class LoadState { idle, loading, loaded, failed };

struct Notice {
    std::string text;
    bool is_error = false;
    std::uint64_t serial = 0; // grows with every new notice, even when the text repeats
};

// A write the platform should make to the tab's storage. An empty value removes the key.
struct StorageWrite {
    std::string key;
    std::string value;
};

struct ListView {
    LoadState state = LoadState::idle;
    std::vector<Ticket> tickets;      // as received
    std::vector<int> visible;         // indexes into tickets: filtered, searched, sorted
    int count_all = 0, count_open = 0, count_closed = 0;
    int skipped = 0;                  // rows the server sent that could not be shown
    StatusFilter filter = StatusFilter::open;
    std::string search;
    SortKey sort = SortKey::date;
    bool descending = true;
    std::uint64_t version = 0;        // grows whenever `visible` is rebuilt
};

struct ThreadView {
    LoadState state = LoadState::idle;
    std::int64_t ticket_id = 0;
    std::optional<Thread> thread;
    bool not_found = false;           // the API's 404: an unknown id, or not this customer's
    std::string error;                // why it failed, when it did
};

struct ReplyState {
    bool sending = false;
    bool closing = false;
    bool confirm_close_open = false;
    bool fate_unknown = false;        // a reply was sent but no answer came; checking the thread
};

struct SignInState {
    std::string email;
    std::string key;
    bool key_visible = false;
    bool checking = false;
};

class App {
public:
    explicit App(Settings settings);

    // Start-up: the platform hands over what it stored (drafts, prefs) before start().
    void restore(const std::string& key, const std::string& value);
    void set_credentials(Credentials credentials);
    void start(Route route, std::int64_t now_ms);

    void apply(const Intent& intent, std::int64_t now_ms);
    void on_outcome(std::uint64_t request_id, const Outcome& outcome, std::int64_t now_ms);
    void tick(std::int64_t now_ms);   // timers: retries, the 60 s refresh
    void set_visible(bool visible, std::int64_t now_ms);
    void set_online(bool online, std::int64_t now_ms);
    void storage_unavailable();       // drafts stay in memory; say so once

    std::vector<Request> take_requests();
    std::vector<StorageWrite> take_storage_writes();
    std::optional<std::int64_t> next_wakeup_ms() const; // when tick() has work to do

    // For the views.
    Lang lang() const { return settings_.lang; }
    const Settings& settings() const { return settings_; }
    const Route& route() const { return route_; }
    bool signed_in() const;
    bool needs_sign_in() const;
    const ListView& list() const { return list_; }
    const ThreadView& thread() const { return thread_; }
    const ReplyState& reply() const { return reply_; }
    const SignInState& sign_in() const { return sign_in_; }
    const Notice& notice() const { return notice_; }
    std::string draft(std::int64_t ticket_id) const;
    bool can_send() const;

    // The model changed in a way that needs a new frame; reading clears it.
    bool take_dirty();

private:
    // (the implementation's own members; the public interface above is what others use)
    Settings settings_;
    Credentials credentials_;
    Route route_;
    ListView list_;
    ThreadView thread_;
    ReplyState reply_;
    SignInState sign_in_;
    Notice notice_;
    std::map<std::int64_t, std::string> drafts_;
    std::vector<Request> outgoing_;
    std::vector<StorageWrite> storage_writes_;
    std::uint64_t next_request_id_ = 1;
    bool dirty_ = true;
};

} // namespace core

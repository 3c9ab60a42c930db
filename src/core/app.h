// The model: everything the page knows and decides, with no ImGui and no browser in sight.
// Intents come in (apply), requests go out (take_requests), outcomes come back (on_outcome).
// The views read it through the const accessors; the platform persists what it asks to, and
// tells the portal that frames the page what happened (take_events).
//
// Storage keys (take_storage_writes, restore):
//   "prefs"          the customer's filter, sort and language, as JSON   → localStorage
//   "draft.<id>"     the reply being typed for ticket <id>, as is        → localStorage
//   "session.email"  the key scheme's e-mail, once the API accepted it   → sessionStorage
//   "session.key"    the key scheme's API key, likewise                  → sessionStorage
// Every key that starts with k_session_prefix goes to sessionStorage and nowhere else (never
// localStorage, a URL or a log); every other key to localStorage. An empty value removes the key.
#pragma once

#include "i18n.h"
#include "intent.h"
#include "list_index.h"
#include "request.h"
#include "ticket.h"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace core {

inline constexpr std::string_view k_prefs_key = "prefs";
inline constexpr std::string_view k_draft_prefix = "draft.";
inline constexpr std::string_view k_session_prefix = "session.";
inline constexpr std::string_view k_session_email_key = "session.email";
inline constexpr std::string_view k_session_api_key_key = "session.key";

// How often the list and the open thread refresh themselves while the tab is visible.
inline constexpr std::int64_t k_auto_refresh_ms = 60'000;
// How many times a GET is tried again after a network error, 429, 502, 503 or 504.
inline constexpr int k_max_retries = 3;
// How long the portal has to answer a request for credentials before the page stops waiting.
inline constexpr std::int64_t k_handover_timeout_ms = 10'000;

struct Settings {
    std::string api_base; // "" = same origin
    CredentialsMode credentials = CredentialsMode::cookie;
    Lang lang = Lang::en;
    bool lang_fixed = false; // ?lang= chose it: a language remembered in "prefs" does not override
    // config.json "timeout_ms": how long every request waits for its answer. 0: the defaults,
    // 15 s for a GET and 30 s for a POST (request.cpp).
    int timeout_ms = 0;
    // A portal listed in config.json's portal_origins frames the page: with bearer or key
    // credentials and none held, the page asks it for them (Event::credentials_wanted).
    bool embedded = false;
};

enum class LoadState { idle, loading, loaded, failed };

struct Notice {
    std::string text;
    bool is_error = false;
    std::uint64_t serial = 0; // grows with every new notice, even when the text repeats
    // The catalogue's message the text says, so the views can tell "Reply sent" from "Loading";
    // nothing for the server's own words and for counts.
    std::optional<Msg> msg;
};

// A write the platform should make to the tab's storage. An empty value removes the key.
struct StorageWrite {
    std::string key;
    std::string value;
};

// What the page tells the portal that frames it; the platform drains them after every change.
struct Event {
    enum class Kind {
        ticket_opened,      // a ticket's thread is shown, after the customer went to it
        reply_sent,         // the API accepted a reply
        ticket_closed,      // the API closed a ticket
        credentials_wanted, // ask the portal for credentials; answer with on_credentials()
    };
    Kind kind = Kind::ticket_opened;
    std::int64_t ticket_id = 0; // 0 for credentials_wanted
    bool operator==(const Event&) const = default;
};

struct ListView {
    LoadState state = LoadState::idle;
    std::vector<Ticket> tickets; // as received
    std::vector<int> visible;    // indexes into tickets: filtered, searched, sorted
    int count_all = 0, count_open = 0, count_closed = 0;
    int skipped = 0; // rows the server sent that could not be shown
    StatusFilter filter = StatusFilter::open;
    std::string search;
    SortKey sort = SortKey::date;
    bool descending = true;
    std::uint64_t version = 0; // grows whenever `visible` is rebuilt
    bool refreshing = false;   // loaded, and a newer copy is on its way
};

struct ThreadView {
    LoadState state = LoadState::idle;
    std::int64_t ticket_id = 0;
    std::optional<Thread> thread;
    bool not_found = false;  // the API's 404: an unknown id, or not this customer's
    std::string error;       // why it failed, when it did
    bool refreshing = false; // loaded, and a newer copy is on its way
};

struct ReplyState {
    bool sending = false;
    bool closing = false;
    bool confirm_close_open = false;
    bool fate_unknown = false;     // a reply was sent but no answer came; checking the thread
    bool offer_send_again = false; // that check did not find the reply: the button says so
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
    void set_random_seed(std::uint64_t seed); // the retries' jitter; fixed in tests
    void start(Route route, std::int64_t now_ms);

    void apply(const Intent& intent, std::int64_t now_ms);
    // Taken by value: the model lets go of a long answer's bytes as soon as it has decoded them.
    void on_outcome(std::uint64_t request_id, Outcome outcome, std::int64_t now_ms);
    void tick(std::int64_t now_ms); // timers: retries, the 60 s refresh
    void set_visible(bool visible, std::int64_t now_ms);
    void set_online(bool online, std::int64_t now_ms);
    // Drafts stay in memory; the first draft typed says so, once (said at start-up, the words
    // would be lost under the list's own notices).
    void storage_unavailable();

    // The portal's answer to credentials_wanted: nothing when it has none to give. Held in
    // memory only (never a storage write). Ignored unless the page asked.
    void on_credentials(std::optional<Credentials> credentials, std::int64_t now_ms);

    std::vector<Request> take_requests();
    std::vector<StorageWrite> take_storage_writes();
    std::vector<Event> take_events();
    std::optional<std::int64_t> next_wakeup_ms() const; // when tick() has work to do

    // For the views.
    Lang lang() const { return settings_.lang; }
    const Settings& settings() const { return settings_; }
    const Route& route() const { return route_; }
    bool signed_in() const;     // key scheme only: credentials are held
    // Signed in by the customer on this page, not by a portal: the portal owns its session, and
    // signing out of it in the frame would only leave a sign-in screen inside the portal.
    bool offers_sign_out() const;
    bool needs_sign_in() const; // key scheme without credentials: the sign-in screen
    bool awaiting_credentials() const; // asking the portal: nothing goes out meanwhile
    bool online() const { return online_; }
    bool drafts_in_memory_only() const { return !storage_ok_; }
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
    // At most one request of each kind is awaited; a newer one supersedes the older.
    enum class Slot { list, thread, check, reply, close, count_ };
    struct SlotState {
        std::uint64_t in_flight = 0; // the id awaited; 0: none
        Request request;             // the last one sent, resent by a retry
        int retries = 0;
        std::int64_t retry_due_ms = -1; // -1: no retry waiting
    };
    // What a check of the thread (after a POST with no answer) is looking for.
    enum class Check { none, reply_arrived, ticket_closed };
    struct SentReply {
        std::int64_t ticket_id = 0;
        std::string text;
        int copies_before = 0;   // responses with the same text before sending
        bool unverified = false; // the check could not tell: the next thread loaded tells
    };

    // app.cpp: requests, retries, timers
    void send(Slot slot, Request request);
    void cancel(Slot slot);
    void refresh(std::int64_t now_ms);
    void set_notice(std::string text, bool is_error);
    void set_notice(Msg msg, bool is_error) {
        set_notice(std::string(text(lang(), msg)), is_error);
        notice_.msg = msg;
    }
    SlotState& slot(Slot which) { return slots_[static_cast<std::size_t>(which)]; }

    // app_list.cpp: the list, its index, the prefs
    void load_list(std::int64_t now_ms);
    void on_list_outcome(Outcome& outcome);
    void set_tickets(std::vector<Ticket> tickets, int skipped);
    void recount();
    void rebuild_visible();
    void announce_list(bool always);
    void set_filter(StatusFilter filter);
    void set_search(const std::string& text);
    void set_sort(SortKey key, bool descending);
    void set_language(int lang);
    void write_prefs();
    void restore_prefs(const std::string& value);
    void mark_closed_in_list(std::int64_t ticket_id);

    // app_thread.cpp: navigation, threads, drafts, replies, closing
    void navigate(const Route& route, std::int64_t now_ms);
    void go_back(std::int64_t now_ms);
    void load_thread(std::int64_t ticket_id);
    void on_thread_outcome(const Request& request, const Outcome& outcome);
    void show_thread(Thread thread, std::int64_t ticket_id);
    void edit_draft(std::int64_t ticket_id, const std::string& text);
    void send_reply();
    void on_reply_outcome(const Request& request, const Outcome& outcome);
    void on_check_outcome(const Request& request, const Outcome& outcome);
    void reply_accepted(std::int64_t ticket_id, const std::string& sent_text);
    void verify_sent_reply(const Thread& thread, std::int64_t ticket_id);
    void ask_close();
    void confirm_close();
    void on_close_outcome(const Request& request, const Outcome& outcome);
    void close_accepted(std::int64_t ticket_id);

    // app_session.cpp: the key scheme's sign-in, and credentials handed over by a portal
    void check_credentials();
    void sign_out(bool expired);
    bool on_unauthorized(const Outcome& outcome);
    void on_sign_in_outcome(Outcome& outcome, std::int64_t now_ms);
    void restore_session(const std::string& key, const std::string& value);
    void ask_for_credentials();
    void handover_failed();
    bool held_back() const; // no request may go out: signing in, or waiting on the portal

    // Credentials from the portal: none asked for, being asked for, in use, or refused twice
    // (or never given) with bearer credentials, until the customer presses Refresh.
    enum class Handover { none, asking, held, refused };

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
    std::vector<Event> events_;
    std::uint64_t next_request_id_ = 1;
    std::int64_t now_ms_ = 0; // the time of the latest call in, for timers started deep inside
    bool dirty_ = true;

    std::array<SlotState, static_cast<std::size_t>(Slot::count_)> slots_;
    ListIndex index_;
    Check check_ = Check::none;
    std::string check_failure_; // said when the check finds the POST did not take effect
    SentReply sent_reply_;
    std::int64_t closing_ticket_id_ = 0;
    std::int64_t opening_ticket_id_ = 0; // the ticket gone to whose thread has not shown yet
    Handover handover_ = Handover::none;
    int handover_refusals_ = 0;          // 401s to the portal's credentials since one worked
    std::int64_t handover_due_ms_ = -1;  // when asking: the portal's answer is late after this
    int announced_list_state_ =
        -1; // what the list last said: -1 nothing, 0 a count, 1 none, 2 no match
    bool announce_list_when_loaded_ = true;
    bool announce_thread_when_loaded_ = false;
    bool filter_chosen_ = false;       // by the customer, now or on an earlier visit
    bool initial_filter_done_ = false; // Open, or All when nothing is open: once per page
    bool sort_chosen_ = false;
    bool lang_chosen_ = false;
    bool started_ = false;
    bool signed_in_ = false;
    bool visible_ = true;
    bool online_ = true;
    bool storage_ok_ = true;
    bool storage_warned_ = false;
    std::int64_t last_refresh_ms_ = 0;
    std::uint64_t random_state_ = 0x5eed'7ac4'e75u;
};

} // namespace core

// The page's words, in English and French. The catalogues are assets/i18n/en.json and fr.json,
// embedded at build time; every Msg has a key in both (a unit test checks it).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace core {

enum class Lang { en, fr };

enum class Msg {
    app_title,           // "Support tickets" (the main landmark)
    tickets_heading,     // "Tickets"
    refresh,             // "Refresh"
    language,            // "Language"
    search_placeholder,  // "Search tickets"
    status_group,        // "Status"
    filter_all,          // "All"
    filter_open,         // "Open"
    filter_closed,       // "Closed"
    sort_label,          // "Sort by"
    sort_date,           // "Date"
    sort_subject,        // "Subject"
    sort_status,         // "Status"
    sort_department,     // "Department"
    no_tickets_yet,      // "No tickets yet"
    no_tickets_match,    // "No tickets match"
    loading,             // "Loading…"
    all_tickets,         // "All tickets"
    reply_label,         // "Reply"
    send_reply,          // "Send reply"
    sending,             // "Sending…"
    close_ticket,        // "Close ticket"
    close_confirm_title, // "Close this ticket?"
    close_confirm_body,  // "You can't reply to a closed ticket."
    cancel,              // "Cancel"
    reply_sent,          // "Reply sent"
    ticket_closed,       // "Ticket closed"
    cant_reach,          // "Can't reach the server. Your text is kept."
    server_error_status, // "The server answered with an error ({n})."
    bad_answer,          // "The server sent an answer the page can't read."
    not_found,           // "This ticket can't be found."
    no_subject,          // "(no subject)"
    rows_skipped,        // plural: "{n} ticket could not be shown"
    responses_count,     // plural: "{n} reply"
    product,             // "Product"
    department,          // "Department"
    created,             // "Created"
    you,                 // "You" (the first message's author)
    support,             // "Support" (a response)
    copy_text,           // "Copy"
    copied,              // "Copied"
    draft_saved,         // "Draft saved"
    drafts_memory_only,  // "Drafts can't be saved in this browser; they are kept until you leave."
    ticket_closed_note,  // "This ticket is closed."
    sign_in,             // "Sign in" (the button; fr "Se connecter")
    sign_out,            // "Sign out"
    email,               // "Email"
    api_key,             // "API key"
    api_key_hint,        // "Create an API key in your account settings."
    show_key,            // "Show"
    hide_key,            // "Hide"
    signed_out_expired,  // "Your session has ended. Please sign in again."
    offline,             // "You are offline. Your text is kept."
    back_online,         // "Back online"
    send_again,          // "Send again"
    checking_reply,      // "Checking whether your reply arrived…"
    dept_com,            // "Sales" (department COM)
    dept_tech,           // "Technical support" (TECH)
    dept_fact,           // "Billing" (FACT)
    dept_abuse,          // "Abuse" (ABUSE)
    status_open,         // "Open" (the badge of a ticket whose status is OPEN)
    status_closed,       // "Closed" (CLOSED)
    tickets_shown,       // plural: "{n} ticket shown" (the list, once loaded or searched)
    ticket_loaded,       // "Ticket loaded"
    answer_too_large,    // "The server's answer is too large to show."
    sign_in_missing,     // "Enter your e-mail and API key."
    credentials_refused, // "The e-mail or API key was not accepted."
    just_now,            // "just now"
    minutes_ago,         // plural: "{n} minute ago"
    hours_ago,           // plural: "{n} hour ago"
    days_ago,            // plural: "{n} day ago"
    months_ago,          // plural: "{n} month ago"
    years_ago,           // plural: "{n} year ago"
    sign_in_heading,     // "Sign in" (the sign-in screen's heading; fr "Connexion")
    month_jan,           // "Jan" (short month names, for dates)
    month_feb,
    month_mar,
    month_apr,
    month_may,
    month_jun,
    month_jul,
    month_aug,
    month_sep,
    month_oct,
    month_nov,
    month_dec,
    sort_newest,       // "Newest first"
    sort_oldest,       // "Oldest first"
    original_request,  // "Your request" (the first message of a thread)
    reply_placeholder, // "Write your reply…"
    send_shortcut,     // "Ctrl+Enter to send"
    portal_sign_in_failed, // "You could not be signed in through your portal. Refresh…"
    count_             // not a message: the number of messages
};

// The text of a message in a language. Never empty: a missing entry falls back to English,
// then to the key itself.
std::string_view text(Lang lang, Msg msg);

// A plural message with {n} replaced, using the language's plural rule
// (English: one for 1; French: one for 0 and 1). A message without plural forms gets its {n}
// replaced too ("The server answered with an error ({n})."). text() of a plural message is its
// "other" form, {n} left in.
std::string plural(Lang lang, Msg msg, std::int64_t n);

// The catalogue key of a message: its enum name ("tickets_heading").
std::string_view msg_key(Msg msg);

// "fr", "fr-CA", "FR" → fr; "en-GB" → en; anything else → nothing.
bool parse_lang(std::string_view tag, Lang& out);
std::string_view lang_code(Lang lang);

// The readable name of a department code, or the code itself when unknown.
std::string department_name(Lang lang, std::string_view code);

// The word for a ticket's status on its badge: OPEN and CLOSED translated, anything else as sent.
std::string status_name(Lang lang, std::string_view status);

} // namespace core

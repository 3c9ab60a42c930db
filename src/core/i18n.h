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
    sign_in,             // "Sign in"
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
    count_                // not a message: the number of messages
};

// The text of a message in a language. Never empty: a missing entry falls back to English,
// then to the key itself.
std::string_view text(Lang lang, Msg msg);

// A plural message with {n} replaced, using the language's plural rule
// (English: one for 1; French: one for 0 and 1).
std::string plural(Lang lang, Msg msg, std::int64_t n);

// "fr", "fr-CA", "FR" → fr; "en-GB" → en; anything else → nothing.
bool parse_lang(std::string_view tag, Lang& out);
std::string_view lang_code(Lang lang);

// The readable name of a department code, or the code itself when unknown.
std::string department_name(Lang lang, std::string_view code);

} // namespace core

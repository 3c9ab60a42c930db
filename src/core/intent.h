// What a person asked for, whatever way they asked: a click on the canvas, a key, or an action
// on the accessible DOM mirror. The views return these; the model applies them.
#pragma once

#include "ticket.h"

#include <cstdint>
#include <string>
#include <variant>

namespace core {

enum class StatusFilter { all, open, closed };
enum class SortKey { date, subject, status, department };

// Where the page is: the list (#/tickets) or one ticket (#/tickets/:id).
struct Route {
    std::int64_t ticket_id = 0; // 0: the list
    bool operator==(const Route&) const = default;
};

struct Navigate { Route route; };       // a hash change, a link, "All tickets", back/forward
struct SetFilter { StatusFilter filter; };
struct SetSearch { std::string text; };
struct SetSort { SortKey key; bool descending; };
struct EditDraft { std::int64_t ticket_id; std::string text; };
struct SendReply {};
struct AskClose {};
struct ConfirmClose {};
struct CancelClose {};
struct Refresh {};
struct SetLanguage { int lang; };      // a core::Lang value
struct EditEmail { std::string text; };
struct EditKey { std::string text; };
struct ToggleKeyVisible {};
struct SignIn {};
struct SignOut {};
struct CopyText { std::string text; }; // handled by the platform (clipboard), not the model
struct GoBack {};                       // Escape: close the dialog, else back to the list

using Intent = std::variant<Navigate, SetFilter, SetSearch, SetSort, EditDraft, SendReply,
                            AskClose, ConfirmClose, CancelClose, Refresh, SetLanguage, EditEmail,
                            EditKey, ToggleKeyVisible, SignIn, SignOut, CopyText, GoBack>;

} // namespace core

// The semantic tree: what a view drew, described as roles, names and actions, so the platform
// can keep an accessible DOM in step with the canvas (shared ui-contract.md). Views add nodes in
// reading order; the platform turns each into a native control placed over the same spot.
#pragma once

#include "core/intent.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ui {

enum class Role {
    main,       // the landmark holding everything
    heading,    // h1..h6 (level)
    button,
    link,       // value = href
    searchbox,  // a text box; edit says what typing changes
    textbox,    // single or multi-line (multiline)
    password,   // a text box that hides its text
    radiogroup,
    radio,      // checked
    combobox,   // a <select>; options; value = the chosen option
    list,
    listitem,
    article,    // value = the text it holds
    dialog,     // modal
    text,       // a line of text (a note, a meta line)
};

// What typing into a text node changes.
enum class EditTarget { none, search, draft, email, key, language, sort };

struct Rect {
    float x = 0, y = 0, w = 0, h = 0; // CSS pixels, relative to the canvas
};

struct SemanticNode {
    std::string key;    // stable across frames: the DOM node is kept while the key is
    std::string parent; // the key of the containing node; empty for the top
    Role role = Role::text;
    std::string name;   // the accessible name
    std::string value;  // href, text content, a text box's text, the chosen option
    std::string hint;   // an accessible description (aria-description), e.g. the exact date
    Rect rect;
    int level = 0;
    bool checked = false;
    bool disabled = false;
    bool multiline = false;
    bool revealed = false; // a password shown as plain text (its field is then type=text)
    bool new_tab = false; // a link that opens in a new tab, with noopener
    int pos_in_set = 0, set_size = 0;
    bool scroller = false; // a container that scrolls, as the ImGui child it stands for does
    float scroll_y = 0;    // its scroll offset; its children's rects are in its content's space
    float scroll_max = 0;  // how far it scrolls, as ImGui measured its content the frame before
    EditTarget edit = EditTarget::none;
    std::int64_t ticket_id = 0; // for EditTarget::draft
    std::vector<std::pair<std::string, std::string>> options; // combobox: value, label
    std::optional<core::Intent> action; // what a click, Enter or Space does
};

class SemanticTree {
public:
    // Adds a node; one whose parent is empty or "main" goes into the current container.
    SemanticNode& add(SemanticNode node);

    // Nodes added between these go into `key` (a scroller), unless they name another parent.
    void begin_container(std::string key) { containers_.push_back(std::move(key)); }
    void end_container() { containers_.pop_back(); }

    const std::vector<SemanticNode>& nodes() const { return nodes_; }
    const SemanticNode* find(std::string_view key) const;
    void clear() {
        nodes_.clear();
        containers_.clear();
    }

    // The tree as JSON for the platform's DOM bridge (actions stay on this side).
    std::string to_json() const;

private:
    std::vector<SemanticNode> nodes_;
    std::vector<std::string> containers_;
};

// The sort control's option values: "date-desc", "date-asc", "subject", "status", "department".
std::string sort_value(core::SortKey key, bool descending);
std::optional<core::SetSort> parse_sort(std::string_view value);

// The intent a text node's new text stands for, or nothing when it edits nothing.
std::optional<core::Intent> edit_intent(const SemanticNode& node, std::string text);

} // namespace ui

#include "ui/semantic.h"

#include "core/i18n.h"
#include "core/json_write.h" // the tree, as JSON, for the DOM bridge

namespace ui {

namespace {

const char* role_name(Role role) {
    switch (role) {
    case Role::main: return "main";
    case Role::heading: return "heading";
    case Role::button: return "button";
    case Role::link: return "link";
    case Role::searchbox: return "searchbox";
    case Role::textbox: return "textbox";
    case Role::password: return "password";
    case Role::radiogroup: return "radiogroup";
    case Role::radio: return "radio";
    case Role::combobox: return "combobox";
    case Role::list: return "list";
    case Role::listitem: return "listitem";
    case Role::article: return "article";
    case Role::dialog: return "dialog";
    case Role::text: return "text";
    }
    return "text";
}

} // namespace

std::string sort_value(core::SortKey key, bool descending) {
    switch (key) {
    case core::SortKey::date: return descending ? "date-desc" : "date-asc";
    case core::SortKey::subject: return "subject";
    case core::SortKey::status: return "status";
    case core::SortKey::department: return "department";
    }
    return "date-desc";
}

std::optional<core::SetSort> parse_sort(std::string_view value) {
    if (value == "date-desc") return core::SetSort{core::SortKey::date, true};
    if (value == "date-asc") return core::SetSort{core::SortKey::date, false};
    if (value == "subject") return core::SetSort{core::SortKey::subject, false};
    if (value == "status") return core::SetSort{core::SortKey::status, false};
    if (value == "department") return core::SetSort{core::SortKey::department, false};
    return std::nullopt;
}

SemanticNode& SemanticTree::add(SemanticNode node) {
    if (node.role != Role::main && !containers_.empty() &&
        (node.parent.empty() || node.parent == "main")) {
        node.parent = containers_.back();
    }
    nodes_.push_back(std::move(node));
    return nodes_.back();
}

const SemanticNode* SemanticTree::find(std::string_view key) const {
    for (const auto& node : nodes_) {
        if (node.key == key) {
            return &node;
        }
    }
    return nullptr;
}

std::string SemanticTree::to_json() const {
    using core::json::append_key, core::json::append_number, core::json::append_string;
    std::string out = "[";
    for (const auto& node : nodes_) {
        if (out.size() > 1) out += ',';
        out += '{';
        bool first = true;
        auto text = [&](const char* name, std::string_view value) {
            append_key(out, name, first);
            append_string(out, value);
        };
        auto number = [&](const char* name, double value) {
            append_key(out, name, first);
            append_number(out, value);
        };
        auto flag = [&](const char* name) {
            append_key(out, name, first);
            out += "true";
        };
        text("k", node.key);
        text("p", node.parent);
        text("r", role_name(node.role));
        text("n", node.name);
        number("x", node.rect.x);
        number("y", node.rect.y);
        number("w", node.rect.w);
        number("h", node.rect.h);
        if (!node.value.empty()) text("v", node.value);
        if (!node.hint.empty()) text("d", node.hint);
        if (node.level) number("l", node.level);
        if (node.checked) flag("c");
        if (node.disabled) flag("dis");
        if (node.multiline) flag("m");
        if (node.revealed) flag("rv");
        if (node.new_tab) flag("nt");
        if (node.set_size) {
            number("pos", node.pos_in_set);
            number("size", node.set_size);
        }
        if (node.edit != EditTarget::none) flag("e");
        if (node.action) flag("a");
        if (node.scroller) {
            number("sy", node.scroll_y);
            number("sm", node.scroll_max);
        }
        if (!node.options.empty()) {
            append_key(out, "o", first);
            out += '[';
            for (const auto& [value, label] : node.options) {
                if (out.back() != '[') out += ',';
                out += '[';
                append_string(out, value);
                out += ',';
                append_string(out, label);
                out += ']';
            }
            out += ']';
        }
        out += '}';
    }
    out += ']';
    return out;
}

std::optional<core::Intent> edit_intent(const SemanticNode& node, std::string text) {
    switch (node.edit) {
    case EditTarget::search: return core::SetSearch{std::move(text)};
    case EditTarget::draft: return core::EditDraft{node.ticket_id, std::move(text)};
    case EditTarget::email: return core::EditEmail{std::move(text)};
    case EditTarget::key: return core::EditKey{std::move(text)};
    case EditTarget::language: {
        core::Lang lang = core::Lang::en;
        if (!core::parse_lang(text, lang)) return std::nullopt;
        return core::SetLanguage{static_cast<int>(lang)};
    }
    case EditTarget::sort: {
        auto sort = parse_sort(text);
        if (!sort) return std::nullopt;
        return *sort;
    }
    case EditTarget::none: break;
    }
    return std::nullopt;
}

} // namespace ui

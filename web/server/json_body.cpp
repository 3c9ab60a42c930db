#include "json_body.h"

#include <string_view>

#include "text.h"

namespace tickets_server {

namespace {

void append_field(std::string& out, std::string_view name, std::string_view text) {
    append_json_string(out, name);
    out += ": ";
    append_json_string(out, text);
}

void append_field(std::string& out, std::string_view name, std::int64_t number) {
    append_json_string(out, name);
    out += ": ";
    out += std::to_string(number);
}

void append_ticket(std::string& out, const Ticket& ticket) {
    out += '{';
    append_field(out, "id", ticket.id);
    out += ", ";
    append_field(out, "product_id", ticket.product_id);
    out += ", ";
    append_field(out, "departement", ticket.departement);
    out += ", ";
    append_field(out, "sujet", ticket.sujet);
    out += ", ";
    append_field(out, "status", ticket.status);
    out += ", ";
    append_field(out, "message", ticket.message);
    out += ", ";
    append_field(out, "date", ticket.date);
    out += '}';
}

} // namespace

std::string ticket_list_json(const std::vector<Ticket>& tickets) {
    std::string out = "[";
    out.reserve(tickets.size() * 256);
    for (std::size_t i = 0; i < tickets.size(); ++i) {
        if (i > 0) {
            out += ", ";
        }
        append_ticket(out, tickets[i]);
    }
    out += ']';
    return out;
}

std::string thread_json(const Thread& thread) {
    std::string out = "{\"ticket\": ";
    append_ticket(out, thread.ticket);
    out += ", \"responses\": [";
    for (std::size_t i = 0; i < thread.responses.size(); ++i) {
        if (i > 0) {
            out += ", ";
        }
        out += '{';
        append_field(out, "message", thread.responses[i].message);
        out += ", ";
        append_field(out, "date", thread.responses[i].date);
        out += '}';
    }
    out += "]}";
    return out;
}

} // namespace tickets_server

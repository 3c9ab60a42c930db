#include "form.h"

#include <vector>

#include "text.h"

namespace tickets_server {

namespace {

struct Part {
    std::string name;
    bool is_file = false;
    std::string content;
};

FormError read_failure(const httplib::Response& response) {
    return response.status == 413 ? FormError::too_large : FormError::malformed;
}

// HTTP/1.1 says a request without either header has no body; the library would instead wait
// for the connection to close.
bool has_body(const httplib::Request& request) {
    return request.has_header("Content-Length") || request.has_header("Transfer-Encoding");
}

} // namespace

FormError discard_body(const httplib::Request& request, httplib::Response& response,
                       const httplib::ContentReader& reader) {
    if (!has_body(request)) {
        return FormError::none;
    }
    const bool read = reader([](const char*, std::size_t) { return true; });
    return read ? FormError::none : read_failure(response);
}

FormField read_form_field(const httplib::Request& request, httplib::Response& response,
                          const httplib::ContentReader& reader, std::string_view name) {
    const std::string type = media_type(request.get_header_value("Content-Type"));

    if (type == "multipart/form-data" && has_body(request)) {
        std::vector<Part> parts;
        const bool read = reader(
            [&](const httplib::MultipartFormData& header) {
                parts.push_back({header.name, !header.filename.empty(), ""});
                return true;
            },
            [&](const char* data, std::size_t length) {
                if (!parts.empty()) {
                    parts.back().content.append(data, length);
                }
                return true;
            });
        // A multipart body the library cannot parse (an empty FormData is one) has no field.
        if (!read) {
            return {response.status == 413 ? FormError::too_large : FormError::missing, ""};
        }
        for (Part& part : parts) {
            if (part.name == name && !part.is_file) {
                return {FormError::none, std::move(part.content)};
            }
        }
        return {FormError::missing, ""};
    }

    // Any other type is read to the end too, so the connection stays usable.
    std::string body;
    const bool read = !has_body(request) || reader([&](const char* data, std::size_t length) {
        body.append(data, length);
        return true;
    });
    if (!read) {
        return {read_failure(response), ""};
    }

    if (type == "application/x-www-form-urlencoded") {
        const auto fields = parse_urlencoded(body);
        const auto it = fields.find(std::string(name));
        if (it == fields.end()) {
            return {FormError::missing, ""};
        }
        return {FormError::none, it->second};
    }
    // No type and no body is a request that forgot the field, not one in a foreign format.
    if (type.empty() && body.empty()) {
        return {FormError::missing, ""};
    }
    return {FormError::unsupported_type, ""};
}

MessageCheck check_reply_message(std::string_view text) {
    const auto length = utf8_code_points(text);
    if (!length) {
        return MessageCheck::not_utf8;
    }
    if (is_blank(text)) {
        return MessageCheck::blank;
    }
    if (*length > k_max_message_code_points) {
        return MessageCheck::too_long;
    }
    return MessageCheck::ok;
}

} // namespace tickets_server

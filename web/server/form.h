// Reading form fields from a POST body (urlencoded or multipart, as the production API takes
// both) and the rules a reply's message must follow.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <httplib.h>

namespace tickets_server {

inline constexpr std::size_t k_max_message_code_points = 20000;

enum class FormError { none, unsupported_type, missing, too_large, malformed };

struct FormField {
    FormError error = FormError::none;
    std::string value;
};

// Reads the whole body through `reader` (bounded by the server's payload limit) and returns
// the first field called `name`; a multipart file part does not count as a field. Handlers
// take a ContentReader because the library, reading urlencoded bodies itself, refuses any
// over 8 KB: less than a 20,000-character reply.
FormField read_form_field(const httplib::Request& request, httplib::Response& response,
                          const httplib::ContentReader& reader, std::string_view name);

// Reads and drops a body nobody needs (bounded by the payload limit). A request with neither
// Content-Length nor Transfer-Encoding has no body and is not waited on.
FormError discard_body(const httplib::Request& request, httplib::Response& response,
                       const httplib::ContentReader& reader);

enum class MessageCheck { ok, blank, not_utf8, too_long };

// A reply must be valid UTF-8, not only white space, and at most 20,000 code points long.
MessageCheck check_reply_message(std::string_view text);

} // namespace tickets_server

// Text helpers for the server: UTF-8 checks, JSON string escaping, form decoding.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tickets_server {

// Number of code points in `text`, or nothing when it is not valid UTF-8 (overlong forms,
// surrogates and values past U+10FFFF are invalid).
std::optional<std::size_t> utf8_code_points(std::string_view text);

// True when `text` (valid UTF-8) holds nothing but white space, the invisible kind included
// (no-break space, zero-width space, byte order mark...).
bool is_blank(std::string_view text);

// Appends `text` to `out` as a JSON string literal, quotes included. Bytes that are not valid
// UTF-8 become U+FFFD so the output is always valid JSON.
void append_json_string(std::string& out, std::string_view text);

// The fields of an application/x-www-form-urlencoded body. A field given twice keeps its first
// value. Malformed percent escapes are kept as they are, as PHP does.
std::map<std::string, std::string> parse_urlencoded(std::string_view body);

// The media type of a Content-Type value, lower-cased, without its parameters.
std::string media_type(std::string_view content_type);

// Lower-cases ASCII letters.
std::string ascii_lower(std::string_view text);

// `text` with control bytes replaced, cut to `max_bytes`: safe for one log line.
std::string printable_for_log(std::string_view text, std::size_t max_bytes);

} // namespace tickets_server

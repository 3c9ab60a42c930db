// Writing the few small JSON texts the page writes (the accessible tree, every frame; the
// preferences; the portal origins handed to the bridge), straight into a string. nlohmann/json
// still reads JSON in the page; its writer, with the shortest-digits printing of floating point
// it brings, was 4 KB of the first load, gzipped, and built a tree of values for each frame.
#pragma once

#include <string>
#include <string_view>

namespace core::json {

// Appends `text` as a JSON string: quoted, with quotes, backslashes and control characters
// escaped. Bytes that are not UTF-8 each become U+FFFD, so that the result is always valid JSON.
void append_string(std::string& out, std::string_view text);

// Appends a number as JSON has it: a whole number as one, else up to 7 significant digits
// (CSS pixels need no more). Infinity and NaN, which JSON has no word for, become 0.
void append_number(std::string& out, double value);

// Appends `"name":` (after a comma unless `first`), ready for the member's value.
void append_key(std::string& out, std::string_view name, bool& first);

} // namespace core::json

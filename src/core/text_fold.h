// Folding text for search: lower case, accents removed ("Été" → "ete"), over UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace core {

std::string fold_for_search(std::string_view utf8);

// The same, appended to `out`; never longer than the input.
void append_folded_for_search(std::string& out, std::string_view utf8);

} // namespace core

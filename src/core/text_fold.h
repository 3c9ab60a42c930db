// Folding text for search: lower case, accents removed ("Été" → "ete"), over UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace core {

std::string fold_for_search(std::string_view utf8);

} // namespace core

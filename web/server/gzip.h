// gzip compression (zlib), for static files and large JSON bodies.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tickets_server {

// `data` as a gzip stream, or nothing if zlib failed.
std::optional<std::string> gzip_compress(std::string_view data, int level);

} // namespace tickets_server

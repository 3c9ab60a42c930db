#include "static_files.h"

#include <array>
#include <fstream>
#include <sstream>
#include <system_error>

#include "gzip.h"
#include "http_util.h"
#include "log.h"
#include "text.h"

namespace tickets_server {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t k_gzip_cache_budget = 64 * 1024 * 1024;
constexpr std::size_t k_compress_from_bytes = 256;

struct TypeEntry {
    std::string_view extension;
    std::string_view content_type;
    bool compressible;
};

constexpr std::array k_types = {
    TypeEntry{".html", "text/html; charset=utf-8", true},
    TypeEntry{".htm", "text/html; charset=utf-8", true},
    TypeEntry{".js", "text/javascript; charset=utf-8", true},
    TypeEntry{".mjs", "text/javascript; charset=utf-8", true},
    TypeEntry{".wasm", "application/wasm", true},
    TypeEntry{".json", "application/json; charset=utf-8", true},
    TypeEntry{".map", "application/json; charset=utf-8", true},
    TypeEntry{".css", "text/css; charset=utf-8", true},
    TypeEntry{".txt", "text/plain; charset=utf-8", true},
    TypeEntry{".svg", "image/svg+xml", true},
    TypeEntry{".ttf", "font/ttf", true},
    TypeEntry{".otf", "font/otf", true},
    TypeEntry{".ico", "image/x-icon", true},
    TypeEntry{".woff2", "font/woff2", false},
    TypeEntry{".woff", "font/woff", false},
    TypeEntry{".png", "image/png", false},
    TypeEntry{".jpg", "image/jpeg", false},
    TypeEntry{".jpeg", "image/jpeg", false},
    TypeEntry{".webp", "image/webp", false},
    TypeEntry{".gz", "application/gzip", false},
    TypeEntry{".br", "application/octet-stream", false},
};

const TypeEntry* type_entry(std::string_view file_name) {
    const std::string lower = ascii_lower(file_name);
    for (const TypeEntry& entry : k_types) {
        if (std::string_view(lower).ends_with(entry.extension)) {
            return &entry;
        }
    }
    return nullptr;
}

bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

// `name.<8 or more lower-case hex digits>.ext`
bool has_content_hash(std::string_view file_name) {
    const auto last_dot = file_name.rfind('.');
    if (last_dot == std::string_view::npos || last_dot == 0) {
        return false;
    }
    const auto hash_dot = file_name.rfind('.', last_dot - 1);
    if (hash_dot == std::string_view::npos || hash_dot == 0) {
        return false;
    }
    const std::string_view hash = file_name.substr(hash_dot + 1, last_dot - hash_dot - 1);
    if (hash.size() < 8) {
        return false;
    }
    for (const char c : hash) {
        if (!is_hex(c)) {
            return false;
        }
    }
    return true;
}

std::optional<std::string> read_whole_file(const fs::path& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return std::nullopt;
    }
    std::ostringstream bytes;
    bytes << file.rdbuf();
    if (file.bad()) {
        return std::nullopt;
    }
    return std::move(bytes).str();
}

std::int64_t modified_time(const fs::path& path) {
    std::error_code error;
    const auto time = fs::last_write_time(path, error);
    return error ? 0 : static_cast<std::int64_t>(time.time_since_epoch().count());
}

std::string entity_tag(std::size_t size, std::int64_t modified, std::string_view encoding) {
    std::ostringstream tag;
    tag << '"' << std::hex << size << '-' << modified;
    if (!encoding.empty()) {
        tag << '-' << encoding;
    }
    tag << '"';
    return tag.str();
}

// True when If-None-Match names `tag` (weak or strong) or is "*".
bool matches_if_none_match(const httplib::Request& request, const std::string& tag) {
    const std::string header = request.get_header_value("If-None-Match");
    if (header.empty()) {
        return false;
    }
    std::string_view rest = header;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        std::string_view item = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        while (!item.empty() && item.front() == ' ') {
            item.remove_prefix(1);
        }
        while (!item.empty() && item.back() == ' ') {
            item.remove_suffix(1);
        }
        if (item.starts_with("W/")) {
            item.remove_prefix(2);
        }
        if (item == "*" || item == tag) {
            return true;
        }
    }
    return false;
}

} // namespace

std::string_view content_type_for(std::string_view file_name) {
    const TypeEntry* entry = type_entry(file_name);
    return entry != nullptr ? entry->content_type : "application/octet-stream";
}

std::string_view cache_control_for(std::string_view file_name) {
    const std::string lower = ascii_lower(file_name);
    if (lower.ends_with(".html") || lower.ends_with(".htm") || lower == "config.json") {
        return "no-cache";
    }
    if (has_content_hash(file_name)) {
        return "public, max-age=31536000, immutable";
    }
    // Unhashed files (the page's .js and .wasm) must change together: revalidate each time,
    // which the ETag makes a cheap 304.
    return "public, max-age=0, must-revalidate";
}

StaticFiles::StaticFiles(const fs::path& root) {
    std::error_code error;
    const fs::path canonical = fs::canonical(root, error);
    if (!error && fs::is_directory(canonical, error)) {
        root_ = canonical;
    }
}

std::optional<fs::path> StaticFiles::resolve(std::string_view url_path) const {
    if (url_path.empty() || url_path.front() != '/' ||
        url_path.find_first_of(std::string_view("\0\\", 2)) != std::string_view::npos) {
        return std::nullopt;
    }

    // Segment by segment: no "..", no ".", and no hidden names (.git, .env...).
    fs::path relative;
    std::string_view rest = url_path.substr(1);
    while (!rest.empty()) {
        const auto slash = rest.find('/');
        const std::string_view segment = rest.substr(0, slash);
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
        if (segment.empty()) {
            continue;
        }
        if (segment.front() == '.') {
            return std::nullopt;
        }
        relative /= std::string(segment);
    }
    if (url_path.back() == '/') {
        relative /= "index.html";
    }

    // Then the real path, links followed, must still be inside the folder.
    std::error_code error;
    const fs::path file = fs::canonical(root_ / relative, error);
    if (error || !fs::is_regular_file(file, error)) {
        return std::nullopt;
    }
    const std::string root_prefix = root_.string() + "/";
    if (!file.string().starts_with(root_prefix)) {
        return std::nullopt;
    }
    return file;
}

std::optional<fs::path> StaticFiles::sibling(const fs::path& file, std::string_view suffix) const {
    fs::path candidate = file;
    candidate += std::string(suffix);
    std::error_code error;
    if (!fs::is_regular_file(candidate, error)) {
        return std::nullopt;
    }
    const fs::path real = fs::canonical(candidate, error);
    if (error || !real.string().starts_with(root_.string() + "/")) {
        return std::nullopt;
    }
    return real;
}

std::shared_ptr<const std::string>
StaticFiles::cached_gzip(const fs::path& file, const std::string& original, std::int64_t modified) {
    const std::string key = file.string();
    {
        const std::lock_guard lock(cache_mutex_);
        const auto it = gzip_cache_.find(key);
        if (it != gzip_cache_.end() && it->second.modified == modified &&
            it->second.original_size == original.size()) {
            return it->second.bytes;
        }
    }

    auto compressed = gzip_compress(original, 9);
    if (!compressed) {
        return nullptr;
    }
    auto bytes = std::make_shared<const std::string>(std::move(*compressed));

    const std::lock_guard lock(cache_mutex_);
    if (const auto it = gzip_cache_.find(key); it != gzip_cache_.end()) {
        cache_bytes_ -= it->second.bytes->size();
        gzip_cache_.erase(it);
    }
    // Past the budget the file is still compressed, just not kept.
    if (cache_bytes_ + bytes->size() <= k_gzip_cache_budget) {
        gzip_cache_[key] = {modified, original.size(), bytes};
        cache_bytes_ += bytes->size();
    }
    return bytes;
}

std::optional<StaticFiles::Body> StaticFiles::choose_body(const httplib::Request& request,
                                                          const fs::path& file, bool compressible) {
    if (compressible && accepts_encoding(request, "br")) {
        if (const auto brotli = sibling(file, ".br")) {
            if (auto bytes = read_whole_file(*brotli)) {
                return Body{std::make_shared<const std::string>(std::move(*bytes)), "br"};
            }
        }
    }
    if (compressible && accepts_encoding(request, "gzip")) {
        if (const auto gzipped = sibling(file, ".gz")) {
            if (auto bytes = read_whole_file(*gzipped)) {
                return Body{std::make_shared<const std::string>(std::move(*bytes)), "gzip"};
            }
        }
    }

    auto original = read_whole_file(file);
    if (!original) {
        return std::nullopt;
    }
    if (compressible && original->size() >= k_compress_from_bytes &&
        accepts_encoding(request, "gzip")) {
        auto gzipped = cached_gzip(file, *original, modified_time(file));
        // Already-compressed content can come out larger: then it goes as it is.
        if (gzipped && gzipped->size() < original->size()) {
            return Body{std::move(gzipped), "gzip"};
        }
    }
    return Body{std::make_shared<const std::string>(std::move(*original)), ""};
}

void StaticFiles::serve(const httplib::Request& request, httplib::Response& response) {
    const auto file = resolve(request.path);
    if (!file) {
        send_error(request, response, 404, "Not found");
        return;
    }
    const std::string name = file->filename().string();
    const TypeEntry* entry = type_entry(name);
    const bool compressible = entry != nullptr && entry->compressible;

    const auto body = choose_body(request, *file, compressible);
    if (!body) {
        log_error("cannot read a static file: " + printable_for_log(request.path, 200));
        send_error(request, response, 500, "Internal server error");
        return;
    }

    response.set_header("Cache-Control", std::string(cache_control_for(name)));
    if (compressible) {
        response.set_header("Vary", "Accept-Encoding");
    }
    const std::string tag = entity_tag(body->bytes->size(), modified_time(*file), body->encoding);
    response.set_header("ETag", tag);
    if (matches_if_none_match(request, tag)) {
        response.status = 304;
        return;
    }

    if (!body->encoding.empty()) {
        response.set_header("Content-Encoding", std::string(body->encoding));
    }
    send_bytes(response, body->bytes, content_type_for(name));
}

} // namespace tickets_server

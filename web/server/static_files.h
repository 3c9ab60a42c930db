// Static files from one folder: content types, gzip or brotli (precompressed siblings, or
// gzip made on the fly and kept in memory), cache policy by file name, ETags, and no way out
// of the folder.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <httplib.h>

namespace tickets_server {

// The Content-Type for a file name, from its extension.
std::string_view content_type_for(std::string_view file_name);

// no-cache for HTML and config.json; a year, immutable, for names with a content hash
// (`name.<8+ hex digits>.ext`); otherwise cached but revalidated every time.
std::string_view cache_control_for(std::string_view file_name);

class StaticFiles {
public:
    // `root` must be an existing folder; check ok().
    explicit StaticFiles(const std::filesystem::path& root);

    bool ok() const { return !root_.empty(); }

    // Answers GET and HEAD: the file, a 304, or a JSON 404 (also for any path that would
    // leave the folder).
    void serve(const httplib::Request& request, httplib::Response& response);

private:
    struct Body {
        std::shared_ptr<const std::string> bytes;
        std::string_view encoding; // "", "gzip" or "br"
    };

    std::optional<std::filesystem::path> resolve(std::string_view url_path) const;
    std::optional<std::filesystem::path> sibling(const std::filesystem::path& file,
                                                 std::string_view suffix) const;
    std::optional<Body> choose_body(const httplib::Request& request,
                                    const std::filesystem::path& file, bool compressible);
    std::shared_ptr<const std::string> cached_gzip(const std::filesystem::path& file,
                                                   const std::string& original,
                                                   std::int64_t modified);

    std::filesystem::path root_;

    struct GzipEntry {
        std::int64_t modified = 0;
        std::size_t original_size = 0;
        std::shared_ptr<const std::string> bytes;
    };
    std::mutex cache_mutex_;
    std::unordered_map<std::string, GzipEntry> gzip_cache_;
    std::size_t cache_bytes_ = 0;
};

} // namespace tickets_server

#include "gzip.h"

#include <zlib.h>

namespace tickets_server {

std::optional<std::string> gzip_compress(std::string_view data, int level) {
    z_stream stream{};
    // 15 window bits, plus 16 for a gzip header rather than a zlib one.
    if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return std::nullopt;
    }

    std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = deflate(&stream, Z_FINISH);
    const auto written = stream.total_out;
    deflateEnd(&stream);

    if (status != Z_STREAM_END) {
        return std::nullopt;
    }
    out.resize(written);
    return out;
}

} // namespace tickets_server

#include "outcome.h"

#include <algorithm>
#include <cmath>

namespace core {
namespace {

constexpr std::int64_t k_first_retry_ms = 1000;
constexpr double k_longest_retry_after_s = 120.0;

} // namespace

bool succeeded(const Outcome& outcome) {
    return !outcome.timed_out && outcome.status >= 200 && outcome.status < 300;
}

bool no_answer(const Outcome& outcome) {
    return outcome.timed_out || outcome.status == 0;
}

bool retryable(const Outcome& outcome) {
    return no_answer(outcome) || outcome.status == 429 || outcome.status == 502 ||
           outcome.status == 503 || outcome.status == 504;
}

bool fate_unknown(const Outcome& outcome) {
    return no_answer(outcome) || outcome.status == 502 || outcome.status == 504;
}

std::string clip_utf8(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) {
        return std::string(text);
    }
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
        --end;
    }
    return std::string(text.substr(0, end)) + "…";
}

std::string failure_text(Lang lang, const Outcome& outcome) {
    if (no_answer(outcome)) {
        return std::string(text(lang, Msg::cant_reach));
    }
    if (const auto error = decode_error_text(outcome.body)) {
        return clip_utf8(*error, k_max_error_text_bytes);
    }
    return plural(lang, Msg::server_error_status, outcome.status);
}

std::string decode_failure_text(Lang lang, DecodeError error) {
    return std::string(
        text(lang, error == DecodeError::too_large ? Msg::answer_too_large : Msg::bad_answer));
}

std::optional<std::int64_t> retry_delay_ms(int retries_done, double retry_after_s,
                                           std::uint64_t random) {
    const std::int64_t base = k_first_retry_ms << std::clamp(retries_done, 0, 10);
    // "Equal jitter": half the delay fixed, half random, so clients that failed together
    // do not come back together.
    std::int64_t delay =
        base / 2 + static_cast<std::int64_t>(random % static_cast<std::uint64_t>(base / 2 + 1));
    if (std::isfinite(retry_after_s) && retry_after_s >= 0) {
        if (retry_after_s > k_longest_retry_after_s) {
            return std::nullopt;
        }
        delay = std::max(delay, static_cast<std::int64_t>(std::ceil(retry_after_s * 1000.0)));
    }
    return delay;
}

} // namespace core

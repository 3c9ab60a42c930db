// What an Outcome means, before the model decides what to do with it: success, no answer,
// worth retrying, and the words that explain a failure to the customer.
#pragma once

#include "decode.h"
#include "i18n.h"
#include "request.h"

#include <cstdint>
#include <optional>
#include <string>

namespace core {

// The longest error text from the server shown as a notice; longer ones are cut (at a character).
inline constexpr std::size_t k_max_error_text_bytes = 300;

bool succeeded(const Outcome& outcome); // a 2xx answer in time
bool no_answer(const Outcome& outcome); // status 0 or timed out: nothing is known
bool retryable(const Outcome& outcome); // no answer, 429, 502, 503, 504
// After a POST: the server may or may not have acted on it. No answer at all, or a gateway's
// 502 or 504 (the proxy lost the server's answer, not necessarily the request).
bool fate_unknown(const Outcome& outcome);

// The server's {"error": ...} text (cut to k_max_error_text_bytes), else "Can't reach the
// server…" for no answer, else "The server answered with an error (<status>)."
std::string failure_text(Lang lang, const Outcome& outcome);

// Why a 200 body could not be used.
std::string decode_failure_text(Lang lang, DecodeError error);

// How long to wait before retry number `retries_done + 1`: exponential from 1 s, with jitter
// from `random`, never less than Retry-After. Nothing when Retry-After asks for more than two
// minutes: the automatic refresh will try again sooner than that is worth waiting.
std::optional<std::int64_t> retry_delay_ms(int retries_done, double retry_after_s,
                                           std::uint64_t random);

// Cuts UTF-8 text to at most `max_bytes`, never inside a character.
std::string clip_utf8(std::string_view text, std::size_t max_bytes);

} // namespace core

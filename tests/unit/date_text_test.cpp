#include "core/date_text.h"

#include <doctest/doctest.h>

#include <limits>

using core::Lang;

namespace {

constexpr std::int64_t k_minute = 60;
constexpr std::int64_t k_hour = 3600;
constexpr std::int64_t k_day = 86400;

} // namespace

TEST_CASE("the exact date reads day, short month, year and time, in UTC") {
    const core::PlainDateFormatter dates;
    const std::int64_t moment = 1796312760; // 2026-12-03 15:46 UTC

    CHECK(dates.exact(moment, Lang::en) == "3 Dec 2026, 15:46");
    CHECK(dates.exact(moment, Lang::fr) == "3 déc. 2026, 15:46");
    CHECK(dates.exact(1589222615, Lang::en) == "11 May 2020, 18:43");
    CHECK(dates.exact(0, Lang::en) == "1 Jan 1970, 00:00");
    CHECK(dates.exact(1709164800, Lang::fr) == "29 févr. 2024, 00:00");
    CHECK(dates.exact(-1, Lang::en) == "31 Dec 1969, 23:59");
}

TEST_CASE("absurd dates are formatted without a crash") {
    const core::PlainDateFormatter dates;

    CHECK_FALSE(dates.exact(std::numeric_limits<std::int64_t>::max(), Lang::en).empty());
    CHECK_FALSE(dates.exact(std::numeric_limits<std::int64_t>::min(), Lang::fr).empty());
    CHECK_FALSE(dates
                    .relative(std::numeric_limits<std::int64_t>::min(),
                              std::numeric_limits<std::int64_t>::max(), Lang::en)
                    .empty());
}

TEST_CASE("relative dates count back in the largest whole unit") {
    const core::PlainDateFormatter dates;
    const std::int64_t now = 1'800'000'000;

    CHECK(dates.relative(now - 5, now, Lang::en) == "just now");
    CHECK(dates.relative(now + 300, now, Lang::en) == "just now");
    CHECK(dates.relative(now - k_minute, now, Lang::en) == "1 minute ago");
    CHECK(dates.relative(now - 5 * k_minute, now, Lang::en) == "5 minutes ago");
    CHECK(dates.relative(now - k_hour, now, Lang::en) == "1 hour ago");
    CHECK(dates.relative(now - 23 * k_hour, now, Lang::en) == "23 hours ago");
    CHECK(dates.relative(now - 3 * k_day, now, Lang::en) == "3 days ago");
    CHECK(dates.relative(now - 45 * k_day, now, Lang::en) == "1 month ago");
    CHECK(dates.relative(now - 800 * k_day, now, Lang::en) == "2 years ago");
}

TEST_CASE("relative dates in French use its plural rule") {
    const core::PlainDateFormatter dates;
    const std::int64_t now = 1'800'000'000;

    CHECK(dates.relative(now, now, Lang::fr) == "à l'instant");
    CHECK(dates.relative(now - k_minute, now, Lang::fr) == "il y a 1 minute");
    CHECK(dates.relative(now - 3 * k_day, now, Lang::fr) == "il y a 3 jours");
    CHECK(dates.relative(now - 90 * k_day, now, Lang::fr) == "il y a 3 mois");
    CHECK(dates.relative(now - 400 * k_day, now, Lang::fr) == "il y a 1 an");
}

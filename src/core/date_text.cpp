#include "date_text.h"

#include <algorithm>

namespace core {
namespace {

constexpr std::int64_t k_minute_s = 60;
constexpr std::int64_t k_hour_s = 60 * k_minute_s;
constexpr std::int64_t k_day_s = 24 * k_hour_s;
// Beyond year ±100,000 a date is nonsense from the server; it is clamped before any arithmetic.
constexpr std::int64_t k_max_abs_unix_s = 3'000'000'000'000;

struct CivilDate {
    std::int64_t year;
    int month; // 1..12
    int day;   // 1..31
};

// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's "civil_from_days").
CivilDate civil_from_days(std::int64_t days) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t day_of_era = days - era * 146097;
    const std::int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const std::int64_t day_of_year =
        day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;
    const int day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
    const int month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
    const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
    return {year, month, day};
}

std::string two_digits(std::int64_t value) {
    std::string text = std::to_string(value);
    return text.size() < 2 ? "0" + text : text;
}

// Floor division, for dates before 1970.
std::int64_t floor_div(std::int64_t value, std::int64_t by) {
    const std::int64_t quotient = value / by;
    return (value % by != 0 && value < 0) ? quotient - 1 : quotient;
}

} // namespace

std::string PlainDateFormatter::exact(std::int64_t unix_s, Lang lang) const {
    unix_s = std::clamp(unix_s, -k_max_abs_unix_s, k_max_abs_unix_s);
    const std::int64_t days = floor_div(unix_s, k_day_s);
    const std::int64_t seconds_of_day = unix_s - days * k_day_s;
    const CivilDate date = civil_from_days(days);
    const auto month = static_cast<Msg>(static_cast<int>(Msg::month_jan) + date.month - 1);

    std::string out = std::to_string(date.day);
    out += ' ';
    out += text(lang, month);
    out += ' ';
    out += std::to_string(date.year);
    out += ", ";
    out += two_digits(seconds_of_day / k_hour_s);
    out += ':';
    out += two_digits(seconds_of_day % k_hour_s / k_minute_s);
    return out;
}

std::string PlainDateFormatter::relative(std::int64_t unix_s, std::int64_t now_s, Lang lang) const {
    unix_s = std::clamp(unix_s, -k_max_abs_unix_s, k_max_abs_unix_s);
    now_s = std::clamp(now_s, -k_max_abs_unix_s, k_max_abs_unix_s);
    const std::int64_t age = now_s - unix_s;

    // A date a little in the future is the two clocks disagreeing: it is "just now".
    if (age < k_minute_s) {
        return std::string(text(lang, Msg::just_now));
    }
    if (age < k_hour_s) {
        return plural(lang, Msg::minutes_ago, age / k_minute_s);
    }
    if (age < k_day_s) {
        return plural(lang, Msg::hours_ago, age / k_hour_s);
    }
    const std::int64_t days = age / k_day_s;
    if (days < 30) {
        return plural(lang, Msg::days_ago, days);
    }
    if (days < 365) {
        return plural(lang, Msg::months_ago, days / 30);
    }
    return plural(lang, Msg::years_ago, days / 365);
}

} // namespace core

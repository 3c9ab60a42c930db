// Dates as people read them. The browser formats with Intl in the page's locale; natively (tests)
// a plain UTC formatter stands in. The views use whichever the platform installed.
#pragma once

#include "i18n.h"

#include <cstdint>
#include <string>

namespace core {

class DateFormatter {
public:
    virtual ~DateFormatter() = default;
    // "3 Dec 2026, 15:46" in the local time zone.
    virtual std::string exact(std::int64_t unix_s, Lang lang) const = 0;
    // "5 minutes ago", "il y a 3 jours".
    virtual std::string relative(std::int64_t unix_s, std::int64_t now_s, Lang lang) const = 0;
};

// UTC, catalogue words; used natively and as the fallback.
class PlainDateFormatter final : public DateFormatter {
public:
    std::string exact(std::int64_t unix_s, Lang lang) const override;
    std::string relative(std::int64_t unix_s, std::int64_t now_s, Lang lang) const override;
};

} // namespace core

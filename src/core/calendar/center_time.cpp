#include "core/calendar/center_time.h"

#include <cstdio>
#include <exception>

namespace cherha::core {

namespace {

constexpr Instant kEarliestSupported{date::sys_days{date::year{1900} / 1 / 1}};
constexpr Instant kLatestSupported{date::sys_days{date::year{10000} / 1 / 1} -
                                   std::chrono::seconds{1}};

}  // namespace

Result<const date::time_zone*> locate_center_zone(std::string_view name) {
    try {
        // locate_zone looks the name up in the list read from the zoneinfo directory; it
        // never opens a file named by `name`, so odd names ("../x", NUL bytes) are harmless.
        return date::locate_zone(std::string(name));
    } catch (const std::exception&) {
        return Problem("schedule.unknown_time_zone", {{"time_zone", std::string(name)}});
    }
}

bool instant_in_supported_range(Instant t) {
    return t >= kEarliestSupported && t <= kLatestSupported;
}

Problem instant_out_of_range(Instant t) {
    return Problem("calendar.instant_out_of_range",
                   {{"instant", std::to_string(t.time_since_epoch().count())}});
}

LocalTime local_time_of(Instant t, const date::time_zone& zone) {
    return zone.to_local(t);
}

Date local_date_of(Instant t, const date::time_zone& zone) {
    return Date{date::floor<date::days>(zone.to_local(t))};
}

Instant instant_of(LocalTime local, const date::time_zone& zone) {
    // The three cases are resolved here rather than by to_sys(local, choose), so the rule of
    // the header does not depend on how a date version treats a `choose` for a skipped time.
    const date::local_info info = zone.get_info(local);
    switch (info.result) {
        case date::local_info::nonexistent:
            // `first` is the period before the gap, `second` the one after; both meet at the
            // transition instant, the moment the gap ends.
            return info.first.end;
        case date::local_info::ambiguous:
            // `first` is the earlier of the two periods showing `local`: its first occurrence.
        case date::local_info::unique:
        default:
            return Instant{local.time_since_epoch()} - info.first.offset;
    }
}

std::string format_local_instant(Instant t, const date::time_zone& zone) {
    const LocalTime local = zone.to_local(t);
    const auto day = date::floor<date::days>(local);
    const Date ymd{day};
    const date::hh_mm_ss<std::chrono::seconds> tod{local - day};
    const auto offset = local.time_since_epoch() - t.time_since_epoch();
    long long off_min = std::chrono::duration_cast<std::chrono::minutes>(offset).count();
    const char sign = off_min < 0 ? '-' : '+';
    if (off_min < 0) off_min = -off_min;
    char buf[128];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lld%c%02lld:%02lld",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<long long>(tod.hours().count()),
                  static_cast<long long>(tod.minutes().count()),
                  static_cast<long long>(tod.seconds().count()), sign, off_min / 60, off_min % 60);
    return buf;
}

}  // namespace cherha::core

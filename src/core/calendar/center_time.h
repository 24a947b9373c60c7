// The center's clock: its IANA time zone and the conversions between UTC instants and
// the center's local wall-clock time. The tz database is the system's /usr/share/zoneinfo
// (date-tz built with USE_OS_TZDB). Known limit of that build: it reads the explicit
// transitions of the zone files only, which Debian ships up to 2037; later years get the
// last known offset.
#pragma once

#include <string>
#include <string_view>

#include <date/tz.h>

#include "core/common/civil.h"
#include "core/common/problem.h"

namespace cherha::core {

// The zone named `name` (an IANA name such as "Europe/Kyiv"; links such as "Europe/Kiev"
// work too). Never throws.
// Problems:
//   schedule.unknown_time_zone {time_zone}   (the name as given)
// The returned pointer stays valid for the life of the program. Thread-safe.
Result<const date::time_zone*> locate_center_zone(std::string_view name);

// Whether `t` lies in the years 1900..9999, the range every calendar function accepts.
// Instants outside it are refused with calendar.instant_out_of_range. Thread-safe, pure.
bool instant_in_supported_range(Instant t);

// Problem calendar.instant_out_of_range {instant} where instant is the count of seconds
// since 1970-01-01T00:00:00Z in decimal. Thread-safe, pure.
Problem instant_out_of_range(Instant t);

// The local wall-clock time and the local calendar day of instant `t` in `zone`.
// Precondition: instant_in_supported_range(t). Thread-safe.
LocalTime local_time_of(Instant t, const date::time_zone& zone);
Date local_date_of(Instant t, const date::time_zone& zone);

// The instant at which the clock of `zone` shows `local`. A local time that occurs twice
// (the repeated hour when the clocks go back) gives the first of its two instants; a local
// time that does not exist (skipped when the clocks go forward) gives the instant the gap
// ends (e.g. 03:30 on 2026-03-29 in Kyiv gives 04:00 EEST = 01:00 UTC).
// Precondition: the year of `local` is in 1900..9999. Never throws. Thread-safe.
Instant instant_of(LocalTime local, const date::time_zone& zone);

// "YYYY-MM-DDTHH:MM:SS+HH:MM": instant `t` as the center's wall clock with its UTC offset
// (ISO 8601), e.g. "2026-08-20T06:00:00+03:00". Used for the instant params of Problems so
// a face can show the local time as is and still parse the exact instant.
// Precondition: instant_in_supported_range(t). Thread-safe.
std::string format_local_instant(Instant t, const date::time_zone& zone);

}  // namespace cherha::core

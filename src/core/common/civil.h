// Civil dates and times used throughout the core. Dates are proleptic Gregorian
// calendar days (date::year_month_day / date::sys_days); instants are UTC
// (std::chrono::sys_seconds). Local wall-clock times of a center are
// date::local_seconds and are turned into instants with the center's time zone.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

namespace cherha::core {

using Date = date::year_month_day;
using Instant = std::chrono::sys_seconds;
using LocalTime = date::local_seconds;

// "YYYY-MM-DD" -> Date. Returns nullopt for anything else or an impossible day.
std::optional<Date> parse_iso_date(std::string_view text);
// Date -> "YYYY-MM-DD".
std::string format_iso_date(Date d);

}  // namespace cherha::core

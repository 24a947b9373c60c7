// Small calendar helpers shared by the quota, block and retake decisions (internal to
// core/quota; in their own namespace so they cannot collide with other units' helpers).
#pragma once

#include <string>

#include "core/common/civil.h"

namespace cherha::core::quota_calendar {

// True when `d` is a real day of years 1..9999 (the range an ISO date can print and the
// decisions can step past without leaving date's range). Pure, thread-safe.
inline bool is_decidable_date(Date d) {
    return d.ok() && d.year() >= date::year{1} && d.year() <= date::year{9999};
}

// The first day of the month after `d`'s month (December -> 1 January of the next year).
// Needs: is_decidable_date(d). Pure, thread-safe.
inline Date first_day_of_next_month(Date d) {
    const date::year_month next = d.year() / d.month() + date::months{1};
    return next / date::day{1};
}

// The day after `d`. Needs: is_decidable_date(d). Pure, thread-safe.
inline Date next_day(Date d) {
    return Date{date::sys_days{d} + date::days{1}};
}

// `d` plus `n` days. Needs: is_decidable_date(d). Pure, thread-safe.
inline Date add_days(Date d, int n) {
    return Date{date::sys_days{d} + date::days{n}};
}

// "YYYY-MM" of a date's month, e.g. "2025-03". Pure, thread-safe.
std::string format_iso_month(Date d);

}  // namespace cherha::core::quota_calendar

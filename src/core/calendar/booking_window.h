// When a slot can be booked, registered or cancelled (PRODUCT.md, "The rules of the queue",
// 1 and 3). Each check is a small pure function of the slot, the current instant `now`, the
// center's zone and the BookingRules. Instant params of Problems are written with
// format_local_instant() (center_time.h), e.g. "2026-08-20T06:00:00+03:00"; day params are
// "YYYY-MM-DD" local days of the center.
//
// Common Problems of every function below:
//   rules.*                        the first problem of validate_booking_rules(rules)
//   calendar.instant_out_of_range {instant}  `now` or a slot instant outside 1900..9999
#pragma once

#include <optional>

#include <date/tz.h>

#include "core/calendar/booking_rules.h"
#include "core/calendar/slot_calendar.h"
#include "core/common/civil.h"
#include "core/common/problem.h"

namespace cherha::core {

// The days online booking reaches at one moment: first..last, both included. `last` is
// before `first` (the window is empty) only with a one-day window before its opening time.
struct BookableDays {
    Date first;
    Date last;

    bool empty() const { return last < first; }
    bool contains(Date day) const { return first <= day && day <= last; }
    bool operator==(const BookableDays&) const = default;
};

// The online window at `now`: first = today (the local date of `now`); last = today +
// (online_window_days - 1) once the local clock has reached online_opening_time, one day
// less before. With the defaults, at 05:59:59 on 20 August the last day is 8 September and
// at 06:00:00 it is 9 September. Never throws. Thread-safe, pure.
Result<BookableDays> online_bookable_days(Instant now, const date::time_zone& zone,
                                          const BookingRules& rules);

// The instant at which `day` becomes bookable online: online_opening_time local on the day
// (online_window_days - 1) days before it. Precondition: rules valid and day.ok(); otherwise
// the result is meaningless but no UB occurs. Thread-safe, pure.
Instant online_opening_of(Date day, const date::time_zone& zone, const BookingRules& rules);

// Whether `slot` can be booked online at `now`; nullopt when it can. The checks, in order:
//   online.day_in_past     {day, today}   the slot's local day is before today
//   online.day_not_open_yet {day, opens_at} the day is after the last bookable day;
//                                          opens_at = online_opening_of(day)
//   online.too_late        {closes_at}    now >= slot start - online_lead_time (at closes_at
//                                          exactly, the slot is already closed)
// Free places are not checked here (the store counts bookings). Never throws.
// Thread-safe, pure.
std::optional<Problem> check_online_booking(const Slot& slot, Instant now,
                                            const date::time_zone& zone, const BookingRules& rules);

// Whether the terminal inside the center can register a visitor into `slot` at `now`;
// nullopt when it can. The terminal registers for today only, into any slot of today that
// has not ended yet: a later slot, or the current one (start <= now < end), because the
// visitor is already in the hall and can be called while the slot runs.
//   terminal.not_today   {day, today}   the slot's local day is not the local date of now
//   terminal.slot_passed {ended_at}     now >= slot end
// Never throws. Thread-safe, pure.
std::optional<Problem> check_terminal_registration(const Slot& slot, Instant now,
                                                   const date::time_zone& zone);

// Whether a booking of the slot starting at `slot_start` can be cancelled at `now`; nullopt
// when it can. Allowed while now <= slot_start - cancellation_deadline (exactly at the
// deadline still allowed, one second later not).
//   cancel.too_late {deadline}
// Never throws. Thread-safe, pure.
std::optional<Problem> check_cancellation(Instant slot_start, Instant now,
                                          const date::time_zone& zone, const BookingRules& rules);

}  // namespace cherha::core

// The rules of a window's day that are not edges of the state machine (PRODUCT.md "Desk",
// rules 8 and 9): whose visitor a clerk may touch, which actions need the booking's own day,
// when a no-show may be marked, which window may call whom, where a transfer may go, who is
// called next, and whom the end-of-day sweep marks no-show. The server checks them before
// apply_booking_action(); the desk runs the same functions offline to disable what the server
// would refuse. Everything is pure: the caller passes the schedule, the zone, today and now.
//
// Problem codes (the HTTP API's, see docs/api.md; params are ids, dates and instants only):
//   center.wrong_window {window}      a clerk acting on a visitor of another window (window =
//                                     the booking's window); a call by a window that does not
//                                     serve the visitor (window = the calling window)
//   center.not_today {day}            arrive, call, recall or start of a booking of another
//                                     day; day = the booking's day, YYYY-MM-DD
//   center.too_early {starts_at}      mark_no_show before the slot begins; starts_at = the
//                                     slot start as the center's wall clock with its offset
//                                     (format_local_instant, e.g. "2026-12-07T09:00:00+02:00")
//   center.unknown_service {service}  a transfer to a service the schedule does not have (or,
//                                     with no service named, the visitor's own service is gone)
//   center.window_unknown {window}    a transfer to a window that does not exist or does not
//                                     serve the target service; calling the next visitor from
//                                     no window or a window the schedule does not have
//   center.nobody_waiting {window}    nobody this window serves is waiting today
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>

#include "core/booking/booking_state.h"
#include "core/booking/booking_transition.h"
#include "core/calendar/center_schedule.h"
#include "core/common/civil.h"
#include "core/common/problem.h"
#include "core/tickets/ticket_numbering.h"

namespace cherha::core {

// What the window rules look at in one booking (the stored record holds more).
struct WindowBooking {
    std::int64_t id = 0;  // the last tie-break of the call order
    Date day{};           // the center's local day of the visit
    Instant slot_start{};
    BookingState state = BookingState::Booked;
    std::string service_id;  // the service it waits for now (waiting_service_id())
    std::string window_id;   // the window that called it or it was sent to; "" = any window
                             // serving its service
    std::optional<Ticket> ticket;
};

// Who acts at the window: the state machine's actor (clerk or supervisor; the center maps an
// admin to supervisor) and their window ("" when logged in without one).
struct WindowStaff {
    BookingActor actor = BookingActor::Clerk;
    std::string window_id;
};

// One air-raid alert period, [started_at, ended_at]; no end while it lasts.
struct AlertInterval {
    Instant started_at{};
    std::optional<Instant> ended_at;
};

// The service a visitor waits for: the one a transfer named, otherwise the booked one (a
// transfer to another window only keeps the service). Pure, thread-safe.
const std::string& waiting_service_id(const std::string& booked_service_id,
                                      const std::optional<TransferTarget>& transfer);

// Whether the schedule has a window with id `window`. Pure, thread-safe.
bool window_exists(const CenterSchedule& schedule, std::string_view window);

// Whether `window` may call `booking`: the window it was called to or sent to if it has one,
// otherwise any window serving its service. False for "" and for a window the schedule does
// not have. Pure, thread-safe.
bool window_serves(const CenterSchedule& schedule, std::string_view window,
                   const WindowBooking& booking);

// The window's checks of one action by `staff` on `booking`, before the state machine's.
// `transfer` is the action's transfer target if the request carries one (checked whatever the
// action; apply_booking_action() decides whether the action takes it). In order:
//   1. a clerk acts only on visitors without a window or of their own window, except arrive,
//      call and cancel: center.wrong_window {window = booking's window}; a supervisor acts
//      anywhere;
//   2. arrive, call, recall and start only on the booking's day: center.not_today {day};
//      mark_no_show only from the slot start on (now >= slot_start):
//      center.too_early {starts_at};
//   3. call only by a window that serves the booking (window_serves()):
//      center.wrong_window {window = staff's window};
//   4. transfer target: its service (the waiting one when the target names none) must exist:
//      center.unknown_service {service}; a named window must exist and serve that service:
//      center.window_unknown {window}.
// Needs: instant_in_supported_range(booking.slot_start) (for the too_early param).
// Guarantees: nullopt when all pass, else the first failure. Pure, thread-safe.
std::optional<Problem> check_window_action(const CenterSchedule& schedule,
                                           const date::time_zone& zone, const WindowStaff& staff,
                                           const WindowBooking& booking, BookingAction action,
                                           const std::optional<TransferTarget>& transfer,
                                           Date today, Instant now);

// Whether `window` can call the next visitor at all: center.window_unknown {window} for ""
// and a window the schedule does not have. Pure, thread-safe.
std::optional<Problem> check_calling_window(const CenterSchedule& schedule,
                                            std::string_view window);

// The call order of waiting visitors: priority tickets first, then the earlier slot, then the
// lower ticket number (no ticket counts as 0), then the lower id. A strict weak order (a total
// one for distinct ids); the desk sorts its waiting list with it. Pure, thread-safe.
bool called_before(const WindowBooking& a, const WindowBooking& b);

// Who `window` calls next among `bookings`: of those arrived, of `today` and served by the
// window (window_serves()), the first in called_before() order; the result is its index in
// `bookings` (the first such on equal keys).
// Problems: center.nobody_waiting {window} when none qualifies (also for an unknown window;
// check_calling_window() first). Pure, thread-safe.
Result<std::size_t> next_to_call(const CenterSchedule& schedule, std::string_view window,
                                 std::span<const WindowBooking> bookings, Date today);

// The end of the booking's slot: its start plus the duration of the service it waits for
// (the start itself when the schedule no longer has that service). Pure, thread-safe.
Instant slot_end(const CenterSchedule& schedule, const WindowBooking& booking);

// Whether some alert period overlaps [from, to]; both ends count, and a lasting alert
// (no end) overlaps everything from its start on. Pure, thread-safe.
bool overlaps_alert(Instant from, Instant to, std::span<const AlertInterval> alerts);

// Whom the end-of-day sweep marks no-show (rule 9): the bookings of days before `today`
// still booked or arrived whose slot [slot_start, slot_end()] no alert period overlaps: time
// lost to an air-raid alert makes nobody a no-show. `alerts` must hold every period that may
// overlap those slots (extra ones do no harm). Returns indices into `bookings`, ascending.
// Pure, thread-safe.
std::vector<std::size_t> end_of_day_no_shows(const CenterSchedule& schedule,
                                             std::span<const WindowBooking> bookings,
                                             std::span<const AlertInterval> alerts, Date today);

}  // namespace cherha::core

// Which of the window's buttons a clerk may press now: the core's state machine
// (allowed_actions) and window rules (check_window_action, check_calling_window) run on the
// desk with the center's schedule, so an action the server would refuse is disabled, not
// just refused (PRODUCT.md "Desk"). The server still decides.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <set>

#include "core/booking/booking_state.h"
#include "core/common/civil.h"
#include "desk/model/desk_records.h"

namespace cherha::desk {

// The actions `session` may take on `booking` at `now`: those the state machine allows for
// the staff member's role (alert mode included) that also pass the window rules. Cancel is
// never offered at the desk (it is the citizen's).
std::set<core::BookingAction> enabled_actions(const QueueBooking& booking, const CenterInfo& center,
                                              const StaffSession& session, bool alert,
                                              core::Instant now);

// Whether "call next" may be pressed: the staff member sits at a window the schedule has, and
// no alert is on.
bool can_call_next(const CenterInfo& center, const StaffSession& session, bool alert);

// Whether serving `booking` needs a result (an exam: the service has a retake pause).
bool serve_needs_result(const QueueBooking& booking, const CenterInfo& center);

// What an action kept in the outbox (not yet answered by the server) does to the booking on
// this desk: the core's state machine moves booking.state as the server will when it gets
// the request (a call also seats the booking at the session's window). `result` is the
// exam's result sent with "serve" (nullopt: the service has none). Returns false and leaves
// the booking as it is when the state machine refuses. Used when the action is made offline
// and when the day is rebuilt from the local copy, so both show the same.
bool apply_kept_action(QueueBooking& booking, core::BookingAction action,
                       const StaffSession& session, bool alert,
                       std::optional<core::ServiceResult> result);

}  // namespace cherha::desk

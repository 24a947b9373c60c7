// The booking state machine (PRODUCT.md "Server", "Desk", rules 3, 7 and 9): which actor may
// take which action from which state, and what each action needs. One table in
// booking_transition.cpp holds every legal edge; everything not in it is refused.
//
// The legal edges (from --action--> to: actors):
//   booked     --arrive-------> arrived     : kiosk, clerk, supervisor
//   booked     --cancel-------> cancelled   : citizen (own booking, before the deadline),
//                                             clerk, supervisor
//   booked     --mark_no_show-> no_show     : supervisor, system (end-of-day sweep)
//   arrived    --call---------> called      : clerk, supervisor
//   arrived    --cancel-------> cancelled   : clerk, supervisor (the visitor left)
//   arrived    --mark_no_show-> no_show     : supervisor, system
//   arrived    --transfer-----> arrived     : supervisor (re-route a waiting visitor)
//   called     --recall-------> called      : clerk, supervisor
//   called     --start--------> in_service  : clerk, supervisor
//   called     --refuse-------> refused     : clerk, supervisor (documents checked first)
//   called     --mark_no_show-> no_show     : clerk, supervisor, system
//   called     --transfer-----> arrived     : clerk, supervisor
//   in_service --serve--------> served      : clerk, supervisor
//   in_service --refuse-------> refused     : clerk, supervisor
//   in_service --transfer-----> arrived     : clerk, supervisor
// served, refused, no_show and cancelled are final. A call needs an arrived visitor (an
// online booking is marked arrived by the terminal's or the window's QR scan first).
// Creating a booking is not an edge: see opening_booking_state().
//
// Guards checked after the table, in this order:
//   - alert mode (rule 9): while `alert_active`, call, recall and mark_no_show are refused for
//     every actor: calling stops and nobody is marked no-show for the time lost. A center in a
//     shelter that keeps working simply passes alert_active = false.
//   - citizen cancel: only the citizen's own booking, only before the cancellation deadline
//     (the deadline is computed by the calendar unit; this takes its verdict as a flag).
//   - payloads: serve needs a result iff the service has one; refuse needs a reason, and
//     reason "other" needs a note; transfer needs a target service or window.
//
// Problem codes (all params are stable ids or numbers, never personal data):
//   transition.not_allowed {from, action}          no such edge from this state (this includes
//                                                  every action from a final state)
//   transition.actor_not_allowed {actor, action, from}  the edge exists, not for this actor
//   transition.alert_active {action}               call/recall/mark_no_show during an alert
//   transition.not_own_booking {}                  a citizen cancelling someone else's booking
//   transition.cancellation_deadline_passed {}     a citizen cancelling after the deadline
//   transition.result_required {}                  serve without a result; service has one
//   transition.result_not_applicable {result}      serve with a result; service has none
//   transition.reason_required {}                  refuse without a reason
//   transition.reason_text_required {reason}       refuse "other" without a (non-blank) note
//   transition.target_required {}                  transfer with neither service nor window
//   transition.text_invalid {field, issue[, max]}  a free-text field is unusable;
//                                                  field: "note", "service_id", "window_id";
//                                                  issue: "too_long" (with max, in bytes),
//                                                  "not_utf8", "control_character"
//   transition.channel_not_allowed {actor, channel}   opening: wrong channel for the actor
//   transition.actor_not_allowed {actor, action="create"}  opening: actor cannot create
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/booking/booking_state.h"
#include "core/common/problem.h"

namespace cherha::core {

// Longest accepted free-text note of a refusal, in bytes of UTF-8.
inline constexpr std::size_t kMaxRefusalNoteBytes = 1000;
// Longest accepted service or window id of a transfer target, in bytes.
inline constexpr std::size_t kMaxTransferTargetIdBytes = 64;

// Why the service was refused, with the clerk's free text (required for Other, optional
// otherwise).
struct Refusal {
    RefusalReason reason = RefusalReason::Other;
    std::string note;
    bool operator==(const Refusal&) const = default;
};

// Where a transferred visitor goes: another service, another window, or both. An empty id
// means "unchanged".
struct TransferTarget {
    std::string service_id;
    std::string window_id;
    bool operator==(const TransferTarget&) const = default;
};

// Everything an action may need besides (state, action, actor). Fields that do not concern
// the action are ignored.
struct TransitionContext {
    // The center is in air-raid alert mode and not configured to keep working.
    bool alert_active = false;
    // Citizen cancel: the booking was looked up by this citizen's booking code + identity.
    bool own_booking = false;
    // Citizen cancel: now is before the cancellation deadline (calendar unit's verdict).
    bool before_cancellation_deadline = false;
    // Serve: the service records a result (e.g. an exam), so `result` is required.
    bool service_has_result = false;
    std::optional<ServiceResult> result;
    // Refuse: the reason.
    std::optional<Refusal> refusal;
    // Transfer: the target.
    std::optional<TransferTarget> transfer;
};

// One applied transition: what the audit log records. Only the payload of this action is
// kept (result for serve, refusal for refuse, transfer target for transfer).
struct BookingTransition {
    BookingState from;
    BookingAction action;
    BookingActor actor;
    BookingState to;
    std::optional<ServiceResult> result;
    std::optional<Refusal> refusal;
    std::optional<TransferTarget> transfer;
};

// Decide one action on a booking.
// Needs: any values (an enumerator outside its enum gives transition.not_allowed).
// Guarantees: on success the new state and the record to log; otherwise exactly one Problem
// from the list above, checked in the order: table, actor, alert, ownership, deadline,
// payload. Pure, thread-safe, never throws.
Result<BookingTransition> apply_booking_action(BookingState from, BookingAction action,
                                               BookingActor actor,
                                               const TransitionContext& context);

// The actions `actor` may take from `state` by the table alone, in kAllBookingActions order
// (empty for a final state). For the desk to enable its buttons. Pure, thread-safe.
std::vector<BookingAction> allowed_actions(BookingState state, BookingActor actor);

// As above, also dropping actions that the context's flags refuse whatever the payload
// (alert mode, a citizen's ownership and deadline). Payloads are not considered: a refuse
// button stays enabled although the reason is chosen afterwards. Pure, thread-safe.
std::vector<BookingAction> allowed_actions(BookingState state, BookingActor actor,
                                           const TransitionContext& context);

// The state a new booking starts in: a citizen booking online starts booked; the terminal
// (kiosk) registers a visitor who is already in the hall, so it starts arrived.
// Problems: transition.actor_not_allowed {actor, action="create"} for clerk, supervisor and
// system; transition.channel_not_allowed {actor, channel} for citizen+terminal and
// kiosk+online. Pure, thread-safe.
Result<BookingState> opening_booking_state(BookingActor actor, BookingChannel channel);

}  // namespace cherha::core

// The vocabulary of a booking's life: its states, the actions that move it, the actors who
// act, the channel it came through, and the payloads of an outcome (refusal reason, exam
// result). Every enum has a stable lower-case string id used in JSON, the audit log, the
// database and the command line; the parse functions accept exactly those ids.
//
// The transitions themselves (who may do what from which state) are in
// core/booking/booking_transition.h.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace cherha::core {

// Where a booking is in its life.
//   booked      registered (online), visitor not yet at the center
//   arrived     at the center and waiting (terminal registration starts here; a transfer
//               comes back here, keeping its ticket and history)
//   called      called to a window (shown on the board)
//   in_service  the clerk has started serving
//   served      done (with a result where the service has one, e.g. exam passed/failed)
//   refused     service refused at the window (with a reason)
//   no_show     did not come (called and absent, or the end-of-day sweep)
//   cancelled   cancelled by the citizen or the staff
// served, refused, no_show and cancelled are final: no action leaves them.
enum class BookingState { Booked, Arrived, Called, InService, Served, Refused, NoShow, Cancelled };

// What someone does to a booking.
enum class BookingAction {
    Arrive,      // mark arrival (QR scanned at the terminal or the window)
    Call,        // call to a window
    Recall,      // call the same visitor again
    Start,       // start serving
    Serve,       // finish: served
    Refuse,      // finish: refused, with a reason
    MarkNoShow,  // finish: the visitor did not come
    Cancel,      // finish: cancelled
    Transfer,    // send to another service or window; back to waiting
};

// Who acts.
enum class BookingActor {
    Citizen,     // the visitor, through the public booking page
    Kiosk,       // the self-service terminal in the hall
    Clerk,       // staff at a window
    Supervisor,  // staff supervising the hall
    System,      // the server itself (end-of-day sweep)
};

// The channel a booking was made through (PRODUCT.md rule 1).
enum class BookingChannel { Online, Terminal };

// Why the service was refused at the window (PRODUCT.md rule 7).
enum class RefusalReason { DataMismatch, MissingDocument, Other };

// The result of a service that has one (the driving exams).
enum class ServiceResult { Passed, Failed };

inline constexpr std::array kAllBookingStates{
    BookingState::Booked, BookingState::Arrived, BookingState::Called, BookingState::InService,
    BookingState::Served, BookingState::Refused, BookingState::NoShow, BookingState::Cancelled};
inline constexpr std::array kAllBookingActions{
    BookingAction::Arrive,     BookingAction::Call,   BookingAction::Recall,
    BookingAction::Start,      BookingAction::Serve,  BookingAction::Refuse,
    BookingAction::MarkNoShow, BookingAction::Cancel, BookingAction::Transfer};
inline constexpr std::array kAllBookingActors{BookingActor::Citizen, BookingActor::Kiosk,
                                              BookingActor::Clerk, BookingActor::Supervisor,
                                              BookingActor::System};

// Stable ids (all pure, thread-safe, never fail for a valid enumerator; an out-of-range
// value cast into the enum gives "unknown"):
//   states:   "booked", "arrived", "called", "in_service", "served", "refused", "no_show",
//             "cancelled"
//   actions:  "arrive", "call", "recall", "start", "serve", "refuse", "mark_no_show",
//             "cancel", "transfer"
//   actors:   "citizen", "kiosk", "clerk", "supervisor", "system"
//   channels: "online", "terminal"
//   refusal reasons: "data_mismatch", "missing_document", "other"
//   service results: "passed", "failed"
std::string_view booking_state_id(BookingState state);
std::string_view booking_action_id(BookingAction action);
std::string_view booking_actor_id(BookingActor actor);
std::string_view booking_channel_id(BookingChannel channel);
std::string_view refusal_reason_id(RefusalReason reason);
std::string_view service_result_id(ServiceResult result);

// Parse an id back. Needs: any bytes. Guarantees: the enumerator whose id equals `id`
// exactly (case-sensitive, no trimming), otherwise nullopt. Thread-safe.
std::optional<BookingState> parse_booking_state(std::string_view id);
std::optional<BookingAction> parse_booking_action(std::string_view id);
std::optional<BookingActor> parse_booking_actor(std::string_view id);
std::optional<BookingChannel> parse_booking_channel(std::string_view id);
std::optional<RefusalReason> parse_refusal_reason(std::string_view id);
std::optional<ServiceResult> parse_service_result(std::string_view id);

// True for served, refused, no_show and cancelled: no action leaves these states.
// Pure, thread-safe.
bool is_final_state(BookingState state);

}  // namespace cherha::core

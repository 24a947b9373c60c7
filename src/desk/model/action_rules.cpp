#include "desk/model/action_rules.h"

#include "core/booking/booking_transition.h"
#include "core/booking/window_rules.h"
#include "core/calendar/center_time.h"

namespace cherha::desk {
namespace {

core::BookingActor actor_of(const StaffSession& session) {
    return session.supervises() ? core::BookingActor::Supervisor : core::BookingActor::Clerk;
}

}  // namespace

std::set<core::BookingAction> enabled_actions(const QueueBooking& booking, const CenterInfo& center,
                                              const StaffSession& session, bool alert,
                                              core::Instant now) {
    std::set<core::BookingAction> enabled;
    const auto zone = core::locate_center_zone(center.time_zone);
    if (!zone) return enabled;
    const auto schedule = center.schedule();
    core::TransitionContext context;
    context.alert_active = alert;
    const core::WindowStaff staff{actor_of(session), session.window ? session.window->id : ""};
    const core::WindowBooking window_booking{
        booking.id,        booking.day,   booking.start, booking.state, booking.waiting_service(),
        booking.window_id, booking.ticket};
    const core::Date today = core::local_date_of(now, *zone.value());
    for (const auto action : core::allowed_actions(booking.state, actor_of(session), context)) {
        if (action == core::BookingAction::Cancel) continue;
        if (core::check_window_action(schedule, *zone.value(), staff, window_booking, action,
                                      std::nullopt, today, now))
            continue;
        enabled.insert(action);
    }
    return enabled;
}

bool can_call_next(const CenterInfo& center, const StaffSession& session, bool alert) {
    if (alert || !session.window) return false;
    return !core::check_calling_window(center.schedule(), session.window->id).has_value();
}

bool serve_needs_result(const QueueBooking& booking, const CenterInfo& center) {
    for (const auto& service : center.services)
        if (service.id == booking.waiting_service()) return service.retake_pause_days.has_value();
    return false;
}

bool apply_kept_action(QueueBooking& booking, core::BookingAction action,
                       const StaffSession& session, bool alert,
                       std::optional<core::ServiceResult> result) {
    core::TransitionContext context;
    context.alert_active = alert;
    context.service_has_result = result.has_value();
    context.result = result;
    // The reason and the target are the server's to check; here only the state moves.
    context.refusal = core::Refusal{core::RefusalReason::Other, "-"};
    context.transfer = core::TransferTarget{booking.waiting_service(), ""};
    auto transition = core::apply_booking_action(booking.state, action, actor_of(session), context);
    if (!transition) return false;
    booking.state = transition.value().to;
    if (action == core::BookingAction::Call && session.window)
        booking.window_id = session.window->id;
    return true;
}

}  // namespace cherha::desk

#include "core/booking/window_rules.h"

#include <algorithm>

#include "core/calendar/center_time.h"

namespace cherha::core {

namespace {

bool service_has_window(const Service& service, std::string_view window) {
    return std::find(service.window_ids.begin(), service.window_ids.end(), window) !=
           service.window_ids.end();
}

bool is_priority(const WindowBooking& b) {
    return b.ticket && b.ticket->sequence == TicketSequence::Priority;
}

int ticket_number(const WindowBooking& b) {
    return b.ticket ? b.ticket->number : 0;
}

}  // namespace

const std::string& waiting_service_id(const std::string& booked_service_id,
                                      const std::optional<TransferTarget>& transfer) {
    return transfer && !transfer->service_id.empty() ? transfer->service_id : booked_service_id;
}

bool window_exists(const CenterSchedule& schedule, std::string_view window) {
    return std::any_of(schedule.windows.begin(), schedule.windows.end(),
                       [&](const ServiceWindow& w) { return w.id == window; });
}

bool window_serves(const CenterSchedule& schedule, std::string_view window,
                   const WindowBooking& booking) {
    if (window.empty() || !window_exists(schedule, window)) return false;
    if (!booking.window_id.empty()) return booking.window_id == window;
    const Service* service = find_service(schedule, booking.service_id);
    return service && service_has_window(*service, window);
}

std::optional<Problem> check_window_action(const CenterSchedule& schedule,
                                           const date::time_zone& zone, const WindowStaff& staff,
                                           const WindowBooking& booking, BookingAction action,
                                           const std::optional<TransferTarget>& transfer,
                                           Date today, Instant now) {
    // A clerk works on the visitors of their own window; a supervisor anywhere. Arriving and
    // cancelling (the visitor left) may happen at any window; a call is checked against the
    // calling window below.
    const bool at_window = action != BookingAction::Arrive && action != BookingAction::Call &&
                           action != BookingAction::Cancel;
    if (staff.actor == BookingActor::Clerk && at_window && !booking.window_id.empty() &&
        booking.window_id != staff.window_id)
        return Problem("center.wrong_window", {{"window", booking.window_id}});

    // What happens at a window happens today; a no-show only once the slot has begun.
    switch (action) {
        case BookingAction::Arrive:
        case BookingAction::Call:
        case BookingAction::Recall:
        case BookingAction::Start:
            if (booking.day != today)
                return Problem("center.not_today", {{"day", format_iso_date(booking.day)}});
            break;
        case BookingAction::MarkNoShow:
            if (now < booking.slot_start)
                return Problem("center.too_early",
                               {{"starts_at", format_local_instant(booking.slot_start, zone)}});
            break;
        default:
            break;
    }
    if (action == BookingAction::Call && !window_serves(schedule, staff.window_id, booking))
        return Problem("center.wrong_window", {{"window", staff.window_id}});
    if (transfer) {
        const std::string& service_id =
            transfer->service_id.empty() ? booking.service_id : transfer->service_id;
        const Service* to = find_service(schedule, service_id);
        if (!to) return Problem("center.unknown_service", {{"service", service_id}});
        if (!transfer->window_id.empty() && (!window_exists(schedule, transfer->window_id) ||
                                             !service_has_window(*to, transfer->window_id)))
            return Problem("center.window_unknown", {{"window", transfer->window_id}});
    }
    return std::nullopt;
}

std::optional<Problem> check_calling_window(const CenterSchedule& schedule,
                                            std::string_view window) {
    if (window.empty() || !window_exists(schedule, window))
        return Problem("center.window_unknown", {{"window", std::string(window)}});
    return std::nullopt;
}

bool called_before(const WindowBooking& a, const WindowBooking& b) {
    if (is_priority(a) != is_priority(b)) return is_priority(a);
    if (a.slot_start != b.slot_start) return a.slot_start < b.slot_start;
    const int ta = ticket_number(a);
    const int tb = ticket_number(b);
    return ta != tb ? ta < tb : a.id < b.id;
}

Result<std::size_t> next_to_call(const CenterSchedule& schedule, std::string_view window,
                                 std::span<const WindowBooking> bookings, Date today) {
    std::optional<std::size_t> next;
    for (std::size_t i = 0; i < bookings.size(); ++i) {
        const WindowBooking& b = bookings[i];
        if (b.state != BookingState::Arrived || b.day != today ||
            !window_serves(schedule, window, b))
            continue;
        if (!next || called_before(b, bookings[*next])) next = i;
    }
    if (!next) return Problem("center.nobody_waiting", {{"window", std::string(window)}});
    return *next;
}

Instant slot_end(const CenterSchedule& schedule, const WindowBooking& booking) {
    const Service* service = find_service(schedule, booking.service_id);
    return booking.slot_start + (service ? service->duration : std::chrono::minutes(0));
}

bool overlaps_alert(Instant from, Instant to, std::span<const AlertInterval> alerts) {
    return std::any_of(alerts.begin(), alerts.end(), [&](const AlertInterval& alert) {
        return alert.started_at <= to && (!alert.ended_at || *alert.ended_at >= from);
    });
}

std::vector<std::size_t> end_of_day_no_shows(const CenterSchedule& schedule,
                                             std::span<const WindowBooking> bookings,
                                             std::span<const AlertInterval> alerts, Date today) {
    std::vector<std::size_t> marked;
    for (std::size_t i = 0; i < bookings.size(); ++i) {
        const WindowBooking& b = bookings[i];
        if (b.day >= today) continue;
        if (b.state != BookingState::Booked && b.state != BookingState::Arrived) continue;
        // Time lost to an air-raid alert makes nobody a no-show (rule 9).
        if (overlaps_alert(b.slot_start, slot_end(schedule, b), alerts)) continue;
        marked.push_back(i);
    }
    return marked;
}

}  // namespace cherha::core

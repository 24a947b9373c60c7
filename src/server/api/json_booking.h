// JSON of what the public and the desks read: services, bookings, tickets, queue events.
// Ids are the core's stable ids ("booked", "online", "id_card"); times are "HH:MM" in the
// center's local time and instants ISO 8601 UTC ("2025-03-04T07:30:00Z").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "center/service_center.h"
#include "core/calendar/center_schedule.h"
#include "store/center_store.h"

namespace cherha::server::api {

// "2025-03-04T07:30:00Z". Pure.
std::string iso_instant(core::Instant at);
// "HH:MM" of minutes after midnight. Pure.
std::string time_of_day(int minute);
// Percent-encoding of a query value (RFC 3986 unreserved characters stay). Pure.
std::string url_encode(std::string_view text);
// The number shown above window `window_id`, or 0 when the schedule has no such window. Pure.
int window_number(const core::CenterSchedule& schedule, std::string_view window_id);

// What a booking's JSON shows to whom.
struct BookingView {
    bool registration = false;   // the personal data: staff, and the citizen who proved identity
    bool staff_details = false;  // timestamps, recalls, transfer
};

// A booking: id, code (display form), service, day, time, start, channel, state, ticket,
// window, window_number, result, refusal, and when `token` is not empty token and qr (the URL
// of its QR image); registration and staff details as `view` says. Thread-safe.
nlohmann::json booking_json(const store::BookingRecord& booking, std::string_view token,
                            const BookingView& view, const core::CenterSchedule& schedule);

// A ticket {"display", "number", "sequence", "category"}, or null. Pure.
nlohmann::json ticket_json(const std::optional<core::Ticket>& ticket);

// The center's services {"id", "name", "name_uk", "name_en", "duration_minutes", "windows",
// "retake_pause_days"}; `name` in the active language. Thread-safe.
nlohmann::json service_json(const core::Service& service);

// A queue event as sent to desks and the board (no personal data): {"kind", "booking",
// "state", "ticket", "window", "window_number", "service", "alert", "change"}; change: the
// order of the change (QueueEvent::change), null when not known.
nlohmann::json event_json(const center::QueueEvent& event, const core::CenterSchedule& schedule);

}  // namespace cherha::server::api

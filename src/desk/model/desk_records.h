// What the desk knows of the center and the day, as read from the server's answers
// (docs/api.md): the center with its windows and services, the day's bookings, a verification,
// the day's statistics and audit entries. Plain values; desk_api.h reads them from JSON, the
// local cache keeps the JSON they were read from.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/booking/booking_state.h"
#include "core/booking/booking_transition.h"
#include "core/calendar/center_schedule.h"
#include "core/common/civil.h"
#include "core/common/problem.h"
#include "core/tickets/ticket_numbering.h"
#include "core/verification/registration.h"
#include "core/verification/verification.h"

namespace cherha::desk {

struct WindowRef {
    std::string id;  // "w1"
    int number = 0;  // 1
    bool operator==(const WindowRef&) const = default;
};

struct ServiceInfo {
    std::string id;
    std::string name_uk;
    std::string name_en;
    int duration_minutes = 0;
    std::vector<std::string> windows;      // ids of the windows serving it
    std::optional<int> retake_pause_days;  // set for exams: serving them records a result
    bool operator==(const ServiceInfo&) const = default;
};

// GET /services.
struct CenterInfo {
    std::uint32_t center_id = 0;
    std::string name_uk;
    std::string name_en;
    std::string time_zone = "Europe/Kyiv";
    core::Date today{};
    std::vector<WindowRef> windows;
    std::vector<ServiceInfo> services;

    // The schedule the window rules need (windows, services and who serves them; no hours).
    core::CenterSchedule schedule() const;
    // The service's name in the language ("uk" or "en"); the id when unknown.
    std::string service_name(const std::string& service_id, const std::string& language) const;
    // The window's number, 0 when unknown.
    int window_number(const std::string& window_id) const;
};

// POST /auth/login.
struct StaffSession {
    std::string token;
    std::string login;
    std::string role;  // "clerk", "supervisor", "admin"
    std::optional<WindowRef> window;
    bool supervises() const { return role == "supervisor" || role == "admin"; }
};

// One booking of GET /queue, /desk/find or an action's answer (those have no registration).
struct QueueBooking {
    std::int64_t id = 0;
    std::string code;  // "WT83-Q4WB"
    std::string service_id;
    core::Date day{};
    std::string time;     // "09:30", the center's local time
    core::Instant start;  // the slot start
    core::BookingChannel channel = core::BookingChannel::Online;
    core::BookingState state = core::BookingState::Booked;
    std::optional<core::Ticket> ticket;
    std::string ticket_display;  // "1009", "П003"; "" without a ticket
    std::string window_id;       // "" = none
    std::optional<core::ServiceResult> result;
    std::optional<core::RefusalReason> refusal_reason;
    std::string refusal_note;
    std::optional<core::Registration> registration;  // nullopt: not in this answer, or erased
    bool personal_data_erased = false;
    std::optional<core::TransferTarget> transfer;
    int recalls = 0;
    std::string token;  // the QR token text (find answers it)
    std::optional<core::Instant> arrived_at;
    std::optional<core::Instant> called_at;
    std::optional<core::Instant> started_at;
    std::optional<core::Instant> finished_at;

    // The service it waits for now (the transfer's, else the booked one).
    const std::string& waiting_service() const;
};

// GET /queue.
struct DayQueueSnapshot {
    core::Date day{};
    bool alert = false;
    std::vector<QueueBooking> bookings;
};

// GET /keys.
struct PublicKeyInfo {
    std::string key_id;
    std::string public_pem;
    bool retired = false;
};
struct CenterKeys {
    std::uint32_t center_id = 0;
    std::vector<PublicKeyInfo> keys;
};

// POST /bookings/{id}/verify, or core::verify on the desk.
struct VerificationAnswer {
    std::int64_t booking_id = 0;
    core::Verification verification;
};

// GET /stats.
struct DayStats {
    core::Date day{};
    std::map<std::string, int> by_state;                           // state id -> count
    std::map<std::string, std::map<std::string, int>> by_service;  // service -> state -> n
    std::map<std::string, std::map<std::string, int>> by_window;   // window -> state -> n
    std::map<std::string, int> arrivals_by_hour;                   // "09:00" -> n
    std::optional<double> mean_wait_minutes;
    std::optional<double> mean_service_minutes;
    std::map<std::string, int> abuse;
    bool alert = false;
};

// GET /audit.
struct AuditEntry {
    std::int64_t seq = 0;
    core::Instant at;
    std::string actor;
    std::string window;  // "" = none
    std::string action;
    std::int64_t booking = 0;  // 0 = none
    std::string result;
    std::map<std::string, std::string> details;
};

}  // namespace cherha::desk

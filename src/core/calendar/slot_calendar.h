// Slots: the bookable times of a service on a day, generated from the center's schedule.
// Online and terminal registrations draw from the same slots.
//
// How slots are laid out. Each opening interval of the day is turned into real time (UTC
// instants, see below), cut by its breaks into parts, and each part is filled from its start
// with back-to-back slots of the service's duration; a slot that would cross a break or the
// closing time is not made, and the next part starts at the end of the break. Slot lengths
// are real elapsed time, so every slot of a service lasts exactly its duration.
//
// Capacity (a simplification): every window serving the service can take one visitor per
// slot, so a slot's capacity is the number of distinct windows serving the service. Windows
// shared by several services are counted for each of them; the booking side decides how
// shared windows are split.
//
// Daylight saving. A wall-clock time T of the day denotes the first instant at which the
// center's clock shows T; a time that the clock skips denotes the instant the gap ends.
// Hence an interval [a, b) runs from the first moment the clock shows a to the first
// moment it then shows b:
//   - spring forward (Kyiv 2026-03-29, 03:00 -> 04:00): a 00:00-24:00 day lasts 23 hours;
//     no slot starts at a skipped local time (the slot after 02:30 starts at 04:00 local,
//     30 real minutes later), and an interval lying wholly inside the gap gives no slots;
//   - fall back (Kyiv 2026-10-25, 04:00 -> 03:00): a 00:00-24:00 day lasts 25 hours and a
//     center open at night serves the repeated hour twice: the slots of 03:00-04:00 exist
//     once in summer time (EEST, UTC+3) and once in winter time (EET, UTC+2), with distinct
//     instants. An interval that ends inside the repeated hour (e.g. 01:00-03:30) closes at
//     its first 03:30; one that starts in it (03:30-08:00) starts at the first 03:30.
// A slot is therefore identified by its `start` instant; its local start alone can repeat
// on a fall-back night.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/center_schedule.h"
#include "core/calendar/service.h"
#include "core/common/civil.h"
#include "core/common/problem.h"

namespace cherha::core {

// One slot of a service.
//   day:                     the local day it belongs to
//   local_start, local_end:  wall-clock times in the center's zone (local_end may be the next
//                            day's 00:00 for a slot ending at 24:00)
//   start, end:              the same as UTC instants; end - start == the service duration
//   capacity:                visitors the slot takes (windows serving the service)
struct Slot {
    std::string service_id;
    Date day;
    LocalTime local_start;
    LocalTime local_end;
    Instant start;
    Instant end;
    int capacity = 0;

    bool operator==(const Slot&) const = default;
};

// The slots of `service` on the local day `day`, ordered by start instant; empty on a
// closed day, a holiday or a day without opening hours. `service` need not be one of
// schedule.services; its windows are looked up in schedule.windows. Only what the day needs
// is checked (the zone, the hours that apply on `day`, the service), so a mistake elsewhere
// in the schedule does not stop the calendar. Never throws.
// Problems (the first one found):
//   slots.invalid_day {day}                  not a date, or a year outside 1900..9999
//   schedule.unknown_time_zone {time_zone}
//   the problems of validate_day_hours() with where = the day "YYYY-MM-DD"
//   the problems of validate_service()
// Thread-safe, pure (reads the system tz database).
Result<std::vector<Slot>> generate_slots(const CenterSchedule& schedule, const Service& service,
                                         Date day);

// As above for the service of schedule.services with id `service_id`.
// Additional problem: slots.unknown_service {service}.
Result<std::vector<Slot>> generate_slots(const CenterSchedule& schedule,
                                         std::string_view service_id, Date day);

// The slot's local start as minutes after local midnight (09:30 -> 570): how bookings, the
// occupancy and the API name a slot within its day.
int minute_of_day(const Slot& slot);

}  // namespace cherha::core

// The center's schedule: plain data describing when it is open, what it offers and where.
// Times of day are local wall-clock times of the center's zone. Slots are generated from
// it by generate_slots() (slot_calendar.h); validate_schedule() lists what is wrong with it.
#pragma once

#include <array>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "core/calendar/service.h"
#include "core/common/civil.h"
#include "core/common/problem.h"

namespace cherha::core {

// A span of local wall-clock time within one day, [begin, end), as offsets from local
// midnight: 0 <= begin < end <= 24:00 (end == 24h is the end of the day). An interval never
// crosses midnight; a center open through the night has one interval ending at 24:00 and
// one starting at 00:00 the next day.
struct WallClockInterval {
    std::chrono::minutes begin{0};
    std::chrono::minutes end{0};

    bool operator==(const WallClockInterval&) const = default;
};

// The hours of one day: opening intervals (disjoint; touching is allowed) and breaks (each
// inside one opening interval, disjoint). No opening interval means closed.
struct DayHours {
    std::vector<WallClockInterval> opening;
    std::vector<WallClockInterval> breaks;

    bool operator==(const DayHours&) const = default;
};

// A date with hours other than its weekday's (a shortened day before a holiday, an extra
// Saturday). Empty `hours.opening` closes the day.
struct SpecialDay {
    Date date;
    DayHours hours;

    bool operator==(const SpecialDay&) const = default;
};

// Everything the calendar needs to know about one center.
//   time_zone:    IANA name of the center's zone
//   weekly:       hours per weekday, [0] = Monday ... [6] = Sunday (see weekly_hours())
//   closed_days:  holidays and other days the center is closed, whatever the weekday
//   special_days: dates with their own hours; a date is either closed or special, not both
//   windows, services: what the center offers and where (service.h)
struct CenterSchedule {
    std::string time_zone = "Europe/Kyiv";
    std::array<DayHours, 7> weekly;
    std::vector<Date> closed_days;
    std::vector<SpecialDay> special_days;
    std::vector<ServiceWindow> windows;
    std::vector<Service> services;

    bool operator==(const CenterSchedule&) const = default;
};

// The weekly hours of `weekday` (Monday = weekly[0]). Precondition: weekday.ok(); an invalid
// weekday gives Sunday's entry. Thread-safe for concurrent readers.
DayHours& weekly_hours(CenterSchedule& schedule, date::weekday weekday);
const DayHours& weekly_hours(const CenterSchedule& schedule, date::weekday weekday);

// The hours that apply on `day`: none on a closed day, the special hours on a special day,
// otherwise the weekday's hours. An invalid `day` gives no hours. Thread-safe, pure.
DayHours hours_on(const CenterSchedule& schedule, Date day);

// The service with id `id`, or nullptr. The pointer is valid while `schedule` is unchanged.
// Thread-safe, pure.
const Service* find_service(const CenterSchedule& schedule, std::string_view id);

// The number of distinct known windows serving `service` in `schedule` (its slot capacity).
// Thread-safe, pure.
int serving_window_count(const CenterSchedule& schedule, const Service& service);

// Everything wrong with `schedule`, in a stable order (zone; weekly hours Monday..Sunday;
// closed days; special days; windows; services); empty when it is valid. Never throws.
// Params naming a place in the schedule:
//   where:    "mon".."sun" for a weekday's hours, "YYYY-MM-DD" for a special day
//   interval: "HH:MM-HH:MM" (a time outside 00:00..24:00 is written as "<n>min")
//   list:     "closed_days" or "special_days"; index: 0-based position in that list
//   kind:     "service" or "window"
// Problems:
//   schedule.unknown_time_zone        {time_zone}
//   schedule.time_out_of_range        {where, interval}     begin < 0 or end > 24:00
//   schedule.interval_end_before_start {where, interval}    end <= begin (empty included)
//   schedule.intervals_overlap        {where, interval, other}  two opening intervals or two
//                                                           breaks of a day overlap
//   schedule.break_outside_opening    {where, interval}     a break not inside one opening
//   schedule.invalid_date             {list, index}         not a calendar date (e.g. 02-30)
//   schedule.duplicate_date           {date}                a date twice among closed and
//                                                           special days together
//   schedule.empty_id                 {kind, index}
//   schedule.duplicate_id             {kind, id}
//   schedule.window_number            {window, number}      number < 1
//   schedule.duplicate_window_number  {number}
//   plus the service problems of validate_service() for every service.
// Thread-safe, pure.
std::vector<Problem> validate_schedule(const CenterSchedule& schedule);

// What is wrong with the hours of one day on their own (the time, order, overlap and break
// problems listed above), with `where` as given. Never throws. Thread-safe, pure.
std::vector<Problem> validate_day_hours(const DayHours& hours, std::string_view where);

// Everything wrong with one service against the windows of `schedule` (the service need not
// be one of schedule.services). Never throws.
// Problems:
//   schedule.service_name_missing     {service, language}   language "uk" or "en"
//   schedule.service_duration         {service, minutes}    duration <= 0 or > 1440
//   schedule.service_without_windows  {service}
//   schedule.unknown_window           {service, window}
//   schedule.window_listed_twice      {service, window}
//   schedule.retake_pause             {service, days}       outside 0..3650
// Thread-safe, pure.
std::vector<Problem> validate_service(const CenterSchedule& schedule, const Service& service);

// "HH:MM-HH:MM" for an interval (the `interval` param above). Thread-safe, pure.
std::string format_interval(const WallClockInterval& interval);

}  // namespace cherha::core

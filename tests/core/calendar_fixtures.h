// Shared test data of the calendar tests: a synthetic center and time helpers.
#pragma once

#include <chrono>
#include <string>

#include <date/date.h>
#include <date/tz.h>

#include "core/calendar/center_schedule.h"
#include "core/calendar/center_time.h"
#include "core/common/civil.h"

namespace cherha::core::calendar_test {

inline std::chrono::minutes hm(int h, int m) {
    return std::chrono::minutes{h * 60 + m};
}

inline WallClockInterval span(int h1, int m1, int h2, int m2) {
    return {hm(h1, m1), hm(h2, m2)};
}

inline Date ymd(int y, unsigned m, unsigned d) {
    return Date{date::year{y}, date::month{m}, date::day{d}};
}

// The UTC instant y-m-d h:mi:s.
inline Instant utc(int y, unsigned m, unsigned d, int h, int mi, int s = 0) {
    return Instant{date::sys_days{ymd(y, m, d)}} + std::chrono::hours{h} +
           std::chrono::minutes{mi} + std::chrono::seconds{s};
}

// The local wall-clock time y-m-d h:mi:s.
inline LocalTime local(int y, unsigned m, unsigned d, int h, int mi, int s = 0) {
    return LocalTime{date::local_days{ymd(y, m, d)}} + std::chrono::hours{h} +
           std::chrono::minutes{mi} + std::chrono::seconds{s};
}

inline const date::time_zone& kyiv() {
    return *date::locate_zone("Europe/Kyiv");
}

// A typical center: Mon-Fri 09:00-18:00 with a 13:00-13:45 break, Sat 09:00-16:00, Sun closed;
// Independence Day (2026-08-24) closed; 2026-12-31 open 09:00-14:00.
// Windows w1..w3; services "exam" (20 min, w1+w2), "registration" (30 min, w3),
// "licence" (45 min, w3).
inline CenterSchedule typical_center() {
    CenterSchedule s;
    for (int d = 0; d < 5; ++d) {
        s.weekly[static_cast<std::size_t>(d)].opening = {span(9, 0, 18, 0)};
        s.weekly[static_cast<std::size_t>(d)].breaks = {span(13, 0, 13, 45)};
    }
    s.weekly[5].opening = {span(9, 0, 16, 0)};
    s.closed_days = {ymd(2026, 8, 24)};
    s.special_days = {SpecialDay{ymd(2026, 12, 31), DayHours{{span(9, 0, 14, 0)}, {}}}};
    s.windows = {{"w1", 1}, {"w2", 2}, {"w3", 3}};
    s.services = {
        Service{"exam", "Теоретичний іспит", "Theory exam", hm(0, 20), {"w1", "w2"}, 10},
        Service{"registration", "Реєстрація ТЗ", "Vehicle registration", hm(0, 30), {"w3"}, {}},
        Service{"licence", "Посвідчення водія", "Driving licence", hm(0, 45), {"w3"}, {}},
    };
    return s;
}

// A center open around the clock every day, one window, one 30-minute service.
inline CenterSchedule round_the_clock_center(std::chrono::minutes duration = hm(0, 30)) {
    CenterSchedule s;
    for (auto& day : s.weekly) day.opening = {span(0, 0, 24, 0)};
    s.windows = {{"w1", 1}};
    s.services = {Service{"night", "Нічна", "Night", duration, {"w1"}, {}}};
    return s;
}

}  // namespace cherha::core::calendar_test

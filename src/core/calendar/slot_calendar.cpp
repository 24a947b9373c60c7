#include "core/calendar/slot_calendar.h"

#include <algorithm>
#include <chrono>

#include "core/calendar/center_time.h"

namespace cherha::core {

namespace {

struct RealSpan {
    Instant begin;
    Instant end;
};

bool before(const WallClockInterval& a, const WallClockInterval& b) {
    return a.begin < b.begin;
}

}  // namespace

Result<std::vector<Slot>> generate_slots(const CenterSchedule& schedule, const Service& service,
                                         Date day) {
    if (!day.ok() || day.year() < date::year{1900} || day.year() > date::year{9999})
        return Problem("slots.invalid_day", {{"day", format_iso_date(day)}});
    auto located = locate_center_zone(schedule.time_zone);
    if (!located) return located.problem();
    const date::time_zone& zone = **located;

    DayHours hours = hours_on(schedule, day);
    if (auto problems = validate_day_hours(hours, format_iso_date(day)); !problems.empty())
        return problems.front();
    if (auto problems = validate_service(schedule, service); !problems.empty())
        return problems.front();

    std::sort(hours.opening.begin(), hours.opening.end(), before);
    const date::local_days midnight{day};
    auto real = [&](const WallClockInterval& i) {
        return RealSpan{instant_of(midnight + i.begin, zone), instant_of(midnight + i.end, zone)};
    };
    std::vector<RealSpan> breaks;
    for (const auto& b : hours.breaks) {
        const RealSpan span = real(b);
        if (span.begin < span.end) breaks.push_back(span);  // a break inside a DST gap is empty
    }

    const auto length = std::chrono::duration_cast<std::chrono::seconds>(service.duration);
    const int capacity = serving_window_count(schedule, service);
    std::vector<Slot> slots;
    for (const auto& opening : hours.opening) {
        const RealSpan open = real(opening);
        Instant t = open.begin;
        while (t + length <= open.end) {
            const Instant end = t + length;
            auto crossed = std::find_if(breaks.begin(), breaks.end(), [&](const RealSpan& b) {
                return b.begin < end && t < b.end;
            });
            if (crossed != breaks.end()) {
                t = std::max(t, crossed->end);  // the next part starts when the break ends
                continue;
            }
            slots.push_back(Slot{service.id, day, local_time_of(t, zone), local_time_of(end, zone),
                                 t, end, capacity});
            t = end;
        }
    }
    return slots;
}

Result<std::vector<Slot>> generate_slots(const CenterSchedule& schedule,
                                         std::string_view service_id, Date day) {
    const Service* service = find_service(schedule, service_id);
    if (service == nullptr)
        return Problem("slots.unknown_service", {{"service", std::string(service_id)}});
    return generate_slots(schedule, *service, day);
}

int minute_of_day(const Slot& slot) {
    const auto since_midnight = slot.local_start - date::floor<date::days>(slot.local_start);
    return static_cast<int>(
        std::chrono::duration_cast<std::chrono::minutes>(since_midnight).count());
}

}  // namespace cherha::core

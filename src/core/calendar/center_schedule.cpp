#include "core/calendar/center_schedule.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <utility>

#include "core/calendar/center_time.h"
#include "core/quota/retake_pause.h"

namespace cherha::core {

namespace {

using std::chrono::minutes;
using Params = std::vector<std::pair<std::string, std::string>>;

constexpr minutes kDay{24 * 60};
constexpr std::array<const char*, 7> kWeekdayNames{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::size_t weekday_index(date::weekday weekday) {
    if (!weekday.ok()) return 6;
    return static_cast<std::size_t>(weekday.iso_encoding() - 1);
}

std::string format_time_of_day(minutes m) {
    if (m < minutes{0} || m > kDay) return std::to_string(m.count()) + "min";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld", static_cast<long long>(m.count() / 60),
                  static_cast<long long>(m.count() % 60));
    return buf;
}

bool in_range(const WallClockInterval& i) {
    return i.begin >= minutes{0} && i.end <= kDay;
}

// Checks one kind of interval of a day (opening or breaks) on its own: range, order,
// overlaps. Returns the intervals that are well formed, for further checks.
std::vector<WallClockInterval> check_intervals(const std::vector<WallClockInterval>& intervals,
                                               const std::string& where,
                                               std::vector<Problem>& problems) {
    std::vector<WallClockInterval> good;
    for (const auto& i : intervals) {
        if (!in_range(i)) {
            problems.emplace_back("schedule.time_out_of_range",
                                  Params{{"where", where}, {"interval", format_interval(i)}});
        } else if (i.end <= i.begin) {
            problems.emplace_back("schedule.interval_end_before_start",
                                  Params{{"where", where}, {"interval", format_interval(i)}});
        } else {
            good.push_back(i);
        }
    }
    std::sort(good.begin(), good.end(), [](const auto& a, const auto& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    for (std::size_t k = 1; k < good.size(); ++k) {
        if (good[k].begin < good[k - 1].end) {
            problems.emplace_back("schedule.intervals_overlap",
                                  Params{{"where", where},
                                         {"interval", format_interval(good[k])},
                                         {"other", format_interval(good[k - 1])}});
        }
    }
    return good;
}

void check_day_hours(const DayHours& hours, const std::string& where,
                     std::vector<Problem>& problems) {
    const auto opening = check_intervals(hours.opening, where, problems);
    const auto breaks = check_intervals(hours.breaks, where, problems);
    for (const auto& b : breaks) {
        const bool inside = std::any_of(opening.begin(), opening.end(), [&](const auto& o) {
            return o.begin <= b.begin && b.end <= o.end;
        });
        if (!inside) {
            problems.emplace_back("schedule.break_outside_opening",
                                  Params{{"where", where}, {"interval", format_interval(b)}});
        }
    }
}

bool date_less(const Date& a, const Date& b) {
    return a < b;
}

}  // namespace

std::string format_interval(const WallClockInterval& interval) {
    return format_time_of_day(interval.begin) + "-" + format_time_of_day(interval.end);
}

DayHours& weekly_hours(CenterSchedule& schedule, date::weekday weekday) {
    return schedule.weekly[weekday_index(weekday)];
}

const DayHours& weekly_hours(const CenterSchedule& schedule, date::weekday weekday) {
    return schedule.weekly[weekday_index(weekday)];
}

DayHours hours_on(const CenterSchedule& schedule, Date day) {
    if (!day.ok()) return {};
    if (std::find(schedule.closed_days.begin(), schedule.closed_days.end(), day) !=
        schedule.closed_days.end())
        return {};
    for (const auto& special : schedule.special_days)
        if (special.date == day) return special.hours;
    return weekly_hours(schedule, date::weekday{date::sys_days{day}});
}

const Service* find_service(const CenterSchedule& schedule, std::string_view id) {
    for (const auto& s : schedule.services)
        if (s.id == id) return &s;
    return nullptr;
}

int serving_window_count(const CenterSchedule& schedule, const Service& service) {
    std::set<std::string_view> serving;
    for (const auto& w : service.window_ids) {
        const bool known = std::any_of(schedule.windows.begin(), schedule.windows.end(),
                                       [&](const ServiceWindow& sw) { return sw.id == w; });
        if (known) serving.insert(w);
    }
    return static_cast<int>(serving.size());
}

std::vector<Problem> validate_day_hours(const DayHours& hours, std::string_view where) {
    std::vector<Problem> problems;
    check_day_hours(hours, std::string(where), problems);
    return problems;
}

std::vector<Problem> validate_service(const CenterSchedule& schedule, const Service& service) {
    std::vector<Problem> problems;
    if (service.name_uk.empty())
        problems.emplace_back("schedule.service_name_missing",
                              Params{{"service", service.id}, {"language", "uk"}});
    if (service.name_en.empty())
        problems.emplace_back("schedule.service_name_missing",
                              Params{{"service", service.id}, {"language", "en"}});
    if (service.duration <= minutes{0} || service.duration > kDay)
        problems.emplace_back(
            "schedule.service_duration",
            Params{{"service", service.id}, {"minutes", std::to_string(service.duration.count())}});
    if (service.window_ids.empty())
        problems.emplace_back("schedule.service_without_windows", Params{{"service", service.id}});
    std::set<std::string_view> seen;
    for (const auto& w : service.window_ids) {
        const bool known = std::any_of(schedule.windows.begin(), schedule.windows.end(),
                                       [&](const ServiceWindow& sw) { return sw.id == w; });
        if (!known)
            problems.emplace_back("schedule.unknown_window",
                                  Params{{"service", service.id}, {"window", w}});
        else if (!seen.insert(w).second)
            problems.emplace_back("schedule.window_listed_twice",
                                  Params{{"service", service.id}, {"window", w}});
    }
    if (service.retake_pause_days &&
        (*service.retake_pause_days < 0 || *service.retake_pause_days > kMaxRetakePauseDays))
        problems.emplace_back(
            "schedule.retake_pause",
            Params{{"service", service.id}, {"days", std::to_string(*service.retake_pause_days)}});
    return problems;
}

std::vector<Problem> validate_schedule(const CenterSchedule& schedule) {
    std::vector<Problem> problems;
    if (auto zone = locate_center_zone(schedule.time_zone); !zone)
        problems.push_back(zone.problem());

    for (std::size_t d = 0; d < schedule.weekly.size(); ++d)
        check_day_hours(schedule.weekly[d], kWeekdayNames[d], problems);

    // Dates: each valid, and no date twice among closed and special days together.
    std::vector<Date> dates;
    auto add_date = [&](const Date& date, const char* list, std::size_t index) {
        if (!date.ok()) {
            problems.emplace_back("schedule.invalid_date",
                                  Params{{"list", list}, {"index", std::to_string(index)}});
            return false;
        }
        dates.push_back(date);
        return true;
    };
    for (std::size_t k = 0; k < schedule.closed_days.size(); ++k)
        add_date(schedule.closed_days[k], "closed_days", k);
    for (std::size_t k = 0; k < schedule.special_days.size(); ++k) {
        const auto& special = schedule.special_days[k];
        if (add_date(special.date, "special_days", k))
            check_day_hours(special.hours, format_iso_date(special.date), problems);
    }
    std::sort(dates.begin(), dates.end(), date_less);
    for (std::size_t k = 1; k < dates.size(); ++k) {
        if (dates[k] == dates[k - 1] && (k < 2 || dates[k - 2] != dates[k]))
            problems.emplace_back("schedule.duplicate_date",
                                  Params{{"date", format_iso_date(dates[k])}});
    }

    // Windows.
    std::set<std::string_view> window_ids;
    std::set<int> window_numbers;
    for (std::size_t k = 0; k < schedule.windows.size(); ++k) {
        const auto& w = schedule.windows[k];
        if (w.id.empty())
            problems.emplace_back("schedule.empty_id",
                                  Params{{"kind", "window"}, {"index", std::to_string(k)}});
        else if (!window_ids.insert(w.id).second)
            problems.emplace_back("schedule.duplicate_id",
                                  Params{{"kind", "window"}, {"id", w.id}});
        if (w.number < 1)
            problems.emplace_back("schedule.window_number",
                                  Params{{"window", w.id}, {"number", std::to_string(w.number)}});
        else if (!window_numbers.insert(w.number).second)
            problems.emplace_back("schedule.duplicate_window_number",
                                  Params{{"number", std::to_string(w.number)}});
    }

    // Services.
    std::set<std::string_view> service_ids;
    for (std::size_t k = 0; k < schedule.services.size(); ++k) {
        const auto& s = schedule.services[k];
        if (s.id.empty())
            problems.emplace_back("schedule.empty_id",
                                  Params{{"kind", "service"}, {"index", std::to_string(k)}});
        else if (!service_ids.insert(s.id).second)
            problems.emplace_back("schedule.duplicate_id",
                                  Params{{"kind", "service"}, {"id", s.id}});
        auto service_problems = validate_service(schedule, s);
        problems.insert(problems.end(), std::make_move_iterator(service_problems.begin()),
                        std::make_move_iterator(service_problems.end()));
    }
    return problems;
}

}  // namespace cherha::core

#include "core/calendar/booking_window.h"

#include "core/calendar/center_time.h"

namespace cherha::core {

namespace {

std::optional<Problem> check_rules(const BookingRules& rules) {
    auto problems = validate_booking_rules(rules);
    if (problems.empty()) return std::nullopt;
    return problems.front();
}

std::optional<Problem> check_range(Instant t) {
    if (instant_in_supported_range(t)) return std::nullopt;
    return instant_out_of_range(t);
}

Date add_days(Date day, int days) {
    return Date{date::sys_days{day} + date::days{days}};
}

}  // namespace

Result<BookableDays> online_bookable_days(Instant now, const date::time_zone& zone,
                                          const BookingRules& rules) {
    if (auto p = check_rules(rules)) return *p;
    if (auto p = check_range(now)) return *p;
    const LocalTime local_now = local_time_of(now, zone);
    const auto today = date::floor<date::days>(local_now);
    const bool last_day_open = local_now - today >= rules.online_opening_time;
    const int reach = rules.online_window_days - (last_day_open ? 1 : 2);
    return BookableDays{Date{today}, add_days(Date{today}, reach)};
}

Instant online_opening_of(Date day, const date::time_zone& zone, const BookingRules& rules) {
    if (!day.ok()) return Instant{};
    int window = rules.online_window_days;
    if (window < 1 || window > 366) window = 1;
    auto opening = rules.online_opening_time;
    if (opening < std::chrono::seconds{0} || opening >= std::chrono::hours{24})
        opening = std::chrono::seconds{0};
    const Date opening_day = add_days(day, -(window - 1));
    return instant_of(date::local_days{opening_day} + opening, zone);
}

std::optional<Problem> check_online_booking(const Slot& slot, Instant now,
                                            const date::time_zone& zone,
                                            const BookingRules& rules) {
    if (auto p = check_rules(rules)) return p;
    if (auto p = check_range(now)) return p;
    if (auto p = check_range(slot.start)) return p;
    const Date today = local_date_of(now, zone);
    const Date day = local_date_of(slot.start, zone);
    if (day < today)
        return Problem("online.day_in_past",
                       {{"day", format_iso_date(day)}, {"today", format_iso_date(today)}});
    auto window = online_bookable_days(now, zone, rules);
    if (!window) return window.problem();
    if (window->last < day)
        return Problem(
            "online.day_not_open_yet",
            {{"day", format_iso_date(day)},
             {"opens_at", format_local_instant(online_opening_of(day, zone, rules), zone)}});
    const Instant closes_at = slot.start - rules.online_lead_time;
    if (now >= closes_at)
        return Problem("online.too_late", {{"closes_at", format_local_instant(closes_at, zone)}});
    return std::nullopt;
}

std::optional<Problem> check_terminal_registration(const Slot& slot, Instant now,
                                                   const date::time_zone& zone) {
    if (auto p = check_range(now)) return p;
    if (auto p = check_range(slot.start)) return p;
    if (auto p = check_range(slot.end)) return p;
    const Date today = local_date_of(now, zone);
    const Date day = local_date_of(slot.start, zone);
    if (day != today)
        return Problem("terminal.not_today",
                       {{"day", format_iso_date(day)}, {"today", format_iso_date(today)}});
    if (now >= slot.end)
        return Problem("terminal.slot_passed",
                       {{"ended_at", format_local_instant(slot.end, zone)}});
    return std::nullopt;
}

std::optional<Problem> check_cancellation(Instant slot_start, Instant now,
                                          const date::time_zone& zone, const BookingRules& rules) {
    if (auto p = check_rules(rules)) return p;
    if (auto p = check_range(now)) return p;
    if (auto p = check_range(slot_start)) return p;
    const Instant deadline = slot_start - rules.cancellation_deadline;
    if (now > deadline)
        return Problem("cancel.too_late", {{"deadline", format_local_instant(deadline, zone)}});
    return std::nullopt;
}

}  // namespace cherha::core

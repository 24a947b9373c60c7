#include "core/calendar/booking_rules.h"

#include <string>

namespace cherha::core {

std::vector<Problem> validate_booking_rules(const BookingRules& rules) {
    constexpr std::chrono::minutes kWeek{7 * 24 * 60};
    std::vector<Problem> problems;
    if (rules.online_window_days < 1 || rules.online_window_days > 366)
        problems.push_back(Problem("rules.online_window_days",
                                   {{"days", std::to_string(rules.online_window_days)}}));
    if (rules.online_opening_time < std::chrono::seconds{0} ||
        rules.online_opening_time >= std::chrono::hours{24})
        problems.push_back(
            Problem("rules.online_opening_time",
                    {{"seconds", std::to_string(rules.online_opening_time.count())}}));
    if (rules.online_lead_time < std::chrono::minutes{0} || rules.online_lead_time > kWeek)
        problems.push_back(Problem("rules.online_lead_time",
                                   {{"minutes", std::to_string(rules.online_lead_time.count())}}));
    if (rules.cancellation_deadline < std::chrono::minutes{0} ||
        rules.cancellation_deadline > kWeek)
        problems.push_back(
            Problem("rules.cancellation_deadline",
                    {{"minutes", std::to_string(rules.cancellation_deadline.count())}}));
    return problems;
}

}  // namespace cherha::core

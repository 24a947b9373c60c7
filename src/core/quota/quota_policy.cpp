#include "core/quota/quota_policy.h"

#include <cstdio>
#include <string>

#include "core/quota/calendar_period.h"

namespace cherha::core {

std::optional<Problem> check_quota_policy(const QuotaPolicy& policy) {
    const std::pair<const char*, int> fields[] = {
        {"person_online_per_month", policy.person_online_per_month},
        {"person_terminal_per_month", policy.person_terminal_per_month},
        {"entity_online_per_day", policy.entity_online_per_day},
        {"entity_terminal_per_day", policy.entity_terminal_per_day},
    };
    for (const auto& [field, value] : fields)
        if (value < 0 || value > kMaxQuotaLimit)
            return Problem("quota.policy_limit_invalid", {{"field", field},
                                                          {"value", std::to_string(value)},
                                                          {"max", std::to_string(kMaxQuotaLimit)}});
    return std::nullopt;
}

namespace quota_calendar {

std::string format_iso_month(Date d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()));
    return buf;
}

}  // namespace quota_calendar

}  // namespace cherha::core

#include "core/quota/quota_decision.h"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <string>

#include "core/quota/calendar_period.h"

namespace cherha::core {

using namespace quota_calendar;

std::string_view quota_rule_code(QuotaRule rule) {
    switch (rule) {
        case QuotaRule::PersonOnlineMonth:
            return "quota.person_online_month";
        case QuotaRule::PersonTerminalMonth:
            return "quota.person_terminal_month";
        case QuotaRule::EntityOnlineDay:
            return "quota.entity_online_day";
        case QuotaRule::EntityTerminalDay:
            return "quota.entity_terminal_day";
    }
    return "quota.unknown";
}

Result<QuotaDecision> decide_quota(const QuotaPolicy& policy, RegistrantKind kind,
                                   BookingChannel channel, Date visit_date,
                                   std::span<const QuotaRegistration> existing) {
    if (!is_decidable_date(visit_date))
        return Problem("quota.visit_date_invalid", {{"visit_date", format_iso_date(visit_date)}});

    const bool online = channel == BookingChannel::Online;
    QuotaDecision d;
    if (kind == RegistrantKind::LegalEntityRepresentative) {
        d.rule = online ? QuotaRule::EntityOnlineDay : QuotaRule::EntityTerminalDay;
        d.period = QuotaPeriod::Day;
        d.limit = online ? policy.entity_online_per_day : policy.entity_terminal_per_day;
        d.period_start = visit_date;
        d.frees_on = next_day(visit_date);
    } else {
        d.rule = online ? QuotaRule::PersonOnlineMonth : QuotaRule::PersonTerminalMonth;
        d.period = QuotaPeriod::Month;
        d.limit = online ? policy.person_online_per_month : policy.person_terminal_per_month;
        d.period_start = visit_date.year() / visit_date.month() / date::day{1};
        d.frees_on = first_day_of_next_month(visit_date);
    }
    d.limit = std::max(d.limit, 0);

    auto in_period = [&](Date other) {
        if (d.period == QuotaPeriod::Day) return other == visit_date;
        return other.year() == visit_date.year() && other.month() == visit_date.month();
    };
    std::size_t count = 0;
    for (const QuotaRegistration& r : existing)
        if (r.channel == channel && in_period(r.visit_date)) ++count;
    constexpr auto kIntMax = static_cast<std::size_t>(std::numeric_limits<int>::max());
    d.count = static_cast<int>(std::min(count, kIntMax));
    d.allowed = count < static_cast<std::size_t>(d.limit);
    if (!d.allowed)
        d.refusal = Problem(std::string(quota_rule_code(d.rule)),
                            {{"limit", std::to_string(d.limit)},
                             {"count", std::to_string(d.count)},
                             {"frees_on", format_iso_date(d.frees_on)}});
    return d;
}

}  // namespace cherha::core

#include "core/quota/retake_pause.h"

#include <algorithm>

#include "core/quota/calendar_period.h"

namespace cherha::core {

using namespace quota_calendar;

Result<RetakeDecision> decide_retake(const RetakePause& pause,
                                     std::span<const Date> failed_attempts, Date visit_date) {
    if (!is_decidable_date(visit_date))
        return Problem("retake.visit_date_invalid", {{"visit_date", format_iso_date(visit_date)}});

    RetakeDecision d;
    for (const Date& failed : failed_attempts) {
        if (!is_decidable_date(failed)) continue;
        if (!d.failed_on || date::sys_days{failed} > date::sys_days{*d.failed_on})
            d.failed_on = failed;
    }
    if (!d.failed_on) return d;

    const int days = std::clamp(pause.days, 0, kMaxRetakePauseDays);
    d.earliest = add_days(*d.failed_on, days);
    d.allowed = date::sys_days{visit_date} >= date::sys_days{*d.earliest};
    if (!d.allowed)
        d.refusal = Problem("retake.too_early", {{"failed_on", format_iso_date(*d.failed_on)},
                                                 {"earliest", format_iso_date(*d.earliest)}});
    return d;
}

}  // namespace cherha::core

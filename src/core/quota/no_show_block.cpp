#include "core/quota/no_show_block.h"

#include <algorithm>
#include <limits>
#include <map>
#include <string>

#include "core/quota/calendar_period.h"

namespace cherha::core {

using namespace quota_calendar;

NoShowBlockDecision decide_no_show_block(const NoShowBlockPolicy& policy, BookingChannel channel,
                                         std::span<const NoShowRecord> no_shows,
                                         std::optional<Instant> last_unblocked_at) {
    NoShowBlockDecision d;
    d.threshold = std::max(policy.no_shows_per_month, 1);

    std::map<date::year_month, int> per_month;
    for (const NoShowRecord& r : no_shows) {
        if (last_unblocked_at && r.slot_start <= *last_unblocked_at) continue;
        const date::year_month ym = r.visit_date.year() / r.visit_date.month();
        if (!ym.ok()) continue;
        int& n = per_month[ym];
        if (n < std::numeric_limits<int>::max()) ++n;
    }

    const bool online = channel == BookingChannel::Online;
    for (const auto& [ym, n] : per_month) {  // chronological order
        if (online && n >= d.threshold) {
            d.blocked = true;
            d.count = n;
            d.month = ym / date::day{1};
            break;
        }
        if (n > d.count) {
            d.count = n;
            d.month = ym / date::day{1};
        }
    }
    if (d.blocked)
        d.refusal = Problem("block.no_shows", {{"count", std::to_string(d.count)},
                                               {"month", format_iso_month(*d.month)},
                                               {"threshold", std::to_string(d.threshold)}});
    return d;
}

}  // namespace cherha::core

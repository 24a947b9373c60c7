// Blocking online booking after repeated no-shows (PRODUCT.md rule 3).
//
// An identity with `no_shows_per_month` (default 4) no-shows whose visits fall in one calendar
// month can no longer book online. The block does not lapse at the end of that month or any
// later one: it lasts until a supervisor unblocks the identity in person at the center. After
// an unblock, only no-shows of slots that start after the unblock count; older ones never count
// again.
//
// The block concerns the online channel only: a blocked visitor who comes to the center can
// still register at the terminal (for today, within the terminal quota), so the decision for
// BookingChannel::Terminal is never blocked.
//
// Problem code (the refusal of a NoShowBlockDecision):
//   block.no_shows {count, month, threshold}
//     count     = no-shows counted in that month (>= threshold)
//     month     = "YYYY-MM", the first calendar month in which the threshold was reached
//     threshold = the policy's no_shows_per_month
#pragma once

#include <optional>
#include <span>

#include "core/booking/booking_state.h"
#include "core/common/civil.h"
#include "core/common/problem.h"

namespace cherha::core {

// Configurable per center. A threshold below 1 is treated as 1.
struct NoShowBlockPolicy {
    int no_shows_per_month = 4;
};

// One recorded no-show of the identity.
struct NoShowRecord {
    Date visit_date;     // the local day of the missed visit (decides the month)
    Instant slot_start;  // when the missed slot started (compared with the unblock)
};

struct NoShowBlockDecision {
    bool blocked = false;
    int threshold = 0;  // the effective threshold (policy value, at least 1)
    // Blocked: the no-shows of `month`. Not blocked: the highest count of any month (0 if none).
    int count = 0;
    // First day of the month meant by `count` (nullopt when nothing counted).
    std::optional<Date> month;
    std::optional<Problem> refusal;  // set iff blocked: block.no_shows {count, month, threshold}
};

// Decide whether the identity may book on `channel`.
// Needs: the identity's no-shows (any order); `last_unblocked_at` = the supervisor's latest
// unblock, if any. Records with an invalid year/month are ignored.
// Guarantees: blocked iff channel is online and some calendar month holds at least threshold
// no-shows whose slot started strictly after the last unblock; `month` is then the earliest
// such month. Pure, thread-safe, never throws.
NoShowBlockDecision decide_no_show_block(const NoShowBlockPolicy& policy, BookingChannel channel,
                                         std::span<const NoShowRecord> no_shows,
                                         std::optional<Instant> last_unblocked_at);

}  // namespace cherha::core

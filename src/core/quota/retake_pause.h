// The pause a service may require after a failed attempt (PRODUCT.md rule 4). The driving
// exams: failed on day D, a retake is allowed on day D + 10 at the earliest (D + 9 is refused).
//
// Problem codes:
//   retake.too_early {failed_on, earliest}   (the refusal; ISO dates: the latest failed
//                                             attempt and the first allowed visit day)
//   retake.visit_date_invalid {visit_date}   (the Result's: not a real day of years 1..9999)
#pragma once

#include <optional>
#include <span>

#include "core/common/civil.h"
#include "core/common/problem.h"

namespace cherha::core {

// The driving exams' pause in days.
inline constexpr int kDrivingExamRetakePauseDays = 10;
// Longest pause a service may configure (about ten years). The schedule validation
// (core/calendar/center_schedule.cpp, schedule.retake_pause) accepts 0..kMaxRetakePauseDays;
// decide_retake treats longer values as this.
inline constexpr int kMaxRetakePauseDays = 3650;

// A service's retake rule. 0 days = no pause (the default for services without exams);
// negative values are treated as 0.
struct RetakePause {
    int days = 0;
};

struct RetakeDecision {
    bool allowed = true;
    std::optional<Date> failed_on;   // the latest failed attempt considered, if any
    std::optional<Date> earliest;    // failed_on + pause days, if there was a failed attempt
    std::optional<Problem> refusal;  // set iff !allowed: retake.too_early {failed_on, earliest}
};

// Decide whether a visit on `visit_date` may be booked for the service.
// Needs: the identity's failed attempts at this service (any order; invalid dates ignored).
// Guarantees: allowed iff there is no failed attempt or visit_date >= latest failure + pause;
// retake.visit_date_invalid for an invalid visit date. Pure, thread-safe, never throws.
Result<RetakeDecision> decide_retake(const RetakePause& pause,
                                     std::span<const Date> failed_attempts, Date visit_date);

}  // namespace cherha::core

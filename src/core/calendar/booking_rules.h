// The center's booking limits in time (PRODUCT.md, "The rules of the queue", 1 and 3).
// The per-identity quotas are configured elsewhere (core/quota).
#pragma once

#include <chrono>
#include <vector>

#include "core/common/problem.h"

namespace cherha::core {

//   online_window_days:     online booking reaches this many calendar days counting today
//                           (1..366, default 21)
//   online_opening_time:    local time of day at which the last day of the window opens
//                           (00:00:00 .. 23:59:59, default 06:00)
//   online_lead_time:       online booking of a slot closes this long before it starts
//                           (0 .. 7 days, default 60 minutes)
//   cancellation_deadline:  a booking can be cancelled until this long before its slot
//                           starts, that moment included (0 .. 7 days, default 2 hours)
struct BookingRules {
    int online_window_days = 21;
    std::chrono::seconds online_opening_time = std::chrono::hours{6};
    std::chrono::minutes online_lead_time{60};
    std::chrono::minutes cancellation_deadline{120};

    bool operator==(const BookingRules&) const = default;
};

// Everything wrong with `rules`, empty when valid. Never throws.
// Problems:
//   rules.online_window_days     {days}     outside 1..366
//   rules.online_opening_time    {seconds}  outside 0..86399
//   rules.online_lead_time       {minutes}  outside 0..10080
//   rules.cancellation_deadline  {minutes}  outside 0..10080
// Thread-safe, pure.
std::vector<Problem> validate_booking_rules(const BookingRules& rules);

}  // namespace cherha::core

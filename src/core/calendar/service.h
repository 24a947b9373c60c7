// Services a center offers and the windows (counters) that serve them: plain data,
// part of a CenterSchedule. Checked by validate_schedule() (center_schedule.h).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace cherha::core {

// A window (counter) of the center where a clerk serves visitors.
//   id:     stable identifier the services refer to (non-empty, unique in the center)
//   number: the number shown on the board and above the window (>= 1, unique)
struct ServiceWindow {
    std::string id;
    int number = 0;

    bool operator==(const ServiceWindow&) const = default;
};

// A service a visitor books (e.g. "Theory exam", "Vehicle registration").
//   id:                 stable identifier (non-empty, unique in the center)
//   name_uk, name_en:   display names (non-empty)
//   duration:           length of one slot of this service, 1 minute .. 24 hours
//   window_ids:         the windows that serve it (at least one, each known, none twice)
//   retake_pause_days:  when set, a failed attempt may be retaken no earlier than this many
//                       days later (0..3650); used by the retake rule, not by the calendar
struct Service {
    std::string id;
    std::string name_uk;
    std::string name_en;
    std::chrono::minutes duration{0};
    std::vector<std::string> window_ids;
    std::optional<int> retake_pause_days;

    bool operator==(const Service&) const = default;
};

}  // namespace cherha::core

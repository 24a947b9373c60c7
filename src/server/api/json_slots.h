// The free-slot list, the booking page's most frequent request, written straight into the
// response body: building an nlohmann tree (a std::map per slot) cost a quarter of the request
// (docs/performance.md, "Why slot reads ..."). Same JSON as a tree would give:
// {"service", "day", "channel", "slots": [{"time", "start", "end", "capacity", "taken", "free",
// "bookable"}]}; times "HH:MM" local, instants ISO 8601 UTC.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "center/service_center.h"

namespace cherha::server::api {

// The body of GET /api/v1/services/{service}/slots. `service` is escaped as a JSON string
// (invalid UTF-8 replaced), so any text is safe. Pure.
std::string slot_list_body(std::string_view service, core::Date day, core::BookingChannel channel,
                           const std::vector<center::SlotAvailability>& slots);

}  // namespace cherha::server::api

// The API's small formatting helpers: instants in ISO 8601 UTC, times of day, URL encoding,
// queue events.
#include <gtest/gtest.h>

#include "server/api/json_booking.h"

namespace cherha::server::api {
namespace {

using namespace std::chrono_literals;

TEST(IsoInstant, FormatsUtcWithZeroPaddingAtEveryEdge) {
    const auto day = [](int y, unsigned m, unsigned d) {
        return core::Instant{date::sys_days{date::year{y} / m / d}};
    };
    EXPECT_EQ(iso_instant(day(2026, 3, 4) + 9h), "2026-03-04T09:00:00Z");
    EXPECT_EQ(iso_instant(day(2026, 12, 31) + 23h + 59min + 59s), "2026-12-31T23:59:59Z");
    EXPECT_EQ(iso_instant(day(2027, 1, 1)), "2027-01-01T00:00:00Z");
    EXPECT_EQ(iso_instant(day(1970, 1, 1)), "1970-01-01T00:00:00Z");
    EXPECT_EQ(iso_instant(day(1900, 2, 28) + 1s), "1900-02-28T00:00:01Z");
    EXPECT_EQ(iso_instant(day(2028, 2, 29) + 12h + 5min), "2028-02-29T12:05:00Z");
}

TEST(TimeOfDay, IsHoursAndMinutes) {
    EXPECT_EQ(time_of_day(0), "00:00");
    EXPECT_EQ(time_of_day(9 * 60 + 5), "09:05");
    EXPECT_EQ(time_of_day(23 * 60 + 59), "23:59");
}

TEST(EventJson, CarriesTheChangeNumberOrNullWhenUnknown) {
    center::QueueEvent event;
    event.kind = "booking";
    event.booking_id = 7;
    event.state = "called";
    event.change = 42;
    const core::CenterSchedule schedule;
    auto known = event_json(event, schedule);
    ASSERT_TRUE(known["change"].is_number_integer()) << known.dump();
    EXPECT_EQ(known["change"].get<std::int64_t>(), 42);
    EXPECT_EQ(known.value("booking", 0), 7);
    event.change = 0;
    EXPECT_TRUE(event_json(event, schedule)["change"].is_null());
}

}  // namespace
}  // namespace cherha::server::api

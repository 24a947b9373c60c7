// Tests of the center's clock: zone lookup, local <-> UTC conversion, instant formatting.
#include "core/calendar/center_time.h"

#include <gtest/gtest.h>

#include "core/calendar_fixtures.h"

namespace cherha::core {
namespace {

using calendar_test::kyiv;
using calendar_test::local;
using calendar_test::utc;
using calendar_test::ymd;

TEST(CenterTime, LocatesKnownZones) {
    auto zone = locate_center_zone("Europe/Kyiv");
    ASSERT_TRUE(zone.ok());
    EXPECT_EQ((*zone)->name(), "Europe/Kyiv");
    EXPECT_TRUE(locate_center_zone("Europe/Kiev").ok());
    EXPECT_TRUE(locate_center_zone("Asia/Tokyo").ok());
}

TEST(CenterTime, UnknownZoneIsAProblemNotAnException) {
    for (const std::string& name :
         {std::string(), std::string("Kyiv"), std::string("europe/kyiv"),
          std::string("/usr/share/zoneinfo/Europe/Kyiv"), std::string("Europe/Kyiv\0", 12),
          std::string("\xc3\x28"), std::string(100000, '/')}) {
        auto zone = locate_center_zone(name);
        ASSERT_FALSE(zone.ok()) << name;
        EXPECT_EQ(zone.problem(), Problem("schedule.unknown_time_zone", {{"time_zone", name}}));
    }
}

TEST(CenterTime, LocalTimeAndDate) {
    EXPECT_EQ(local_time_of(utc(2026, 8, 20, 3, 0), kyiv()), local(2026, 8, 20, 6, 0));
    EXPECT_EQ(local_time_of(utc(2026, 12, 20, 4, 0), kyiv()), local(2026, 12, 20, 6, 0));
    // 21:30 UTC on 19 August is already 20 August in Kyiv.
    EXPECT_EQ(local_date_of(utc(2026, 8, 19, 21, 0), kyiv()), ymd(2026, 8, 20));
    EXPECT_EQ(local_date_of(utc(2026, 8, 19, 20, 59, 59), kyiv()), ymd(2026, 8, 19));
}

TEST(CenterTime, InstantOfAmbiguousAndNonexistentLocalTimes) {
    EXPECT_EQ(instant_of(local(2026, 8, 20, 9, 0), kyiv()), utc(2026, 8, 20, 6, 0));
    EXPECT_EQ(instant_of(local(2026, 12, 2, 9, 0), kyiv()), utc(2026, 12, 2, 7, 0));
    // Repeated hour: the first (summer time) instant.
    EXPECT_EQ(instant_of(local(2026, 10, 25, 3, 30), kyiv()), utc(2026, 10, 25, 0, 30));
    // Skipped hour: the instant the gap ends (04:00 EEST).
    EXPECT_EQ(instant_of(local(2026, 3, 29, 3, 30), kyiv()), utc(2026, 3, 29, 1, 0));
    EXPECT_EQ(instant_of(local(2026, 3, 29, 2, 59, 59), kyiv()), utc(2026, 3, 29, 0, 59, 59));
    EXPECT_EQ(instant_of(local(2026, 3, 29, 4, 0), kyiv()), utc(2026, 3, 29, 1, 0));
}

TEST(CenterTime, FormatLocalInstant) {
    EXPECT_EQ(format_local_instant(utc(2026, 8, 20, 3, 0), kyiv()), "2026-08-20T06:00:00+03:00");
    EXPECT_EQ(format_local_instant(utc(2026, 12, 31, 21, 59, 59), kyiv()),
              "2026-12-31T23:59:59+02:00");
    EXPECT_EQ(format_local_instant(utc(2026, 10, 25, 0, 30), kyiv()), "2026-10-25T03:30:00+03:00");
    EXPECT_EQ(format_local_instant(utc(2026, 10, 25, 1, 30), kyiv()), "2026-10-25T03:30:00+02:00");
    EXPECT_EQ(format_local_instant(utc(2026, 8, 20, 13, 0), *date::locate_zone("America/New_York")),
              "2026-08-20T09:00:00-04:00");
    EXPECT_EQ(format_local_instant(utc(2026, 8, 20, 0, 0), *date::locate_zone("Asia/Kolkata")),
              "2026-08-20T05:30:00+05:30");
}

TEST(CenterTime, SupportedRange) {
    EXPECT_TRUE(instant_in_supported_range(utc(1900, 1, 1, 0, 0)));
    EXPECT_FALSE(instant_in_supported_range(utc(1899, 12, 31, 23, 59, 59)));
    EXPECT_TRUE(instant_in_supported_range(utc(9999, 12, 31, 23, 59, 59)));
    EXPECT_FALSE(instant_in_supported_range(utc(10000, 1, 1, 0, 0)));
    EXPECT_FALSE(instant_in_supported_range(Instant::max()));
    EXPECT_FALSE(instant_in_supported_range(Instant::min()));
    EXPECT_EQ(instant_out_of_range(Instant{std::chrono::seconds{-5}}),
              Problem("calendar.instant_out_of_range", {{"instant", "-5"}}));
}

}  // namespace
}  // namespace cherha::core

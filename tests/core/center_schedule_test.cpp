// Tests of the center schedule: effective hours of a day and schedule validation.
#include "core/calendar/center_schedule.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/calendar_fixtures.h"

namespace cherha::core {
namespace {

using calendar_test::hm;
using calendar_test::span;
using calendar_test::typical_center;
using calendar_test::ymd;

// The problems of `problems` with code `code`.
std::vector<Problem> with_code(const std::vector<Problem>& problems, const std::string& code) {
    std::vector<Problem> out;
    std::copy_if(problems.begin(), problems.end(), std::back_inserter(out),
                 [&](const Problem& p) { return p.code == code; });
    return out;
}

TEST(CenterSchedule, TypicalCenterIsValid) {
    EXPECT_TRUE(validate_schedule(typical_center()).empty());
}

TEST(CenterSchedule, DefaultZoneIsKyiv) {
    EXPECT_EQ(CenterSchedule{}.time_zone, "Europe/Kyiv");
}

TEST(CenterSchedule, WeeklyHoursStartOnMonday) {
    CenterSchedule s = typical_center();
    EXPECT_EQ(&weekly_hours(s, date::Monday), &s.weekly[0]);
    EXPECT_EQ(&weekly_hours(s, date::Saturday), &s.weekly[5]);
    EXPECT_EQ(&weekly_hours(s, date::Sunday), &s.weekly[6]);
}

TEST(CenterSchedule, HoursOnUseWeekdayHolidayAndSpecialDay) {
    const CenterSchedule s = typical_center();
    EXPECT_EQ(hours_on(s, ymd(2026, 8, 20)).opening.front(), span(9, 0, 18, 0));   // Thursday
    EXPECT_EQ(hours_on(s, ymd(2026, 8, 22)).opening.front(), span(9, 0, 16, 0));   // Saturday
    EXPECT_TRUE(hours_on(s, ymd(2026, 8, 23)).opening.empty());                    // Sunday
    EXPECT_TRUE(hours_on(s, ymd(2026, 8, 24)).opening.empty());                    // holiday
    EXPECT_EQ(hours_on(s, ymd(2026, 12, 31)).opening.front(), span(9, 0, 14, 0));  // special
    EXPECT_TRUE(hours_on(s, ymd(2026, 12, 31)).breaks.empty());
    EXPECT_TRUE(hours_on(s, ymd(2026, 2, 30)).opening.empty());  // not a date
}

TEST(CenterSchedule, FindServiceAndCapacity) {
    const CenterSchedule s = typical_center();
    ASSERT_NE(find_service(s, "exam"), nullptr);
    EXPECT_EQ(find_service(s, "exam")->name_en, "Theory exam");
    EXPECT_EQ(find_service(s, "nope"), nullptr);
    EXPECT_EQ(find_service(s, ""), nullptr);
    EXPECT_EQ(serving_window_count(s, *find_service(s, "exam")), 2);
    EXPECT_EQ(serving_window_count(s, *find_service(s, "registration")), 1);
    Service odd{"x", "x", "x", hm(0, 10), {"w1", "w1", "zzz"}, {}};
    EXPECT_EQ(serving_window_count(s, odd), 1);  // duplicates and unknown ids do not count
}

TEST(CenterSchedule, FormatInterval) {
    EXPECT_EQ(format_interval(span(9, 0, 18, 0)), "09:00-18:00");
    EXPECT_EQ(format_interval(span(0, 0, 24, 0)), "00:00-24:00");
    EXPECT_EQ(format_interval({hm(0, -5), hm(25, 0)}), "-5min-1500min");
}

TEST(CenterScheduleValidation, UnknownTimeZone) {
    for (const std::string& zone :
         {std::string("Europe/Kyjiw"), std::string(""), std::string("../../etc/passwd"),
          std::string("Europe/Kyiv\0x", 13), std::string("\xff\xfe"), std::string("Європа/Київ"),
          std::string(10000, 'A')}) {
        CenterSchedule s = typical_center();
        s.time_zone = zone;
        const auto problems = validate_schedule(s);
        ASSERT_EQ(problems.size(), 1u) << zone;
        EXPECT_EQ(problems[0].code, "schedule.unknown_time_zone");
        EXPECT_EQ(problems[0].param("time_zone"), zone);
    }
}

TEST(CenterScheduleValidation, OtherZonesAndLinksAreKnown) {
    for (const char* zone : {"Europe/Kyiv", "Europe/Kiev", "America/New_York", "UTC"}) {
        CenterSchedule s = typical_center();
        s.time_zone = zone;
        EXPECT_TRUE(validate_schedule(s).empty()) << zone;
    }
}

TEST(CenterScheduleValidation, IntervalEndBeforeStart) {
    CenterSchedule s = typical_center();
    s.weekly[1].opening = {span(18, 0, 9, 0)};
    s.weekly[1].breaks = {};
    s.weekly[2].opening = {span(9, 0, 9, 0)};  // empty interval
    s.weekly[2].breaks = {};
    const auto problems = validate_schedule(s);
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0], Problem("schedule.interval_end_before_start",
                                   {{"where", "tue"}, {"interval", "18:00-09:00"}}));
    EXPECT_EQ(problems[1], Problem("schedule.interval_end_before_start",
                                   {{"where", "wed"}, {"interval", "09:00-09:00"}}));
}

TEST(CenterScheduleValidation, OneMinuteIntervalAndWholeDayAreFine) {
    CenterSchedule s = typical_center();
    s.weekly[6].opening = {span(0, 0, 24, 0)};
    s.weekly[5].opening = {span(9, 0, 9, 1)};
    EXPECT_TRUE(validate_schedule(s).empty());
}

TEST(CenterScheduleValidation, TimeOutOfRange) {
    CenterSchedule s = typical_center();
    s.weekly[6].opening = {{hm(0, -1), hm(10, 0)}, {hm(20, 0), hm(24, 1)}};
    s.weekly[5].opening = {{std::chrono::minutes::min(), std::chrono::minutes::max()}};
    const auto problems = validate_schedule(s);
    const auto out = with_code(problems, "schedule.time_out_of_range");
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(problems.size(), 3u);
    EXPECT_EQ(out[0].param("where"), "sat");
    EXPECT_EQ(out[1], Problem("schedule.time_out_of_range",
                              {{"where", "sun"}, {"interval", "-1min-10:00"}}));
    EXPECT_EQ(out[2].param("interval"), "20:00-1441min");
}

TEST(CenterScheduleValidation, OverlappingOpeningIntervals) {
    CenterSchedule s = typical_center();
    s.weekly[5].opening = {span(12, 0, 16, 0), span(9, 0, 12, 1)};
    const auto problems = validate_schedule(s);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0],
              Problem("schedule.intervals_overlap",
                      {{"where", "sat"}, {"interval", "12:00-16:00"}, {"other", "09:00-12:01"}}));
    // Touching intervals do not overlap.
    s.weekly[5].opening = {span(12, 0, 16, 0), span(9, 0, 12, 0)};
    EXPECT_TRUE(validate_schedule(s).empty());
}

TEST(CenterScheduleValidation, OverlappingBreaks) {
    CenterSchedule s = typical_center();
    s.weekly[0].breaks = {span(13, 0, 13, 45), span(13, 30, 14, 0)};
    const auto problems = validate_schedule(s);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].code, "schedule.intervals_overlap");
    EXPECT_EQ(problems[0].param("where"), "mon");
    EXPECT_EQ(problems[0].param("interval"), "13:30-14:00");
}

TEST(CenterScheduleValidation, BreakOutsideOpeningHours) {
    CenterSchedule s = typical_center();
    s.weekly[0].breaks = {span(17, 30, 18, 30)};                    // crosses closing
    s.weekly[1].breaks = {span(8, 0, 8, 30)};                       // before opening
    s.weekly[6].breaks = {span(12, 0, 12, 30)};                     // on a closed day
    s.weekly[2].breaks = {span(9, 0, 9, 30), span(17, 30, 18, 0)};  // at the edges: fine
    const auto problems = validate_schedule(s);
    ASSERT_EQ(problems.size(), 3u);
    EXPECT_EQ(problems[0], Problem("schedule.break_outside_opening",
                                   {{"where", "mon"}, {"interval", "17:30-18:30"}}));
    EXPECT_EQ(problems[1].param("where"), "tue");
    EXPECT_EQ(problems[2].param("where"), "sun");
}

TEST(CenterScheduleValidation, BreakSpanningTwoOpeningIntervalsIsOutside) {
    CenterSchedule s = typical_center();
    s.weekly[5].opening = {span(9, 0, 12, 0), span(12, 0, 16, 0)};
    s.weekly[5].breaks = {span(11, 30, 12, 30)};
    const auto problems = validate_schedule(s);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].code, "schedule.break_outside_opening");
}

TEST(CenterScheduleValidation, SpecialDayHoursAreChecked) {
    CenterSchedule s = typical_center();
    s.special_days.push_back({ymd(2027, 1, 2), DayHours{{span(10, 0, 9, 0)}, {}}});
    const auto problems = validate_schedule(s);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0], Problem("schedule.interval_end_before_start",
                                   {{"where", "2027-01-02"}, {"interval", "10:00-09:00"}}));
}

TEST(CenterScheduleValidation, InvalidAndDuplicateDates) {
    CenterSchedule s = typical_center();
    s.closed_days.push_back(ymd(2026, 2, 29));   // 2026 is no leap year
    s.closed_days.push_back(ymd(2026, 12, 31));  // also a special day
    s.closed_days.push_back(ymd(2026, 8, 24));   // twice
    s.closed_days.push_back(ymd(2026, 8, 24));   // three times: reported once
    s.special_days.push_back({ymd(2026, 13, 1), {}});
    const auto problems = validate_schedule(s);
    ASSERT_EQ(problems.size(), 4u);
    EXPECT_EQ(problems[0],
              Problem("schedule.invalid_date", {{"list", "closed_days"}, {"index", "1"}}));
    EXPECT_EQ(problems[1],
              Problem("schedule.invalid_date", {{"list", "special_days"}, {"index", "1"}}));
    EXPECT_EQ(problems[2], Problem("schedule.duplicate_date", {{"date", "2026-08-24"}}));
    EXPECT_EQ(problems[3], Problem("schedule.duplicate_date", {{"date", "2026-12-31"}}));
}

TEST(CenterScheduleValidation, Windows) {
    CenterSchedule s = typical_center();
    s.windows.push_back({"", 4});
    s.windows.push_back({"w1", 5});
    s.windows.push_back({"w6", 0});
    s.windows.push_back({"w7", 3});
    const auto problems = validate_schedule(s);
    ASSERT_EQ(problems.size(), 4u);
    EXPECT_EQ(problems[0], Problem("schedule.empty_id", {{"kind", "window"}, {"index", "3"}}));
    EXPECT_EQ(problems[1], Problem("schedule.duplicate_id", {{"kind", "window"}, {"id", "w1"}}));
    EXPECT_EQ(problems[2], Problem("schedule.window_number", {{"window", "w6"}, {"number", "0"}}));
    EXPECT_EQ(problems[3], Problem("schedule.duplicate_window_number", {{"number", "3"}}));
}

TEST(CenterScheduleValidation, ServiceIds) {
    CenterSchedule s = typical_center();
    s.services.push_back(s.services[0]);
    s.services.push_back(s.services[1]);
    s.services.back().id = "";
    const auto problems = validate_schedule(s);
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0], Problem("schedule.duplicate_id", {{"kind", "service"}, {"id", "exam"}}));
    EXPECT_EQ(problems[1], Problem("schedule.empty_id", {{"kind", "service"}, {"index", "4"}}));
}

TEST(CenterScheduleValidation, ServiceDurationBounds) {
    const CenterSchedule base = typical_center();
    for (auto [minutes, valid] : {std::pair{0, false}, std::pair{-20, false}, std::pair{1, true},
                                  std::pair{1440, true}, std::pair{1441, false}}) {
        CenterSchedule s = base;
        s.services[0].duration = std::chrono::minutes{minutes};
        const auto problems = validate_schedule(s);
        if (valid) {
            EXPECT_TRUE(problems.empty()) << minutes;
        } else {
            ASSERT_EQ(problems.size(), 1u) << minutes;
            EXPECT_EQ(problems[0],
                      Problem("schedule.service_duration",
                              {{"service", "exam"}, {"minutes", std::to_string(minutes)}}));
        }
    }
}

TEST(CenterScheduleValidation, ServiceWithoutWindows) {
    CenterSchedule s = typical_center();
    s.services[1].window_ids.clear();
    const auto problems = validate_schedule(s);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0],
              Problem("schedule.service_without_windows", {{"service", "registration"}}));
}

TEST(CenterScheduleValidation, UnknownAndRepeatedWindows) {
    CenterSchedule s = typical_center();
    s.services[0].window_ids = {"w1", "w9", "w1", std::string("w2\0", 3), "W2"};
    const auto problems = validate_schedule(s);
    ASSERT_EQ(problems.size(), 4u);
    EXPECT_EQ(problems[0],
              Problem("schedule.unknown_window", {{"service", "exam"}, {"window", "w9"}}));
    EXPECT_EQ(problems[1],
              Problem("schedule.window_listed_twice", {{"service", "exam"}, {"window", "w1"}}));
    EXPECT_EQ(problems[2].param("window"), std::string("w2\0", 3));
    EXPECT_EQ(problems[3].param("window"), "W2");  // ids are case-sensitive
}

TEST(CenterScheduleValidation, ServiceNamesAndRetakePause) {
    CenterSchedule s = typical_center();
    s.services[0].name_uk = "";
    s.services[1].name_en = "";
    s.services[1].retake_pause_days = -1;
    s.services[2].retake_pause_days = 3651;
    auto problems = validate_schedule(s);
    ASSERT_EQ(problems.size(), 4u);
    EXPECT_EQ(problems[0],
              Problem("schedule.service_name_missing", {{"service", "exam"}, {"language", "uk"}}));
    EXPECT_EQ(problems[1], Problem("schedule.service_name_missing",
                                   {{"service", "registration"}, {"language", "en"}}));
    EXPECT_EQ(problems[2],
              Problem("schedule.retake_pause", {{"service", "registration"}, {"days", "-1"}}));
    EXPECT_EQ(problems[3],
              Problem("schedule.retake_pause", {{"service", "licence"}, {"days", "3651"}}));
    s = typical_center();
    s.services[1].retake_pause_days = 0;
    s.services[2].retake_pause_days = 3650;
    EXPECT_TRUE(validate_schedule(s).empty());
}

TEST(CenterScheduleValidation, HostileTextIsCarriedNotInterpreted) {
    CenterSchedule s = typical_center();
    const std::string odd = std::string("\xc3\x28 Ф\0A", 7);  // invalid UTF-8, Cyrillic, NUL
    s.windows.push_back({odd, 9});
    s.services[0].id = odd;
    s.services[0].window_ids.push_back(odd);
    s.services[0].name_uk = odd;
    EXPECT_TRUE(validate_schedule(s).empty());
    EXPECT_NE(find_service(s, odd), nullptr);
    EXPECT_EQ(serving_window_count(s, s.services[0]), 3);
}

TEST(CenterScheduleValidation, EverythingEmptyIsValid) {
    CenterSchedule s;
    EXPECT_TRUE(validate_schedule(s).empty());
}

TEST(CenterScheduleValidation, ValidateServiceStandsAlone) {
    const CenterSchedule s = typical_center();
    Service extra{"extra", "Додаткова", "Extra", hm(0, 15), {"w3"}, {}};
    EXPECT_TRUE(validate_service(s, extra).empty());
    extra.window_ids = {"w4"};
    ASSERT_EQ(validate_service(s, extra).size(), 1u);
    EXPECT_EQ(validate_service(s, extra)[0].code, "schedule.unknown_window");
}

}  // namespace
}  // namespace cherha::core

// Tests of slot generation: normal days, breaks, closed days, special days, daylight saving
// days in Europe/Kyiv, other zones, and refused input.
#include "core/calendar/slot_calendar.h"

#include <gtest/gtest.h>

#include <set>

#include "core/calendar_fixtures.h"

namespace cherha::core {
namespace {

using calendar_test::hm;
using calendar_test::local;
using calendar_test::round_the_clock_center;
using calendar_test::span;
using calendar_test::typical_center;
using calendar_test::utc;
using calendar_test::ymd;
using std::chrono::minutes;

std::vector<Slot> slots_of(const CenterSchedule& s, std::string_view service, Date day) {
    auto r = generate_slots(s, service, day);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.problem().code);
    return r.ok() ? r.value() : std::vector<Slot>{};
}

// Every slot lasts `length`, slots are in increasing order, never overlap, and their local
// times are the local times of their instants in `zone`.
void expect_well_formed(const std::vector<Slot>& slots, minutes length,
                        const date::time_zone& zone) {
    for (std::size_t k = 0; k < slots.size(); ++k) {
        EXPECT_EQ(slots[k].end - slots[k].start, length) << k;
        EXPECT_EQ(slots[k].local_start, zone.to_local(slots[k].start)) << k;
        EXPECT_EQ(slots[k].local_end, zone.to_local(slots[k].end)) << k;
        if (k > 0) {
            EXPECT_LE(slots[k - 1].end, slots[k].start) << k;
        }
    }
}

TEST(SlotCalendar, NormalDayWithBreak) {
    const auto slots = slots_of(typical_center(), "exam", ymd(2026, 8, 19));  // Wednesday
    // 09:00-13:00: 12 slots of 20 min; 13:45-18:00: 12 slots (the last 17:25-17:45).
    ASSERT_EQ(slots.size(), 24u);
    EXPECT_EQ(slots.front().local_start, local(2026, 8, 19, 9, 0));
    EXPECT_EQ(slots.front().start, utc(2026, 8, 19, 6, 0));  // summer: UTC+3
    EXPECT_EQ(slots.front().end, utc(2026, 8, 19, 6, 20));
    EXPECT_EQ(slots[11].local_start, local(2026, 8, 19, 12, 40));
    EXPECT_EQ(slots[11].local_end, local(2026, 8, 19, 13, 0));
    EXPECT_EQ(slots[12].local_start, local(2026, 8, 19, 13, 45));
    EXPECT_EQ(slots.back().local_start, local(2026, 8, 19, 17, 25));
    EXPECT_EQ(slots.back().local_end, local(2026, 8, 19, 17, 45));
    for (const auto& slot : slots) {
        EXPECT_EQ(slot.service_id, "exam");
        EXPECT_EQ(slot.day, ymd(2026, 8, 19));
        EXPECT_EQ(slot.capacity, 2);
        const bool before_break = slot.local_end <= local(2026, 8, 19, 13, 0);
        const bool after_break = slot.local_start >= local(2026, 8, 19, 13, 45);
        EXPECT_TRUE(before_break || after_break);
        EXPECT_LE(slot.local_end, local(2026, 8, 19, 18, 0));
    }
    expect_well_formed(slots, minutes{20}, calendar_test::kyiv());
}

TEST(SlotCalendar, MinuteOfDayIsTheLocalStartAfterMidnight) {
    const auto slots = slots_of(typical_center(), "exam", ymd(2026, 8, 19));
    ASSERT_EQ(slots.size(), 24u);
    EXPECT_EQ(minute_of_day(slots.front()), 9 * 60);       // 09:00 local, 06:00 UTC
    EXPECT_EQ(minute_of_day(slots[11]), 12 * 60 + 40);     // 12:40
    EXPECT_EQ(minute_of_day(slots[12]), 13 * 60 + 45);     // 13:45
    EXPECT_EQ(minute_of_day(slots.back()), 17 * 60 + 25);  // 17:25
    // Winter time too: the local clock, not UTC.
    const auto winter = slots_of(typical_center(), "exam", ymd(2026, 12, 16));
    ASSERT_FALSE(winter.empty());
    EXPECT_EQ(minute_of_day(winter.front()), 9 * 60);
}

TEST(SlotCalendar, SlotThatWouldCrossBreakOrClosingIsNotMade) {
    // 45 minutes: 09:00 .. 12:00-12:45; 12:45 would cross the break; 13:45 .. 16:45-17:30;
    // 17:30 would cross the closing time.
    const auto slots = slots_of(typical_center(), "licence", ymd(2026, 8, 19));
    ASSERT_EQ(slots.size(), 10u);
    EXPECT_EQ(slots[4].local_start, local(2026, 8, 19, 12, 0));
    EXPECT_EQ(slots[5].local_start, local(2026, 8, 19, 13, 45));
    EXPECT_EQ(slots[9].local_start, local(2026, 8, 19, 16, 45));
    EXPECT_EQ(slots[9].local_end, local(2026, 8, 19, 17, 30));
    EXPECT_EQ(slots[0].capacity, 1);
}

TEST(SlotCalendar, SlotEndingExactlyAtBreakAndClosingIsMade) {
    CenterSchedule s = typical_center();
    s.weekly[2].opening = {span(9, 0, 12, 0)};
    s.weekly[2].breaks = {span(10, 0, 10, 30)};
    const auto slots = slots_of(s, "registration", ymd(2026, 8, 19));
    ASSERT_EQ(slots.size(), 5u);  // 09:00 09:30 | 10:30 11:00 11:30
    EXPECT_EQ(slots[1].local_end, local(2026, 8, 19, 10, 0));
    EXPECT_EQ(slots[2].local_start, local(2026, 8, 19, 10, 30));
    EXPECT_EQ(slots[4].local_end, local(2026, 8, 19, 12, 0));
}

TEST(SlotCalendar, WinterOffset) {
    const auto slots = slots_of(typical_center(), "exam", ymd(2026, 12, 2));
    ASSERT_EQ(slots.size(), 24u);
    EXPECT_EQ(slots.front().start, utc(2026, 12, 2, 7, 0));  // winter: UTC+2
    EXPECT_EQ(slots.front().local_start, local(2026, 12, 2, 9, 0));
}

TEST(SlotCalendar, SaturdayHours) {
    const auto slots = slots_of(typical_center(), "exam", ymd(2026, 8, 22));
    ASSERT_EQ(slots.size(), 21u);  // 09:00-16:00 without a break
    EXPECT_EQ(slots.back().local_end, local(2026, 8, 22, 16, 0));
}

TEST(SlotCalendar, NoneOnClosedWeekdayAndHoliday) {
    const CenterSchedule s = typical_center();
    EXPECT_TRUE(slots_of(s, "exam", ymd(2026, 8, 23)).empty());    // Sunday
    EXPECT_TRUE(slots_of(s, "exam", ymd(2026, 8, 24)).empty());    // Independence Day, a Monday
    EXPECT_EQ(slots_of(s, "exam", ymd(2026, 8, 31)).size(), 24u);  // the next Monday is open
}

TEST(SlotCalendar, SpecialDay) {
    CenterSchedule s = typical_center();
    auto slots = slots_of(s, "exam", ymd(2026, 12, 31));  // 09:00-14:00, no break
    ASSERT_EQ(slots.size(), 15u);
    EXPECT_EQ(slots[12].local_start, local(2026, 12, 31, 13, 0));
    EXPECT_EQ(slots.back().local_end, local(2026, 12, 31, 14, 0));
    // A special day can close a weekday or open a Sunday.
    s.special_days.push_back({ymd(2026, 8, 20), {}});
    s.special_days.push_back({ymd(2026, 8, 23), DayHours{{span(10, 0, 11, 0)}, {}}});
    EXPECT_TRUE(slots_of(s, "exam", ymd(2026, 8, 20)).empty());
    EXPECT_EQ(slots_of(s, "exam", ymd(2026, 8, 23)).size(), 3u);
}

TEST(SlotCalendar, SeveralOpeningIntervalsInAnyOrder) {
    CenterSchedule s = typical_center();
    s.weekly[2].opening = {span(14, 0, 15, 0), span(9, 0, 10, 0)};
    s.weekly[2].breaks = {};
    const auto slots = slots_of(s, "registration", ymd(2026, 8, 19));
    ASSERT_EQ(slots.size(), 4u);
    EXPECT_EQ(slots[0].local_start, local(2026, 8, 19, 9, 0));
    EXPECT_EQ(slots[2].local_start, local(2026, 8, 19, 14, 0));
}

TEST(SlotCalendar, NineOClockOnBothDaylightSavingDaysInKyiv) {
    CenterSchedule s = typical_center();
    s.weekly[6].opening = {span(9, 0, 18, 0)};  // both change days are Sundays
    auto spring = slots_of(s, "exam", ymd(2026, 3, 29));
    auto autumn = slots_of(s, "exam", ymd(2026, 10, 25));
    auto before_spring = slots_of(s, "exam", ymd(2026, 3, 28));
    ASSERT_EQ(spring.size(), 27u);
    ASSERT_EQ(autumn.size(), 27u);
    EXPECT_EQ(before_spring.front().start, utc(2026, 3, 28, 7, 0));  // still winter time
    EXPECT_EQ(spring.front().start, utc(2026, 3, 29, 6, 0));         // summer time
    EXPECT_EQ(autumn.front().start, utc(2026, 10, 25, 7, 0));        // winter time again
    EXPECT_EQ(spring.back().end, utc(2026, 3, 29, 15, 0));
    EXPECT_EQ(autumn.back().end, utc(2026, 10, 25, 16, 0));
}

TEST(SlotCalendar, RoundTheClockOnSpringForwardDay) {
    const auto& kyiv = calendar_test::kyiv();
    const auto slots = slots_of(round_the_clock_center(), "night", ymd(2026, 3, 29));
    ASSERT_EQ(slots.size(), 46u);                             // 23 real hours
    EXPECT_EQ(slots.front().start, utc(2026, 3, 28, 22, 0));  // 00:00 EET
    EXPECT_EQ(slots.back().end, utc(2026, 3, 29, 21, 0));     // 24:00 EEST
    EXPECT_EQ(slots.back().local_end, local(2026, 3, 30, 0, 0));
    expect_well_formed(slots, minutes{30}, kyiv);
    // 02:30 EET lasts 30 real minutes and ends at 04:00 EEST; no slot starts at 03:xx.
    EXPECT_EQ(slots[5].local_start, local(2026, 3, 29, 2, 30));
    EXPECT_EQ(slots[5].local_end, local(2026, 3, 29, 4, 0));
    EXPECT_EQ(slots[6].local_start, local(2026, 3, 29, 4, 0));
    EXPECT_EQ(slots[6].start, utc(2026, 3, 29, 1, 0));
    for (const auto& slot : slots) {
        EXPECT_FALSE(slot.local_start >= local(2026, 3, 29, 3, 0) &&
                     slot.local_start < local(2026, 3, 29, 4, 0));
    }
}

TEST(SlotCalendar, RoundTheClockOnFallBackDay) {
    const auto& kyiv = calendar_test::kyiv();
    const auto slots = slots_of(round_the_clock_center(), "night", ymd(2026, 10, 25));
    ASSERT_EQ(slots.size(), 50u);                              // 25 real hours
    EXPECT_EQ(slots.front().start, utc(2026, 10, 24, 21, 0));  // 00:00 EEST
    EXPECT_EQ(slots.back().end, utc(2026, 10, 25, 22, 0));     // 24:00 EET
    expect_well_formed(slots, minutes{30}, kyiv);
    // The repeated hour is served twice, with distinct instants.
    std::vector<Instant> at_three;
    std::set<Instant> instants;
    for (const auto& slot : slots) {
        instants.insert(slot.start);
        if (slot.local_start == local(2026, 10, 25, 3, 0)) at_three.push_back(slot.start);
    }
    EXPECT_EQ(instants.size(), slots.size());
    ASSERT_EQ(at_three.size(), 2u);
    EXPECT_EQ(at_three[0], utc(2026, 10, 25, 0, 0));              // 03:00 EEST
    EXPECT_EQ(at_three[1], utc(2026, 10, 25, 1, 0));              // 03:00 EET
    EXPECT_EQ(slots[7].local_start, local(2026, 10, 25, 3, 30));  // first 03:30 (EEST)
    EXPECT_EQ(slots[7].local_end, local(2026, 10, 25, 3, 0));     // ends at the second 03:00
    EXPECT_EQ(slots[8].local_start, local(2026, 10, 25, 3, 0));
}

TEST(SlotCalendar, RoundTheClockOrdinaryDayHas48Slots) {
    const auto slots = slots_of(round_the_clock_center(), "night", ymd(2026, 3, 28));
    EXPECT_EQ(slots.size(), 48u);
}

TEST(SlotCalendar, DurationThatDoesNotDivideTheGap) {
    // 45 minutes from 00:00 on the spring day: 02:15 EET + 45 real minutes = 04:00 EEST.
    const auto slots = slots_of(round_the_clock_center(minutes{45}), "night", ymd(2026, 3, 29));
    ASSERT_GE(slots.size(), 5u);
    EXPECT_EQ(slots[3].local_start, local(2026, 3, 29, 2, 15));
    EXPECT_EQ(slots[3].local_end, local(2026, 3, 29, 4, 0));
    EXPECT_EQ(slots[4].start, utc(2026, 3, 29, 1, 0));
    EXPECT_EQ(slots.size(), 30u);  // 23 h = 1380 min = 30 x 45 + 30
    expect_well_formed(slots, minutes{45}, calendar_test::kyiv());
}

TEST(SlotCalendar, ExtremeDurations) {
    EXPECT_EQ(slots_of(round_the_clock_center(minutes{1}), "night", ymd(2026, 10, 25)).size(),
              1500u);
    EXPECT_EQ(slots_of(round_the_clock_center(minutes{1}), "night", ymd(2026, 3, 29)).size(),
              1380u);
    EXPECT_EQ(slots_of(round_the_clock_center(minutes{1440}), "night", ymd(2026, 8, 20)).size(),
              1u);
    // On the spring day the 24-hour day lasts 23 hours: no 24-hour slot fits.
    EXPECT_TRUE(slots_of(round_the_clock_center(minutes{1440}), "night", ymd(2026, 3, 29)).empty());
}

TEST(SlotCalendar, IntervalInsideTheGapGivesNothing) {
    CenterSchedule s = round_the_clock_center();
    s.special_days.push_back({ymd(2026, 3, 29), DayHours{{span(3, 0, 4, 0)}, {}}});
    EXPECT_TRUE(slots_of(s, "night", ymd(2026, 3, 29)).empty());
    // Starting inside the gap: the interval starts when the gap ends.
    s.special_days.back().hours.opening = {span(3, 30, 5, 0)};
    const auto slots = slots_of(s, "night", ymd(2026, 3, 29));
    ASSERT_EQ(slots.size(), 2u);
    EXPECT_EQ(slots[0].local_start, local(2026, 3, 29, 4, 0));
}

TEST(SlotCalendar, IntervalEndingInTheRepeatedHourClosesAtItsFirstOccurrence) {
    CenterSchedule s = round_the_clock_center();
    s.special_days.push_back({ymd(2026, 10, 25), DayHours{{span(1, 0, 3, 30)}, {}}});
    const auto slots = slots_of(s, "night", ymd(2026, 10, 25));
    ASSERT_EQ(slots.size(), 5u);  // 01:00 .. 03:00-03:30, all summer time
    EXPECT_EQ(slots.back().end, utc(2026, 10, 25, 0, 30));
}

TEST(SlotCalendar, BreakInsideTheGapIsIgnored) {
    CenterSchedule s = round_the_clock_center();
    s.weekly[6].breaks = {span(3, 10, 3, 50)};
    EXPECT_EQ(slots_of(s, "night", ymd(2026, 3, 29)).size(), 46u);
    // On an ordinary Sunday the same break removes 03:00 and 03:30.
    EXPECT_EQ(slots_of(s, "night", ymd(2026, 8, 23)).size(), 46u);
    const auto ordinary = slots_of(s, "night", ymd(2026, 8, 23));
    EXPECT_EQ(ordinary[6].local_start, local(2026, 8, 23, 3, 50));
    // A slot running across the gap is not cut by the (empty) break either: with 35 minutes,
    // 02:55 EET + 35 real minutes = 04:30 EEST.
    CenterSchedule odd = round_the_clock_center(minutes{35});
    odd.weekly[6].breaks = {span(3, 10, 3, 50)};
    const auto with_break = slots_of(odd, "night", ymd(2026, 3, 29));
    odd.weekly[6].breaks = {};
    EXPECT_EQ(with_break, slots_of(odd, "night", ymd(2026, 3, 29)));
    ASSERT_GE(with_break.size(), 6u);
    EXPECT_EQ(with_break[5].local_start, local(2026, 3, 29, 2, 55));
    EXPECT_EQ(with_break[5].local_end, local(2026, 3, 29, 4, 30));
}

TEST(SlotCalendar, AnotherTimeZone) {
    CenterSchedule s = typical_center();
    s.time_zone = "America/New_York";
    auto slots = slots_of(s, "exam", ymd(2026, 8, 20));
    ASSERT_EQ(slots.size(), 24u);
    EXPECT_EQ(slots.front().start, utc(2026, 8, 20, 13, 0));  // EDT, UTC-4
    EXPECT_EQ(slots.front().local_start, local(2026, 8, 20, 9, 0));
    slots = slots_of(s, "exam", ymd(2026, 12, 2));
    EXPECT_EQ(slots.front().start, utc(2026, 12, 2, 14, 0));  // EST, UTC-5
    s.time_zone = "Asia/Tokyo";
    slots = slots_of(s, "exam", ymd(2026, 8, 20));
    EXPECT_EQ(slots.front().start, utc(2026, 8, 20, 0, 0));
    EXPECT_EQ(slots.front().day, ymd(2026, 8, 20));
}

TEST(SlotCalendar, UnknownTimeZoneIsAProblem) {
    CenterSchedule s = typical_center();
    s.time_zone = "Mars/Olympus_Mons";
    auto r = generate_slots(s, "exam", ymd(2026, 8, 20));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.problem(),
              Problem("schedule.unknown_time_zone", {{"time_zone", "Mars/Olympus_Mons"}}));
}

TEST(SlotCalendar, InvalidDay) {
    const CenterSchedule s = typical_center();
    for (Date day :
         {ymd(2026, 2, 29), ymd(2026, 0, 1), ymd(1899, 12, 31), ymd(10000, 1, 1), ymd(-5, 1, 1)}) {
        auto r = generate_slots(s, "exam", day);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.problem().code, "slots.invalid_day");
    }
    EXPECT_EQ(generate_slots(s, "exam", ymd(2026, 2, 29)).problem().param("day"), "2026-02-29");
    EXPECT_TRUE(generate_slots(s, "exam", ymd(1900, 1, 1)).ok());
    EXPECT_TRUE(generate_slots(s, "exam", ymd(9999, 12, 31)).ok());
}

TEST(SlotCalendar, UnknownService) {
    auto r = generate_slots(typical_center(), std::string("exam\0", 5), ymd(2026, 8, 20));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.problem(),
              Problem("slots.unknown_service", {{"service", std::string("exam\0", 5)}}));
}

TEST(SlotCalendar, InvalidServiceIsAProblem) {
    const CenterSchedule s = typical_center();
    Service zero = s.services[0];
    zero.duration = minutes{0};
    auto r = generate_slots(s, zero, ymd(2026, 8, 20));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.problem().code, "schedule.service_duration");
    Service huge = s.services[0];
    huge.duration = minutes::max();
    EXPECT_EQ(generate_slots(s, huge, ymd(2026, 8, 20)).problem().code,
              "schedule.service_duration");
    Service nowhere = s.services[0];
    nowhere.window_ids = {};
    EXPECT_EQ(generate_slots(s, nowhere, ymd(2026, 8, 20)).problem().code,
              "schedule.service_without_windows");
    nowhere.window_ids = {"w42"};
    EXPECT_EQ(generate_slots(s, nowhere, ymd(2026, 8, 20)).problem().code,
              "schedule.unknown_window");
}

TEST(SlotCalendar, InvalidHoursOfTheDayAreAProblemOnlyOnThatDay) {
    CenterSchedule s = typical_center();
    s.weekly[3].opening = {span(9, 0, 12, 0), span(11, 0, 18, 0)};  // Thursday overlaps
    auto r = generate_slots(s, "exam", ymd(2026, 8, 20));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.problem(), Problem("schedule.intervals_overlap", {{"where", "2026-08-20"},
                                                                  {"interval", "11:00-18:00"},
                                                                  {"other", "09:00-12:00"}}));
    EXPECT_TRUE(generate_slots(s, "exam", ymd(2026, 8, 19)).ok());  // Wednesday is fine
    s.weekly[3].opening = {{minutes::min(), minutes::max()}};
    EXPECT_EQ(generate_slots(s, "exam", ymd(2026, 8, 20)).problem().code,
              "schedule.time_out_of_range");
}

TEST(SlotCalendar, CapacityCountsServingWindows) {
    CenterSchedule s = typical_center();
    s.windows.push_back({"w4", 4});
    s.services[0].window_ids = {"w1", "w2", "w3", "w4"};
    const auto slots = slots_of(s, "exam", ymd(2026, 8, 20));
    ASSERT_FALSE(slots.empty());
    for (const auto& slot : slots) EXPECT_EQ(slot.capacity, 4);
}

}  // namespace
}  // namespace cherha::core

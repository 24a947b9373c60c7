// Tests of the booking windows: the online window and its opening hour, the online lead time,
// terminal registration for today, and the cancellation deadline.
#include "core/calendar/booking_window.h"

#include <gtest/gtest.h>

#include "core/calendar_fixtures.h"

namespace cherha::core {
namespace {

using calendar_test::kyiv;
using calendar_test::local;
using calendar_test::utc;
using calendar_test::ymd;
using std::chrono::minutes;
using std::chrono::seconds;

// The instant the Kyiv clock shows the local time given.
Instant kyiv_at(int y, unsigned m, unsigned d, int h, int mi, int s = 0) {
    return kyiv().to_sys(local(y, m, d, h, mi, s), date::choose::earliest);
}

// A 30-minute slot starting at `start` in Kyiv.
Slot kyiv_slot(Instant start) {
    Slot slot;
    slot.service_id = "exam";
    slot.start = start;
    slot.end = start + minutes{30};
    slot.local_start = kyiv().to_local(slot.start);
    slot.local_end = kyiv().to_local(slot.end);
    slot.day = Date{date::floor<date::days>(slot.local_start)};
    slot.capacity = 1;
    return slot;
}

BookableDays window_at(Instant now, const BookingRules& rules = {}) {
    auto r = online_bookable_days(now, kyiv(), rules);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.problem().code);
    return r.ok() ? r.value() : BookableDays{};
}

TEST(BookingRules, DefaultsOfTheProduct) {
    const BookingRules rules;
    EXPECT_EQ(rules.online_window_days, 21);
    EXPECT_EQ(rules.online_opening_time, std::chrono::hours{6});
    EXPECT_EQ(rules.online_lead_time, minutes{60});
    EXPECT_EQ(rules.cancellation_deadline, std::chrono::hours{2});
    EXPECT_TRUE(validate_booking_rules(rules).empty());
}

TEST(BookingRules, Bounds) {
    BookingRules r;
    r.online_window_days = 0;
    r.online_opening_time = std::chrono::hours{24};
    r.online_lead_time = minutes{-1};
    r.cancellation_deadline = minutes{10081};
    const auto problems = validate_booking_rules(r);
    ASSERT_EQ(problems.size(), 4u);
    EXPECT_EQ(problems[0], Problem("rules.online_window_days", {{"days", "0"}}));
    EXPECT_EQ(problems[1], Problem("rules.online_opening_time", {{"seconds", "86400"}}));
    EXPECT_EQ(problems[2], Problem("rules.online_lead_time", {{"minutes", "-1"}}));
    EXPECT_EQ(problems[3], Problem("rules.cancellation_deadline", {{"minutes", "10081"}}));
    r.online_window_days = 367;
    r.online_opening_time = seconds{-1};
    r.online_lead_time = minutes{10081};
    r.cancellation_deadline = minutes{-1};
    EXPECT_EQ(validate_booking_rules(r).size(), 4u);
    r.online_window_days = 366;
    r.online_opening_time = seconds{86399};
    r.online_lead_time = minutes{10080};
    r.cancellation_deadline = minutes{0};
    EXPECT_TRUE(validate_booking_rules(r).empty());
    r.online_window_days = 1;
    r.online_opening_time = seconds{0};
    r.online_lead_time = minutes{0};
    r.cancellation_deadline = minutes{10080};
    EXPECT_TRUE(validate_booking_rules(r).empty());
}

TEST(OnlineWindow, LastDayOpensAtSix) {
    const auto before = window_at(kyiv_at(2026, 8, 20, 5, 59, 59));
    EXPECT_EQ(before, (BookableDays{ymd(2026, 8, 20), ymd(2026, 9, 8)}));
    const auto at_six = window_at(kyiv_at(2026, 8, 20, 6, 0, 0));
    EXPECT_EQ(at_six, (BookableDays{ymd(2026, 8, 20), ymd(2026, 9, 9)}));
    // 06:00 Kyiv summer time is 03:00 UTC.
    EXPECT_EQ(window_at(utc(2026, 8, 20, 2, 59, 59)).last, ymd(2026, 9, 8));
    EXPECT_EQ(window_at(utc(2026, 8, 20, 3, 0, 0)).last, ymd(2026, 9, 9));
    // Late in the evening it stays the same; after local midnight it is a new day.
    EXPECT_EQ(window_at(kyiv_at(2026, 8, 20, 23, 59, 59)),
              (BookableDays{ymd(2026, 8, 20), ymd(2026, 9, 9)}));
    EXPECT_EQ(window_at(kyiv_at(2026, 8, 21, 0, 0, 0)),
              (BookableDays{ymd(2026, 8, 21), ymd(2026, 9, 9)}));
}

TEST(OnlineWindow, TodayIsTheLocalDate) {
    // 21:30 UTC on 19 August is 00:30 on 20 August in Kyiv.
    EXPECT_EQ(window_at(utc(2026, 8, 19, 21, 30)).first, ymd(2026, 8, 20));
    EXPECT_EQ(window_at(utc(2026, 8, 19, 21, 30)).last, ymd(2026, 9, 8));
}

TEST(OnlineWindow, AcrossMonthAndYearEnd) {
    EXPECT_EQ(window_at(kyiv_at(2026, 1, 31, 5, 59, 59)).last, ymd(2026, 2, 19));
    EXPECT_EQ(window_at(kyiv_at(2026, 1, 31, 6, 0, 0)).last, ymd(2026, 2, 20));
    EXPECT_EQ(window_at(kyiv_at(2026, 2, 10, 6, 0, 0)).last, ymd(2026, 3, 2));  // no 29 Feb
    EXPECT_EQ(window_at(kyiv_at(2028, 2, 10, 6, 0, 0)).last, ymd(2028, 3, 1));  // leap year
    EXPECT_EQ(window_at(kyiv_at(2026, 12, 20, 5, 59, 59)).last, ymd(2027, 1, 8));
    EXPECT_EQ(window_at(kyiv_at(2026, 12, 20, 6, 0, 0)).last, ymd(2027, 1, 9));
}

TEST(OnlineWindow, AcrossDaylightSavingChanges) {
    // The spring-forward day: 06:00 EEST is 03:00 UTC (the day before it was 04:00 UTC).
    EXPECT_EQ(window_at(utc(2026, 3, 28, 3, 59, 59)).last, ymd(2026, 4, 16));
    EXPECT_EQ(window_at(utc(2026, 3, 28, 4, 0, 0)).last, ymd(2026, 4, 17));
    EXPECT_EQ(window_at(utc(2026, 3, 29, 2, 59, 59)).last, ymd(2026, 4, 17));
    EXPECT_EQ(window_at(utc(2026, 3, 29, 3, 0, 0)).last, ymd(2026, 4, 18));
    // The fall-back day: 06:00 EET is 04:00 UTC.
    EXPECT_EQ(window_at(utc(2026, 10, 25, 3, 59, 59)).last, ymd(2026, 11, 13));
    EXPECT_EQ(window_at(utc(2026, 10, 25, 4, 0, 0)).last, ymd(2026, 11, 14));
}

TEST(OnlineWindow, Configurable) {
    BookingRules rules;
    rules.online_window_days = 7;
    rules.online_opening_time = std::chrono::hours{8} + minutes{30};
    EXPECT_EQ(window_at(kyiv_at(2026, 8, 20, 8, 29, 59), rules).last, ymd(2026, 8, 25));
    EXPECT_EQ(window_at(kyiv_at(2026, 8, 20, 8, 30, 0), rules).last, ymd(2026, 8, 26));
    rules.online_opening_time = seconds{0};  // opens at midnight: always the full window
    EXPECT_EQ(window_at(kyiv_at(2026, 8, 20, 0, 0, 0), rules).last, ymd(2026, 8, 26));
    // A one-day window is empty before its opening hour, today only after it.
    rules.online_window_days = 1;
    rules.online_opening_time = std::chrono::hours{6};
    const auto early = window_at(kyiv_at(2026, 8, 20, 5, 59, 59), rules);
    EXPECT_TRUE(early.empty());
    EXPECT_FALSE(early.contains(ymd(2026, 8, 20)));
    const auto open = window_at(kyiv_at(2026, 8, 20, 6, 0, 0), rules);
    EXPECT_FALSE(open.empty());
    EXPECT_TRUE(open.contains(ymd(2026, 8, 20)));
    EXPECT_FALSE(open.contains(ymd(2026, 8, 21)));
}

TEST(OnlineWindow, RefusesInvalidRulesAndInstants) {
    BookingRules rules;
    rules.online_window_days = -3;
    EXPECT_EQ(online_bookable_days(utc(2026, 8, 20, 6, 0), kyiv(), rules).problem().code,
              "rules.online_window_days");
    EXPECT_EQ(online_bookable_days(Instant::max(), kyiv(), {}).problem().code,
              "calendar.instant_out_of_range");
    EXPECT_EQ(online_bookable_days(Instant::min(), kyiv(), {}).problem().code,
              "calendar.instant_out_of_range");
}

TEST(OnlineWindow, OpeningOfADay) {
    EXPECT_EQ(online_opening_of(ymd(2026, 9, 9), kyiv(), {}), kyiv_at(2026, 8, 20, 6, 0));
    // 18 April 2026 opens on the spring-forward day at 06:00 EEST.
    EXPECT_EQ(online_opening_of(ymd(2026, 4, 18), kyiv(), {}), utc(2026, 3, 29, 3, 0));
    EXPECT_EQ(online_opening_of(ymd(2026, 2, 30), kyiv(), {}), Instant{});
}

TEST(OnlineBooking, DayNotOpenYet) {
    const Slot slot = kyiv_slot(kyiv_at(2026, 9, 9, 9, 0));
    const auto refused = check_online_booking(slot, kyiv_at(2026, 8, 20, 5, 59, 59), kyiv(), {});
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(*refused,
              Problem("online.day_not_open_yet",
                      {{"day", "2026-09-09"}, {"opens_at", "2026-08-20T06:00:00+03:00"}}));
    EXPECT_FALSE(check_online_booking(slot, kyiv_at(2026, 8, 20, 6, 0, 0), kyiv(), {}));
    // Far in the future.
    const auto far = check_online_booking(kyiv_slot(kyiv_at(2026, 12, 1, 9, 0)),
                                          kyiv_at(2026, 8, 20, 6, 0, 0), kyiv(), {});
    ASSERT_TRUE(far.has_value());
    EXPECT_EQ(far->param("opens_at"), "2026-11-11T06:00:00+02:00");
}

TEST(OnlineBooking, DayInPast) {
    const Slot slot = kyiv_slot(kyiv_at(2026, 8, 19, 17, 0));
    const auto refused = check_online_booking(slot, kyiv_at(2026, 8, 20, 0, 0, 0), kyiv(), {});
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(*refused,
              Problem("online.day_in_past", {{"day", "2026-08-19"}, {"today", "2026-08-20"}}));
}

TEST(OnlineBooking, LeadTimeEdge) {
    const Slot slot = kyiv_slot(kyiv_at(2026, 8, 20, 10, 0));
    EXPECT_FALSE(check_online_booking(slot, kyiv_at(2026, 8, 20, 8, 59, 59), kyiv(), {}));
    const auto refused = check_online_booking(slot, kyiv_at(2026, 8, 20, 9, 0, 0), kyiv(), {});
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(*refused, Problem("online.too_late", {{"closes_at", "2026-08-20T09:00:00+03:00"}}));
    // A slot that already started or ended is too late as well.
    EXPECT_EQ(check_online_booking(slot, kyiv_at(2026, 8, 20, 10, 15), kyiv(), {})->code,
              "online.too_late");
    EXPECT_EQ(check_online_booking(slot, kyiv_at(2026, 8, 20, 23, 0), kyiv(), {})->code,
              "online.too_late");
    // Tomorrow's first slot is not touched by a 60-minute lead time.
    EXPECT_FALSE(check_online_booking(kyiv_slot(kyiv_at(2026, 8, 21, 0, 30)),
                                      kyiv_at(2026, 8, 20, 23, 29, 59), kyiv(), {}));
}

TEST(OnlineBooking, LeadTimeConfigurable) {
    BookingRules rules;
    rules.online_lead_time = minutes{0};
    const Slot slot = kyiv_slot(kyiv_at(2026, 8, 20, 10, 0));
    EXPECT_FALSE(check_online_booking(slot, kyiv_at(2026, 8, 20, 9, 59, 59), kyiv(), rules));
    EXPECT_EQ(check_online_booking(slot, kyiv_at(2026, 8, 20, 10, 0), kyiv(), rules)->code,
              "online.too_late");
    rules.online_lead_time = minutes{180};
    EXPECT_FALSE(check_online_booking(slot, kyiv_at(2026, 8, 20, 6, 59, 59), kyiv(), rules));
    EXPECT_EQ(check_online_booking(slot, kyiv_at(2026, 8, 20, 7, 0), kyiv(), rules)->code,
              "online.too_late");
}

TEST(OnlineBooking, LeadTimeAcrossTheNightOfTheChange) {
    // Slot at 04:30 EEST on 29 March (01:30 UTC); one real hour before is 02:30 EET.
    const Slot slot = kyiv_slot(utc(2026, 3, 29, 1, 30));
    const auto refused = check_online_booking(slot, utc(2026, 3, 29, 0, 30), kyiv(), {});
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(refused->param("closes_at"), "2026-03-29T02:30:00+02:00");
    EXPECT_FALSE(check_online_booking(slot, utc(2026, 3, 29, 0, 29, 59), kyiv(), {}));
}

TEST(OnlineBooking, RefusesInvalidInput) {
    BookingRules rules;
    rules.online_lead_time = minutes::max();
    const Slot slot = kyiv_slot(kyiv_at(2026, 8, 21, 10, 0));
    EXPECT_EQ(check_online_booking(slot, kyiv_at(2026, 8, 20, 9, 0), kyiv(), rules)->code,
              "rules.online_lead_time");
    EXPECT_EQ(check_online_booking(slot, Instant::max(), kyiv(), {})->code,
              "calendar.instant_out_of_range");
    Slot odd = slot;
    odd.start = Instant::min();
    EXPECT_EQ(check_online_booking(odd, kyiv_at(2026, 8, 20, 9, 0), kyiv(), {})->code,
              "calendar.instant_out_of_range");
}

TEST(TerminalRegistration, TodayLaterSlotAndCurrentSlot) {
    const Slot slot = kyiv_slot(kyiv_at(2026, 8, 20, 10, 0));  // 10:00-10:30
    EXPECT_FALSE(check_terminal_registration(slot, kyiv_at(2026, 8, 20, 8, 0), kyiv()));
    EXPECT_FALSE(check_terminal_registration(slot, kyiv_at(2026, 8, 20, 10, 0), kyiv()));
    EXPECT_FALSE(check_terminal_registration(slot, kyiv_at(2026, 8, 20, 10, 29, 59), kyiv()));
    const auto passed = check_terminal_registration(slot, kyiv_at(2026, 8, 20, 10, 30), kyiv());
    ASSERT_TRUE(passed.has_value());
    EXPECT_EQ(*passed,
              Problem("terminal.slot_passed", {{"ended_at", "2026-08-20T10:30:00+03:00"}}));
}

TEST(TerminalRegistration, TodayOnly) {
    const Slot tomorrow = kyiv_slot(kyiv_at(2026, 8, 21, 9, 0));
    const auto refused = check_terminal_registration(tomorrow, kyiv_at(2026, 8, 20, 17, 0), kyiv());
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(*refused,
              Problem("terminal.not_today", {{"day", "2026-08-21"}, {"today", "2026-08-20"}}));
    const Slot yesterday = kyiv_slot(kyiv_at(2026, 8, 19, 17, 0));
    EXPECT_EQ(check_terminal_registration(yesterday, kyiv_at(2026, 8, 20, 9, 0), kyiv())->code,
              "terminal.not_today");
    // "Today" is the center's local date: 21:30 UTC on 19 August is already 20 August.
    const Slot early = kyiv_slot(kyiv_at(2026, 8, 20, 0, 30));
    EXPECT_FALSE(check_terminal_registration(early, utc(2026, 8, 19, 21, 15), kyiv()));
    EXPECT_EQ(check_terminal_registration(early, utc(2026, 8, 19, 20, 59, 59), kyiv())->code,
              "terminal.not_today");
}

TEST(TerminalRegistration, RefusesOutOfRangeInstants) {
    Slot slot = kyiv_slot(kyiv_at(2026, 8, 20, 10, 0));
    EXPECT_EQ(check_terminal_registration(slot, Instant::min(), kyiv())->code,
              "calendar.instant_out_of_range");
    slot.end = Instant::max();
    EXPECT_EQ(check_terminal_registration(slot, kyiv_at(2026, 8, 20, 9, 0), kyiv())->code,
              "calendar.instant_out_of_range");
}

TEST(Cancellation, TwoHoursBeforeTheSlot) {
    const Instant start = kyiv_at(2026, 8, 20, 10, 0);
    EXPECT_FALSE(check_cancellation(start, kyiv_at(2026, 8, 19, 12, 0), kyiv(), {}));
    EXPECT_FALSE(check_cancellation(start, kyiv_at(2026, 8, 20, 8, 0, 0), kyiv(), {}));
    const auto refused = check_cancellation(start, kyiv_at(2026, 8, 20, 8, 0, 1), kyiv(), {});
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(*refused, Problem("cancel.too_late", {{"deadline", "2026-08-20T08:00:00+03:00"}}));
    EXPECT_EQ(check_cancellation(start, kyiv_at(2026, 8, 20, 11, 0), kyiv(), {})->code,
              "cancel.too_late");
}

TEST(Cancellation, Configurable) {
    BookingRules rules;
    rules.cancellation_deadline = minutes{30};
    const Instant start = kyiv_at(2026, 8, 20, 10, 0);
    EXPECT_FALSE(check_cancellation(start, kyiv_at(2026, 8, 20, 9, 30, 0), kyiv(), rules));
    EXPECT_TRUE(check_cancellation(start, kyiv_at(2026, 8, 20, 9, 30, 1), kyiv(), rules));
    rules.cancellation_deadline = minutes{0};
    EXPECT_FALSE(check_cancellation(start, start, kyiv(), rules));
    EXPECT_TRUE(check_cancellation(start, start + seconds{1}, kyiv(), rules));
}

TEST(Cancellation, RealHoursAcrossTheNightOfTheChange) {
    // A slot at 04:30 EEST on 29 March: two real hours before is 01:30 EET.
    const Instant start = utc(2026, 3, 29, 1, 30);
    EXPECT_FALSE(check_cancellation(start, utc(2026, 3, 28, 23, 30), kyiv(), {}));
    const auto refused = check_cancellation(start, utc(2026, 3, 28, 23, 30, 1), kyiv(), {});
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(refused->param("deadline"), "2026-03-29T01:30:00+02:00");
}

TEST(Cancellation, RefusesInvalidInput) {
    BookingRules rules;
    rules.cancellation_deadline = minutes{-120};
    EXPECT_EQ(
        check_cancellation(utc(2026, 8, 20, 7, 0), utc(2026, 8, 20, 6, 0), kyiv(), rules)->code,
        "rules.cancellation_deadline");
    EXPECT_EQ(check_cancellation(Instant::max(), utc(2026, 8, 20, 6, 0), kyiv(), {})->code,
              "calendar.instant_out_of_range");
}

}  // namespace
}  // namespace cherha::core

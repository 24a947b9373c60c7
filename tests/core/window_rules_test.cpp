// The window's rules beside the state machine: whose visitor, which day, which window, where a
// transfer may go, who is called next, whom the end-of-day sweep marks no-show.
#include "core/booking/window_rules.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calendar_fixtures.h"

namespace cherha::core {
namespace {

using calendar_test::kyiv;
using calendar_test::local;
using calendar_test::typical_center;
using calendar_test::ymd;

// Monday 2026-12-07 in Kyiv (UTC+2): windows w1..w3; "exam" (20 min) at w1+w2,
// "registration" (30 min) and "licence" (45 min) at w3.
const Date kToday = ymd(2026, 12, 7);
const Date kYesterday = ymd(2026, 12, 6);
const Date kTomorrow = ymd(2026, 12, 8);

Instant at(Date day, int h, int m, int s = 0) {
    const date::year_month_day d{day};
    return instant_of(local(static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                            static_cast<unsigned>(d.day()), h, m, s),
                      kyiv());
}

Instant today_at(int h, int m, int s = 0) {
    return at(kToday, h, m, s);
}

WindowBooking booking(std::int64_t id, std::string service, std::string window = "",
                      Date day = kToday, Instant slot = today_at(9, 0),
                      BookingState state = BookingState::Arrived) {
    WindowBooking b;
    b.id = id;
    b.day = day;
    b.slot_start = slot;
    b.state = state;
    b.service_id = std::move(service);
    b.window_id = std::move(window);
    return b;
}

Ticket regular(int number) {
    return Ticket{TicketSequence::Regular, number, std::nullopt};
}

Ticket priority(int number) {
    return Ticket{TicketSequence::Priority, number, PriorityCategory::ServingMilitary};
}

std::optional<Problem> check(const WindowStaff& staff, const WindowBooking& b, BookingAction action,
                             const std::optional<TransferTarget>& transfer = std::nullopt,
                             Instant now = today_at(12, 0)) {
    return check_window_action(typical_center(), kyiv(), staff, b, action, transfer, kToday, now);
}

const WindowStaff kClerkW1{BookingActor::Clerk, "w1"};
const WindowStaff kSupervisorW1{BookingActor::Supervisor, "w1"};

// ---- whose visitor ------------------------------------------------------------------------------

TEST(WindowRules, ClerkWorksOnlyOnOwnWindowsVisitorsExceptArriveCallCancel) {
    // Today's exam booking, slot long begun; w1 and w2 both serve exams.
    const WindowBooking own = booking(1, "exam", "w1");
    const WindowBooking other = booking(2, "exam", "w2");
    const WindowBooking none = booking(3, "exam", "");
    const Problem other_window("center.wrong_window", {{"window", "w2"}});
    // A call by w1 of a visitor sent to w2 is refused for everyone, naming the caller.
    const Problem caller_window("center.wrong_window", {{"window", "w1"}});
    struct Row {
        BookingAction action;
        std::optional<Problem> clerk_other;
        std::optional<Problem> supervisor_other;
    };
    const std::vector<Row> rows{
        {BookingAction::Arrive, std::nullopt, std::nullopt},
        {BookingAction::Call, caller_window, caller_window},
        {BookingAction::Recall, other_window, std::nullopt},
        {BookingAction::Start, other_window, std::nullopt},
        {BookingAction::Serve, other_window, std::nullopt},
        {BookingAction::Refuse, other_window, std::nullopt},
        {BookingAction::MarkNoShow, other_window, std::nullopt},
        {BookingAction::Cancel, std::nullopt, std::nullopt},
        {BookingAction::Transfer, other_window, std::nullopt},
    };
    ASSERT_EQ(rows.size(), kAllBookingActions.size());
    for (const auto& row : rows) {
        SCOPED_TRACE(std::string(booking_action_id(row.action)));
        EXPECT_EQ(check(kClerkW1, own, row.action), std::nullopt);
        EXPECT_EQ(check(kSupervisorW1, own, row.action), std::nullopt);
        EXPECT_EQ(check(kClerkW1, none, row.action), std::nullopt);
        EXPECT_EQ(check(kSupervisorW1, none, row.action), std::nullopt);
        EXPECT_EQ(check(kClerkW1, other, row.action), row.clerk_other);
        EXPECT_EQ(check(kSupervisorW1, other, row.action), row.supervisor_other);
    }
}

TEST(WindowRules, ClerkWithoutWindowTouchesOnlyVisitorsWithoutWindow) {
    const WindowStaff clerk{BookingActor::Clerk, ""};
    EXPECT_EQ(check(clerk, booking(1, "exam", "w1"), BookingAction::Serve),
              Problem("center.wrong_window", {{"window", "w1"}}));
    EXPECT_EQ(check(clerk, booking(1, "exam", ""), BookingAction::Serve), std::nullopt);
}

// ---- which day ----------------------------------------------------------------------------------

TEST(WindowRules, ArriveCallRecallStartOnlyOnTheBookingsDay) {
    for (BookingAction action : {BookingAction::Arrive, BookingAction::Call, BookingAction::Recall,
                                 BookingAction::Start}) {
        SCOPED_TRACE(std::string(booking_action_id(action)));
        EXPECT_EQ(check(kClerkW1, booking(1, "exam", "", kToday), action), std::nullopt);
        EXPECT_EQ(check(kClerkW1, booking(1, "exam", "", kYesterday, at(kYesterday, 9, 0)), action),
                  Problem("center.not_today", {{"day", "2026-12-06"}}));
        EXPECT_EQ(check(kClerkW1, booking(1, "exam", "", kTomorrow, at(kTomorrow, 9, 0)), action),
                  Problem("center.not_today", {{"day", "2026-12-08"}}));
    }
    // The other actions finish or move a visitor whatever the day (yesterday's slot has begun).
    for (BookingAction action :
         {BookingAction::Serve, BookingAction::Refuse, BookingAction::MarkNoShow,
          BookingAction::Cancel, BookingAction::Transfer}) {
        SCOPED_TRACE(std::string(booking_action_id(action)));
        EXPECT_EQ(check(kClerkW1, booking(1, "exam", "", kYesterday, at(kYesterday, 9, 0)), action),
                  std::nullopt);
    }
}

TEST(WindowRules, TheWindowIsCheckedBeforeTheDay) {
    EXPECT_EQ(check(kClerkW1, booking(1, "exam", "w2", kYesterday, at(kYesterday, 9, 0)),
                    BookingAction::Start),
              Problem("center.wrong_window", {{"window", "w2"}}));
}

// ---- no-show only once the slot has begun -------------------------------------------------------

TEST(WindowRules, NoShowFromTheSlotStartOn) {
    const WindowBooking b = booking(1, "exam", "w1", kToday, today_at(9, 0), BookingState::Called);
    const Problem too_early("center.too_early", {{"starts_at", "2026-12-07T09:00:00+02:00"}});
    for (const WindowStaff& staff : {kClerkW1, kSupervisorW1}) {
        EXPECT_EQ(check(staff, b, BookingAction::MarkNoShow, std::nullopt, today_at(8, 59, 59)),
                  too_early);
        EXPECT_EQ(check(staff, b, BookingAction::MarkNoShow, std::nullopt, today_at(9, 0)),
                  std::nullopt);
    }
    // Tomorrow's visitor cannot be a no-show today.
    EXPECT_EQ(check(kSupervisorW1, booking(2, "exam", "", kTomorrow, at(kTomorrow, 10, 20)),
                    BookingAction::MarkNoShow),
              Problem("center.too_early", {{"starts_at", "2026-12-08T10:20:00+02:00"}}));
    // Other actions do not wait for the slot.
    EXPECT_EQ(check(kClerkW1, b, BookingAction::Recall, std::nullopt, today_at(8, 0)),
              std::nullopt);
}

// ---- which window may call ----------------------------------------------------------------------

TEST(WindowRules, CallOnlyByAWindowServingTheVisitor) {
    const WindowBooking registration = booking(1, "registration");  // served at w3 only
    for (const WindowStaff& staff : {kClerkW1, kSupervisorW1})
        EXPECT_EQ(check(staff, registration, BookingAction::Call),
                  Problem("center.wrong_window", {{"window", "w1"}}));
    EXPECT_EQ(check({BookingActor::Clerk, "w3"}, registration, BookingAction::Call), std::nullopt);
    EXPECT_EQ(check({BookingActor::Clerk, ""}, registration, BookingAction::Call),
              Problem("center.wrong_window", {{"window", ""}}));
    EXPECT_EQ(check({BookingActor::Supervisor, "w9"}, booking(2, "exam"), BookingAction::Call),
              Problem("center.wrong_window", {{"window", "w9"}}));
    // A visitor sent to a window is that window's, whatever the service.
    EXPECT_EQ(check({BookingActor::Clerk, "w3"}, booking(3, "exam", "w3"), BookingAction::Call),
              std::nullopt);
    EXPECT_EQ(check({BookingActor::Clerk, "w2"}, booking(3, "exam", "w3"), BookingAction::Call),
              Problem("center.wrong_window", {{"window", "w2"}}));
    // A service the schedule no longer has is served nowhere.
    EXPECT_EQ(check(kClerkW1, booking(4, "gone"), BookingAction::Call),
              Problem("center.wrong_window", {{"window", "w1"}}));
}

TEST(WindowRules, WindowServes) {
    const CenterSchedule s = typical_center();
    EXPECT_TRUE(window_serves(s, "w1", booking(1, "exam")));
    EXPECT_TRUE(window_serves(s, "w2", booking(1, "exam")));
    EXPECT_FALSE(window_serves(s, "w3", booking(1, "exam")));
    EXPECT_FALSE(window_serves(s, "", booking(1, "exam")));
    EXPECT_TRUE(window_serves(s, "w3", booking(1, "exam", "w3")));
    EXPECT_FALSE(window_serves(s, "w1", booking(1, "exam", "w3")));
    // A window listed by a service but missing from the schedule serves nobody.
    CenterSchedule broken = s;
    broken.services[0].window_ids.push_back("w7");
    EXPECT_FALSE(window_serves(broken, "w7", booking(1, "exam")));
    EXPECT_FALSE(window_serves(broken, "w7", booking(1, "exam", "w7")));
    EXPECT_TRUE(window_exists(s, "w3"));
    EXPECT_FALSE(window_exists(s, "w7"));
    EXPECT_FALSE(window_exists(s, ""));
}

// ---- transfer targets ---------------------------------------------------------------------------

TEST(WindowRules, TransferTargetMustExistAndServe) {
    const WindowBooking exam =
        booking(1, "exam", "w1", kToday, today_at(9, 0), BookingState::InService);
    auto transfer = [&](std::string service, std::string window) {
        return check(kClerkW1, exam, BookingAction::Transfer,
                     TransferTarget{std::move(service), std::move(window)});
    };
    EXPECT_EQ(transfer("registration", ""), std::nullopt);
    EXPECT_EQ(transfer("registration", "w3"), std::nullopt);
    EXPECT_EQ(transfer("", "w2"), std::nullopt);  // same service, another of its windows
    EXPECT_EQ(transfer("nope", ""), Problem("center.unknown_service", {{"service", "nope"}}));
    EXPECT_EQ(transfer("nope", "w1"), Problem("center.unknown_service", {{"service", "nope"}}));
    EXPECT_EQ(transfer("", "w3"), Problem("center.window_unknown", {{"window", "w3"}}));
    EXPECT_EQ(transfer("registration", "w1"), Problem("center.window_unknown", {{"window", "w1"}}));
    EXPECT_EQ(transfer("registration", "w9"), Problem("center.window_unknown", {{"window", "w9"}}));
    // A window the service lists but the schedule does not have.
    CenterSchedule broken = typical_center();
    broken.services[1].window_ids.push_back("w7");
    EXPECT_EQ(check_window_action(broken, kyiv(), kClerkW1, exam, BookingAction::Transfer,
                                  TransferTarget{"registration", "w7"}, kToday, today_at(12, 0)),
              Problem("center.window_unknown", {{"window", "w7"}}));
    // With no service named the visitor's own must still exist.
    EXPECT_EQ(check(kClerkW1, booking(2, "gone", "w1"), BookingAction::Transfer,
                    TransferTarget{"", "w2"}),
              Problem("center.unknown_service", {{"service", "gone"}}));
    // The window rule comes first: a clerk cannot transfer another window's visitor.
    EXPECT_EQ(check(kClerkW1, booking(3, "exam", "w2"), BookingAction::Transfer,
                    TransferTarget{"nope", ""}),
              Problem("center.wrong_window", {{"window", "w2"}}));
}

TEST(WindowRules, WaitingServiceIsTheTransferredOne) {
    const std::string booked = "exam";
    EXPECT_EQ(waiting_service_id(booked, std::nullopt), "exam");
    EXPECT_EQ(waiting_service_id(booked, TransferTarget{"", "w2"}), "exam");
    EXPECT_EQ(waiting_service_id(booked, TransferTarget{"licence", ""}), "licence");
}

// ---- who is next --------------------------------------------------------------------------------

TEST(WindowRules, CallingWindowMustExist) {
    const CenterSchedule s = typical_center();
    EXPECT_EQ(check_calling_window(s, "w1"), std::nullopt);
    EXPECT_EQ(check_calling_window(s, ""), Problem("center.window_unknown", {{"window", ""}}));
    EXPECT_EQ(check_calling_window(s, "w9"), Problem("center.window_unknown", {{"window", "w9"}}));
}

TEST(WindowRules, CalledBeforeOrdersPriorityThenSlotThenTicketThenId) {
    WindowBooking a = booking(1, "exam", "", kToday, today_at(10, 0));
    WindowBooking b = booking(2, "exam", "", kToday, today_at(9, 0));
    a.ticket = priority(5);
    b.ticket = regular(1000);
    EXPECT_TRUE(called_before(a, b));  // priority beats an earlier slot
    EXPECT_FALSE(called_before(b, a));
    a.ticket = regular(1001);
    EXPECT_TRUE(called_before(b, a));  // then the earlier slot
    a.slot_start = b.slot_start;
    EXPECT_TRUE(called_before(b, a));  // then the lower ticket
    EXPECT_FALSE(called_before(a, b));
    a.ticket.reset();
    EXPECT_TRUE(called_before(a, b));  // no ticket counts as 0
    a.ticket = regular(1000);
    EXPECT_TRUE(called_before(a, b));  // then the lower id
    EXPECT_FALSE(called_before(b, a));
    EXPECT_FALSE(called_before(a, a));
}

// Calls `window`'s visitors one by one, as the desk would, and gives the order of their ids.
std::vector<std::int64_t> call_order(std::vector<WindowBooking> bookings, std::string window) {
    std::vector<std::int64_t> order;
    // A called visitor is no longer waiting, so every booking is called at most once.
    for (std::size_t round = 0; round <= bookings.size(); ++round) {
        auto next = next_to_call(typical_center(), window, bookings, kToday);
        if (!next) {
            EXPECT_EQ(next.problem(), Problem("center.nobody_waiting", {{"window", window}}));
            return order;
        }
        order.push_back(bookings[*next].id);
        bookings[*next].state = BookingState::Called;
    }
    ADD_FAILURE() << "a called visitor was called again";
    return order;
}

TEST(WindowRules, NextToCallPriorityFirstThenSlotThenTicket) {
    std::vector<WindowBooking> day;
    auto add = [&](std::int64_t id, Instant slot, std::optional<Ticket> ticket,
                   std::string service = "exam", std::string window = "") {
        WindowBooking b = booking(id, std::move(service), std::move(window), kToday, slot);
        b.ticket = ticket;
        day.push_back(b);
    };
    add(1, today_at(9, 0), regular(1003));
    add(2, today_at(9, 20), regular(1000));
    add(3, today_at(11, 0), priority(2));
    add(4, today_at(10, 0), priority(7));
    add(5, today_at(9, 0), regular(1001));
    add(6, today_at(9, 0), std::nullopt);  // booked online, arrived without a ticket
    add(7, today_at(8, 0), regular(1002), "registration");         // w3's service
    add(8, today_at(8, 0), priority(1), "exam", "w2");             // sent to w2
    add(9, today_at(9, 40), regular(1004), "registration", "w1");  // sent to w1
    add(10, today_at(9, 0), regular(1001));                        // same keys as 5: id decides
    WindowBooking yesterday = booking(11, "exam", "", kYesterday, at(kYesterday, 8, 0));
    yesterday.ticket = priority(1);
    day.push_back(yesterday);
    WindowBooking called = booking(12, "exam", "", kToday, today_at(8, 0), BookingState::Called);
    day.push_back(called);
    WindowBooking booked = booking(13, "exam", "", kToday, today_at(8, 0), BookingState::Booked);
    day.push_back(booked);

    EXPECT_EQ(call_order(day, "w1"), (std::vector<std::int64_t>{4, 3, 6, 5, 10, 1, 2, 9}));
    EXPECT_EQ(call_order(day, "w2"), (std::vector<std::int64_t>{8, 4, 3, 6, 5, 10, 1, 2}));
    EXPECT_EQ(call_order(day, "w3"), (std::vector<std::int64_t>{7}));
}

TEST(WindowRules, NextToCallNobodyWaiting) {
    const CenterSchedule s = typical_center();
    EXPECT_EQ(next_to_call(s, "w1", {}, kToday).problem(),
              Problem("center.nobody_waiting", {{"window", "w1"}}));
    const std::vector<WindowBooking> only_tomorrow{
        booking(1, "exam", "", kTomorrow, at(kTomorrow, 9, 0))};
    EXPECT_FALSE(next_to_call(s, "w1", only_tomorrow, kToday).ok());
    EXPECT_EQ(*next_to_call(s, "w1", only_tomorrow, kTomorrow), 0u);
    const std::vector<WindowBooking> one{booking(1, "exam")};
    EXPECT_EQ(next_to_call(s, "w9", one, kToday).problem(),
              Problem("center.nobody_waiting", {{"window", "w9"}}));
    EXPECT_EQ(next_to_call(s, "", one, kToday).problem(),
              Problem("center.nobody_waiting", {{"window", ""}}));
}

// ---- end of day ---------------------------------------------------------------------------------

TEST(WindowRules, SlotEndIsStartPlusTheWaitingServicesDuration) {
    const CenterSchedule s = typical_center();
    EXPECT_EQ(slot_end(s, booking(1, "exam")), today_at(9, 20));
    EXPECT_EQ(slot_end(s, booking(1, "licence")), today_at(9, 45));
    EXPECT_EQ(slot_end(s, booking(1, "gone")), today_at(9, 0));
}

TEST(WindowRules, OverlapsAlertCountsBothEnds) {
    const Instant from = today_at(9, 30);
    const Instant to = today_at(10, 0);
    auto overlaps = [&](Instant start, std::optional<Instant> end) {
        const std::vector<AlertInterval> alerts{{start, end}};
        return overlaps_alert(from, to, alerts);
    };
    EXPECT_FALSE(overlaps_alert(from, to, {}));
    EXPECT_TRUE(overlaps(today_at(9, 0), today_at(9, 30)));        // ends as the slot starts
    EXPECT_FALSE(overlaps(today_at(9, 0), today_at(9, 29, 59)));   // ends a second before
    EXPECT_TRUE(overlaps(today_at(10, 0), today_at(10, 30)));      // starts as the slot ends
    EXPECT_FALSE(overlaps(today_at(10, 0, 1), today_at(10, 30)));  // a second after
    EXPECT_TRUE(overlaps(today_at(9, 40), today_at(9, 45)));       // inside
    EXPECT_TRUE(overlaps(today_at(8, 0), today_at(11, 0)));        // around
    EXPECT_TRUE(overlaps(today_at(8, 0), std::nullopt));           // still lasting
    EXPECT_TRUE(overlaps(today_at(10, 0), std::nullopt));
    EXPECT_FALSE(overlaps(today_at(10, 0, 1), std::nullopt));
}

TEST(WindowRules, EndOfDayMarksPastBookedAndArrivedOnly) {
    std::vector<WindowBooking> bookings;
    for (BookingState state : kAllBookingStates)
        bookings.push_back(booking(static_cast<std::int64_t>(bookings.size()), "exam", "",
                                   kYesterday, at(kYesterday, 9, 0), state));
    bookings.push_back(booking(100, "exam", "", kToday, today_at(5, 0), BookingState::Booked));
    bookings.push_back(booking(101, "exam", "", kTomorrow, at(kTomorrow, 9, 0)));
    bookings.push_back(booking(102, "exam", "", ymd(2026, 11, 30), at(ymd(2026, 11, 30), 9, 0)));
    const auto marked = end_of_day_no_shows(typical_center(), bookings, {}, kToday);
    // Booked (0), arrived (1), and the older arrived one; never today's or tomorrow's.
    EXPECT_EQ(marked, (std::vector<std::size_t>{0, 1, 10}));
}

TEST(WindowRules, EndOfDaySparesSlotsAnAlertOverlapped) {
    // Yesterday: exam 09:00-09:20, registration 09:30-10:00, licence 10:00-10:45, and a
    // booking of a service since removed (a slot of no length at 11:00).
    const std::vector<WindowBooking> day{
        booking(1, "exam", "", kYesterday, at(kYesterday, 9, 0), BookingState::Booked),
        booking(2, "registration", "", kYesterday, at(kYesterday, 9, 30)),
        booking(3, "licence", "", kYesterday, at(kYesterday, 10, 0), BookingState::Booked),
        booking(4, "gone", "", kYesterday, at(kYesterday, 11, 0)),
    };
    auto marked = [&](std::vector<AlertInterval> alerts) {
        return end_of_day_no_shows(typical_center(), day, alerts, kToday);
    };
    EXPECT_EQ(marked({}), (std::vector<std::size_t>{0, 1, 2, 3}));
    // 09:20-09:30 touches the end of the exam and the start of the registration.
    EXPECT_EQ(marked({{at(kYesterday, 9, 20), at(kYesterday, 9, 30)}}),
              (std::vector<std::size_t>{2, 3}));
    // A second inside the gap on either side touches nothing.
    EXPECT_EQ(marked({{at(kYesterday, 9, 20, 1), at(kYesterday, 9, 29, 59)}}),
              (std::vector<std::size_t>{0, 1, 2, 3}));
    // Starting as the registration ends spares the registration and the licence.
    EXPECT_EQ(marked({{at(kYesterday, 10, 0), at(kYesterday, 10, 5)}}),
              (std::vector<std::size_t>{0, 3}));
    // Ending a second before the licence's slot, after the registration's start.
    EXPECT_EQ(marked({{at(kYesterday, 9, 45), at(kYesterday, 9, 59, 59)}}),
              (std::vector<std::size_t>{0, 2, 3}));
    // The removed service's slot is its start only.
    EXPECT_EQ(marked({{at(kYesterday, 11, 0), at(kYesterday, 11, 30)}}),
              (std::vector<std::size_t>{0, 1, 2}));
    EXPECT_EQ(marked({{at(kYesterday, 11, 0, 1), at(kYesterday, 11, 30)}}),
              (std::vector<std::size_t>{0, 1, 2, 3}));
    // An alert still lasting spares everything from its start on.
    EXPECT_EQ(marked({{at(kYesterday, 10, 30), std::nullopt}}), (std::vector<std::size_t>{0, 1}));
    // Two alerts add up; one far away changes nothing.
    EXPECT_EQ(marked({{at(kYesterday, 9, 5), at(kYesterday, 9, 6)},
                      {at(kYesterday, 11, 0), at(kYesterday, 11, 0)},
                      {at(kToday, 9, 0), at(kToday, 10, 0)}}),
              (std::vector<std::size_t>{1, 2}));
}

}  // namespace
}  // namespace cherha::core

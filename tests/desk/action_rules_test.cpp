// Which buttons the desk enables (src/desk/model/action_rules.h): the core's state machine for
// the staff member's role, the window rules (whose visitor, which day, when a no-show may be
// marked, which window calls whom) and the alert mode, on the center's local day. Synthetic
// schedule shaped like the demo's: windows w1..w3, vehicle registration at w1 and w2, the
// theory exam (a retake pause) at w3.
#include "desk/model/action_rules.h"

#include <gtest/gtest.h>

namespace cherha::desk {
namespace {

using namespace std::chrono_literals;
using A = core::BookingAction;
using S = core::BookingState;
using Actions = std::set<A>;

constexpr core::Date kToday{date::year{2026}, date::month{11}, date::day{24}};
constexpr core::Date kYesterday{date::year{2026}, date::month{11}, date::day{23}};
constexpr core::Date kTomorrow{date::year{2026}, date::month{11}, date::day{25}};
// 10:00 in Kyiv (UTC+2 in November).
const core::Instant kNow = core::Instant{date::sys_days{kToday}} + 8h;

CenterInfo center() {
    CenterInfo c;
    c.center_id = 1;
    c.name_uk = "Тестовий центр";
    c.name_en = "Test center";
    c.time_zone = "Europe/Kyiv";
    c.today = kToday;
    c.windows = {{"w1", 1}, {"w2", 2}, {"w3", 3}};
    c.services = {
        {"vehicle-registration", "Реєстрація", "Registration", 30, {"w1", "w2"}, std::nullopt},
        {"exam-theory", "Теоретичний іспит", "Theory exam", 20, {"w3"}, 10},
    };
    return c;
}

StaffSession clerk(const std::string& window) {
    StaffSession s;
    s.token = "t";
    s.login = "clerk-" + window;
    s.role = "clerk";
    if (!window.empty()) s.window = WindowRef{window, window.back() - '0'};
    return s;
}

StaffSession supervisor(const std::string& window = "") {
    StaffSession s = clerk(window);
    s.login = "boss";
    s.role = "supervisor";
    return s;
}

// A booking of `day` whose slot began 30 minutes before now (same time of day on other days).
QueueBooking booking(S state, const std::string& window = "", core::Date day = kToday,
                     const std::string& service = "vehicle-registration") {
    QueueBooking b;
    b.id = 36;
    b.code = "TEST-0001";
    b.service_id = service;
    b.day = day;
    b.time = "09:30";
    b.start = core::Instant{date::sys_days{day}} + 7h + 30min;
    b.state = state;
    b.window_id = window;
    return b;
}

Actions enabled(const QueueBooking& b, const StaffSession& s, bool alert = false,
                core::Instant now = kNow) {
    return enabled_actions(b, center(), s, alert, now);
}

TEST(ActionRules, AClerkAtTheirWindowGetsTheStateMachinesActionsButNeverCancel) {
    const auto me = clerk("w1");
    EXPECT_EQ(enabled(booking(S::Booked), me), (Actions{A::Arrive}));
    EXPECT_EQ(enabled(booking(S::Arrived), me), (Actions{A::Call}));
    EXPECT_EQ(enabled(booking(S::Called, "w1"), me),
              (Actions{A::Recall, A::Start, A::Refuse, A::MarkNoShow, A::Transfer}));
    EXPECT_EQ(enabled(booking(S::InService, "w1"), me),
              (Actions{A::Serve, A::Refuse, A::Transfer}));
}

TEST(ActionRules, ASupervisorMayMarkNoShowAndTransferWaitingVisitorsAtAnyWindow) {
    EXPECT_EQ(enabled(booking(S::Booked), supervisor("w1")), (Actions{A::Arrive, A::MarkNoShow}));
    EXPECT_EQ(enabled(booking(S::Arrived), supervisor("w1")),
              (Actions{A::Call, A::MarkNoShow, A::Transfer}));
    // Without a window there is nowhere to call the visitor to.
    EXPECT_EQ(enabled(booking(S::Arrived), supervisor()), (Actions{A::MarkNoShow, A::Transfer}));
    // Another window's visitor: a supervisor acts anywhere.
    EXPECT_EQ(enabled(booking(S::Called, "w2"), supervisor("w1")),
              (Actions{A::Recall, A::Start, A::Refuse, A::MarkNoShow, A::Transfer}));
    EXPECT_EQ(enabled(booking(S::InService, "w2"), supervisor()),
              (Actions{A::Serve, A::Refuse, A::Transfer}));
    // An admin is a supervisor at the desk.
    StaffSession admin = supervisor("w1");
    admin.role = "admin";
    EXPECT_EQ(enabled(booking(S::Arrived), admin), (Actions{A::Call, A::MarkNoShow, A::Transfer}));
}

TEST(ActionRules, FinalStatesOfferNothing) {
    for (const S state : {S::Served, S::Refused, S::NoShow, S::Cancelled}) {
        EXPECT_TRUE(enabled(booking(state, "w1"), clerk("w1")).empty())
            << core::booking_state_id(state);
        EXPECT_TRUE(enabled(booking(state, "w1"), supervisor("w1")).empty())
            << core::booking_state_id(state);
    }
}

TEST(ActionRules, AClerkOnlyArrivesOrCallsVisitorsOfOtherWindows) {
    // Called to (or serving at) window 2: nothing for the clerk of window 1, all for window 2.
    EXPECT_TRUE(enabled(booking(S::Called, "w2"), clerk("w1")).empty());
    EXPECT_EQ(enabled(booking(S::Called, "w2"), clerk("w2")),
              (Actions{A::Recall, A::Start, A::Refuse, A::MarkNoShow, A::Transfer}));
    EXPECT_TRUE(enabled(booking(S::InService, "w2"), clerk("w1")).empty());
    // Sent to window 2 and waiting: only window 2 calls them.
    EXPECT_TRUE(enabled(booking(S::Arrived, "w2"), clerk("w1")).empty());
    EXPECT_EQ(enabled(booking(S::Arrived, "w2"), clerk("w2")), (Actions{A::Call}));
    // An arrival may be marked at any window.
    EXPECT_EQ(enabled(booking(S::Booked, "w2"), clerk("w1")), (Actions{A::Arrive}));
    // Waiting for a service window 1 does not serve: window 1 cannot call them, window 3 can.
    const auto exam = booking(S::Arrived, "", kToday, "exam-theory");
    EXPECT_TRUE(enabled(exam, clerk("w1")).empty());
    EXPECT_EQ(enabled(exam, clerk("w3")), (Actions{A::Call}));
    // A clerk logged in without a window calls nobody.
    EXPECT_TRUE(enabled(booking(S::Arrived), clerk("")).empty());
}

TEST(ActionRules, ATransferredVisitorIsCalledByTheWindowsOfTheNewService) {
    auto b = booking(S::Arrived);
    b.transfer = core::TransferTarget{"exam-theory", ""};
    EXPECT_TRUE(enabled(b, clerk("w1")).empty());
    EXPECT_EQ(enabled(b, clerk("w3")), (Actions{A::Call}));
}

TEST(ActionRules, ABookingOfAnotherDayIsNotArrivedCalledOrStarted) {
    // Tomorrow's: no arrival, and its slot has not begun, so no no-show either.
    EXPECT_TRUE(enabled(booking(S::Booked, "", kTomorrow), clerk("w1")).empty());
    EXPECT_TRUE(enabled(booking(S::Booked, "", kTomorrow), supervisor("w1")).empty());
    // Yesterday's: the supervisor may still mark the no-show, not the arrival.
    EXPECT_EQ(enabled(booking(S::Booked, "", kYesterday), supervisor("w1")),
              (Actions{A::MarkNoShow}));
    EXPECT_TRUE(enabled(booking(S::Arrived, "", kYesterday), clerk("w1")).empty());
    EXPECT_EQ(enabled(booking(S::Called, "w1", kYesterday), clerk("w1")),
              (Actions{A::Refuse, A::MarkNoShow, A::Transfer}));
}

TEST(ActionRules, TodayIsTheCentersLocalDay) {
    // 23:30 UTC on the 24th is already 01:30 on the 25th in Kyiv.
    const core::Instant late = core::Instant{date::sys_days{kToday}} + 23h + 30min;
    EXPECT_EQ(enabled(booking(S::Arrived, "", kTomorrow), clerk("w1"), false, late),
              (Actions{A::Call}));
    EXPECT_TRUE(enabled(booking(S::Arrived, "", kToday), clerk("w1"), false, late).empty());
}

TEST(ActionRules, ANoShowIsOnlyMarkedFromTheSlotStartOn) {
    auto b = booking(S::Called, "w1");
    b.start = kNow + 30min;
    EXPECT_EQ(enabled(b, clerk("w1")), (Actions{A::Recall, A::Start, A::Refuse, A::Transfer}));
    b.start = kNow + 1s;
    EXPECT_FALSE(enabled(b, clerk("w1")).count(A::MarkNoShow));
    b.start = kNow;
    EXPECT_TRUE(enabled(b, clerk("w1")).count(A::MarkNoShow));

    auto booked = booking(S::Booked);
    booked.start = kNow + 30min;
    EXPECT_EQ(enabled(booked, supervisor("w1")), (Actions{A::Arrive}));
}

TEST(ActionRules, AnAlertStopsCallingAndNoShows) {
    EXPECT_TRUE(enabled(booking(S::Arrived), clerk("w1"), true).empty());
    EXPECT_EQ(enabled(booking(S::Called, "w1"), clerk("w1"), true),
              (Actions{A::Start, A::Refuse, A::Transfer}));
    EXPECT_EQ(enabled(booking(S::Booked), supervisor("w1"), true), (Actions{A::Arrive}));
    EXPECT_EQ(enabled(booking(S::Arrived), supervisor("w1"), true), (Actions{A::Transfer}));
}

TEST(ActionRules, ACenterWhoseZoneIsUnknownEnablesNothing) {
    auto c = center();
    c.time_zone = "Nowhere/Atlantis";
    EXPECT_TRUE(enabled_actions(booking(S::Arrived), c, clerk("w1"), false, kNow).empty());
}

TEST(ActionRules, CallNextNeedsAWindowOfTheScheduleAndNoAlert) {
    EXPECT_TRUE(can_call_next(center(), clerk("w1"), false));
    EXPECT_TRUE(can_call_next(center(), clerk("w3"), false));
    EXPECT_TRUE(can_call_next(center(), supervisor("w2"), false));
    EXPECT_FALSE(can_call_next(center(), clerk(""), false));
    EXPECT_FALSE(can_call_next(center(), supervisor(), false));
    EXPECT_FALSE(can_call_next(center(), clerk("w9"), false));
    StaffSession empty_window = clerk("w1");
    empty_window.window->id = "";
    EXPECT_FALSE(can_call_next(center(), empty_window, false));
    EXPECT_FALSE(can_call_next(center(), clerk("w1"), true));
}

TEST(ActionRules, ServingAnExamNeedsAResult) {
    EXPECT_TRUE(serve_needs_result(booking(S::InService, "w3", kToday, "exam-theory"), center()));
    EXPECT_FALSE(serve_needs_result(booking(S::InService, "w1"), center()));
    EXPECT_FALSE(serve_needs_result(booking(S::InService, "w1", kToday, "gone"), center()));
    // The service waited for now decides: a transfer to the exam needs one, away from it not.
    auto to_exam = booking(S::InService, "w3");
    to_exam.transfer = core::TransferTarget{"exam-theory", ""};
    EXPECT_TRUE(serve_needs_result(to_exam, center()));
    auto from_exam = booking(S::InService, "w1", kToday, "exam-theory");
    from_exam.transfer = core::TransferTarget{"vehicle-registration", "w1"};
    EXPECT_FALSE(serve_needs_result(from_exam, center()));
}

TEST(ActionRules, AKeptActionMovesTheBookingAsTheServerWill) {
    auto called = booking(S::Arrived);
    ASSERT_TRUE(
        apply_kept_action(called, core::BookingAction::Call, clerk("w2"), false, std::nullopt));
    EXPECT_EQ(called.state, S::Called);
    EXPECT_EQ(called.window_id, "w2") << "a call seats the visitor at the caller's window";

    auto exam = booking(S::InService, "w3", kToday, "exam-theory");
    ASSERT_TRUE(apply_kept_action(exam, core::BookingAction::Serve, clerk("w3"), false,
                                  core::ServiceResult::Failed));
    EXPECT_EQ(exam.state, S::Served);

    auto refused = booking(S::InService, "w1");
    ASSERT_TRUE(
        apply_kept_action(refused, core::BookingAction::Refuse, clerk("w1"), false, std::nullopt));
    EXPECT_EQ(refused.state, S::Refused);
}

TEST(ActionRules, AKeptActionTheStateMachineRefusesChangesNothing) {
    auto served = booking(S::Served, "w1");
    const auto before = served;
    EXPECT_FALSE(
        apply_kept_action(served, core::BookingAction::Start, clerk("w1"), false, std::nullopt));
    EXPECT_EQ(served.state, before.state);
    EXPECT_EQ(served.window_id, before.window_id);
    // No calling during an alert.
    auto waiting = booking(S::Arrived);
    EXPECT_FALSE(
        apply_kept_action(waiting, core::BookingAction::Call, clerk("w1"), true, std::nullopt));
    EXPECT_EQ(waiting.state, S::Arrived);
    EXPECT_EQ(waiting.window_id, "");
}

}  // namespace
}  // namespace cherha::desk

// The booking state machine: ids, the full transition matrix, guards and payloads.
#include "core/booking/booking_state.h"
#include "core/booking/booking_transition.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <tuple>

namespace cherha::core {
namespace {

using S = BookingState;
using A = BookingAction;
using R = BookingActor;

// A context that satisfies every guard, so only the table decides.
TransitionContext permissive() {
    TransitionContext c;
    c.own_booking = true;
    c.before_cancellation_deadline = true;
    c.refusal = Refusal{RefusalReason::DataMismatch, ""};
    c.transfer = TransferTarget{"exam", ""};
    return c;
}

// Every legal edge, written out independently of the implementation's table.
// key: "from action actor", value: to.
const std::map<std::string, S>& expected_edges() {
    static const std::map<std::string, S> edges{
        {"booked arrive kiosk", S::Arrived},
        {"booked arrive clerk", S::Arrived},
        {"booked arrive supervisor", S::Arrived},
        {"booked cancel citizen", S::Cancelled},
        {"booked cancel clerk", S::Cancelled},
        {"booked cancel supervisor", S::Cancelled},
        {"booked mark_no_show supervisor", S::NoShow},
        {"booked mark_no_show system", S::NoShow},
        {"arrived call clerk", S::Called},
        {"arrived call supervisor", S::Called},
        {"arrived cancel clerk", S::Cancelled},
        {"arrived cancel supervisor", S::Cancelled},
        {"arrived mark_no_show supervisor", S::NoShow},
        {"arrived mark_no_show system", S::NoShow},
        {"arrived transfer supervisor", S::Arrived},
        {"called recall clerk", S::Called},
        {"called recall supervisor", S::Called},
        {"called start clerk", S::InService},
        {"called start supervisor", S::InService},
        {"called refuse clerk", S::Refused},
        {"called refuse supervisor", S::Refused},
        {"called mark_no_show clerk", S::NoShow},
        {"called mark_no_show supervisor", S::NoShow},
        {"called mark_no_show system", S::NoShow},
        {"called transfer clerk", S::Arrived},
        {"called transfer supervisor", S::Arrived},
        {"in_service serve clerk", S::Served},
        {"in_service serve supervisor", S::Served},
        {"in_service refuse clerk", S::Refused},
        {"in_service refuse supervisor", S::Refused},
        {"in_service transfer clerk", S::Arrived},
        {"in_service transfer supervisor", S::Arrived},
    };
    return edges;
}

std::string key(S s, A a, R r) {
    return std::string(booking_state_id(s)) + " " + std::string(booking_action_id(a)) + " " +
           std::string(booking_actor_id(r));
}

bool edge_exists_for_some_actor(S s, A a) {
    for (R r : kAllBookingActors)
        if (expected_edges().count(key(s, a, r))) return true;
    return false;
}

TEST(BookingIds, RoundTrip) {
    for (S s : kAllBookingStates) EXPECT_EQ(parse_booking_state(booking_state_id(s)), s);
    for (A a : kAllBookingActions) EXPECT_EQ(parse_booking_action(booking_action_id(a)), a);
    for (R r : kAllBookingActors) EXPECT_EQ(parse_booking_actor(booking_actor_id(r)), r);
    for (auto c : {BookingChannel::Online, BookingChannel::Terminal})
        EXPECT_EQ(parse_booking_channel(booking_channel_id(c)), c);
    for (auto r :
         {RefusalReason::DataMismatch, RefusalReason::MissingDocument, RefusalReason::Other})
        EXPECT_EQ(parse_refusal_reason(refusal_reason_id(r)), r);
    for (auto r : {ServiceResult::Passed, ServiceResult::Failed})
        EXPECT_EQ(parse_service_result(service_result_id(r)), r);
}

TEST(BookingIds, ExactStableStrings) {
    std::string states;
    for (S s : kAllBookingStates) states += std::string(booking_state_id(s)) + ",";
    EXPECT_EQ(states, "booked,arrived,called,in_service,served,refused,no_show,cancelled,");
    std::string actions;
    for (A a : kAllBookingActions) actions += std::string(booking_action_id(a)) + ",";
    EXPECT_EQ(actions, "arrive,call,recall,start,serve,refuse,mark_no_show,cancel,transfer,");
    std::string actors;
    for (R r : kAllBookingActors) actors += std::string(booking_actor_id(r)) + ",";
    EXPECT_EQ(actors, "citizen,kiosk,clerk,supervisor,system,");
    EXPECT_EQ(booking_channel_id(BookingChannel::Terminal), "terminal");
    EXPECT_EQ(refusal_reason_id(RefusalReason::MissingDocument), "missing_document");
    EXPECT_EQ(service_result_id(ServiceResult::Failed), "failed");
    EXPECT_EQ(booking_state_id(static_cast<S>(77)), "unknown");
}

TEST(BookingIds, ParseRejectsAnythingElse) {
    for (std::string_view bad : {"", "Booked", "BOOKED", " booked", "booked ", "in-service",
                                 "inservice", "unknown", "заброньовано", "\xFF\xFE"}) {
        EXPECT_FALSE(parse_booking_state(bad)) << bad;
        EXPECT_FALSE(parse_booking_action(bad)) << bad;
        EXPECT_FALSE(parse_booking_actor(bad)) << bad;
        EXPECT_FALSE(parse_booking_channel(bad)) << bad;
        EXPECT_FALSE(parse_refusal_reason(bad)) << bad;
        EXPECT_FALSE(parse_service_result(bad)) << bad;
    }
    EXPECT_FALSE(parse_booking_state(std::string_view("booked\0", 7)));
    EXPECT_FALSE(parse_booking_action(std::string_view("call\0x", 6)));
    EXPECT_FALSE(parse_booking_actor("сlerk"));  // Cyrillic "с"
    EXPECT_FALSE(parse_booking_state(std::string(100000, 'b')));
}

TEST(BookingIds, FinalStates) {
    std::set<S> final_states;
    for (S s : kAllBookingStates)
        if (is_final_state(s)) final_states.insert(s);
    EXPECT_EQ(final_states, (std::set<S>{S::Served, S::Refused, S::NoShow, S::Cancelled}));
}

// The whole matrix: every state x action x actor. Adding or removing an edge fails here.
TEST(BookingTransition, ExactTransitionMatrix) {
    int allowed = 0;
    for (S s : kAllBookingStates)
        for (A a : kAllBookingActions)
            for (R r : kAllBookingActors) {
                auto ctx = permissive();
                auto res = apply_booking_action(s, a, r, ctx);
                auto it = expected_edges().find(key(s, a, r));
                if (it != expected_edges().end()) {
                    ASSERT_TRUE(res.ok()) << key(s, a, r) << ": " << res.problem().code;
                    EXPECT_EQ(res->to, it->second) << key(s, a, r);
                    EXPECT_EQ(res->from, s);
                    EXPECT_EQ(res->action, a);
                    EXPECT_EQ(res->actor, r);
                    ++allowed;
                } else {
                    ASSERT_FALSE(res.ok()) << key(s, a, r) << " should be refused";
                    if (edge_exists_for_some_actor(s, a)) {
                        EXPECT_EQ(res.problem(),
                                  Problem("transition.actor_not_allowed",
                                          {{"actor", std::string(booking_actor_id(r))},
                                           {"action", std::string(booking_action_id(a))},
                                           {"from", std::string(booking_state_id(s))}}))
                            << key(s, a, r);
                    } else {
                        EXPECT_EQ(res.problem(),
                                  Problem("transition.not_allowed",
                                          {{"from", std::string(booking_state_id(s))},
                                           {"action", std::string(booking_action_id(a))}}))
                            << key(s, a, r);
                    }
                }
            }
    EXPECT_EQ(allowed, static_cast<int>(expected_edges().size()));
}

TEST(BookingTransition, AllowedActionsMatchTheMatrix) {
    for (S s : kAllBookingStates)
        for (R r : kAllBookingActors) {
            std::vector<A> expected;
            for (A a : kAllBookingActions)
                if (expected_edges().count(key(s, a, r))) expected.push_back(a);
            EXPECT_EQ(allowed_actions(s, r), expected)
                << booking_state_id(s) << " " << booking_actor_id(r);
            EXPECT_EQ(allowed_actions(s, r, permissive()), expected);
        }
}

TEST(BookingTransition, FinalStatesAreFinal) {
    for (S s : {S::Served, S::Refused, S::NoShow, S::Cancelled})
        for (R r : kAllBookingActors) {
            EXPECT_TRUE(allowed_actions(s, r).empty());
            for (A a : kAllBookingActions) {
                auto res = apply_booking_action(s, a, r, permissive());
                ASSERT_FALSE(res.ok());
                EXPECT_EQ(res.problem().code, "transition.not_allowed");
            }
        }
}

TEST(BookingTransition, AlertStopsCallingAndNoShows) {
    TransitionContext alert = permissive();
    alert.alert_active = true;
    for (auto [s, a, r] : {std::tuple{S::Arrived, A::Call, R::Clerk},
                           std::tuple{S::Called, A::Recall, R::Supervisor},
                           std::tuple{S::Called, A::MarkNoShow, R::Clerk},
                           std::tuple{S::Booked, A::MarkNoShow, R::System},
                           std::tuple{S::Arrived, A::MarkNoShow, R::System},
                           std::tuple{S::Called, A::MarkNoShow, R::System}}) {
        auto res = apply_booking_action(s, a, r, alert);
        ASSERT_FALSE(res.ok()) << key(s, a, r);
        EXPECT_EQ(res.problem(), Problem("transition.alert_active",
                                         {{"action", std::string(booking_action_id(a))}}));
        EXPECT_TRUE(apply_booking_action(s, a, r, permissive()).ok()) << key(s, a, r);
    }
    // Work already at the window goes on.
    EXPECT_TRUE(apply_booking_action(S::Called, A::Start, R::Clerk, alert).ok());
    EXPECT_TRUE(apply_booking_action(S::InService, A::Serve, R::Clerk, alert).ok());
    EXPECT_TRUE(apply_booking_action(S::Booked, A::Arrive, R::Kiosk, alert).ok());
    // The desk disables the buttons.
    EXPECT_EQ(allowed_actions(S::Called, R::Clerk, alert),
              (std::vector<A>{A::Start, A::Refuse, A::Transfer}));
    EXPECT_TRUE(allowed_actions(S::Booked, R::System, alert).empty());
}

TEST(BookingTransition, CitizenCancelsOwnBookingBeforeTheDeadlineOnly) {
    TransitionContext c;
    c.own_booking = true;
    c.before_cancellation_deadline = true;
    auto ok = apply_booking_action(S::Booked, A::Cancel, R::Citizen, c);
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok->to, S::Cancelled);

    c.before_cancellation_deadline = false;
    EXPECT_EQ(apply_booking_action(S::Booked, A::Cancel, R::Citizen, c).problem(),
              Problem("transition.cancellation_deadline_passed"));
    EXPECT_TRUE(allowed_actions(S::Booked, R::Citizen, c).empty());
    c.own_booking = false;
    c.before_cancellation_deadline = true;
    EXPECT_EQ(apply_booking_action(S::Booked, A::Cancel, R::Citizen, c).problem(),
              Problem("transition.not_own_booking"));
    // A default context refuses (fail closed).
    EXPECT_FALSE(apply_booking_action(S::Booked, A::Cancel, R::Citizen, {}).ok());
    // Staff are not bound by the citizen's deadline.
    EXPECT_TRUE(apply_booking_action(S::Booked, A::Cancel, R::Clerk, {}).ok());
    // Once arrived the citizen cannot cancel online.
    EXPECT_EQ(apply_booking_action(S::Arrived, A::Cancel, R::Citizen, permissive()).problem().code,
              "transition.actor_not_allowed");
}

TEST(BookingTransition, ServeRecordsAResultWhereTheServiceHasOne) {
    TransitionContext c;
    c.service_has_result = true;
    EXPECT_EQ(apply_booking_action(S::InService, A::Serve, R::Clerk, c).problem(),
              Problem("transition.result_required"));
    c.result = ServiceResult::Failed;
    auto res = apply_booking_action(S::InService, A::Serve, R::Clerk, c);
    ASSERT_TRUE(res.ok());
    EXPECT_EQ(res->to, S::Served);
    EXPECT_EQ(res->result, ServiceResult::Failed);
    EXPECT_FALSE(res->refusal);
    EXPECT_FALSE(res->transfer);

    c.service_has_result = false;
    c.result = ServiceResult::Passed;
    EXPECT_EQ(apply_booking_action(S::InService, A::Serve, R::Clerk, c).problem(),
              Problem("transition.result_not_applicable", {{"result", "passed"}}));
    c.result.reset();
    auto plain = apply_booking_action(S::InService, A::Serve, R::Clerk, c);
    ASSERT_TRUE(plain.ok());
    EXPECT_FALSE(plain->result);
}

TEST(BookingTransition, RefuseNeedsAReason) {
    TransitionContext c;
    EXPECT_EQ(apply_booking_action(S::InService, A::Refuse, R::Clerk, c).problem(),
              Problem("transition.reason_required"));
    c.refusal = Refusal{static_cast<RefusalReason>(42), "x"};
    EXPECT_EQ(apply_booking_action(S::InService, A::Refuse, R::Clerk, c).problem().code,
              "transition.reason_required");
    for (auto reason : {RefusalReason::DataMismatch, RefusalReason::MissingDocument}) {
        c.refusal = Refusal{reason, ""};
        auto res = apply_booking_action(S::Called, A::Refuse, R::Clerk, c);
        ASSERT_TRUE(res.ok());
        EXPECT_EQ(res->to, S::Refused);
        EXPECT_EQ(res->refusal, c.refusal);
    }
    for (std::string blank : {"", " ", "  \t\n "}) {
        c.refusal = Refusal{RefusalReason::Other, blank};
        EXPECT_EQ(apply_booking_action(S::InService, A::Refuse, R::Clerk, c).problem(),
                  Problem("transition.reason_text_required", {{"reason", "other"}}));
    }
    c.refusal = Refusal{RefusalReason::Other, "Відвідувач пішов"};
    auto res = apply_booking_action(S::InService, A::Refuse, R::Supervisor, c);
    ASSERT_TRUE(res.ok());
    EXPECT_EQ(res->refusal.value_or(Refusal{}).note, "Відвідувач пішов");
}

TEST(BookingTransition, HostileRefusalNotes) {
    auto refuse = [](std::string note) {
        TransitionContext c;
        c.refusal = Refusal{RefusalReason::Other, std::move(note)};
        return apply_booking_action(S::InService, A::Refuse, R::Clerk, c);
    };
    auto issue = [&](std::string note) { return refuse(std::move(note)).problem().param("issue"); };
    EXPECT_EQ(refuse(std::string(kMaxRefusalNoteBytes + 1, 'x')).problem(),
              Problem("transition.text_invalid",
                      {{"field", "note"}, {"issue", "too_long"}, {"max", "1000"}}));
    EXPECT_TRUE(refuse(std::string(kMaxRefusalNoteBytes, 'x')).ok());
    EXPECT_EQ(issue(std::string("a\0b", 3)), "control_character");
    EXPECT_EQ(issue("line\nbreak"), "control_character");
    EXPECT_EQ(issue("\x7F"), "control_character");
    EXPECT_EQ(issue("\xC2\x85"), "control_character");  // C1 NEL
    EXPECT_EQ(issue("\xFF"), "not_utf8");
    EXPECT_EQ(issue("\xC0\xAF"), "not_utf8");          // overlong "/"
    EXPECT_EQ(issue("\xE0\x80\xAF"), "not_utf8");      // overlong
    EXPECT_EQ(issue("\xED\xA0\x80"), "not_utf8");      // surrogate
    EXPECT_EQ(issue("\xF4\x90\x80\x80"), "not_utf8");  // past U+10FFFF
    EXPECT_EQ(issue("\xD0"), "not_utf8");              // truncated
    EXPECT_EQ(issue("ab\xD0 "), "not_utf8");
    EXPECT_TRUE(refuse("Mixed Кирилиця і Latin 🙂 ʼ").ok());
    EXPECT_TRUE(refuse("\xF0\x9F\x99\x82").ok());
}

TEST(BookingTransition, TransferNeedsATargetAndKeepsItInTheRecord) {
    TransitionContext c;
    EXPECT_EQ(apply_booking_action(S::Called, A::Transfer, R::Clerk, c).problem(),
              Problem("transition.target_required"));
    c.transfer = TransferTarget{"", "  "};
    EXPECT_EQ(apply_booking_action(S::Called, A::Transfer, R::Clerk, c).problem(),
              Problem("transition.target_required"));
    c.transfer = TransferTarget{"", "window-3"};
    auto res = apply_booking_action(S::InService, A::Transfer, R::Clerk, c);
    ASSERT_TRUE(res.ok());
    EXPECT_EQ(res->to, S::Arrived);  // back to waiting
    EXPECT_EQ(res->transfer, c.transfer);
    c.transfer = TransferTarget{std::string(kMaxTransferTargetIdBytes + 1, 's'), ""};
    EXPECT_EQ(apply_booking_action(S::Called, A::Transfer, R::Clerk, c).problem(),
              Problem("transition.text_invalid",
                      {{"field", "service_id"}, {"issue", "too_long"}, {"max", "64"}}));
    c.transfer = TransferTarget{"exam", std::string("w\0", 2)};
    EXPECT_EQ(apply_booking_action(S::Called, A::Transfer, R::Clerk, c).problem().param("field"),
              "window_id");
}

TEST(BookingTransition, OnlyThePayloadOfTheActionIsRecorded) {
    TransitionContext c = permissive();
    c.result = ServiceResult::Passed;
    auto res = apply_booking_action(S::Arrived, A::Call, R::Clerk, c);
    ASSERT_TRUE(res.ok());
    EXPECT_FALSE(res->result);
    EXPECT_FALSE(res->refusal);
    EXPECT_FALSE(res->transfer);
}

TEST(BookingTransition, RecallKeepsCalledAndAFullDayWorks) {
    TransitionContext c = permissive();
    c.service_has_result = true;
    c.result = ServiceResult::Passed;
    S s = S::Booked;
    const std::pair<A, R> steps[] = {
        {A::Arrive, R::Kiosk},      {A::Call, R::Clerk},     {A::Recall, R::Clerk},
        {A::Start, R::Clerk},       {A::Transfer, R::Clerk}, {A::Call, R::Supervisor},
        {A::Recall, R::Supervisor}, {A::Start, R::Clerk},    {A::Serve, R::Clerk}};
    const S expected[] = {S::Arrived, S::Called, S::Called,    S::InService, S::Arrived,
                          S::Called,  S::Called, S::InService, S::Served};
    for (std::size_t i = 0; i < std::size(steps); ++i) {
        auto res = apply_booking_action(s, steps[i].first, steps[i].second, c);
        ASSERT_TRUE(res.ok()) << i << " " << res.problem().code;
        s = res->to;
        EXPECT_EQ(s, expected[i]) << i;
    }
}

TEST(BookingTransition, OutOfRangeEnumsAreRefused) {
    EXPECT_EQ(
        apply_booking_action(static_cast<S>(99), A::Call, R::Clerk, permissive()).problem().code,
        "transition.not_allowed");
    EXPECT_EQ(
        apply_booking_action(S::Arrived, static_cast<A>(99), R::Clerk, permissive()).problem().code,
        "transition.not_allowed");
    auto res = apply_booking_action(S::Arrived, A::Call, static_cast<R>(99), permissive());
    ASSERT_FALSE(res.ok());
    EXPECT_EQ(res.problem().code, "transition.actor_not_allowed");
    EXPECT_EQ(res.problem().param("actor"), "unknown");
    EXPECT_TRUE(allowed_actions(S::Arrived, static_cast<R>(200)).empty());
}

TEST(BookingTransition, OpeningStates) {
    EXPECT_EQ(opening_booking_state(R::Citizen, BookingChannel::Online).value(), S::Booked);
    EXPECT_EQ(opening_booking_state(R::Kiosk, BookingChannel::Terminal).value(), S::Arrived);
    EXPECT_EQ(
        opening_booking_state(R::Citizen, BookingChannel::Terminal).problem(),
        Problem("transition.channel_not_allowed", {{"actor", "citizen"}, {"channel", "terminal"}}));
    EXPECT_EQ(opening_booking_state(R::Kiosk, BookingChannel::Online).problem().code,
              "transition.channel_not_allowed");
    for (R r : {R::Clerk, R::Supervisor, R::System})
        for (auto ch : {BookingChannel::Online, BookingChannel::Terminal})
            EXPECT_EQ(opening_booking_state(r, ch).problem(),
                      Problem("transition.actor_not_allowed",
                              {{"actor", std::string(booking_actor_id(r))}, {"action", "create"}}));
}

}  // namespace
}  // namespace cherha::core

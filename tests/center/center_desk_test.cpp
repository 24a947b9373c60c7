// The window's work through the application layer: arrival, calling, serving, refusing,
// idempotent retries, alert mode, no-show blocks, verification and its audit, retention.
#include "center/center_fixture.h"

namespace cherha::center::testing {
namespace {

constexpr int k0900 = 9 * 60;

class DeskTest : public CenterTest {
  protected:
    Actor staff(store::StaffRole role, std::string window, std::int64_t id = 1) {
        Actor a;
        a.kind = Actor::Kind::Staff;
        a.id = id;
        a.name = role == store::StaffRole::Clerk ? "clerk" + window : "boss";
        a.role = role;
        a.window_id = std::move(window);
        return a;
    }

    // Responds with the booking's state, as the API would with its JSON.
    static ServiceCenter::Outcome respond(const store::BookingRecord& b) {
        return {200, std::string(core::booking_state_id(b.state)) + ":" + std::to_string(b.id),
                false};
    }

    core::Result<ServiceCenter::Outcome> act(const Actor& who, std::int64_t id,
                                             core::BookingAction action,
                                             std::optional<Idempotency> key = {}) {
        BookingCommand command;
        command.action = action;
        return center_->act(who, id, command, key, respond);
    }

    core::Result<ServiceCenter::Outcome> call_next(const Actor& who,
                                                   std::optional<Idempotency> key = {}) {
        return center_->call_next(who, key, respond);
    }

    // Books `n` people for today 09:00 (booked the evening before) and returns their ids.
    std::vector<std::int64_t> booked_today(int n) {
        const Date today = center_->today();
        const Instant morning = now_;
        now_ -= 12h;  // the evening before
        std::vector<std::int64_t> ids;
        for (int i = 0; i < n; ++i) {
            auto b = book(i + 1, today, k0900 + 30 * (i / 2));
            EXPECT_TRUE(b) << b.problem().code;
            if (b) ids.push_back(b->booking.id);
        }
        now_ = morning;
        return ids;
    }
};

TEST_F(DeskTest, AVisitorGoesFromArrivalToServed) {
    auto ids = booked_today(1);
    ASSERT_EQ(ids.size(), 1u);
    auto clerk = staff(store::StaffRole::Clerk, "w1");
    ASSERT_TRUE(act(clerk, ids[0], core::BookingAction::Arrive));
    auto called = call_next(clerk);
    ASSERT_TRUE(called) << called.problem().code;
    EXPECT_EQ(called->body, "called:" + std::to_string(ids[0]));
    ASSERT_TRUE(act(clerk, ids[0], core::BookingAction::Start));
    auto served = act(clerk, ids[0], core::BookingAction::Serve);
    ASSERT_TRUE(served) << served.problem().code;
    EXPECT_EQ(served->body, "served:" + std::to_string(ids[0]));

    auto found = center_->find_for_desk(center_->queue(center_->today(), {}).value()[0].code);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->booking.window_id, "w1");
    ASSERT_TRUE(found->booking.ticket);
    EXPECT_EQ(found->booking.ticket->number, core::kFirstRegularTicket);
    auto by_token = center_->find_for_desk(found->token);
    ASSERT_TRUE(by_token) << by_token.problem().code;
    EXPECT_EQ(by_token->booking.id, ids[0]);

    auto stats = center_->statistics(center_->today());
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats.value().by_state["served"], 1);
    EXPECT_EQ(stats.value().by_window["w1"]["served"], 1);
}

TEST_F(DeskTest, APriorityArrivalIsOnePerPersonWhicheverDocumentGotTheFirst) {
    auto ids = booked_today(1);  // person 1, booked online with the RNOKPP and the ID card
    ASSERT_EQ(ids.size(), 1u);
    // Earlier that morning the same person took a priority ticket at the terminal with the ID
    // card only: the first identity keys of the two bookings differ, the ID card is shared.
    const Actor kiosk = CenterTest::kiosk();
    TerminalRequest request;
    request.service_id = "vehicle-registration";
    request.priority = core::PriorityCategory::PersonWithDisability;
    request.registration = core::synthetic::as_without_rnokpp(registration(1));
    auto at_terminal = center_->register_at_terminal(kiosk, request);
    ASSERT_TRUE(at_terminal) << at_terminal.problem().code;

    auto clerk = staff(store::StaffRole::Clerk, "w1");
    BookingCommand arrive;
    arrive.action = core::BookingAction::Arrive;
    arrive.priority = core::PriorityCategory::PersonWithDisability;
    auto refused = center_->act(clerk, ids[0], arrive, std::nullopt, respond);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.problem().code, "ticket.priority_already_issued");
    // Nothing changed; a regular ticket is still given.
    auto queue = center_->queue(center_->today(), {});
    ASSERT_TRUE(queue);
    for (const auto& b : *queue)
        if (b.id == ids[0]) {
            EXPECT_EQ(b.state, core::BookingState::Booked);
        }
    arrive.priority.reset();
    EXPECT_TRUE(center_->act(clerk, ids[0], arrive, std::nullopt, respond));
}

TEST_F(DeskTest, CallNextTakesPriorityFirstAndOnlyServicesOfTheWindow) {
    auto ids = booked_today(2);
    ASSERT_EQ(ids.size(), 2u);
    auto clerk = staff(store::StaffRole::Clerk, "w1");
    ASSERT_TRUE(act(clerk, ids[0], core::BookingAction::Arrive));
    BookingCommand arrive;
    arrive.action = core::BookingAction::Arrive;
    arrive.priority = core::PriorityCategory::PersonWithDisability;
    ASSERT_TRUE(center_->act(clerk, ids[1], arrive, std::nullopt, respond));

    // Window 3 serves only the theory exam: nobody waits for it.
    auto other = call_next(staff(store::StaffRole::Clerk, "w3", 2));
    ASSERT_FALSE(other);
    EXPECT_EQ(other.problem().code, "center.nobody_waiting");

    auto first = call_next(clerk);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->body, "called:" + std::to_string(ids[1]));  // the priority ticket
    auto second = call_next(staff(store::StaffRole::Clerk, "w2", 3));
    ASSERT_TRUE(second);
    EXPECT_EQ(second->body, "called:" + std::to_string(ids[0]));
    EXPECT_EQ(call_next(clerk).problem().code, "center.nobody_waiting");

    // A clerk cannot finish a visitor called to another window; a supervisor can.
    auto wrong = act(clerk, ids[0], core::BookingAction::Start);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.problem().code, "center.wrong_window");
    EXPECT_TRUE(
        act(staff(store::StaffRole::Supervisor, "", 9), ids[0], core::BookingAction::Start));
}

TEST_F(DeskTest, ATransferredVisitorWaitsForTheNewServiceWindows) {
    auto ids = booked_today(1);
    auto clerk = staff(store::StaffRole::Clerk, "w1");
    ASSERT_TRUE(act(clerk, ids[0], core::BookingAction::Arrive));
    ASSERT_TRUE(call_next(clerk));
    BookingCommand transfer;
    transfer.action = core::BookingAction::Transfer;
    transfer.transfer = core::TransferTarget{"exam-theory", ""};
    auto moved = center_->act(clerk, ids[0], transfer, std::nullopt, respond);
    ASSERT_TRUE(moved) << moved.problem().code;
    EXPECT_EQ(moved->body, "arrived:" + std::to_string(ids[0]));
    EXPECT_EQ(call_next(clerk).problem().code, "center.nobody_waiting");  // w1: not its service
    auto theory = call_next(staff(store::StaffRole::Clerk, "w3", 4));
    ASSERT_TRUE(theory) << theory.problem().code;
    EXPECT_EQ(theory->body, "called:" + std::to_string(ids[0]));

    transfer.transfer = core::TransferTarget{"no-such-service", ""};
    EXPECT_EQ(center_->act(clerk, ids[0], transfer, std::nullopt, respond).problem().code,
              "center.wrong_window");  // called to w3 now: not the w1 clerk's visitor
}

TEST_F(DeskTest, OnlyAWindowServingTheServiceCallsAndOnlyToday) {
    auto ids = booked_today(1);
    auto clerk = staff(store::StaffRole::Clerk, "w1");
    ASSERT_TRUE(act(clerk, ids[0], core::BookingAction::Arrive));
    // Window 5 serves the practical exam only; a clerk without a window calls nobody.
    auto far = act(staff(store::StaffRole::Clerk, "w5", 2), ids[0], core::BookingAction::Call);
    ASSERT_FALSE(far);
    EXPECT_EQ(far.problem().code, "center.wrong_window");
    EXPECT_EQ(act(staff(store::StaffRole::Clerk, "", 3), ids[0], core::BookingAction::Call)
                  .problem()
                  .code,
              "center.wrong_window");
    EXPECT_TRUE(act(clerk, ids[0], core::BookingAction::Call));

    // A booking of tomorrow cannot arrive today, and no visitor is a no-show before the slot.
    auto tomorrow = book(5, day_after(1), k0900);
    ASSERT_TRUE(tomorrow);
    auto early = act(clerk, tomorrow->booking.id, core::BookingAction::Arrive);
    ASSERT_FALSE(early);
    EXPECT_EQ(early.problem().code, "center.not_today");
    auto boss = staff(store::StaffRole::Supervisor, "", 9);
    auto premature = act(boss, tomorrow->booking.id, core::BookingAction::MarkNoShow);
    ASSERT_FALSE(premature);
    EXPECT_EQ(premature.problem().code, "center.too_early");

    // A transfer names a window that exists and serves the service.
    BookingCommand transfer;
    transfer.action = core::BookingAction::Transfer;
    transfer.transfer = core::TransferTarget{"", "w9"};
    EXPECT_EQ(center_->act(clerk, ids[0], transfer, std::nullopt, respond).problem().code,
              "center.window_unknown");
    transfer.transfer = core::TransferTarget{"exam-theory", "w1"};  // w1 does not serve it
    EXPECT_EQ(center_->act(clerk, ids[0], transfer, std::nullopt, respond).problem().code,
              "center.window_unknown");
}

TEST_F(DeskTest, EndOfDayMakesAbsentVisitorsNoShowsExceptDuringAnAlert) {
    auto ids = booked_today(3);  // 09:00, 09:00, 09:30
    ASSERT_EQ(ids.size(), 3u);
    auto clerk = staff(store::StaffRole::Clerk, "w1");
    ASSERT_TRUE(act(clerk, ids[2], core::BookingAction::Arrive));
    // An alert from 09:35 to 10:30 covers the 09:30 slot, not the 09:00 ones.
    auto boss = staff(store::StaffRole::Supervisor, "", 9);
    const Instant morning = now_;
    now_ = morning + 1h + 35min;
    ASSERT_FALSE(center_->set_alert(boss, true));
    now_ = morning + 2h + 30min;
    ASSERT_FALSE(center_->set_alert(boss, false));
    ASSERT_TRUE(act(clerk, ids[1], core::BookingAction::Arrive));
    ASSERT_TRUE(call_next(clerk));  // the 09:00 visitor who came
    ASSERT_TRUE(act(clerk, ids[1], core::BookingAction::Start));
    ASSERT_TRUE(act(clerk, ids[1], core::BookingAction::Serve));

    EXPECT_EQ(*center_->close_past_days(), 0);  // today is not past yet
    now_ = morning + 24h;
    auto closed = center_->close_past_days();
    ASSERT_TRUE(closed) << closed.problem().code;
    EXPECT_EQ(*closed, 1);  // only the absent 09:00 visitor
    auto day = center_->queue(Date{date::floor<date::days>(morning)}, {});
    ASSERT_TRUE(day);
    std::map<std::int64_t, core::BookingState> states;
    for (const auto& b : *day) states[b.id] = b.state;
    EXPECT_EQ(states[ids[0]], core::BookingState::NoShow);
    EXPECT_EQ(states[ids[1]], core::BookingState::Served);
    EXPECT_EQ(states[ids[2]], core::BookingState::Arrived);  // lost to the alert
    EXPECT_EQ(*center_->close_past_days(), 0);               // idempotent
}

TEST_F(DeskTest, ARetriedRequestIsAppliedOnceAndAReusedKeyIsRefused) {
    auto ids = booked_today(1);
    auto clerk = staff(store::StaffRole::Clerk, "w1");
    ASSERT_TRUE(act(clerk, ids[0], core::BookingAction::Arrive));
    Idempotency key{"retry-1", "digest-of-call"};
    auto first = call_next(clerk, key);
    ASSERT_TRUE(first);
    EXPECT_FALSE(first->replayed);
    auto again = call_next(clerk, key);  // the desk lost the response and retries
    ASSERT_TRUE(again) << again.problem().code;
    EXPECT_TRUE(again->replayed);
    EXPECT_EQ(again->body, first->body);

    auto recalled = act(clerk, ids[0], core::BookingAction::Recall, Idempotency{"r", "d1"});
    ASSERT_TRUE(recalled);
    ASSERT_TRUE(act(clerk, ids[0], core::BookingAction::Recall, Idempotency{"r", "d1"}));
    auto booking = center_->find_for_desk(center_->queue(center_->today(), {}).value()[0].code);
    EXPECT_EQ(booking->booking.recalls, 1);  // applied once

    auto reused = act(clerk, ids[0], core::BookingAction::Start, Idempotency{"r", "other"});
    ASSERT_FALSE(reused);
    EXPECT_EQ(reused.problem().code, "idempotency.key_reused");
}

TEST_F(DeskTest, AlertStopsCallingUntilTheAllClear) {
    auto ids = booked_today(1);
    auto clerk = staff(store::StaffRole::Clerk, "w1");
    auto boss = staff(store::StaffRole::Supervisor, "", 7);
    ASSERT_TRUE(act(clerk, ids[0], core::BookingAction::Arrive));
    ASSERT_FALSE(center_->set_alert(boss, true));
    EXPECT_TRUE(center_->alert_active());
    EXPECT_EQ(center_->set_alert(boss, true)->code, "center.alert_state");
    EXPECT_EQ(call_next(clerk).problem().code, "center.alert_active");
    ASSERT_FALSE(center_->set_alert(boss, false));
    EXPECT_TRUE(call_next(clerk));
    auto stats = center_->statistics(center_->today());
    ASSERT_TRUE(stats);
    ASSERT_EQ(stats->alerts.size(), 1u);
    EXPECT_TRUE(stats->alerts[0].ended_at);
}

TEST_F(DeskTest, VerificationIsRecordedWithoutPersonalData) {
    auto ids = booked_today(1);
    auto clerk = staff(store::StaffRole::Clerk, "w1");
    auto good = core::synthetic::id_card_of(person(1), Date{date::year{2030} / 1 / 1});
    auto match = center_->verify_document(clerk, ids[0], good);
    ASSERT_TRUE(match);
    EXPECT_EQ(match->verdict, core::Verdict::Match);
    auto bad = good;
    bad.given_name = "Олександра";
    auto mismatch = center_->verify_document(clerk, ids[0], bad);
    ASSERT_TRUE(mismatch);
    EXPECT_EQ(mismatch->verdict, core::Verdict::Mismatch);

    auto audit = center_->audit(0, 100, ids[0]);
    ASSERT_TRUE(audit);
    int verifications = 0;
    for (const auto& entry : *audit) {
        EXPECT_EQ(entry.event.details.find("Шевченко"), std::string::npos);
        EXPECT_EQ(entry.event.details.find(person(1).id_card_number), std::string::npos);
        if (entry.event.action == "verification") ++verifications;
    }
    EXPECT_EQ(verifications, 2);
    auto session = store_->read();
    ASSERT_TRUE(session);
    auto chain = session.value()->verify_audit_chain();
    ASSERT_TRUE(chain);
    EXPECT_FALSE(chain->first_broken);
    EXPECT_GE(chain->entries, 3);
}

TEST_F(DeskTest, AnMrzWithProblemsIsJudgedByTheCoreAndAudited) {
    auto ids = booked_today(1);
    auto clerk = staff(store::StaffRole::Clerk, "w1");
    // Every field matches, but the MRZ it was read from had a failed check digit.
    auto good = core::synthetic::id_card_of(person(1), Date{date::year{2030} / 1 / 1});
    const std::vector<core::Problem> misread{core::Problem(
        "mrz.check_digit",
        {{"line", "1"}, {"field", "document_number"}, {"expected", "4"}, {"actual", "5"}})};
    auto judged = center_->verify_document(clerk, ids[0], good, misread);
    ASSERT_TRUE(judged) << judged.problem().code;
    EXPECT_EQ(judged->verdict, core::Verdict::Mismatch);
    ASSERT_EQ(judged->problems.size(), 1u);
    EXPECT_EQ(judged->problems[0].code, "mrz.check_digit");
    EXPECT_EQ(judged->problems[0].param("field"), "document_number");

    auto audit = center_->audit(0, 100, ids[0]);
    ASSERT_TRUE(audit);
    ASSERT_FALSE(audit->empty());
    const auto& entry = audit->back().event;
    EXPECT_EQ(entry.action, "verification");
    EXPECT_EQ(entry.result, "mismatch");
    EXPECT_NE(entry.details.find("\"problems\":\"mrz.check_digit\""), std::string::npos)
        << entry.details;
    EXPECT_EQ(entry.details.find(person(1).id_card_number), std::string::npos);

    // Without problems the same document matches, and its audit names none.
    auto clean = center_->verify_document(clerk, ids[0], good);
    ASSERT_TRUE(clean);
    EXPECT_EQ(clean->verdict, core::Verdict::Match);
    auto after = center_->audit(0, 100, ids[0]);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->back().event.details.find("problems"), std::string::npos);
}

TEST_F(DeskTest, FourNoShowsBlockOnlineBookingUntilUnblocked) {
    auto clerk = staff(store::StaffRole::Clerk, "w1");
    // Person 1 books four days in a row and never comes.
    for (int day = 0; day < 4; ++day) {
        auto b = book(1, day_after(1 + day), k0900);
        ASSERT_TRUE(b) << b.problem().code;
    }
    const Date first = day_after(1);
    for (int day = 0; day < 4; ++day) {
        now_ = date::sys_days{first} + date::days{day} + 16h;  // that evening
        auto queue = center_->queue(center_->today(), {});
        ASSERT_TRUE(queue);
        ASSERT_EQ(queue->size(), 1u);
        // The clerk calls and marks no-show (arrival first: called needs arrived).
        ASSERT_TRUE(act(clerk, (*queue)[0].id, core::BookingAction::Arrive));
        ASSERT_TRUE(act(clerk, (*queue)[0].id, core::BookingAction::Call));
        auto marked = act(clerk, (*queue)[0].id, core::BookingAction::MarkNoShow);
        ASSERT_TRUE(marked) << marked.problem().code;
    }
    // In January (a new quota month) the block still holds.
    now_ = date::sys_days{date::year{2026} / 12 / 20} + 6h;
    const Date january{date::year{2027} / 1 / 4};
    auto blocked = book(1, january, k0900);
    ASSERT_FALSE(blocked);
    EXPECT_EQ(blocked.problem().code, "block.no_shows");
    ASSERT_FALSE(center_->unblock(staff(store::StaffRole::Supervisor, "", 7),
                                  core::synthetic::rnokpp_of(person(1))));
    EXPECT_TRUE(book(1, january, k0900));
}

TEST_F(DeskTest, PurgeErasesOldPersonalDataAndKeepsTheStatistics) {
    auto ids = booked_today(2);
    ASSERT_EQ(ids.size(), 2u);
    const Date visit = center_->today();
    now_ += date::days{91};
    auto purged = center_->purge();
    ASSERT_TRUE(purged) << purged.problem().code;
    EXPECT_EQ(*purged, 2);
    auto queue = center_->queue(visit, {});
    ASSERT_TRUE(queue);
    ASSERT_EQ(queue->size(), 2u);
    EXPECT_FALSE((*queue)[0].registration);
    EXPECT_TRUE((*queue)[0].identity_keys.empty());
    auto stats = center_->statistics(visit);
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats.value().by_state["booked"], 2);
    // Nothing newer than the retention period is touched.
    EXPECT_EQ(*center_->purge(), 0);
}

}  // namespace
}  // namespace cherha::center::testing

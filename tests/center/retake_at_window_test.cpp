// The retake pause (PRODUCT.md rule 4) at the window: a booking made before the identity failed
// the exam with another booking cannot be started before the pause is over. The failed attempt
// counts against the service actually taken, which after a transfer is not the booked one.
#include "center/center_fixture.h"

namespace cherha::center::testing {
namespace {

constexpr int k0900 = 9 * 60;
constexpr int k1000 = 10 * 60;
constexpr int k1030 = 10 * 60 + 30;  // a slot of the 45-minute practical exam
constexpr int k1100 = 11 * 60;

// Monday 7 December 2026 is day 0; the exams' pause is 10 days in the demo schedule.
Date december(unsigned d) {
    return Date{date::year{2026} / 12 / d};
}

class RetakeAtWindowTest : public CenterTest {
  protected:
    void SetUp() override {
        CenterSettings settings = default_settings();
        settings.quotas.person_online_per_month = 100;  // several bookings of one person
        open_center(settings);
    }

    static Actor clerk(std::string window) {
        Actor a;
        a.kind = Actor::Kind::Staff;
        a.id = window.back() - '0';
        a.name = "clerk-" + window;
        a.role = store::StaffRole::Clerk;
        a.window_id = std::move(window);
        return a;
    }

    static ServiceCenter::Outcome respond(const store::BookingRecord& b) {
        return {200, std::string(core::booking_state_id(b.state)), false};
    }

    core::Result<ServiceCenter::Outcome> act(const Actor& who, std::int64_t id,
                                             BookingCommand command) {
        return center_->act(who, id, command, std::nullopt, respond);
    }
    core::Result<ServiceCenter::Outcome> act(const Actor& who, std::int64_t id,
                                             core::BookingAction action) {
        BookingCommand command;
        command.action = action;
        return act(who, id, command);
    }

    // Books `registration` online for `service` on `day` at `minute` (today is day 0).
    std::int64_t book_for(const core::Registration& reg, const std::string& service, Date day,
                          int minute) {
        auto request = online(1, day, minute, service);
        request.registration = reg;
        auto booked = center_->book_online(request, "127.0.0.1");
        EXPECT_TRUE(booked) << booked.problem().code;
        return booked ? booked->booking.id : 0;
    }

    // Moves the clock to 09:00 in Kyiv on `day`.
    void morning_of(Date day) { now_ = date::sys_days{day} + 7h; }

    // Arrival and call at `window`, then the start: its answer.
    core::Result<ServiceCenter::Outcome> arrive_call_start(std::int64_t id,
                                                           const std::string& window) {
        const Actor at = clerk(window);
        auto arrived = act(at, id, core::BookingAction::Arrive);
        EXPECT_TRUE(arrived) << arrived.problem().code;
        auto called = act(at, id, core::BookingAction::Call);
        EXPECT_TRUE(called) << called.problem().code;
        return act(at, id, core::BookingAction::Start);
    }

    void serve(std::int64_t id, const std::string& window, core::ServiceResult result) {
        BookingCommand command;
        command.action = core::BookingAction::Serve;
        command.result = result;
        auto served = act(clerk(window), id, command);
        ASSERT_TRUE(served) << served.problem().code;
    }

    // Person 1 fails the theory exam on Thursday 10 December (at window w3).
    void fail_theory_on_the_10th(const core::Registration& reg) {
        const std::int64_t failing = book_for(reg, "exam-theory", december(10), k0900);
        morning_of(december(10));
        auto started = arrive_call_start(failing, "w3");
        ASSERT_TRUE(started) << started.problem().code;
        serve(failing, "w3", core::ServiceResult::Failed);
    }
};

TEST_F(RetakeAtWindowTest, AStartWithinThePauseIsRefusedWithTheCoresRefusal) {
    const auto reg = registration(1);
    // Booked on the 7th for the 17th, before any failure: the booking itself was allowed.
    const std::int64_t retake = book_for(reg, "exam-theory", december(17), k1000);
    fail_theory_on_the_10th(reg);

    morning_of(december(17));
    auto refused = arrive_call_start(retake, "w3");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.problem().code, "retake.too_early");
    EXPECT_EQ(refused.problem().param("failed_on"), "2026-12-10");
    EXPECT_EQ(refused.problem().param("earliest"), "2026-12-20");  // 10 + 10 days
    // Nothing changed: the visitor is still called, nothing was audited for the start.
    auto queue = center_->queue(december(17), {});
    ASSERT_TRUE(queue);
    ASSERT_EQ(queue->size(), 1u);
    EXPECT_EQ((*queue)[0].state, core::BookingState::Called);
    auto audit = center_->audit(0, 100, retake);
    ASSERT_TRUE(audit);
    for (const auto& entry : *audit) EXPECT_NE(entry.event.action, "booking.start");
}

TEST_F(RetakeAtWindowTest, AfterThePauseTheRetakeStarts) {
    const auto reg = registration(1);
    const std::int64_t after_pause = book_for(reg, "exam-theory", december(21), k0900);
    fail_theory_on_the_10th(reg);
    morning_of(december(21));
    auto started = arrive_call_start(after_pause, "w3");
    ASSERT_TRUE(started) << started.problem().code;
    EXPECT_EQ(started->body, "in_service");
}

TEST_F(RetakeAtWindowTest, OtherServicesAreNotPaused) {
    const auto reg = registration(1);
    const std::int64_t practical = book_for(reg, "exam-practical", december(17), k0900);
    const std::int64_t registration_visit =
        book_for(reg, "vehicle-registration", december(17), k1100);
    fail_theory_on_the_10th(reg);
    morning_of(december(17));
    auto exam = arrive_call_start(practical, "w5");
    ASSERT_TRUE(exam) << exam.problem().code;  // another exam: its own pause, no failure
    auto visit = arrive_call_start(registration_visit, "w1");
    ASSERT_TRUE(visit) << visit.problem().code;
}

TEST_F(RetakeAtWindowTest, AnotherIdentityKeyOfThePersonIsCaught) {
    const auto failed_with = registration(1);
    // The same RNOKPP with another document ...
    auto new_document = registration(1);
    new_document.document_number = "009999001";
    // ... and the same document with another RNOKPP (a typo in one booking).
    auto same_document = registration(2);
    same_document.document_number = failed_with.document_number;
    const std::int64_t by_rnokpp = book_for(new_document, "exam-theory", december(17), k0900);
    const std::int64_t by_document = book_for(same_document, "exam-theory", december(17), k1100);
    // A stranger is not affected.
    const std::int64_t stranger = book_for(registration(3), "exam-theory", december(17), k1000);
    fail_theory_on_the_10th(failed_with);

    morning_of(december(17));
    for (const std::int64_t id : {by_rnokpp, by_document}) {
        SCOPED_TRACE(id);
        auto refused = arrive_call_start(id, "w3");
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.problem().code, "retake.too_early");
        EXPECT_EQ(refused.problem().param("failed_on"), "2026-12-10");
    }
    auto other = arrive_call_start(stranger, "w4");
    ASSERT_TRUE(other) << other.problem().code;
}

TEST_F(RetakeAtWindowTest, AFailureAfterATransferCountsForTheServiceTaken) {
    const auto reg = registration(1);
    const std::int64_t theory = book_for(reg, "exam-theory", december(17), k0900);
    const std::int64_t practical = book_for(reg, "exam-practical", december(17), k1030);
    // Booked the practical exam on the 10th, sent to the theory exam at the window, failed it.
    const std::int64_t sent = book_for(reg, "exam-practical", december(10), k0900);
    morning_of(december(10));
    ASSERT_TRUE(act(clerk("w5"), sent, core::BookingAction::Arrive));
    ASSERT_TRUE(act(clerk("w5"), sent, core::BookingAction::Call));
    BookingCommand transfer;
    transfer.action = core::BookingAction::Transfer;
    transfer.transfer = core::TransferTarget{"exam-theory", ""};
    auto moved = act(clerk("w5"), sent, transfer);
    ASSERT_TRUE(moved) << moved.problem().code;
    ASSERT_TRUE(act(clerk("w3"), sent, core::BookingAction::Call));
    ASSERT_TRUE(act(clerk("w3"), sent, core::BookingAction::Start));
    serve(sent, "w3", core::ServiceResult::Failed);

    // Booking the service taken again within its pause is refused too; the booked one is not.
    auto again = book(1, december(14), k0900, "exam-theory");
    ASSERT_FALSE(again);
    EXPECT_EQ(again.problem().code, "retake.too_early");
    auto other = book(1, december(14), k0900, "exam-practical");
    EXPECT_TRUE(other) << other.problem().code;

    morning_of(december(17));
    auto refused = arrive_call_start(theory, "w3");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.problem().code, "retake.too_early");
    EXPECT_EQ(refused.problem().param("failed_on"), "2026-12-10");
    auto booked_one = arrive_call_start(practical, "w5");
    ASSERT_TRUE(booked_one) << booked_one.problem().code;  // not the service failed
}

}  // namespace
}  // namespace cherha::center::testing

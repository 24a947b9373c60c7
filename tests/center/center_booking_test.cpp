// Booking through the application layer: every rule of the queue on a real store.
#include <atomic>
#include <thread>

#include "center/center_fixture.h"
#include "core/quota/quota_decision.h"
#include "core/token/booking_token.h"

namespace cherha::center::testing {
namespace {

constexpr int k0900 = 9 * 60;
constexpr int k0930 = 9 * 60 + 30;

TEST_F(CenterTest, OnlineBookingIsStoredSignedAndFoundByEitherIdentity) {
    auto booked = book(1, day_after(1), k0900);
    ASSERT_TRUE(booked) << booked.problem().code;
    EXPECT_EQ(booked->booking.state, core::BookingState::Booked);
    EXPECT_EQ(booked->booking.slot_minute, k0900);
    EXPECT_FALSE(booked->booking.ticket);  // tickets come at arrival
    auto token = core::inspect_booking_token(booked->token);
    ASSERT_TRUE(token);
    EXPECT_EQ(token->claims.booking_id, static_cast<std::uint64_t>(booked->booking.id));
    EXPECT_FALSE(center_->check_token_for_image(booked->token));

    const auto person1 = person(1);
    auto by_rnokpp = center_->look_up(booked->booking.code, core::synthetic::rnokpp_of(person1));
    ASSERT_TRUE(by_rnokpp);
    EXPECT_EQ(by_rnokpp->booking.id, booked->booking.id);
    auto by_card = center_->look_up(booked->booking.code, person1.id_card_number);
    ASSERT_TRUE(by_card);
    auto stranger = center_->look_up(booked->booking.code, person(2).id_card_number);
    ASSERT_FALSE(stranger);
    EXPECT_EQ(stranger.problem().code, "center.not_found");
    EXPECT_EQ(center_->look_up("NOTACODE", person1.id_card_number).problem().code,
              "center.not_found");
}

TEST_F(CenterTest, GuessingTheIdentityOfAKnownCodeIsStoppedAfterTenMisses) {
    auto booked = book(1, day_after(1), k0900);
    ASSERT_TRUE(booked);
    const std::string code = booked->booking.code;
    for (int guess = 0; guess < 10; ++guess)
        EXPECT_EQ(
            center_->look_up(code, std::to_string(1000000000 + guess), "10.1.1.1").problem().code,
            "center.not_found");
    // Now even the right identity is refused for this code, from any address, for a day.
    auto refused = center_->look_up(code, person(1).id_card_number, "10.9.9.9");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.problem().code, "center.rate_limited");
    EXPECT_EQ(refused.problem().param("scope"), "code");
    EXPECT_EQ(center_->cancel_own(code, person(1).id_card_number, "10.9.9.9").problem().code,
              "center.rate_limited");
    now_ += 24h;
    EXPECT_TRUE(center_->look_up(code, person(1).id_card_number, "10.9.9.9"));
    auto stats = center_->statistics(Date{date::floor<date::days>(now_ - 24h)});
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats.value().abuse["lookup_failed"], 10);
}

TEST_F(CenterTest, ASlotTakesAsManyAsItsWindowsAndNoMore) {
    // vehicle-registration is served by two windows: two places per slot.
    ASSERT_TRUE(book(1, day_after(1), k0900));
    ASSERT_TRUE(book(2, day_after(1), k0900));
    auto third = book(3, day_after(1), k0900);
    ASSERT_FALSE(third);
    EXPECT_EQ(third.problem().code, "center.slot_full");
    auto slots =
        center_->free_slots("vehicle-registration", day_after(1), core::BookingChannel::Online);
    ASSERT_TRUE(slots);
    ASSERT_FALSE(slots->empty());
    EXPECT_EQ(slots->front().taken, 2);
    EXPECT_EQ(slots->front().free, 0);
    EXPECT_FALSE(slots->front().bookable);
    EXPECT_TRUE((*slots)[1].bookable);
}

TEST_F(CenterTest, UnknownServiceAndSlotAreRefused) {
    EXPECT_EQ(book(1, day_after(1), k0900, "no-such-service").problem().code,
              "center.unknown_service");
    EXPECT_EQ(book(1, day_after(1), 9 * 60 + 7).problem().code, "center.no_such_slot");
}

TEST_F(CenterTest, OnlineWindowIsTwentyOneDaysCountingToday) {
    now_ += 24h;  // Tuesday 8 December: the window reaches Monday 28 December
    EXPECT_TRUE(book(1, day_after(20), k0900));
    auto too_far = book(2, day_after(21), k0900);
    ASSERT_FALSE(too_far);
    EXPECT_EQ(too_far.problem().code, "online.day_not_open_yet");
}

TEST_F(CenterTest, PersonalOnlineQuotaCountsCancelledAndEveryIdentityKey) {
    // Four online registrations in December, one of them cancelled: the quota is spent.
    std::vector<IssuedBooking> made;
    for (int i = 0; i < 4; ++i) {
        auto b = book(1, day_after(1 + i), k0900);
        ASSERT_TRUE(b) << b.problem().code;
        made.push_back(*b);
    }
    ASSERT_TRUE(center_->cancel_own(made[0].booking.code, person(1).id_card_number));
    auto fifth = book(1, day_after(5), k0900);
    ASSERT_FALSE(fifth);
    EXPECT_EQ(fifth.problem().code, core::quota_rule_code(core::QuotaRule::PersonOnlineMonth));
    EXPECT_EQ(fifth.problem().param("limit"), "4");

    // The same person declaring "no RNOKPP" and booking with the same ID card is still counted.
    auto request = online(1, day_after(7), k0900);
    request.registration = core::synthetic::as_without_rnokpp(request.registration);
    auto disguised = center_->book_online(request, "127.0.0.1");
    ASSERT_FALSE(disguised);
    EXPECT_EQ(disguised.problem().code, core::quota_rule_code(core::QuotaRule::PersonOnlineMonth));

    // January is another month: on 20 December the window reaches 9 January.
    now_ = date::sys_days{date::year{2026} / 12 / 20} + 6h;
    EXPECT_TRUE(book(1, Date{date::year{2027} / 1 / 4}, k0900));

    auto stats = center_->statistics(Date{date::year{2026} / 12 / 7});
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats.value().abuse["quota"], 2);
}

TEST_F(CenterTest, ProofOfWorkIsRequiredAndSingleUse) {
    auto request = online(1, day_after(1), k0900);
    ASSERT_TRUE(center_->book_online(request, "127.0.0.1"));

    auto reused = request;
    reused.registration = registration(2);
    EXPECT_EQ(center_->book_online(reused, "127.0.0.1").problem().code, "center.pow_reused");

    auto missing = online(3, day_after(1), k0930);
    missing.pow_nonce.clear();
    EXPECT_EQ(center_->book_online(missing, "127.0.0.1").problem().code, "center.pow_required");

    auto wrong = online(3, day_after(1), k0930);
    wrong.pow_nonce = "definitely-not-a-solution";
    auto refused = center_->book_online(wrong, "127.0.0.1");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.problem().code.rfind("pow.", 0), 0u) << refused.problem().code;

    auto bot = online(4, day_after(1), k0930);
    bot.honeypot = "http://spam.example";
    EXPECT_EQ(center_->book_online(bot, "127.0.0.1").problem().code, "center.honeypot");

    auto queue = center_->queue(day_after(1), {});
    ASSERT_TRUE(queue);
    EXPECT_EQ(queue->size(), 1u);  // only the first booking was stored
    auto stats = center_->statistics(center_->today());
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats.value().abuse["pow_reused"], 1);
    EXPECT_EQ(stats.value().abuse["pow_missing"], 1);
    EXPECT_EQ(stats.value().abuse["pow_invalid"], 1);
    EXPECT_EQ(stats.value().abuse["honeypot"], 1);
}

TEST_F(CenterTest, InvalidRegistrationIsRefusedAndNothingStored) {
    auto request = online(1, day_after(1), k0900);
    request.registration.rnokpp = "1234567890";  // wrong check digit
    auto refused = center_->book_online(request, "127.0.0.1");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.problem().code.rfind("rnokpp.", 0), 0u) << refused.problem().code;
    auto queue = center_->queue(day_after(1), {});
    ASSERT_TRUE(queue);
    EXPECT_TRUE(queue->empty());
}

TEST_F(CenterTest, CitizenCancelsUntilTwoHoursBefore) {
    auto booked = book(1, day_after(1), k0900);
    ASSERT_TRUE(booked);
    // 06:59:59 local next day is more than 2 hours before 09:00: allowed... move to 07:00:01.
    now_ = date::sys_days{day_after(1)} + 5h + 1s;  // 07:00:01 Kyiv
    auto late = center_->cancel_own(booked->booking.code, person(1).id_card_number);
    ASSERT_FALSE(late);
    EXPECT_EQ(late.problem().code, "transition.cancellation_deadline_passed");
    now_ = date::sys_days{day_after(1)} - 24h + 5h;  // the day before: fine
    auto cancelled = center_->cancel_own(booked->booking.code, person(1).id_card_number);
    ASSERT_TRUE(cancelled) << cancelled.problem().code;
    EXPECT_EQ(cancelled->booking.state, core::BookingState::Cancelled);
}

TEST_F(CenterTest, TerminalRegistersForTodayWithTicketsAndOnePriorityTicket) {
    const Actor kiosk = CenterTest::kiosk();
    TerminalRequest request;
    request.service_id = "vehicle-registration";
    request.registration = registration(1);
    auto first = center_->register_at_terminal(kiosk, request);
    ASSERT_TRUE(first) << first.problem().code;
    EXPECT_EQ(first->booking.state, core::BookingState::Arrived);
    EXPECT_EQ(first->booking.day, center_->today());
    ASSERT_TRUE(first->booking.ticket);
    EXPECT_EQ(first->booking.ticket->number, core::kFirstRegularTicket);
    EXPECT_EQ(first->booking.slot_minute, k0900);  // the earliest slot of today

    request.registration = registration(2);
    request.priority = core::PriorityCategory::ServingMilitary;
    auto priority = center_->register_at_terminal(kiosk, request);
    ASSERT_TRUE(priority) << priority.problem().code;
    EXPECT_EQ(priority->booking.ticket->sequence, core::TicketSequence::Priority);
    EXPECT_EQ(priority->booking.ticket->number, core::kFirstPriorityTicket);

    auto again = center_->register_at_terminal(kiosk, request);  // same person, same service
    ASSERT_FALSE(again);
    EXPECT_EQ(again.problem().code.rfind("ticket.", 0), 0u) << again.problem().code;
}

TEST_F(CenterTest, RacingClientsNeverOverfillASlotNorExceedAQuota) {
    // 16 people race for one slot with two places; one person races for 8 different days.
    std::vector<OnlineBookingRequest> requests;
    for (int i = 0; i < 16; ++i) requests.push_back(online(10 + i, day_after(2), k0900));
    std::vector<OnlineBookingRequest> same_person;
    for (int i = 0; i < 8; ++i) same_person.push_back(online(99, day_after(1 + i), k0930));

    std::atomic<int> slot_ok{0}, quota_ok{0};
    std::vector<std::thread> threads;
    for (const auto& r : requests)
        threads.emplace_back([&, r] {
            if (center_->book_online(r, "10.0.0.1")) ++slot_ok;
        });
    for (const auto& r : same_person)
        threads.emplace_back([&, r] {
            if (center_->book_online(r, "10.0.0.2")) ++quota_ok;
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(slot_ok.load(), 2);
    EXPECT_EQ(quota_ok.load(), 4);
    auto slots =
        center_->free_slots("vehicle-registration", day_after(2), core::BookingChannel::Online);
    ASSERT_TRUE(slots);
    EXPECT_EQ(slots->front().taken, 2);
}

TEST_F(CenterTest, APriorityTicketIsOnePerPersonWhicheverDocumentIsShown) {
    const Actor kiosk = CenterTest::kiosk();
    TerminalRequest request;
    request.service_id = "vehicle-registration";
    request.priority = core::PriorityCategory::PersonWithDisability;
    // First without the RNOKPP (key: the ID card only), then with it (first key: the RNOKPP):
    // the keys' first entries differ, the ID card is shared.
    request.registration = core::synthetic::as_without_rnokpp(registration(1));
    auto first = center_->register_at_terminal(kiosk, request);
    ASSERT_TRUE(first) << first.problem().code;
    EXPECT_EQ(first->booking.ticket->sequence, core::TicketSequence::Priority);

    request.registration = registration(1);
    auto again = center_->register_at_terminal(kiosk, request);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.problem().code, "ticket.priority_already_issued");
    EXPECT_EQ(again.problem().param("number"), "1");

    // The other way round: the RNOKPP is shared, the document differs.
    request.registration = registration(2);
    ASSERT_TRUE(center_->register_at_terminal(kiosk, request));
    auto other_document = registration(2);
    other_document.document_number = "000999888";
    request.registration = other_document;
    auto refused = center_->register_at_terminal(kiosk, request);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.problem().code, "ticket.priority_already_issued");

    // A regular ticket is still given.
    request.priority.reset();
    ASSERT_TRUE(center_->register_at_terminal(kiosk, request));
    auto queue = center_->queue(center_->today(), {});
    ASSERT_TRUE(queue);
    EXPECT_EQ(queue->size(), 3u);
}

}  // namespace
}  // namespace cherha::center::testing

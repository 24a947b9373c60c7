// PRODUCT.md rule 8: ticket numbers and the priority limit.
#include "core/tickets/ticket_numbering.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cherha::core {
namespace {

Date day() {
    return date::year{2025} / date::month{3} / date::day{14};
}

constexpr auto kMilitary = PriorityCategory::ServingMilitary;
constexpr auto kDisability = PriorityCategory::PersonWithDisability;

TEST(TicketBook, RegularTicketsStartAt1000AndIncrease) {
    TicketBook book("center-1", day());
    EXPECT_EQ(book.center_id(), "center-1");
    EXPECT_EQ(book.day(), day());
    for (int expected = 1000; expected < 1010; ++expected) {
        auto t = book.issue_regular();
        ASSERT_TRUE(t.ok());
        EXPECT_EQ(t->sequence, TicketSequence::Regular);
        EXPECT_EQ(t->number, expected);
        EXPECT_FALSE(t->category);
    }
    EXPECT_EQ(book.regular_used(), 10);
}

TEST(TicketBook, PriorityTicketsHaveTheirOwnSequenceFromOne) {
    TicketBook book("c", day());
    EXPECT_EQ(book.issue_regular()->number, 1000);
    auto p1 = book.issue_priority(kMilitary, "3123456789", "exam");
    ASSERT_TRUE(p1.ok());
    EXPECT_EQ(p1->sequence, TicketSequence::Priority);
    EXPECT_EQ(p1->number, 1);
    EXPECT_EQ(p1->category, kMilitary);
    EXPECT_EQ(book.issue_regular()->number, 1001);
    EXPECT_EQ(book.issue_priority(kDisability, "2987654321", "exam")->number, 2);
    EXPECT_EQ(book.priority_used(), 2);
    EXPECT_EQ(book.regular_used(), 2);
}

TEST(TicketBook, OnePriorityTicketPerIdentityAndServicePerDay) {
    TicketBook book("c", day());
    ASSERT_EQ(book.issue_priority(kMilitary, "3123456789", "exam")->number, 1);
    EXPECT_TRUE(book.has_priority_ticket("3123456789", "exam"));
    EXPECT_FALSE(book.has_priority_ticket("3123456789", "registration"));

    auto second = book.issue_priority(kMilitary, "3123456789", "exam");
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.problem(), Problem("ticket.priority_already_issued", {{"number", "1"}}));
    // Another category does not get around the limit.
    EXPECT_FALSE(book.issue_priority(kDisability, "3123456789", "exam").ok());

    // The refusals consumed no number; other services and other people are fine.
    EXPECT_EQ(book.issue_priority(kMilitary, "3123456789", "registration")->number, 2);
    EXPECT_EQ(book.issue_priority(kMilitary, "2987654321", "exam")->number, 3);
    // The refused visitor can still take a regular ticket.
    EXPECT_EQ(book.issue_regular()->number, 1000);
}

TEST(TicketBook, ANewDayIsANewBook) {
    TicketBook monday("c", day());
    ASSERT_TRUE(monday.issue_priority(kMilitary, "3123456789", "exam").ok());
    TicketBook tuesday("c", Date{date::sys_days{day()} + date::days{1}});
    auto t = tuesday.issue_priority(kMilitary, "3123456789", "exam");
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->number, 1);
}

TEST(TicketBook, RegularSequenceEndsAt9999WithoutWrapping) {
    TicketBook book("c", day());
    Result<Ticket> last = Problem("none");
    for (int i = 0; i < 9000; ++i) last = book.issue_regular();
    ASSERT_TRUE(last.ok());
    EXPECT_EQ(last->number, 9999);
    EXPECT_EQ(book.regular_used(), 9000);
    for (int i = 0; i < 3; ++i) {
        auto over = book.issue_regular();
        ASSERT_FALSE(over.ok());
        EXPECT_EQ(over.problem(), Problem("ticket.sequence_exhausted",
                                          {{"sequence", "regular"}, {"last", "9999"}}));
    }
    // Priority tickets are unaffected.
    EXPECT_EQ(book.issue_priority(kMilitary, "x", "s")->number, 1);
}

TEST(TicketBook, PrioritySequenceEndsAt999) {
    TicketBook book("c", day());
    for (int i = 1; i <= 999; ++i) {
        auto t = book.issue_priority(kMilitary, "id" + std::to_string(i), "s");
        ASSERT_TRUE(t.ok());
        EXPECT_EQ(t->number, i);
    }
    auto over = book.issue_priority(kMilitary, "id1000", "s");
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.problem(),
              Problem("ticket.sequence_exhausted", {{"sequence", "priority"}, {"last", "999"}}));
    EXPECT_FALSE(book.has_priority_ticket("id1000", "s"));
    EXPECT_EQ(book.issue_regular()->number, 1000);
}

TEST(TicketBook, HostileKeys) {
    TicketBook book("c", day());
    EXPECT_EQ(book.issue_priority(kMilitary, "", "s").problem().code, "ticket.identity_required");
    EXPECT_EQ(book.issue_priority(kMilitary, "id", "").problem().code, "ticket.service_required");
    const std::string huge(kMaxTicketKeyBytes + 1, 'A');
    auto too_long = book.issue_priority(kMilitary, huge, "s");
    EXPECT_EQ(too_long.problem(), Problem("ticket.identity_invalid", {{"max", "128"}}));
    EXPECT_EQ(book.issue_priority(kMilitary, "id", huge).problem().code, "ticket.service_invalid");
    EXPECT_TRUE(book.issue_priority(kMilitary, std::string(kMaxTicketKeyBytes, 'A'), "s").ok());
    EXPECT_EQ(book.issue_priority(static_cast<PriorityCategory>(99), "id", "s").problem().code,
              "ticket.category_invalid");

    // Keys are compared byte for byte: NUL bytes, invalid UTF-8, mixed scripts stay distinct.
    const std::string with_nul("31234\0x", 7);
    ASSERT_TRUE(book.issue_priority(kMilitary, with_nul, "s").ok());
    EXPECT_TRUE(book.issue_priority(kMilitary, "31234", "s").ok());
    EXPECT_FALSE(book.issue_priority(kMilitary, with_nul, "s").ok());
    EXPECT_TRUE(book.issue_priority(kMilitary, "\xFF\xFE", "s").ok());
    EXPECT_TRUE(book.issue_priority(kMilitary, "АВ123456", "s").ok());  // Cyrillic
    EXPECT_TRUE(book.issue_priority(kMilitary, "AB123456", "s").ok());  // Latin
    EXPECT_EQ(book.priority_used(), 6);                                 // refusals consumed nothing
}

TEST(TicketBook, RestoreContinuesAfterTheHighestNumber) {
    TicketBook book("c", day());
    ASSERT_TRUE(book.restore({TicketSequence::Regular, 1041, std::nullopt}).ok());
    ASSERT_TRUE(book.restore({TicketSequence::Regular, 1007, std::nullopt}).ok());
    EXPECT_EQ(book.issue_regular()->number, 1042);

    ASSERT_TRUE(
        book.restore({TicketSequence::Priority, 5, kDisability}, "3123456789", "exam").ok());
    EXPECT_TRUE(book.has_priority_ticket("3123456789", "exam"));
    EXPECT_EQ(book.issue_priority(kDisability, "3123456789", "exam").problem().code,
              "ticket.priority_already_issued");
    EXPECT_EQ(book.issue_priority(kDisability, "2987654321", "exam")->number, 6);
    // Restoring the same claim twice is refused.
    EXPECT_EQ(book.restore({TicketSequence::Priority, 7, kDisability}, "3123456789", "exam")
                  .problem()
                  .code,
              "ticket.priority_already_issued");
}

// A person is known by the RNOKPP and by the document shown; one priority ticket per person and
// service a day whichever of them is shown, at issue and after a restart (restore).
TEST(TicketBook, PriorityLimitHoldsUnderEveryKeyOfThePerson) {
    const std::vector<std::string> with_passport = {"3123456789", "FA123456"};
    const std::vector<std::string> with_id_card = {"3123456789", "001234567"};
    const std::vector<std::string> id_card_only = {"001234567"};
    TicketBook book("c", day());
    auto first = book.issue_priority(kMilitary, with_passport, "exam");
    ASSERT_TRUE(first.ok()) << first.problem().code;
    EXPECT_TRUE(book.has_priority_ticket("3123456789", "exam"));
    EXPECT_TRUE(book.has_priority_ticket("FA123456", "exam"));
    // The same RNOKPP with another document: refused, with the first ticket's number.
    auto again = book.issue_priority(kMilitary, with_id_card, "exam");
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.problem(), Problem("ticket.priority_already_issued",
                                       {{"number", std::to_string(first->number)}}));
    // The refusal claimed nothing: the ID card alone is still free, and no number was used.
    EXPECT_FALSE(book.has_priority_ticket("001234567", "exam"));
    EXPECT_EQ(book.priority_used(), 1);
    // Another service is another limit.
    EXPECT_TRUE(book.issue_priority(kMilitary, with_id_card, "licence").ok());

    // After a restart the book is rebuilt from the stored tickets with all their keys.
    TicketBook restored("c", day());
    ASSERT_TRUE(restored.restore(*first, with_passport, "exam").ok());
    EXPECT_EQ(restored.issue_priority(kMilitary, std::vector<std::string>{"FA123456"}, "exam")
                  .problem()
                  .code,
              "ticket.priority_already_issued");
    EXPECT_TRUE(restored.issue_priority(kMilitary, id_card_only, "exam").ok());
}

TEST(TicketBook, EveryKeyOfAListIsChecked) {
    TicketBook book("c", day());
    EXPECT_EQ(book.issue_priority(kMilitary, std::vector<std::string>{}, "exam").problem().code,
              "ticket.identity_required");
    EXPECT_EQ(book.issue_priority(kMilitary, std::vector<std::string>{"3123456789", ""}, "exam")
                  .problem()
                  .code,
              "ticket.identity_required");
    EXPECT_EQ(book.issue_priority(kMilitary,
                                  {"3123456789", std::string(kMaxTicketKeyBytes + 1, 'x')}, "exam")
                  .problem()
                  .code,
              "ticket.identity_invalid");
    EXPECT_EQ(
        book.restore({TicketSequence::Priority, 2, kMilitary}, std::vector<std::string>{}, "exam")
            .problem()
            .code,
        "ticket.identity_required");
    EXPECT_EQ(book.priority_used(), 0);
    EXPECT_FALSE(book.has_priority_ticket("3123456789", "exam"));
}

TEST(TicketBook, RestoreRejectsNumbersOutsideTheSequence) {
    TicketBook book("c", day());
    for (int n : {999, 10000, -1, 0}) {
        auto r = book.restore({TicketSequence::Regular, n, std::nullopt});
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.problem(), Problem("ticket.number_out_of_range",
                                       {{"sequence", "regular"}, {"number", std::to_string(n)}}));
    }
    for (int n : {0, 1000, -5}) {
        auto r = book.restore({TicketSequence::Priority, n, kMilitary}, "id", "s");
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.problem().code, "ticket.number_out_of_range");
    }
    EXPECT_EQ(book.restore({TicketSequence::Priority, 3, std::nullopt}, "id", "s").problem().code,
              "ticket.category_invalid");
    EXPECT_EQ(book.restore({TicketSequence::Priority, 3, kMilitary}).problem().code,
              "ticket.identity_required");
    EXPECT_EQ(book.issue_regular()->number, 1000);
    EXPECT_EQ(book.issue_priority(kMilitary, "id", "s")->number, 1);
}

TEST(TicketBook, RestoringTheLastNumberExhaustsTheSequence) {
    TicketBook book("c", day());
    ASSERT_TRUE(book.restore({TicketSequence::Regular, 9999, std::nullopt}).ok());
    EXPECT_EQ(book.issue_regular().problem().code, "ticket.sequence_exhausted");
}

TEST(TicketFormat, DigitsAndDefaultDisplay) {
    EXPECT_EQ(ticket_digits({TicketSequence::Regular, 1000, std::nullopt}), "1000");
    EXPECT_EQ(format_ticket({TicketSequence::Regular, 1000, std::nullopt}), "1000");
    EXPECT_EQ(format_ticket({TicketSequence::Regular, 9999, std::nullopt}), "9999");
    EXPECT_EQ(ticket_digits({TicketSequence::Priority, 1, kMilitary}), "001");
    EXPECT_EQ(format_ticket({TicketSequence::Priority, 1, kMilitary}), "П-001");
    EXPECT_EQ(format_ticket({TicketSequence::Priority, 42, kMilitary}), "П-042");
    EXPECT_EQ(format_ticket({TicketSequence::Priority, 999, kMilitary}), "П-999");
    // Out-of-range values still format without overflowing.
    EXPECT_EQ(ticket_digits({TicketSequence::Regular, -2147483647 - 1, std::nullopt}),
              "-2147483648");
}

TEST(TicketIds, RoundTripAndRejectOthers) {
    for (auto s : {TicketSequence::Regular, TicketSequence::Priority})
        EXPECT_EQ(parse_ticket_sequence(ticket_sequence_id(s)), s);
    for (auto c : {PriorityCategory::PersonWithDisability, PriorityCategory::DisabilityCompanion,
                   PriorityCategory::FallenDefenderFamily, PriorityCategory::ServingMilitary})
        EXPECT_EQ(parse_priority_category(priority_category_id(c)), c);
    EXPECT_EQ(priority_category_id(PriorityCategory::FallenDefenderFamily),
              "fallen_defender_family");
    EXPECT_EQ(priority_category_id(PriorityCategory::DisabilityCompanion), "disability_companion");
    for (std::string_view bad : {"", "Regular", "regular ", "unknown", "військові"})
        EXPECT_FALSE(parse_ticket_sequence(bad));
    EXPECT_FALSE(parse_ticket_sequence(std::string_view("priority\0", 9)));
    EXPECT_FALSE(parse_priority_category(std::string_view("serving_military\0", 17)));
    EXPECT_FALSE(parse_priority_category("SERVING_MILITARY"));
}

}  // namespace
}  // namespace cherha::core

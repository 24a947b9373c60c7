// PRODUCT.md rule 2: registrations per identity and channel.
#include "core/quota/quota_decision.h"

#include <gtest/gtest.h>

#include <vector>

#include "support/decision_refusal.h"

namespace cherha::core {
namespace {

Date ymd(int y, unsigned m, unsigned d) {
    return date::year{y} / date::month{m} / date::day{d};
}

std::vector<QuotaRegistration> n_regs(int n, Date visit, BookingChannel channel,
                                      BookingState state = BookingState::Booked) {
    return std::vector<QuotaRegistration>(static_cast<std::size_t>(n),
                                          QuotaRegistration{visit, channel, state});
}

QuotaDecision decide(const QuotaPolicy& policy, RegistrantKind kind, BookingChannel channel,
                     Date visit, const std::vector<QuotaRegistration>& existing) {
    auto r = decide_quota(policy, kind, channel, visit, existing);
    EXPECT_TRUE(r.ok()) << r.problem().code;
    return r.ok() ? r.value() : QuotaDecision{};
}

constexpr auto kPerson = RegistrantKind::NaturalPerson;
constexpr auto kEntity = RegistrantKind::LegalEntityRepresentative;
constexpr auto kOnline = BookingChannel::Online;
constexpr auto kTerminal = BookingChannel::Terminal;

TEST(QuotaPolicy, DefaultsAreThoseOfTheProduct) {
    QuotaPolicy p;
    EXPECT_EQ(p.person_online_per_month, 4);
    EXPECT_EQ(p.person_terminal_per_month, 4);
    EXPECT_EQ(p.entity_online_per_day, 4);
    EXPECT_EQ(p.entity_terminal_per_day, 6);
    EXPECT_FALSE(check_quota_policy(p).has_value());
}

TEST(QuotaPolicy, CheckRejectsNegativeAndHugeLimits) {
    QuotaPolicy p;
    p.entity_online_per_day = -1;
    auto problem = check_quota_policy(p);
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->code, "quota.policy_limit_invalid");
    EXPECT_EQ(problem->param("field"), "entity_online_per_day");
    EXPECT_EQ(problem->param("value"), "-1");
    p.entity_online_per_day = 0;
    EXPECT_FALSE(check_quota_policy(p));
    p.person_terminal_per_month = kMaxQuotaLimit;
    EXPECT_FALSE(check_quota_policy(p));
    p.person_terminal_per_month = kMaxQuotaLimit + 1;
    ASSERT_TRUE(check_quota_policy(p));
    EXPECT_EQ(check_quota_policy(p)->param("field"), "person_terminal_per_month");
}

TEST(QuotaDecision, PersonOnlineThirdAndFourthAllowedFifthRefused) {
    const Date visit = ymd(2025, 3, 14);
    std::vector<QuotaRegistration> existing;
    for (int i = 1; i <= 4; ++i) {
        auto d = decide({}, kPerson, kOnline, visit, existing);
        EXPECT_TRUE(d.allowed) << "registration " << i;
        EXPECT_EQ(d.count, i - 1);
        EXPECT_FALSE(d.refusal);
        existing.push_back({visit, kOnline, BookingState::Booked});
    }
    auto d = decide({}, kPerson, kOnline, visit, existing);
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(d.rule, QuotaRule::PersonOnlineMonth);
    EXPECT_EQ(d.period, QuotaPeriod::Month);
    EXPECT_EQ(d.limit, 4);
    EXPECT_EQ(d.count, 4);
    EXPECT_EQ(d.period_start, ymd(2025, 3, 1));
    EXPECT_EQ(d.frees_on, ymd(2025, 4, 1));
    ASSERT_TRUE(d.refusal);
    EXPECT_EQ(refusal_of(d), Problem("quota.person_online_month",
                                     {{"limit", "4"}, {"count", "4"}, {"frees_on", "2025-04-01"}}));
}

TEST(QuotaDecision, CountsEveryVisitOfTheMonthWhateverTheDay) {
    std::vector<QuotaRegistration> existing{{ymd(2025, 3, 1), kOnline, BookingState::Served},
                                            {ymd(2025, 3, 10), kOnline, BookingState::Booked},
                                            {ymd(2025, 3, 31), kOnline, BookingState::NoShow}};
    EXPECT_TRUE(decide({}, kPerson, kOnline, ymd(2025, 3, 20), existing).allowed);
    existing.push_back({ymd(2025, 3, 2), kOnline, BookingState::Refused});
    EXPECT_FALSE(decide({}, kPerson, kOnline, ymd(2025, 3, 20), existing).allowed);
}

TEST(QuotaDecision, CancelledRegistrationsStillCount) {
    auto existing = n_regs(4, ymd(2025, 3, 5), kOnline, BookingState::Cancelled);
    auto d = decide({}, kPerson, kOnline, ymd(2025, 3, 20), existing);
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(d.count, 4);
    existing.pop_back();
    EXPECT_TRUE(decide({}, kPerson, kOnline, ymd(2025, 3, 20), existing).allowed);
}

TEST(QuotaDecision, VisitsOfOtherMonthsDoNotCount) {
    std::vector<QuotaRegistration> existing;
    for (auto r : n_regs(4, ymd(2025, 2, 28), kOnline)) existing.push_back(r);
    for (auto r : n_regs(4, ymd(2025, 4, 1), kOnline)) existing.push_back(r);
    for (auto r : n_regs(4, ymd(2024, 3, 15), kOnline)) existing.push_back(r);  // a year ago
    auto d = decide({}, kPerson, kOnline, ymd(2025, 3, 1), existing);
    EXPECT_TRUE(d.allowed);
    EXPECT_EQ(d.count, 0);
    // The same list refuses a visit on the other side of either boundary.
    EXPECT_FALSE(decide({}, kPerson, kOnline, ymd(2025, 2, 1), existing).allowed);
    EXPECT_FALSE(decide({}, kPerson, kOnline, ymd(2025, 4, 30), existing).allowed);
}

TEST(QuotaDecision, ChannelsHaveSeparateQuotas) {
    auto existing = n_regs(4, ymd(2025, 3, 5), kTerminal);
    EXPECT_TRUE(decide({}, kPerson, kOnline, ymd(2025, 3, 5), existing).allowed);
    auto d = decide({}, kPerson, kTerminal, ymd(2025, 3, 5), existing);
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(d.rule, QuotaRule::PersonTerminalMonth);
    ASSERT_TRUE(d.refusal);
    EXPECT_EQ(refusal_of(d).code, "quota.person_terminal_month");
    EXPECT_EQ(refusal_of(d).param("frees_on"), "2025-04-01");
}

TEST(QuotaDecision, PersonTerminalThreeAllowedFourRefused) {
    EXPECT_TRUE(
        decide({}, kPerson, kTerminal, ymd(2025, 6, 2), n_regs(3, ymd(2025, 6, 1), kTerminal))
            .allowed);
    EXPECT_FALSE(
        decide({}, kPerson, kTerminal, ymd(2025, 6, 2), n_regs(4, ymd(2025, 6, 1), kTerminal))
            .allowed);
}

TEST(QuotaDecision, EntityOnlinePerDay) {
    const Date day = ymd(2025, 5, 20);
    EXPECT_TRUE(decide({}, kEntity, kOnline, day, n_regs(3, day, kOnline)).allowed);
    auto d = decide({}, kEntity, kOnline, day, n_regs(4, day, kOnline));
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(d.period, QuotaPeriod::Day);
    EXPECT_EQ(d.period_start, day);
    EXPECT_EQ(refusal_of(d), Problem("quota.entity_online_day",
                                     {{"limit", "4"}, {"count", "4"}, {"frees_on", "2025-05-21"}}));
}

TEST(QuotaDecision, EntityDayBoundaries) {
    std::vector<QuotaRegistration> existing;
    for (auto r : n_regs(4, ymd(2025, 5, 19), kOnline)) existing.push_back(r);
    for (auto r : n_regs(4, ymd(2025, 5, 21), kOnline)) existing.push_back(r);
    for (auto r : n_regs(4, ymd(2025, 4, 20), kOnline)) existing.push_back(r);  // same day no.
    auto d = decide({}, kEntity, kOnline, ymd(2025, 5, 20), existing);
    EXPECT_TRUE(d.allowed);
    EXPECT_EQ(d.count, 0);
    EXPECT_FALSE(decide({}, kEntity, kOnline, ymd(2025, 5, 19), existing).allowed);
    EXPECT_FALSE(decide({}, kEntity, kOnline, ymd(2025, 5, 21), existing).allowed);
}

TEST(QuotaDecision, EntityTerminalFiveAllowedSixRefused) {
    const Date day = ymd(2025, 5, 20);
    EXPECT_TRUE(decide({}, kEntity, kTerminal, day, n_regs(5, day, kTerminal)).allowed);
    auto d = decide({}, kEntity, kTerminal, day, n_regs(6, day, kTerminal));
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(refusal_of(d), Problem("quota.entity_terminal_day",
                                     {{"limit", "6"}, {"count", "6"}, {"frees_on", "2025-05-21"}}));
    // Online registrations of that day do not use the terminal quota.
    EXPECT_TRUE(decide({}, kEntity, kTerminal, day, n_regs(6, day, kOnline)).allowed);
}

TEST(QuotaDecision, FreesOnAcrossYearAndMonthEnds) {
    const auto full_month = [](Date visit) {
        return decide({}, kPerson, kOnline, visit, n_regs(4, visit, kOnline));
    };
    const auto full_day = [](Date visit) {
        return decide({}, kEntity, kOnline, visit, n_regs(4, visit, kOnline));
    };
    EXPECT_EQ(full_month(ymd(2025, 12, 1)).frees_on, ymd(2026, 1, 1));
    EXPECT_EQ(refusal_of(full_month(ymd(2025, 12, 31))).param("frees_on"), "2026-01-01");
    EXPECT_EQ(full_month(ymd(2025, 1, 31)).frees_on, ymd(2025, 2, 1));
    EXPECT_EQ(full_day(ymd(2025, 12, 31)).frees_on, ymd(2026, 1, 1));
    EXPECT_EQ(full_day(ymd(2024, 2, 28)).frees_on, ymd(2024, 2, 29));
    EXPECT_EQ(full_day(ymd(2025, 2, 28)).frees_on, ymd(2025, 3, 1));
    EXPECT_EQ(full_day(ymd(2025, 4, 30)).frees_on, ymd(2025, 5, 1));
    EXPECT_EQ(refusal_of(full_day(ymd(9999, 12, 31))).param("frees_on"), "10000-01-01");
}

TEST(QuotaDecision, DecemberAndJanuaryAreDifferentMonths) {
    auto existing = n_regs(4, ymd(2025, 12, 31), kOnline);
    EXPECT_TRUE(decide({}, kPerson, kOnline, ymd(2026, 1, 1), existing).allowed);
    EXPECT_TRUE(decide({}, kPerson, kOnline, ymd(2024, 12, 31), existing).allowed);
}

TEST(QuotaDecision, LimitsComeFromThePolicy) {
    QuotaPolicy p;
    p.person_online_per_month = 2;
    p.entity_terminal_per_day = 1;
    const Date day = ymd(2025, 7, 7);
    EXPECT_TRUE(decide(p, kPerson, kOnline, day, n_regs(1, day, kOnline)).allowed);
    auto d = decide(p, kPerson, kOnline, day, n_regs(2, day, kOnline));
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(refusal_of(d).param("limit"), "2");
    EXPECT_TRUE(decide(p, kEntity, kTerminal, day, {}).allowed);
    EXPECT_FALSE(decide(p, kEntity, kTerminal, day, n_regs(1, day, kTerminal)).allowed);
}

TEST(QuotaDecision, ZeroOrNegativeLimitClosesTheChannel) {
    QuotaPolicy p;
    p.person_terminal_per_month = 0;
    p.entity_online_per_day = -5;
    auto d = decide(p, kPerson, kTerminal, ymd(2025, 7, 7), {});
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(d.count, 0);
    EXPECT_EQ(d.limit, 0);
    auto e = decide(p, kEntity, kOnline, ymd(2025, 7, 7), {});
    EXPECT_FALSE(e.allowed);
    EXPECT_EQ(e.limit, 0);
    EXPECT_EQ(refusal_of(e).param("limit"), "0");
}

TEST(QuotaDecision, InvalidVisitDateIsAProblemNotACrash) {
    for (Date bad : {ymd(2025, 2, 30), ymd(2025, 13, 1), ymd(0, 1, 1), ymd(10000, 1, 1),
                     ymd(-5, 1, 1), ymd(2025, 4, 31)}) {
        auto r = decide_quota({}, kPerson, kOnline, bad, {});
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.problem().code, "quota.visit_date_invalid");
        EXPECT_FALSE(r.problem().param("visit_date").empty());
    }
}

TEST(QuotaDecision, InvalidExistingDatesDoNotCrash) {
    std::vector<QuotaRegistration> existing{{ymd(2025, 2, 30), kOnline, BookingState::Booked},
                                            {ymd(2025, 0, 0), kOnline, BookingState::Booked},
                                            {ymd(-32767, 255, 255), kOnline, BookingState::Booked}};
    auto d = decide({}, kPerson, kOnline, ymd(2025, 2, 10), existing);
    EXPECT_TRUE(d.allowed);
    EXPECT_EQ(d.count, 1);  // "2025-02-30" lies in February's year/month
}

TEST(QuotaDecision, HugeHistoryIsRefusedWithItsCount) {
    auto existing = n_regs(100000, ymd(2025, 3, 3), kOnline);
    auto d = decide({}, kPerson, kOnline, ymd(2025, 3, 3), existing);
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(d.count, 100000);
    EXPECT_EQ(refusal_of(d).param("count"), "100000");
}

TEST(QuotaDecision, RuleCodes) {
    EXPECT_EQ(quota_rule_code(QuotaRule::PersonOnlineMonth), "quota.person_online_month");
    EXPECT_EQ(quota_rule_code(QuotaRule::PersonTerminalMonth), "quota.person_terminal_month");
    EXPECT_EQ(quota_rule_code(QuotaRule::EntityOnlineDay), "quota.entity_online_day");
    EXPECT_EQ(quota_rule_code(QuotaRule::EntityTerminalDay), "quota.entity_terminal_day");
}

}  // namespace
}  // namespace cherha::core

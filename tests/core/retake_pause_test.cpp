// PRODUCT.md rule 4: the pause after a failed attempt.
#include "core/quota/retake_pause.h"

#include <gtest/gtest.h>

#include <vector>

#include "support/decision_refusal.h"

namespace cherha::core {
namespace {

Date ymd(int y, unsigned m, unsigned d) {
    return date::year{y} / date::month{m} / date::day{d};
}

RetakeDecision decide(int days, const std::vector<Date>& failed, Date visit) {
    auto r = decide_retake(RetakePause{days}, failed, visit);
    EXPECT_TRUE(r.ok());
    return r.ok() ? r.value() : RetakeDecision{};
}

TEST(RetakePause, DrivingExamDayNineRefusedDayTenAllowed) {
    const Date failed = ymd(2025, 3, 3);
    auto d9 = decide(kDrivingExamRetakePauseDays, {failed}, ymd(2025, 3, 12));
    EXPECT_FALSE(d9.allowed);
    EXPECT_EQ(d9.earliest, ymd(2025, 3, 13));
    EXPECT_EQ(d9.failed_on, failed);
    ASSERT_TRUE(d9.refusal);
    EXPECT_EQ(refusal_of(d9), Problem("retake.too_early",
                                      {{"failed_on", "2025-03-03"}, {"earliest", "2025-03-13"}}));
    auto d10 = decide(kDrivingExamRetakePauseDays, {failed}, ymd(2025, 3, 13));
    EXPECT_TRUE(d10.allowed);
    EXPECT_FALSE(d10.refusal);
    EXPECT_EQ(d10.earliest, ymd(2025, 3, 13));
    EXPECT_TRUE(decide(10, {failed}, ymd(2025, 3, 14)).allowed);
    EXPECT_FALSE(decide(10, {failed}, failed).allowed);
    EXPECT_FALSE(decide(10, {failed}, ymd(2025, 3, 1)).allowed);
}

TEST(RetakePause, CrossesMonthAndYear) {
    auto d = decide(10, {ymd(2025, 12, 25)}, ymd(2026, 1, 3));
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(d.earliest, ymd(2026, 1, 4));
    EXPECT_TRUE(decide(10, {ymd(2025, 12, 25)}, ymd(2026, 1, 4)).allowed);
    EXPECT_EQ(decide(10, {ymd(2024, 2, 20)}, ymd(2024, 3, 1)).earliest, ymd(2024, 3, 1));
}

TEST(RetakePause, TheLatestFailureCounts) {
    std::vector<Date> failed{ymd(2025, 3, 20), ymd(2025, 1, 5), ymd(2025, 3, 1)};
    auto d = decide(10, failed, ymd(2025, 3, 25));
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(d.failed_on, ymd(2025, 3, 20));
    EXPECT_EQ(d.earliest, ymd(2025, 3, 30));
    EXPECT_TRUE(decide(10, failed, ymd(2025, 3, 30)).allowed);
}

TEST(RetakePause, NoFailureOrNoPauseAllows) {
    auto d = decide(10, {}, ymd(2025, 3, 3));
    EXPECT_TRUE(d.allowed);
    EXPECT_FALSE(d.failed_on);
    EXPECT_FALSE(d.earliest);
    EXPECT_TRUE(decide(0, {ymd(2025, 3, 3)}, ymd(2025, 3, 3)).allowed);
    EXPECT_TRUE(decide(-7, {ymd(2025, 3, 3)}, ymd(2025, 3, 3)).allowed);
    EXPECT_FALSE(decide(1, {ymd(2025, 3, 3)}, ymd(2025, 3, 3)).allowed);
    EXPECT_TRUE(decide(1, {ymd(2025, 3, 3)}, ymd(2025, 3, 4)).allowed);
}

TEST(RetakePause, HugePauseIsCapped) {
    auto d = decide(2147483647, {ymd(2025, 1, 1)}, ymd(2030, 1, 1));
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(d.earliest, Date{date::sys_days{ymd(2025, 1, 1)} + date::days{kMaxRetakePauseDays}});
}

TEST(RetakePause, InvalidDates) {
    auto r = decide_retake(RetakePause{10}, {}, ymd(2025, 2, 29));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.problem().code, "retake.visit_date_invalid");
    EXPECT_EQ(r.problem().param("visit_date"), "2025-02-29");
    // Invalid failure dates are ignored rather than trusted.
    auto d = decide(10, {ymd(2025, 2, 30), ymd(2025, 14, 1)}, ymd(2025, 3, 1));
    EXPECT_TRUE(d.allowed);
    EXPECT_FALSE(d.failed_on);
}

TEST(RetakePause, EndOfRangeDoesNotCrash) {
    auto d = decide(10, {ymd(9999, 12, 31)}, ymd(9999, 12, 31));
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(refusal_of(d).param("earliest"), "10000-01-10");
}

}  // namespace
}  // namespace cherha::core

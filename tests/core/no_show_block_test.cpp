// PRODUCT.md rule 3: blocking online booking after repeated no-shows.
#include "core/quota/no_show_block.h"

#include <gtest/gtest.h>

#include <vector>

#include "support/decision_refusal.h"

namespace cherha::core {
namespace {

Date ymd(int y, unsigned m, unsigned d) {
    return date::year{y} / date::month{m} / date::day{d};
}
Instant at(Date d, int hour) {
    return date::sys_days{d} + std::chrono::hours{hour};
}
NoShowRecord no_show(Date d, int hour = 10) {
    return {d, at(d, hour)};
}

constexpr auto kOnline = BookingChannel::Online;
constexpr auto kTerminal = BookingChannel::Terminal;

TEST(NoShowBlock, ThreeInAMonthDoNotBlockFourDo) {
    std::vector<NoShowRecord> list{no_show(ymd(2025, 3, 3)), no_show(ymd(2025, 3, 10)),
                                   no_show(ymd(2025, 3, 31))};
    auto d = decide_no_show_block({}, kOnline, list, std::nullopt);
    EXPECT_FALSE(d.blocked);
    EXPECT_EQ(d.count, 3);
    EXPECT_FALSE(d.refusal);
    EXPECT_EQ(d.threshold, 4);

    list.push_back(no_show(ymd(2025, 3, 1)));
    d = decide_no_show_block({}, kOnline, list, std::nullopt);
    EXPECT_TRUE(d.blocked);
    EXPECT_EQ(d.count, 4);
    EXPECT_EQ(d.month, ymd(2025, 3, 1));
    ASSERT_TRUE(d.refusal);
    EXPECT_EQ(refusal_of(d), Problem("block.no_shows",
                                     {{"count", "4"}, {"month", "2025-03"}, {"threshold", "4"}}));
}

TEST(NoShowBlock, CountsPerCalendarMonth) {
    std::vector<NoShowRecord> list{no_show(ymd(2025, 3, 30)), no_show(ymd(2025, 3, 31)),
                                   no_show(ymd(2025, 4, 1)),  no_show(ymd(2025, 4, 2)),
                                   no_show(ymd(2024, 4, 5)),  no_show(ymd(2026, 3, 5))};
    auto d = decide_no_show_block({}, kOnline, list, std::nullopt);
    EXPECT_FALSE(d.blocked);
    EXPECT_EQ(d.count, 2);
    EXPECT_EQ(d.month, ymd(2025, 3, 1));
}

TEST(NoShowBlock, BlockDoesNotLapseAndNamesTheFirstMonth) {
    // Blocked in January 2025; the decision has no "today": later months change nothing.
    std::vector<NoShowRecord> list;
    for (unsigned day : {2U, 9U, 16U, 23U}) list.push_back(no_show(ymd(2025, 1, day)));
    for (unsigned day : {1U, 2U, 3U, 4U, 5U}) list.push_back(no_show(ymd(2025, 6, day)));
    auto d = decide_no_show_block({}, kOnline, list, std::nullopt);
    EXPECT_TRUE(d.blocked);
    EXPECT_EQ(d.month, ymd(2025, 1, 1));
    EXPECT_EQ(d.count, 4);
    EXPECT_EQ(refusal_of(d).param("month"), "2025-01");
}

TEST(NoShowBlock, UnblockClearsEarlierNoShows) {
    std::vector<NoShowRecord> list;
    for (unsigned day : {2U, 9U, 16U, 23U}) list.push_back(no_show(ymd(2025, 1, day)));
    const Instant unblocked = at(ymd(2025, 1, 24), 9);
    auto d = decide_no_show_block({}, kOnline, list, unblocked);
    EXPECT_FALSE(d.blocked);
    EXPECT_EQ(d.count, 0);
    EXPECT_FALSE(d.month);

    // Three more in the same month after the unblock: still below the threshold.
    for (unsigned day : {27U, 28U, 29U}) list.push_back(no_show(ymd(2025, 1, day)));
    d = decide_no_show_block({}, kOnline, list, unblocked);
    EXPECT_FALSE(d.blocked);
    EXPECT_EQ(d.count, 3);
    // A fourth after the unblock blocks again.
    list.push_back(no_show(ymd(2025, 1, 30)));
    d = decide_no_show_block({}, kOnline, list, unblocked);
    EXPECT_TRUE(d.blocked);
    EXPECT_EQ(d.count, 4);
}

TEST(NoShowBlock, UnblockInstantBoundary) {
    const Date day = ymd(2025, 2, 10);
    std::vector<NoShowRecord> list{no_show(ymd(2025, 2, 3)), no_show(ymd(2025, 2, 4)),
                                   no_show(ymd(2025, 2, 5))};
    const Instant unblocked = at(ymd(2025, 2, 1), 0);
    list.push_back({day, unblocked});  // the slot started exactly at the unblock: not counted
    EXPECT_FALSE(decide_no_show_block({}, kOnline, list, unblocked).blocked);
    list.back().slot_start = unblocked + std::chrono::seconds{1};
    EXPECT_TRUE(decide_no_show_block({}, kOnline, list, unblocked).blocked);
}

TEST(NoShowBlock, TerminalRegistrationIsNeverBlocked) {
    std::vector<NoShowRecord> list;
    for (unsigned day = 1; day <= 10; ++day) list.push_back(no_show(ymd(2025, 5, day)));
    auto d = decide_no_show_block({}, kTerminal, list, std::nullopt);
    EXPECT_FALSE(d.blocked);
    EXPECT_FALSE(d.refusal);
    EXPECT_EQ(d.count, 10);
    EXPECT_TRUE(decide_no_show_block({}, kOnline, list, std::nullopt).blocked);
}

TEST(NoShowBlock, ThresholdIsConfigurable) {
    NoShowBlockPolicy p{2};
    std::vector<NoShowRecord> list{no_show(ymd(2025, 5, 1))};
    EXPECT_FALSE(decide_no_show_block(p, kOnline, list, std::nullopt).blocked);
    list.push_back(no_show(ymd(2025, 5, 2)));
    auto d = decide_no_show_block(p, kOnline, list, std::nullopt);
    EXPECT_TRUE(d.blocked);
    EXPECT_EQ(refusal_of(d).param("threshold"), "2");
}

TEST(NoShowBlock, NonPositiveThresholdMeansOne) {
    for (int threshold : {0, -1, -2147483647 - 1}) {
        NoShowBlockPolicy p{threshold};
        EXPECT_FALSE(decide_no_show_block(p, kOnline, {}, std::nullopt).blocked);
        std::vector<NoShowRecord> list{no_show(ymd(2025, 5, 1))};
        auto d = decide_no_show_block(p, kOnline, list, std::nullopt);
        EXPECT_TRUE(d.blocked);
        EXPECT_EQ(d.threshold, 1);
    }
}

TEST(NoShowBlock, InvalidMonthsAreIgnored) {
    std::vector<NoShowRecord> list;
    for (int i = 0; i < 5; ++i) list.push_back(no_show(ymd(2025, 13, 1)));
    for (int i = 0; i < 5; ++i) list.push_back({ymd(2025, 0, 1), Instant{}});
    auto d = decide_no_show_block({}, kOnline, list, std::nullopt);
    EXPECT_FALSE(d.blocked);
    EXPECT_EQ(d.count, 0);
}

TEST(NoShowBlock, EmptyHistory) {
    auto d = decide_no_show_block({}, kOnline, {}, std::nullopt);
    EXPECT_FALSE(d.blocked);
    EXPECT_EQ(d.count, 0);
    EXPECT_FALSE(d.month);
}

}  // namespace
}  // namespace cherha::core

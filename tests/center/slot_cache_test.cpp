// SlotCache: the slots of a (service, day) computed once per settings snapshot, the same as
// core::generate_slots, bounded, and safe from many threads.
#include "center/slot_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "center/center_state.h"
#include "center/provisioning.h"
#include "core/calendar/slot_calendar.h"

namespace cherha::center {
namespace {

core::CenterSchedule demo_schedule() {
    auto settings = default_center_settings();
    EXPECT_TRUE(settings) << settings.problem().code;
    return settings ? settings->schedule : core::CenterSchedule{};
}

core::Date day_of(int year, unsigned month, unsigned day) {
    return core::Date{date::year{year}, date::month{month}, date::day{day}};
}

TEST(SlotCache, SameSlotsAsTheCalendarForEveryServiceAndDay) {
    const auto schedule = demo_schedule();
    ASSERT_FALSE(schedule.services.empty());
    SlotCache cache;
    for (const auto& service : schedule.services)
        for (unsigned d = 1; d <= 14; ++d) {
            const auto day = day_of(2026, 12, d);
            auto expected = core::generate_slots(schedule, service, day);
            ASSERT_TRUE(expected) << expected.problem().code;
            for (int round = 0; round < 2; ++round) {  // computed, then from the cache
                auto got = cache.slots(schedule, service, day);
                ASSERT_TRUE(got) << got.problem().code;
                EXPECT_EQ(**got, *expected) << service.id << " day " << d;
            }
        }
    EXPECT_EQ(cache.size(), schedule.services.size() * 14);
}

TEST(SlotCache, SecondCallSharesTheFirstResult) {
    const auto schedule = demo_schedule();
    SlotCache cache;
    const auto& service = schedule.services.front();
    auto first = cache.slots(schedule, service, day_of(2026, 12, 1));
    auto second = cache.slots(schedule, service, day_of(2026, 12, 1));
    auto other_day = cache.slots(schedule, service, day_of(2026, 12, 2));
    ASSERT_TRUE(first && second && other_day);
    EXPECT_EQ(first->get(), second->get());
    EXPECT_NE(first->get(), other_day->get());
}

TEST(SlotCache, ProblemsAreReturnedAndNotKept) {
    auto schedule = demo_schedule();
    core::Service broken = schedule.services.front();
    broken.window_ids = {"no-such-window"};
    SlotCache cache;
    for (int round = 0; round < 2; ++round) {
        auto got = cache.slots(schedule, broken, day_of(2026, 12, 1));
        auto expected = core::generate_slots(schedule, broken, day_of(2026, 12, 1));
        ASSERT_FALSE(got);
        ASSERT_FALSE(expected);
        EXPECT_EQ(got.problem().code, expected.problem().code);
    }
    EXPECT_EQ(cache.size(), 0u);
    // An invalid date is refused as the calendar refuses it.
    auto invalid = cache.slots(schedule, schedule.services.front(), day_of(2026, 2, 30));
    ASSERT_FALSE(invalid);
    EXPECT_EQ(invalid.problem().code, "slots.invalid_day");
    EXPECT_EQ(cache.size(), 0u);
}

TEST(SlotCache, ManyDifferentDaysDoNotGrowItWithoutBound) {
    const auto schedule = demo_schedule();
    const auto& service = schedule.services.front();
    SlotCache cache;
    const date::sys_days start{day_of(2026, 1, 1)};
    for (std::size_t i = 0; i < SlotCache::kMaxEntries * 2 + 7; ++i) {
        auto got = cache.slots(schedule, service, core::Date{start + date::days{i}});
        ASSERT_TRUE(got) << got.problem().code;
        ASSERT_LE(cache.size(), SlotCache::kMaxEntries);
    }
    // A day asked again after the cache was emptied is computed again, and still right.
    auto again = cache.slots(schedule, service, day_of(2026, 1, 1));
    auto expected = core::generate_slots(schedule, service, day_of(2026, 1, 1));
    ASSERT_TRUE(again && expected);
    EXPECT_EQ(**again, *expected);
}

TEST(SlotCache, ADayNotWorthKeepingIsComputedButNotKept) {
    const auto schedule = demo_schedule();
    const auto& service = schedule.services.front();
    SlotCache cache;
    auto far = cache.slots(schedule, service, day_of(2400, 3, 1), false);
    auto expected = core::generate_slots(schedule, service, day_of(2400, 3, 1));
    ASSERT_TRUE(far && expected);
    EXPECT_EQ(**far, *expected);
    EXPECT_EQ(cache.size(), 0u);
    // A kept day is still served from the cache when asked with keep = false.
    auto kept = cache.slots(schedule, service, day_of(2026, 12, 1));
    auto again = cache.slots(schedule, service, day_of(2026, 12, 1), false);
    ASSERT_TRUE(kept && again);
    EXPECT_EQ(kept->get(), again->get());
}

// The days kept: from yesterday to one day past the online booking window; anyone may ask for
// any day of 1900-9999, and those requests must not push the bookable days out.
TEST(SlotCache, OnlyDaysNearTodayAreWorthKeeping) {
    auto settings = default_center_settings();
    ASSERT_TRUE(settings);
    const int window = settings->rules.online_window_days;
    const auto today = day_of(2026, 11, 24);
    auto plus = [&](int days) { return core::Date{date::sys_days{today} + date::days{days}}; };
    EXPECT_TRUE(detail::slots_worth_caching(*settings, today, today));
    EXPECT_TRUE(detail::slots_worth_caching(*settings, today, plus(-1)));
    EXPECT_FALSE(detail::slots_worth_caching(*settings, today, plus(-2)));
    EXPECT_TRUE(detail::slots_worth_caching(*settings, today, plus(window)));
    EXPECT_TRUE(detail::slots_worth_caching(*settings, today, plus(window + 1)));
    EXPECT_FALSE(detail::slots_worth_caching(*settings, today, plus(window + 2)));
    EXPECT_FALSE(detail::slots_worth_caching(*settings, today, day_of(9999, 12, 31)));
    EXPECT_FALSE(detail::slots_worth_caching(*settings, today, day_of(1900, 1, 1)));
}

TEST(SlotCache, ManyThreadsGetTheSameSlots) {
    const auto schedule = demo_schedule();
    SlotCache cache;
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                const auto& service =
                    schedule.services[static_cast<std::size_t>(t + i) % schedule.services.size()];
                const auto day = day_of(2026, 12, static_cast<unsigned>(1 + (i % 10)));
                auto got = cache.slots(schedule, service, day);
                auto expected = core::generate_slots(schedule, service, day);
                if (!got || !expected || **got != *expected) ++wrong;
            }
        });
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace cherha::center

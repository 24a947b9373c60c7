// The desk's local copy of the server's answers: kept across a restart, the day's queue only
// for its day and forgotten after it, files of a newer desk and damaged files refused.
#include <gtest/gtest.h>

#include <fstream>

#include "desk/model/local_cache.h"
#include "store/sqlite/connection.h"
#include "store/temp_dir.h"

namespace cherha::desk {
namespace {

constexpr core::Date kToday{date::year{2026}, date::month{11}, date::day{24}};
constexpr core::Date kYesterday{date::year{2026}, date::month{11}, date::day{23}};
constexpr core::Date kTomorrow{date::year{2026}, date::month{11}, date::day{25}};
const core::Instant kNow{std::chrono::seconds{1795500000}};

std::unique_ptr<LocalCache> open_cache(const std::string& path) {
    auto cache = LocalCache::open(path);
    EXPECT_TRUE(cache) << cache.problem().code << " " << cache.problem().param("reason");
    return cache ? std::move(cache).value() : nullptr;
}

TEST(LocalCache, SavesLoadsAndReplaces) {
    auto cache = open_cache(":memory:");
    ASSERT_TRUE(cache);
    auto nothing = cache->load("center");
    ASSERT_TRUE(nothing);
    EXPECT_FALSE(nothing->has_value());

    ASSERT_TRUE(cache->save("center", R"({"center":{"id":1}})", std::nullopt, kNow));
    auto loaded = cache->load("center");
    ASSERT_TRUE(loaded);
    ASSERT_TRUE(loaded->has_value());
    EXPECT_EQ((*loaded)->json, R"({"center":{"id":1}})");
    EXPECT_EQ((*loaded)->saved_at, kNow);

    // Saving again replaces the answer (and its time); other names are untouched.
    ASSERT_TRUE(cache->save("keys", R"({"keys":[]})", std::nullopt, kNow));
    ASSERT_TRUE(cache->save("center", R"({"center":{"id":2}})", std::nullopt,
                            kNow + std::chrono::seconds(60)));
    loaded = cache->load("center");
    ASSERT_TRUE(loaded && loaded->has_value());
    EXPECT_EQ((*loaded)->json, R"({"center":{"id":2}})");
    EXPECT_EQ((*loaded)->saved_at, kNow + std::chrono::seconds(60));
    loaded = cache->load("keys");
    ASSERT_TRUE(loaded && loaded->has_value());
    EXPECT_EQ((*loaded)->json, R"({"keys":[]})");
}

TEST(LocalCache, ADayBoundAnswerIsOnlyForItsDay) {
    auto cache = open_cache(":memory:");
    ASSERT_TRUE(cache);
    ASSERT_TRUE(cache->save("queue", R"({"day":"2026-11-24"})", kToday, kNow));
    auto today = cache->load("queue", kToday);
    ASSERT_TRUE(today);
    ASSERT_TRUE(today->has_value());
    EXPECT_EQ((*today)->json, R"({"day":"2026-11-24"})");
    auto tomorrow = cache->load("queue", kTomorrow);
    ASSERT_TRUE(tomorrow);
    EXPECT_FALSE(tomorrow->has_value());
    auto any_day = cache->load("queue");
    ASSERT_TRUE(any_day);
    EXPECT_FALSE(any_day->has_value());

    // The next day's queue replaces it: only the latest copy is kept.
    ASSERT_TRUE(cache->save("queue", R"({"day":"2026-11-25"})", kTomorrow, kNow));
    today = cache->load("queue", kToday);
    ASSERT_TRUE(today);
    EXPECT_FALSE(today->has_value());
}

TEST(LocalCache, ForgetsTheAnswersOfEarlierDays) {
    auto cache = open_cache(":memory:");
    ASSERT_TRUE(cache);
    ASSERT_TRUE(cache->save("queue", "{}", kYesterday, kNow));
    ASSERT_TRUE(cache->save("queue-archive", "{}", kToday, kNow));
    ASSERT_TRUE(cache->save("center", "{}", std::nullopt, kNow));
    auto forgotten = cache->forget_before(kToday);
    ASSERT_TRUE(forgotten);
    EXPECT_EQ(*forgotten, 1);
    auto yesterday = cache->load("queue", kYesterday);
    ASSERT_TRUE(yesterday);
    EXPECT_FALSE(yesterday->has_value());
    auto kept = cache->load("queue-archive", kToday);
    ASSERT_TRUE(kept);
    EXPECT_TRUE(kept->has_value());
    auto center = cache->load("center");
    ASSERT_TRUE(center);
    EXPECT_TRUE(center->has_value());  // not bound to a day: never forgotten
    forgotten = cache->forget_before(kToday);
    ASSERT_TRUE(forgotten);
    EXPECT_EQ(*forgotten, 0);
}

TEST(LocalCache, AReopenedFileKeepsItsAnswers) {
    store::testing::TempDir dir;
    const std::string path = dir.file("cache.db");
    {
        auto cache = open_cache(path);
        ASSERT_TRUE(cache);
        ASSERT_TRUE(cache->save("queue", R"({"bookings":[]})", kToday, kNow));
        ASSERT_TRUE(cache->save("center", R"({"name":"Сервісний центр"})", std::nullopt, kNow));
    }
    auto cache = open_cache(path);
    ASSERT_TRUE(cache);
    auto queue = cache->load("queue", kToday);
    ASSERT_TRUE(queue && queue->has_value());
    EXPECT_EQ((*queue)->json, R"({"bookings":[]})");
    auto center = cache->load("center");
    ASSERT_TRUE(center && center->has_value());
    EXPECT_EQ((*center)->json, R"({"name":"Сервісний центр"})");
    EXPECT_EQ((*center)->saved_at, kNow);
}

TEST(LocalCache, AFileOfANewerDeskIsRefused) {
    store::testing::TempDir dir;
    const std::string path = dir.file("cache.db");
    { ASSERT_TRUE(open_cache(path)); }
    {
        auto raw = store::sqlite::Connection::open(path);
        ASSERT_TRUE(raw);
        ASSERT_FALSE(raw.value().execute("PRAGMA user_version = 7"));
    }
    auto refused = LocalCache::open(path);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.problem().code, "desk.cache_too_new");
    EXPECT_EQ(refused.problem().param("version"), "7");
}

TEST(LocalCache, AGarbageFileIsAProblemNotACrash) {
    store::testing::TempDir dir;
    const std::string path = dir.file("cache.db");
    {
        std::ofstream out(path, std::ios::binary);
        for (int i = 0; i < 4096; ++i) out.put(static_cast<char>((i * 131 + 7) % 256));
    }
    auto opened = LocalCache::open(path);
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.problem().code.rfind("store.", 0), 0u) << opened.problem().code;
}

TEST(LocalCache, ARowChangedOutsideTheDeskIsReportedNotMisread) {
    store::testing::TempDir dir;
    const std::string path = dir.file("cache.db");
    {
        auto cache = open_cache(path);
        ASSERT_TRUE(cache);
        ASSERT_TRUE(cache->save("queue", "{}", kToday, kNow));
    }
    {
        auto raw = store::sqlite::Connection::open(path);
        ASSERT_TRUE(raw);
        ASSERT_FALSE(raw.value().execute("UPDATE answers SET day = 'yesterday'"));
    }
    auto cache = open_cache(path);
    ASSERT_TRUE(cache);
    auto loaded = cache->load("queue", kToday);
    ASSERT_FALSE(loaded);
    EXPECT_EQ(loaded.problem().code, "store.corrupt");
}

}  // namespace
}  // namespace cherha::desk

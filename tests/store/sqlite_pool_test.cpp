// The SQLite store's internals: the writers' fair lock, the per-connection statement cache and
// parameter binding.
#include "store/sqlite_pool.h"

#include <gtest/gtest.h>

#include <mutex>
#include <thread>
#include <vector>

#include "store/store_fixtures.h"

namespace cherha::store::detail {
namespace {

using namespace std::chrono_literals;

void wait_until_waiting(FairLock& lock, std::size_t count) {
    while (lock.waiting() != count) std::this_thread::yield();
}

TEST(FairLock, HandsTheLockToWaitersInArrivalOrder) {
    FairLock lock;
    lock.lock();
    std::mutex order_mutex;
    std::vector<char> order;
    auto waiter = [&](char name) {
        return std::thread([&, name] {
            ASSERT_TRUE(lock.try_lock_for(std::chrono::milliseconds(60000)));
            {
                std::lock_guard guard(order_mutex);
                order.push_back(name);
            }
            lock.unlock();
        });
    };
    std::thread b = waiter('b');
    wait_until_waiting(lock, 1);
    std::thread c = waiter('c');
    wait_until_waiting(lock, 2);
    std::thread d = waiter('d');
    wait_until_waiting(lock, 3);
    lock.unlock();
    b.join();
    c.join();
    d.join();
    EXPECT_EQ(order, (std::vector<char>{'b', 'c', 'd'}));
    EXPECT_TRUE(lock.try_lock());  // free at the end
    lock.unlock();
}

TEST(FairLock, AWaiterThatGivesUpLeavesTheQueue) {
    FairLock lock;
    ASSERT_TRUE(lock.try_lock());
    EXPECT_FALSE(lock.try_lock());
    EXPECT_FALSE(lock.try_lock_for(20ms));
    EXPECT_EQ(lock.waiting(), 0u);
    lock.unlock();
    EXPECT_TRUE(lock.try_lock_for(20ms));  // nobody phantom in the queue takes it
    lock.unlock();
}

sqlite::Connection memory() {
    return std::move(sqlite::Connection::open(":memory:")).value();
}

TEST(CachedConnection, PreparesEachSqlOnceAndLendsItOnceAtATime) {
    CachedConnection connection(memory());
    ASSERT_EQ(connection.connection().execute("CREATE TABLE t (v INTEGER); "
                                              "INSERT INTO t VALUES (1), (2), (3);"),
              std::nullopt);
    const std::string sql = "SELECT v FROM t ORDER BY v";
    const sqlite::Statement* first = nullptr;
    {
        auto q = std::move(connection.query(sql)).value();
        first = &*q;
        ASSERT_EQ(*q->step(), sqlite::Step::Row);
        EXPECT_EQ(q->column_int64(0), 1);
        // A nested use of the same SQL while `q` is mid-way gets its own statement...
        auto nested = std::move(connection.query(sql)).value();
        EXPECT_NE(&*nested, first);
        ASSERT_EQ(*nested->step(), sqlite::Step::Row);
        EXPECT_EQ(nested->column_int64(0), 1);
        // ...and leaves `q` where it was.
        ASSERT_EQ(*q->step(), sqlite::Step::Row);
        EXPECT_EQ(q->column_int64(0), 2);
    }
    // Back from the start with the cached statement.
    auto again = std::move(connection.query(sql)).value();
    EXPECT_EQ(&*again, first);
    ASSERT_EQ(*again->step(), sqlite::Step::Row);
    EXPECT_EQ(again->column_int64(0), 1);
}

TEST(CachedConnection, ClearsBindingsBetweenUses) {
    CachedConnection connection(memory());
    {
        auto q = std::move(connection.query("SELECT ?1")).value();
        ASSERT_EQ(q->bind_int64(1, 42), std::nullopt);
        ASSERT_EQ(*q->step(), sqlite::Step::Row);
        EXPECT_EQ(q->column_int64(0), 42);
    }
    auto q = std::move(connection.query("SELECT ?1")).value();
    ASSERT_EQ(*q->step(), sqlite::Step::Row);
    EXPECT_TRUE(q->column_is_null(0));
}

TEST(CachedConnection, ReportsBadSql) {
    CachedConnection connection(memory());
    auto bad = connection.query("SELEC nothing");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.problem().code, "store.prepare");
}

TEST(Param, BindsEachKindOfValue) {
    CachedConnection connection(memory());
    auto q = std::move(connection.query("SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8")).value();
    const std::optional<std::string> none;
    const std::optional<core::Instant> instant = testing::unix_time(1700000000);
    ASSERT_EQ(bind(*q, {nullptr, 7, true, std::string_view("text"), testing::day(2025, 3, 4), none,
                        instant, std::int64_t{-5}}),
              std::nullopt);
    ASSERT_EQ(*q->step(), sqlite::Step::Row);
    EXPECT_TRUE(q->column_is_null(0));
    EXPECT_EQ(q->column_int64(1), 7);
    EXPECT_EQ(q->column_int64(2), 1);
    EXPECT_EQ(q->column_text(3), "text");
    EXPECT_EQ(q->column_text(4), "2025-03-04");
    EXPECT_TRUE(q->column_is_null(5));
    EXPECT_EQ(q->column_int64(6), 1700000000);
    EXPECT_EQ(q->column_int64(7), -5);
}

TEST(CheckStorable, AcceptsCalendarDaysOfYearsZeroToNineThousandNineHundredNinetyNine) {
    EXPECT_EQ(check_storable(testing::day(0, 1, 1), "day"), std::nullopt);
    EXPECT_EQ(check_storable(testing::day(9999, 12, 31), "day"), std::nullopt);
    EXPECT_EQ(check_storable(testing::day(2024, 2, 29), "day"), std::nullopt);
    EXPECT_EQ(check_storable(testing::day(2023, 2, 29), "day"),
              core::Problem("store.invalid", {{"what", "day"}}));
    EXPECT_TRUE(check_storable(testing::day(-1, 12, 31), "day").has_value());
    EXPECT_TRUE(check_storable(testing::day(10000, 1, 1), "birth_date").has_value());
}

}  // namespace
}  // namespace cherha::store::detail

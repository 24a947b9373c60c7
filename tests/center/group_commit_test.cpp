// Group commit of bookings (center/group_commit.h): jobs waiting during a batch share the next
// transaction, in queue order and bounded; a refused or throwing job is undone alone; a failed
// commit fails the whole batch; concurrent bookings stay exact in fewer transactions; abuse
// counts wait in memory without write transactions and reach statistics() exactly once.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "center/group_commit.h"
#include "center_fixture.h"
#include "counting_store.h"

namespace cherha::center::testing {
namespace {

constexpr int k0900 = 9 * 60;
constexpr int k0930 = 9 * 60 + 30;

class GroupCommitTest : public CenterTest {
  protected:
    void SetUp() override {
        CenterTest::SetUp();
        counting_ = std::make_unique<CountingStore>(*store_);
        reopen_center();
    }
    void TearDown() override { center_.reset(); }  // before counting_, which it writes to

    void reopen_center() {
        center_.reset();
        CenterOptions options;
        options.password_cost = core::PasswordHashCost::insecure_for_tests(1000);
        options.address_rate_capacity = 1000;
        options.identity_rate_capacity = 1000;
        options.pow_difficulty = 4;
        auto center = ServiceCenter::open(*counting_, options, [this] { return now_; });
        ASSERT_TRUE(center) << center.problem().code;
        center_ = std::move(center).value();
    }

    std::optional<std::string> stored_setting(const std::string& key) {
        auto session = store_->read();
        EXPECT_TRUE(session);
        auto value = session.value()->setting(key);
        if (!value) {
            ADD_FAILURE() << value.problem().code;
            return std::nullopt;
        }
        return value.value();
    }

    std::map<std::string, std::int64_t> stored_abuse() {
        auto session = store_->read();
        EXPECT_TRUE(session);
        auto counts = session.value()->abuse_counts(center_->today());
        if (!counts) {
            ADD_FAILURE() << counts.problem().code;
            return {};
        }
        return counts.value();
    }

    // A job writing setting `key`.
    static GroupCommit::Job put(std::string key) {
        return {[key](store::StoreSession& s) { return s.put_setting(key, "set"); }, {}};
    }

    // Runs `jobs` so that all of them are in ONE batch, in this order: a first job is held in
    // the store's gate (its own batch) while the others queue one by one. Returns each job's
    // result (or "threw" for an exception).
    std::vector<std::string> run_in_one_batch(GroupCommit& batches,
                                              std::vector<GroupCommit::Job> jobs) {
        std::vector<std::string> results(jobs.size());
        counting_->close_gate();
        std::thread first([&] { (void)batches.run(put("gate")); });
        while (!counting_->held_at_gate()) std::this_thread::yield();
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            threads.emplace_back([&, i] {
                try {
                    auto problem = batches.run(std::move(jobs[i]));
                    results[i] = problem ? problem->code : "ok";
                } catch (const std::runtime_error&) {
                    results[i] = "threw";
                }
            });
            while (batches.waiting() != i + 1) std::this_thread::yield();
        }
        const auto before = batches.batches();
        counting_->open_gate();
        first.join();
        for (auto& t : threads) t.join();
        EXPECT_EQ(batches.batches(), before + 2);  // the gate's batch, then all of `jobs`
        return results;
    }

    std::unique_ptr<CountingStore> counting_;
};

TEST_F(GroupCommitTest, JobsWaitingDuringABatchShareOneTransactionInQueueOrder) {
    GroupCommit batches(*counting_);
    std::mutex order_mutex;
    std::vector<int> order;
    std::vector<GroupCommit::Job> jobs;
    for (int i = 0; i < 10; ++i)
        jobs.push_back({[&, i](store::StoreSession& s) {
                            std::lock_guard lock(order_mutex);
                            order.push_back(i);
                            return s.put_setting("job" + std::to_string(i), "set");
                        },
                        {}});
    const int commits_before = counting_->commits;
    auto results = run_in_one_batch(batches, std::move(jobs));
    EXPECT_EQ(results, std::vector<std::string>(10, "ok"));
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    EXPECT_EQ(counting_->commits - commits_before, 2);  // 11 jobs, 2 transactions
    for (int i = 0; i < 10; ++i) EXPECT_TRUE(stored_setting("job" + std::to_string(i)));
}

TEST_F(GroupCommitTest, BatchesAreBoundedAndTakenOldestFirst) {
    GroupCommit batches(*counting_, 4);
    counting_->close_gate();
    std::thread first([&] { (void)batches.run(put("gate")); });
    while (!counting_->held_at_gate()) std::this_thread::yield();
    std::mutex order_mutex;
    std::vector<int> order;
    std::vector<std::thread> threads;
    for (int i = 0; i < 10; ++i) {
        threads.emplace_back([&, i] {
            (void)batches.run({[&, i](store::StoreSession& s) {
                                   std::lock_guard lock(order_mutex);
                                   order.push_back(i);
                                   return s.put_setting("job" + std::to_string(i), "set");
                               },
                               {}});
        });
        while (batches.waiting() != static_cast<std::size_t>(i) + 1) std::this_thread::yield();
    }
    counting_->open_gate();
    first.join();
    for (auto& t : threads) t.join();
    EXPECT_EQ(batches.batches(), 4u);  // 1 (the gate's), then 4 + 4 + 2
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

TEST_F(GroupCommitTest, ARefusedOrThrowingJobIsUndoneAloneAndKeepsWhatItMust) {
    GroupCommit batches(*counting_);
    std::vector<GroupCommit::Job> jobs;
    jobs.push_back(put("a"));
    jobs.push_back({[](store::StoreSession& s) -> std::optional<core::Problem> {
                        (void)s.put_setting("b", "set");
                        return core::Problem("test.refused");
                    },
                    [](store::StoreSession& s, const core::Problem& refusal) {
                        EXPECT_EQ(refusal.code, "test.refused");
                        (void)s.put_setting("b_kept", "set");
                    }});
    jobs.push_back({[](store::StoreSession& s) -> std::optional<core::Problem> {
                        (void)s.put_setting("c", "set");
                        throw std::runtime_error("job failed");
                    },
                    [](store::StoreSession& s, const core::Problem&) {
                        (void)s.put_setting("c_kept", "set");  // not for an exception
                    }});
    jobs.push_back(put("d"));
    auto results = run_in_one_batch(batches, std::move(jobs));
    EXPECT_EQ(results, (std::vector<std::string>{"ok", "test.refused", "threw", "ok"}));
    EXPECT_TRUE(stored_setting("a"));
    EXPECT_FALSE(stored_setting("b"));
    EXPECT_TRUE(stored_setting("b_kept"));
    EXPECT_FALSE(stored_setting("c"));
    EXPECT_FALSE(stored_setting("c_kept"));
    EXPECT_TRUE(stored_setting("d"));
}

TEST_F(GroupCommitTest, AFailedCommitFailsEveryJobOfTheBatchAndStoresNothing) {
    GroupCommit batches(*counting_);
    batches.count_abuse(center_->today(), "honeypot");
    std::vector<GroupCommit::Job> jobs;
    jobs.push_back(put("a"));
    jobs.push_back(
        {[](store::StoreSession&) -> std::optional<core::Problem> {
             return core::Problem("test.refused");
         },
         [](store::StoreSession& s, const core::Problem&) { (void)s.put_setting("kept", "set"); }});
    jobs.push_back(put("b"));
    // The gate's own batch commits too: fail only once every job is queued behind it.
    counting_->close_gate();
    std::thread first([&] { (void)batches.run(put("gate")); });
    while (!counting_->held_at_gate()) std::this_thread::yield();
    std::vector<std::string> results(jobs.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        threads.emplace_back([&, i] {
            auto problem = batches.run(std::move(jobs[i]));
            results[i] = problem ? problem->code : "ok";
        });
        while (batches.waiting() != i + 1) std::this_thread::yield();
    }
    counting_->fail_commits = true;
    counting_->open_gate();
    first.join();
    for (auto& t : threads) t.join();
    EXPECT_EQ(results, std::vector<std::string>(3, "store.transaction"));
    for (const char* key : {"gate", "a", "b", "kept"}) EXPECT_FALSE(stored_setting(key)) << key;
    EXPECT_EQ(batches.pending_count(), 1);  // the count waits for the next batch

    counting_->fail_commits = false;  // nobody is stuck: the next batch runs and commits
    EXPECT_FALSE(batches.run(put("after")));
    EXPECT_TRUE(stored_setting("after"));
    EXPECT_EQ(batches.pending_count(), 0);
    EXPECT_EQ(stored_abuse()["honeypot"], 1);
}

TEST_F(GroupCommitTest, ConcurrentBookingsStayExactInFewerTransactions) {
    // 16 people race for one slot with two places; one person races for 8 days (quota 4; one
    // of the days is a Sunday, refused before it reaches the store);
    // 8 people book free slots of their own. All start while a first booking's batch is held.
    std::vector<OnlineBookingRequest> slot_race, same_person, free;
    for (int i = 0; i < 16; ++i) slot_race.push_back(online(10 + i, day_after(2), k0900));
    for (int i = 0; i < 8; ++i) same_person.push_back(online(99, day_after(1 + i), k0930));
    for (int day : {1, 3, 4, 5, 7, 8, 9, 10})  // day 6 is a Sunday: closed
        free.push_back(online(40 + day, day_after(day), k0900));
    const int writes_before = counting_->writes;

    counting_->close_gate();
    std::thread first([&] { ASSERT_TRUE(book(1, day_after(12), k0900)); });
    while (!counting_->held_at_gate()) std::this_thread::yield();
    std::atomic<int> slot_ok{0}, quota_ok{0}, free_ok{0};
    std::vector<core::Problem> refusals;
    std::vector<OnlineBookingRequest> refused_requests;
    std::mutex refused_mutex;
    std::vector<std::thread> threads;
    auto launch = [&](const std::vector<OnlineBookingRequest>& requests, std::atomic<int>& ok) {
        for (const auto& r : requests)
            threads.emplace_back([&, r] {
                auto result = center_->book_online(r, "10.0.0.1");
                if (result) {
                    ++ok;
                    return;
                }
                std::lock_guard lock(refused_mutex);
                refusals.push_back(result.problem());
                refused_requests.push_back(r);
            });
    };
    launch(slot_race, slot_ok);
    launch(same_person, quota_ok);
    launch(free, free_ok);
    // 31 reach the queue (the Sunday is refused before it): all wait behind the held batch.
    while (center_->bookings_waiting() < 31) std::this_thread::yield();
    counting_->open_gate();
    first.join();
    for (auto& t : threads) t.join();

    EXPECT_EQ(slot_ok.load(), 2);
    EXPECT_EQ(quota_ok.load(), 4);
    EXPECT_EQ(free_ok.load(), 8);
    ASSERT_EQ(refusals.size(), 18u);
    int full = 0, quota = 0, closed = 0;
    for (const auto& p : refusals) {
        if (p.code == "center.slot_full") ++full;
        if (p.code.rfind("quota.", 0) == 0) ++quota;
        if (p.code == "center.no_such_slot") ++closed;
    }
    EXPECT_EQ(full, 14);
    EXPECT_EQ(quota, 3);
    EXPECT_EQ(closed, 1);
    // 33 bookings asked for: the held first one's batch and one batch for the 31 queued.
    EXPECT_EQ(counting_->writes - writes_before, 2);

    auto slots =
        center_->free_slots("vehicle-registration", day_after(2), core::BookingChannel::Online);
    ASSERT_TRUE(slots);
    EXPECT_EQ(slots->front().taken, 2);
    // The proof of work of a booking refused in a batch stays spent.
    int resent = 0;
    for (std::size_t i = 0; i < refused_requests.size(); ++i) {
        if (refusals[i].code == "center.no_such_slot") continue;
        EXPECT_EQ(center_->book_online(refused_requests[i], "10.0.0.1").problem().code,
                  "center.pow_reused");
        ++resent;
    }
    EXPECT_EQ(resent, 17);
    auto stats = center_->statistics(center_->today());
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats.value().abuse["quota"], 3);
    EXPECT_EQ(stats.value().abuse["pow_reused"], 17);
}

TEST_F(GroupCommitTest, JunkRequestsOpenNoWriteTransactionAndAreCountedOnce) {
    auto booked = book(6, day_after(2), k0900);
    ASSERT_TRUE(booked);
    const int writes_before = counting_->writes;
    auto bot = online(4, day_after(1), k0930);
    bot.honeypot = "http://spam.example";
    EXPECT_EQ(center_->book_online(bot, "127.0.0.1").problem().code, "center.honeypot");
    auto missing = online(3, day_after(1), k0930);
    missing.pow_nonce.clear();
    EXPECT_EQ(center_->book_online(missing, "127.0.0.1").problem().code, "center.pow_required");
    EXPECT_EQ(center_->book_online(missing, "127.0.0.1").problem().code, "center.pow_required");
    EXPECT_FALSE(center_->look_up(booked->booking.code, person(7).id_card_number));
    EXPECT_EQ(counting_->writes, writes_before);
    EXPECT_TRUE(stored_abuse().empty());

    // statistics() shows the pending counts even when it cannot write them ...
    counting_->fail_commits = true;
    auto stats = center_->statistics(center_->today());
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats.value().abuse["honeypot"], 1);
    EXPECT_EQ(stats.value().abuse["pow_missing"], 2);
    EXPECT_TRUE(stored_abuse().empty());
    // ... and once written, the same numbers, never twice.
    counting_->fail_commits = false;
    for (int round = 0; round < 2; ++round) {
        stats = center_->statistics(center_->today());
        ASSERT_TRUE(stats);
        EXPECT_EQ(stats.value().abuse["honeypot"], 1);
        EXPECT_EQ(stats.value().abuse["pow_missing"], 2);
        EXPECT_EQ(stats.value().abuse["lookup_failed"], 1);
    }
    EXPECT_EQ(stored_abuse()["pow_missing"], 2);
    ASSERT_TRUE(book(5, day_after(1), k0900));  // a batch with nothing pending adds nothing
    EXPECT_EQ(center_->statistics(center_->today()).value().abuse["pow_missing"], 2);
}

TEST_F(GroupCommitTest, PendingCountsAreWrittenByTheNextBookingAfterFiveSecondsAndAtTheEnd) {
    auto missing = online(3, day_after(1), k0930);
    missing.pow_nonce.clear();
    (void)center_->book_online(missing, "127.0.0.1");
    EXPECT_TRUE(stored_abuse().empty());
    ASSERT_TRUE(book(5, day_after(1), k0900));  // the booking's batch takes the count along
    EXPECT_EQ(stored_abuse()["pow_missing"], 1);

    (void)center_->book_online(missing, "127.0.0.1");
    now_ += 4s;
    (void)center_->book_online(missing, "127.0.0.1");
    EXPECT_EQ(stored_abuse()["pow_missing"], 1);
    now_ += 1s;  // 5 s after the oldest pending count: this one writes them all
    const int writes_before = counting_->writes;
    (void)center_->book_online(missing, "127.0.0.1");
    EXPECT_EQ(counting_->writes, writes_before + 1);
    EXPECT_EQ(stored_abuse()["pow_missing"], 4);

    (void)center_->book_online(missing, "127.0.0.1");
    const Date today = center_->today();
    center_.reset();  // the end of the center writes what is pending
    auto session = store_->read();
    ASSERT_TRUE(session);
    EXPECT_EQ(session.value()->abuse_counts(today).value()["pow_missing"], 5);
}

}  // namespace
}  // namespace cherha::center::testing

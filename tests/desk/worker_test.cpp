// The desk's background thread (src/desk/model/worker.h): jobs run one at a time, in the order
// they were posted, on one thread other than the poster's; busy() counts what is posted and not
// finished; closing the worker runs what was posted first; a job that throws does not end it.
#include "desk/model/worker.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace cherha::desk {
namespace {

using namespace std::chrono_literals;

// Waits (bounded) until `done()` holds; for a test's own hand-off only, never a timing assert.
template <class Done>
bool eventually(Done done) {
    for (int i = 0; i < 2000 && !done(); ++i) std::this_thread::sleep_for(5ms);
    return done();
}

TEST(Worker, RunsJobsInOrderOnOneOtherThread) {
    std::mutex mutex;
    std::vector<int> order;
    std::set<std::thread::id> threads;
    std::atomic<int> running{0};
    std::atomic<int> overlap{0};
    std::promise<void> last;
    {
        Worker worker;
        for (int i = 0; i < 200; ++i)
            worker.post([&, i] {
                if (running.fetch_add(1) != 0) ++overlap;
                {
                    std::lock_guard lock(mutex);
                    order.push_back(i);
                    threads.insert(std::this_thread::get_id());
                }
                if (i % 50 == 0) std::this_thread::sleep_for(1ms);
                running.fetch_sub(1);
                if (i == 199) last.set_value();
            });
        ASSERT_EQ(last.get_future().wait_for(60s), std::future_status::ready);
    }
    ASSERT_EQ(order.size(), 200u);
    for (int i = 0; i < 200; ++i) EXPECT_EQ(order[i], i);
    ASSERT_EQ(threads.size(), 1u);
    EXPECT_NE(*threads.begin(), std::this_thread::get_id());
    EXPECT_EQ(overlap.load(), 0);
}

TEST(Worker, BusyCountsPostedJobsUntilTheyFinish) {
    Worker worker;
    EXPECT_EQ(worker.busy(), 0u);
    std::promise<void> started;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    worker.post([&started, released] {
        started.set_value();
        released.wait();
    });
    ASSERT_EQ(started.get_future().wait_for(60s), std::future_status::ready);
    EXPECT_EQ(worker.busy(), 1u);  // running
    std::atomic<int> ran{0};
    worker.post([&] { ++ran; });
    worker.post([&] { ++ran; });
    EXPECT_EQ(worker.busy(), 3u);  // one running, two waiting
    EXPECT_EQ(ran.load(), 0);
    release.set_value();
    EXPECT_TRUE(eventually([&] { return worker.busy() == 0; }));
    EXPECT_EQ(ran.load(), 2);
}

TEST(Worker, ClosingRunsWhatWasPostedThenJoins) {
    std::atomic<int> ran{0};
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::thread::id job_thread;
    {
        Worker worker;
        worker.post([released] { released.wait(); });
        for (int i = 0; i < 20; ++i)
            worker.post([&ran, &job_thread] {
                std::this_thread::sleep_for(1ms);
                job_thread = std::this_thread::get_id();
                ++ran;
            });
        EXPECT_GE(worker.busy(), 20u);
        release.set_value();
    }  // the destructor waits for all 21
    EXPECT_EQ(ran.load(), 20);
    EXPECT_NE(job_thread, std::this_thread::get_id());
}

TEST(Worker, AJobPostedByAJobWhileClosingStillRuns) {
    std::atomic<bool> ran{false};
    {
        Worker worker;
        worker.post([&] {
            std::this_thread::sleep_for(20ms);
            worker.post([&] { ran = true; });
        });
    }
    EXPECT_TRUE(ran.load());
}

TEST(Worker, AThrowingJobDoesNotStopLaterOnes) {
    std::vector<int> order;
    {
        Worker worker;
        worker.post([&] { order.push_back(1); });
        worker.post([] { throw std::runtime_error("network job failed"); });
        worker.post([] { throw 42; });
        worker.post([&] { order.push_back(2); });
    }
    EXPECT_EQ(order, (std::vector<int>{1, 2}));

    Worker worker;
    worker.post([] { throw std::runtime_error("x"); });
    std::promise<void> after;
    worker.post([&] { after.set_value(); });
    EXPECT_EQ(after.get_future().wait_for(60s), std::future_status::ready);
    EXPECT_TRUE(eventually([&] { return worker.busy() == 0; }));
}

}  // namespace
}  // namespace cherha::desk

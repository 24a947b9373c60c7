// One background thread that runs jobs in the order they were posted: the desk's network and
// file work (PrusaSlicer's jobs, ENGINEERING.md "Background work"). A job hands its result
// back to the UI thread itself (wx CallAfter in the frames; directly in tests).
//
// Thread-safety: post() from any thread; jobs run one at a time on the worker thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace cherha::desk {

class Worker {
  public:
    Worker();
    // Runs the jobs already posted, then joins. A job must not wait for the UI thread.
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    void post(std::function<void()> job);
    // Jobs posted and not yet finished (the frames show a busy mark while > 0).
    std::size_t busy() const;

  private:
    void run();
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> jobs_;
    std::size_t running_ = 0;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace cherha::desk

#include "desk/model/worker.h"

namespace cherha::desk {

Worker::Worker() : thread_([this] { run(); }) {}

Worker::~Worker() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void Worker::post(std::function<void()> job) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(job));
    }
    wake_.notify_one();
}

std::size_t Worker::busy() const {
    std::lock_guard lock(mutex_);
    return jobs_.size() + running_;
}

void Worker::run() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (jobs_.empty()) return;  // stopping, and everything posted has run
            job = std::move(jobs_.front());
            jobs_.pop_front();
            running_ = 1;
        }
        try {
            job();
        } catch (...) {
            // A job reports its own failures; one that throws must not end the desk's worker.
        }
        std::lock_guard lock(mutex_);
        running_ = 0;
    }
}

}  // namespace cherha::desk

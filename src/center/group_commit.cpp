#include "center/group_commit.h"

#include <algorithm>

namespace cherha::center {

GroupCommit::GroupCommit(store::CenterStore& store, std::size_t max_batch)
    : store_(store), max_batch_(max_batch == 0 ? 1 : max_batch) {}

GroupCommit::~GroupCommit() {
    if (pending_count() > 0) (void)flush();
}

std::optional<core::Problem> GroupCommit::run(Job job) {
    Entry entry{std::move(job), std::nullopt, nullptr, false};
    std::unique_lock lock(queue_mutex_);
    queue_.push_back(&entry);
    while (!entry.done) {
        if (leading_) {
            finished_.wait(lock);
            continue;
        }
        // Lead the next batch: the oldest waiting jobs (ours may be among them or still behind
        // max_batch_ older ones; then we lead again after this batch).
        std::vector<Entry*> batch;
        try {
            batch.reserve(max_batch_);  // the only allocation: before we lead, never after
        } catch (...) {
            queue_.erase(std::find(queue_.begin(), queue_.end(), &entry));
            throw;
        }
        leading_ = true;
        while (!queue_.empty() && batch.size() < max_batch_) {
            batch.push_back(queue_.front());
            queue_.pop_front();
        }
        lock.unlock();
        run_batch(batch);
        lock.lock();
        for (Entry* done : batch) done->done = true;
        leading_ = false;
        ++batches_;
        finished_.notify_all();  // the batch's callers, and whoever leads next
    }
    lock.unlock();
    if (entry.error) std::rethrow_exception(entry.error);
    return entry.result;
}

void GroupCommit::run_batch(const std::vector<Entry*>& batch) noexcept {
    std::lock_guard batch_lock(batch_mutex_);
    auto fail_all = [&](const core::Problem& problem) {
        for (Entry* entry : batch) {
            entry->result = problem;
            entry->error = nullptr;
        }
    };
    AbuseCounts counts;
    std::optional<core::Problem> count_problem;
    try {
        auto opened = store_.write();
        if (!opened) {
            fail_all(opened.problem());
            return;
        }
        store::StoreSession& session = *opened.value();

        for (Entry* entry : batch) {
            if (!entry->job.work) continue;
            if (auto problem = session.savepoint()) {
                fail_all(*problem);
                return;  // the session rolls back
            }
            std::optional<core::Problem> refusal;
            try {
                refusal = entry->job.work(session);
            } catch (...) {
                entry->error = std::current_exception();
            }
            if (!refusal && !entry->error) {
                if (auto problem = session.release_savepoint()) {
                    fail_all(*problem);
                    return;
                }
                continue;
            }
            if (auto problem = session.rollback_to_savepoint()) {
                fail_all(*problem);
                return;
            }
            entry->result = refusal;
            if (refusal && entry->job.keep_after_refusal) {
                if (auto problem = session.savepoint()) {
                    fail_all(*problem);
                    return;
                }
                bool kept = true;
                try {
                    entry->job.keep_after_refusal(session, *refusal);
                } catch (...) {
                    kept = false;
                }
                auto ended = kept ? session.release_savepoint() : session.rollback_to_savepoint();
                if (ended) {
                    fail_all(*ended);
                    return;
                }
            }
        }

        // The counts of every abuse event so far, including those of this batch's refusals.
        {
            std::lock_guard lock(counts_mutex_);
            counts.swap(pending_);
        }
        if (!counts.empty()) {
            if (auto problem = session.savepoint()) {
                fail_all(*problem);
                restore_counts(std::move(counts));
                return;
            }
            bool written = true;
            for (const auto& [key, n] : counts) {
                // One UPSERT a (day, kind), however many events: a flood stays cheap here.
                count_problem = session.count_abuse(key.first, key.second, n);
                written = !count_problem;
                if (!written) break;
            }
            auto ended = written ? session.release_savepoint() : session.rollback_to_savepoint();
            if (ended) {
                fail_all(*ended);
                restore_counts(std::move(counts));
                return;
            }
            if (!written) {
                restore_counts(std::move(counts));  // the bookings still go; the counts wait
                counts.clear();
            }
        }

        if (auto problem = session.commit()) {
            fail_all(*problem);
            restore_counts(std::move(counts));
            return;
        }
        // A flush (a job without work) whose counts could not be written says so; the
        // bookings of the batch are committed and the counts wait for the next batch.
        if (count_problem)
            for (Entry* entry : batch)
                if (!entry->job.work) entry->result = *count_problem;
    } catch (...) {
        // Only allocation failures get here: nothing of the batch is reported as done.
        restore_counts(std::move(counts));
        for (Entry* entry : batch) entry->error = std::current_exception();
    }
}

void GroupCommit::restore_counts(AbuseCounts counts) {
    std::lock_guard lock(counts_mutex_);
    for (auto& [key, n] : counts) pending_[key] += n;
}

void GroupCommit::count_abuse(core::Date day, std::string_view kind) {
    std::lock_guard lock(counts_mutex_);
    ++pending_[{day, std::string(kind)}];
}

std::optional<core::Problem> GroupCommit::flush() {
    return run(Job{});
}

std::int64_t GroupCommit::pending_count() const {
    std::lock_guard lock(counts_mutex_);
    std::int64_t total = 0;
    for (const auto& [key, n] : pending_) total += n;
    return total;
}

core::Result<GroupCommit::Snapshot> GroupCommit::read_with_pending(core::Date day) {
    std::lock_guard batch_lock(batch_mutex_);
    auto opened = store_.read();
    if (!opened) return opened.problem();
    Snapshot snapshot{std::move(opened).value(), {}};
    std::lock_guard lock(counts_mutex_);
    for (const auto& [key, n] : pending_)
        if (key.first == day) snapshot.pending[key.second] += n;
    return snapshot;
}

std::uint64_t GroupCommit::batches() const {
    return batches_.load();
}

std::size_t GroupCommit::waiting() {
    std::lock_guard lock(queue_mutex_);
    return queue_.size();
}

}  // namespace cherha::center

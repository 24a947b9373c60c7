// Internal to src/center: group commit of the booking writes, and the anti-abuse counters that
// ride along with it. Not for the faces.
//
// Why: every write transaction ends in one fsync (synchronous=FULL, docs/storage.md), and the
// store serialises writers, so with one transaction per booking the bookings per second are
// bounded by the fsyncs per second and 64 waiting clients wait 64 fsyncs
// (docs/performance.md). Here concurrent bookings share one transaction: one fsync for many.
//
// How: run() queues a job. The first caller that finds no batch running becomes the leader: it
// takes up to max_batch waiting jobs, oldest first, opens ONE write session, runs each job in
// its own savepoint (store/center_store.h) in queue order, writes the pending abuse counts,
// commits once, and only then wakes the callers of that batch with their results. Then the
// leader returns too, and one of the callers still queued leads the next batch; there is no
// background thread. Later jobs of a batch see the earlier ones' writes, so capacity and
// quotas stay exact, exactly as if the bookings had been committed one by one in queue order.
//
// Durability: a job's result is given only after its batch's commit returned, so a booking
// reported as made is durable; if the commit fails, every job of the batch gets the commit's
// problem (refused jobs too) and nothing of the batch is stored.
//
// Abuse counters are kept in memory (count_abuse) and written by the next batch, whatever
// started it: a booking, flush(), or the end of the GroupCommit. Counts not yet written are
// lost when the process is killed (kill -9, power loss): they are best-effort statistics,
// never used to refuse anyone. read_with_pending() gives a read session and the counts not in
// it, taken together, so a count is in exactly one of the two (never twice, never missing).
//
// Thread-safety: every method may be called from any thread at the same time. A job runs on
// the leader's thread (not its caller's), while its caller waits in run(); a job must not call
// run() or flush() itself (the leader would wait for itself).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/civil.h"
#include "core/common/problem.h"
#include "store/center_store.h"

namespace cherha::center {

// Anti-abuse events not yet in the store: (local day, kind) -> how many.
using AbuseCounts = std::map<std::pair<core::Date, std::string>, std::int64_t>;

class GroupCommit {
  public:
    struct Job {
        // Runs in its own savepoint of the batch's write session. A problem refuses the job: its
        // savepoint is rolled back, so nothing `work` wrote stays. Empty: no work (a flush).
        std::function<std::optional<core::Problem>(store::StoreSession&)> work;
        // Optional: runs after a refused job's rollback, in the same transaction (inside a
        // savepoint of its own, so a failure here cannot spoil the batch): what a refused job
        // must still keep, e.g. its spent proof-of-work id. Its problems are ignored.
        std::function<void(store::StoreSession&, const core::Problem&)> keep_after_refusal;
    };

    static constexpr std::size_t kMaxBatch = 64;

    // Needs: `store` outlives this object; max_batch >= 1.
    explicit GroupCommit(store::CenterStore& store, std::size_t max_batch = kMaxBatch);
    // Writes the counts still pending (best effort: a problem is dropped).
    ~GroupCommit();
    GroupCommit(const GroupCommit&) = delete;
    GroupCommit& operator=(const GroupCommit&) = delete;

    // Queues `job` and returns once its batch is over. std::nullopt: the job's writes are
    // committed (durable). Otherwise the job's own refusal (its writes rolled back, the
    // batch's other jobs unaffected), or a store problem of the whole batch (opening the write
    // session, a savepoint that could not be rolled back, the commit: store.busy,
    // store.transaction, store.execute, ...) given to every job of the batch, nothing of it
    // stored. A job that throws is rolled back like a refusal (keep_after_refusal does not
    // run) and the exception is rethrown here, in its caller's thread; the others go on.
    std::optional<core::Problem> run(Job job);

    // Counts an anti-abuse event in memory; the next batch writes it.
    void count_abuse(core::Date day, std::string_view kind);
    // Writes the pending counts now (a batch of its own, or the batch running already when
    // other jobs are queued). Problems: those of run(); the counts then stay pending.
    std::optional<core::Problem> flush();
    // How many (day, kind) counts wait to be written, summed.
    std::int64_t pending_count() const;

    // A read session, and the counts of `day` not written yet, taken together: a count is in
    // exactly one of them. Problems: those of CenterStore::read().
    struct Snapshot {
        std::unique_ptr<store::StoreSession> session;
        std::map<std::string, std::int64_t> pending;  // kind -> count, of the day asked
    };
    core::Result<Snapshot> read_with_pending(core::Date day);

    // How many batches ran (each one write session), and how many jobs wait for a batch (not
    // counting the running one's), for tests and diagnostics.
    std::uint64_t batches() const;
    std::size_t waiting();

  private:
    struct Entry {
        Job job;
        std::optional<core::Problem> result;
        std::exception_ptr error;
        bool done = false;
    };
    // The leader's part: runs `batch` in one write session and sets every entry's result.
    // Never throws.
    void run_batch(const std::vector<Entry*>& batch) noexcept;
    void restore_counts(AbuseCounts counts);

    store::CenterStore& store_;
    const std::size_t max_batch_;

    std::mutex queue_mutex_;  // guards queue_, leading_, every Entry's done flag and results
    std::condition_variable finished_;
    std::deque<Entry*> queue_;  // oldest first
    bool leading_ = false;
    std::atomic<std::uint64_t> batches_{0};

    // Held by the leader for a whole batch (from taking the counts to knowing whether they
    // were committed), and by read_with_pending while it opens its session and copies the
    // pending counts: so a count is either still pending or committed, never in between.
    std::mutex batch_mutex_;
    mutable std::mutex counts_mutex_;  // guards pending_
    AbuseCounts pending_;
};

}  // namespace cherha::center

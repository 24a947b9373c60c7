#include "store/sqlite_pool.h"

#include <sqlite3.h>

#include <algorithm>
#include <utility>

namespace cherha::store::detail {

core::Result<Query> CachedConnection::query(std::string_view sql, bool cache) {
    auto found = cache_.find(sql);
    if (found != cache_.end() && !found->second.in_use)
        return Query(&found->second.statement, &found->second.in_use, nullptr);
    auto prepared = sqlite::Statement::prepare(connection_, sql);
    if (!prepared) return prepared.problem();
    if (found == cache_.end() && cache && cache_.size() < kMaxCached) {
        auto [it, inserted] =
            cache_.emplace(std::string(sql), Cached{std::move(prepared).value(), false});
        (void)inserted;
        return Query(&it->second.statement, &it->second.in_use, nullptr);
    }
    return Query(nullptr, nullptr,
                 std::make_unique<sqlite::Statement>(std::move(prepared).value()));
}

bool FairLock::try_lock_for(std::chrono::milliseconds patience) {
    std::unique_lock lock(mutex_);
    if (!held_ && waiting_.empty()) {
        held_ = true;
        return true;
    }
    Waiter me;
    waiting_.push_back(&me);
    if (me.granted_cv.wait_for(lock, patience, [&] { return me.granted; })) return true;
    waiting_.erase(std::find(waiting_.begin(), waiting_.end(), &me));
    return false;
}

void FairLock::unlock() {
    std::lock_guard lock(mutex_);
    if (waiting_.empty()) {
        held_ = false;
        return;
    }
    // Hand over without ever letting go: held_ stays true for the next owner.
    Waiter* next = waiting_.front();
    waiting_.pop_front();
    next->granted = true;
    next->granted_cv.notify_one();
}

std::size_t FairLock::waiting() {
    std::lock_guard lock(mutex_);
    return waiting_.size();
}

int CachedConnection::last_error() const {
    return sqlite3_extended_errcode(connection_.handle());
}

bool CachedConnection::autocommit() const {
    return sqlite3_get_autocommit(connection_.handle()) != 0;
}

ConnectionPool::ConnectionPool(std::string path, sqlite::ConnectionOptions options,
                               std::unique_ptr<CachedConnection> first)
    : path_(std::move(path)), options_(options), in_memory_(path_ == ":memory:") {
    if (first) idle_.push_back(std::move(first));
}

core::Result<std::unique_ptr<CachedConnection>> ConnectionPool::acquire() {
    {
        std::unique_lock lock(mutex_);
        if (in_memory_) {
            // The one connection is the database: wait for it as a busy database would.
            if (!returned_.wait_for(lock, options_.busy_timeout, [&] { return !idle_.empty(); }))
                return core::Problem(
                    "store.busy",
                    {{"reason", "the in-memory database is used by another session"}});
        }
        if (!idle_.empty()) {
            auto connection = std::move(idle_.back());
            idle_.pop_back();
            return connection;
        }
    }
    auto opened = sqlite::Connection::open(path_, options_);  // outside the lock: it does I/O
    if (!opened) return opened.problem();
    return std::make_unique<CachedConnection>(std::move(opened).value());
}

void ConnectionPool::release(std::unique_ptr<CachedConnection> connection) {
    if (!connection) return;
    if (!connection->autocommit()) (void)connection->connection().execute("ROLLBACK");
    if (!connection->autocommit() && !in_memory_) return;  // unusable: close it
    {
        std::lock_guard lock(mutex_);
        if (!in_memory_ && idle_.size() >= kMaxIdle) return;  // closed outside the pool
        idle_.push_back(std::move(connection));
    }
    returned_.notify_one();
}

std::optional<core::Problem> Param::bind(sqlite::Statement& statement, int index) const {
    if (const auto* number = std::get_if<std::int64_t>(&value_))
        return statement.bind_int64(index, *number);
    if (const auto* text = std::get_if<std::string_view>(&value_))
        return statement.bind_text(index, *text);
    if (const auto* owned = std::get_if<std::string>(&value_))
        return statement.bind_text(index, *owned);
    return statement.bind_null(index);
}

std::optional<core::Problem> bind(sqlite::Statement& statement,
                                  std::initializer_list<Param> params) {
    int index = 1;
    for (const Param& param : params)
        if (auto problem = param.bind(statement, index++)) return problem;
    return std::nullopt;
}

std::optional<core::Problem> check_storable(core::Date day, std::string_view what) {
    const int year = static_cast<int>(day.year());
    if (!day.ok() || year < 0 || year > 9999)
        return core::Problem("store.invalid", {{"what", std::string(what)}});
    return std::nullopt;
}

}  // namespace cherha::store::detail

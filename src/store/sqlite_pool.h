// Internal to the SQLite store: pooled connections, each with its prepared statements cached by
// SQL text, and the way a session binds parameters. Not for the faces (use store/sqlite_store.h).
//
// Problem codes: those of the SQLite wrappers (store.open, store.prepare, store.bind,
// store.busy), plus store.invalid {what} for a date the store cannot represent.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "core/common/civil.h"
#include "core/common/problem.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/statement.h"

namespace cherha::store::detail {

// A prepared statement borrowed from a connection's cache (or owned, when not cached). The
// destructor resets it and clears its bindings, so it holds no snapshot and no stale values.
// Move-only; must not outlive the CachedConnection it came from.
class Query {
  public:
    // Borrows `cached` (marking `*in_use` until destroyed) or owns `owned`.
    Query(sqlite::Statement* cached, bool* in_use, std::unique_ptr<sqlite::Statement> owned)
        : statement_(cached != nullptr ? cached : owned.get()),
          in_use_(in_use),
          owned_(std::move(owned)) {
        if (in_use_ != nullptr) *in_use_ = true;
    }
    Query(Query&& other) noexcept
        : statement_(std::exchange(other.statement_, nullptr)),
          in_use_(std::exchange(other.in_use_, nullptr)),
          owned_(std::move(other.owned_)) {}
    Query& operator=(Query&&) = delete;
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;
    ~Query() {
        if (statement_ != nullptr) {
            statement_->reset();
            statement_->clear_bindings();
        }
        if (in_use_ != nullptr) *in_use_ = false;
    }

    sqlite::Statement& operator*() const { return *statement_; }
    sqlite::Statement* operator->() const { return statement_; }

  private:
    sqlite::Statement* statement_;
    bool* in_use_;
    std::unique_ptr<sqlite::Statement> owned_;
};

// A first-come, first-served lock with a timeout: the lock is handed to the longest waiting
// thread when released, so no writer is overtaken again and again by faster ones (a plain
// mutex lets the releasing thread take it straight back). Meets the TimedLockable
// requirements, for std::unique_lock. Thread-safe.
class FairLock {
  public:
    void lock() {
        while (!try_lock_for(std::chrono::hours(24))) {
        }
    }
    bool try_lock() { return try_lock_for(std::chrono::milliseconds(0)); }
    // Waits up to `patience` for the lock; false (and not queued any more) when it did not come.
    bool try_lock_for(std::chrono::milliseconds patience);
    void unlock();
    // How many threads wait (for tests and diagnostics).
    std::size_t waiting();

  private:
    struct Waiter {
        std::condition_variable granted_cv;
        bool granted = false;
    };
    std::mutex mutex_;
    bool held_ = false;
    std::deque<Waiter*> waiting_;  // oldest first
};

// One open connection and its statement cache. Thread-safety: as its Connection.
class CachedConnection {
  public:
    explicit CachedConnection(sqlite::Connection connection) : connection_(std::move(connection)) {}

    sqlite::Connection& connection() { return connection_; }

    // The statement for `sql`, ready to bind and step. Prepared once per connection and kept
    // (up to kMaxCached statements) when `cache` is true, else prepared for this use only; a
    // cached statement still borrowed by a live Query (a nested use of the same SQL) is not
    // lent twice: the nested use gets a statement of its own.
    // Guarantees: a Query, or store.prepare {sql, reason}.
    core::Result<Query> query(std::string_view sql, bool cache = true);

    // The extended result code of the last failed call on this connection (SQLITE_CONSTRAINT_*
    // tells which constraint refused a write).
    int last_error() const;

    // Whether no transaction is open on the connection.
    bool autocommit() const;

    static constexpr std::size_t kMaxCached = 96;

  private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const {
            return std::hash<std::string_view>{}(text);
        }
    };
    // Declared after connection_, so the statements are finalized before it closes.
    sqlite::Connection connection_;
    struct Cached {
        sqlite::Statement statement;
        bool in_use = false;
    };
    std::unordered_map<std::string, Cached, Hash, std::equal_to<>> cache_;
};

// The connections of one database. A file database opens connections on demand and keeps at
// most kMaxIdle idle ones; ":memory:" is one private database, so its single connection is
// lent to one session at a time (others wait up to the busy timeout, then store.busy).
// Thread-safety: acquire() and release() may be called from any thread.
class ConnectionPool {
  public:
    ConnectionPool(std::string path, sqlite::ConnectionOptions options,
                   std::unique_ptr<CachedConnection> first);

    // A connection for one session. Guarantees: a connection with no open transaction, or
    // store.open {path, reason} / store.busy {reason}.
    core::Result<std::unique_ptr<CachedConnection>> acquire();

    // Gives a connection back. One still inside a transaction is rolled back first; a file
    // connection beyond kMaxIdle (or that cannot be rolled back) is closed.
    void release(std::unique_ptr<CachedConnection> connection);

    // The lock every write session of this pool holds from before its BEGIN IMMEDIATE to its
    // end. Writers of one process queue here in arrival order and are woken as soon as the
    // lock is free, instead of polling SQLite's lock with sleeps; SQLite's own lock (and busy
    // timeout) is left to serialise them with other processes.
    FairLock& writer_lock() { return writer_lock_; }

    const std::string& path() const { return path_; }
    const sqlite::ConnectionOptions& options() const { return options_; }
    bool in_memory() const { return in_memory_; }

    static constexpr std::size_t kMaxIdle = 80;

  private:
    const std::string path_;
    const sqlite::ConnectionOptions options_;
    const bool in_memory_;
    FairLock writer_lock_;
    std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<std::unique_ptr<CachedConnection>> idle_;
};

// A value bound to a statement parameter: NULL, an integer or text. Instants bind as unix
// seconds, dates as "YYYY-MM-DD", optionals as NULL when empty. Text is viewed, not copied:
// use Params only within the full expression that builds them.
class Param {
  public:
    Param(std::nullptr_t) {}                                    // NOLINT: implicit on purpose
    Param(std::int64_t value) : value_(value) {}                // NOLINT
    Param(int value) : value_(std::int64_t{value}) {}           // NOLINT
    Param(bool value) : value_(std::int64_t{value ? 1 : 0}) {}  // NOLINT
    Param(std::string_view text) : value_(text) {}              // NOLINT
    Param(const std::string& text) : value_(std::string_view(text)) {}                // NOLINT
    Param(const char* text) : value_(std::string_view(text)) {}                       // NOLINT
    Param(core::Instant at) : value_(std::int64_t{at.time_since_epoch().count()}) {}  // NOLINT
    Param(core::Date day) : value_(core::format_iso_date(day)) {}                     // NOLINT
    template <class T>
    Param(const std::optional<T>& value) {  // NOLINT
        if (value) *this = Param(*value);
    }

    std::optional<core::Problem> bind(sqlite::Statement& statement, int index) const;

  private:
    std::variant<std::nullptr_t, std::int64_t, std::string_view, std::string> value_;
};

// Binds `params` to parameters 1, 2, ... of `statement`.
std::optional<core::Problem> bind(sqlite::Statement& statement,
                                  std::initializer_list<Param> params);

// store.invalid {what} unless `day` is a calendar day of the years 0-9999 (the ones whose text
// form sorts like the dates do).
std::optional<core::Problem> check_storable(core::Date day, std::string_view what);

}  // namespace cherha::store::detail

// One open SQLite database: the owner of a sqlite3 handle (closed by the destructor).
//
// Problem codes reported here (params in braces):
//   store.open    {path, reason}  the database could not be opened or configured
//   store.execute {sql, reason}   a statement run by execute() failed
//   store.busy    {reason}        another connection holds the write lock longer than the
//                                 busy timeout (try again later)
// `reason` is SQLite's own English message, for logs only; faces word the code.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/problem.h"

struct sqlite3;

namespace cherha::store::sqlite {

struct ConnectionOptions {
    // How long a statement waits for another connection's lock before it gives up with
    // store.busy. Short values are for tests; the server keeps the default.
    std::chrono::milliseconds busy_timeout{5000};
};

// Move-only owner of one database connection.
// Thread-safety: one Connection is used by one thread at a time; open one per thread.
class Connection {
  public:
    // Opens (creating if absent) the database at `path`, or a private in-memory database
    // for ":memory:", and configures it:
    //   PRAGMA journal_mode=WAL   (files only; :memory: has no journal file)
    //   PRAGMA synchronous=FULL   with WAL, every commit is fsync'ed before it returns, so a
    //                             booking that was acknowledged survives kill -9 and power loss
    //   PRAGMA foreign_keys=ON
    //   busy timeout from `options`
    // Needs: a non-empty path without NUL bytes. Guarantees: on success the connection is
    // ready and in WAL mode (files); otherwise store.open {path, reason} and nothing is left
    // open. Never throws.
    static core::Result<Connection> open(const std::string& path, ConnectionOptions options = {});

    Connection(Connection&&) noexcept = default;
    Connection& operator=(Connection&&) noexcept = default;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection() = default;

    // Runs one or more ';'-separated SQL statements that return no rows the caller needs
    // (schema changes, PRAGMAs). Guarantees: std::nullopt on success; otherwise store.busy
    // {reason} or store.execute {sql, reason}, and statements before the failing one stay run
    // (wrap in a Transaction to make them all-or-nothing).
    std::optional<core::Problem> execute(std::string_view sql);

    // The rowid of the last successful INSERT on this connection (0 if none).
    std::int64_t last_insert_rowid() const;
    // Rows changed by the last INSERT/UPDATE/DELETE on this connection.
    std::int64_t changes() const;

    // The path given to open() (":memory:" for an in-memory database).
    const std::string& path() const { return path_; }

    // The raw handle, for Statement and Transaction of this store only. Never null on a
    // Connection returned by open() (null only after being moved from).
    sqlite3* handle() const { return db_.get(); }

  private:
    struct Closer {
        void operator()(sqlite3* db) const;
    };
    Connection(std::unique_ptr<sqlite3, Closer> db, std::string path)
        : db_(std::move(db)), path_(std::move(path)) {}

    std::unique_ptr<sqlite3, Closer> db_;
    std::string path_;
};

// The Problem for a failed SQLite call with result code `rc` on `db`: store.busy {reason}
// when the database was locked, else `code` {reason} plus `extra` params. For this store only.
core::Problem sqlite_problem(sqlite3* db, int rc, std::string code,
                             std::vector<std::pair<std::string, std::string>> extra = {});

}  // namespace cherha::store::sqlite

// The CenterStore on SQLite: one database file (WAL), a small pool of connections, one
// connection per session.
//
// Sessions: write() begins with BEGIN IMMEDIATE, so write sessions of every thread and process
// are serialised (a second one waits up to the busy timeout, then store.busy); read() begins a
// deferred transaction and takes its snapshot at once, so it sees the database as of read()
// and never blocks a writer (WAL). Prepared statements are cached per connection, so repeated
// calls do not compile their SQL again.
//
// Writers of one process queue for the store's writer lock in arrival order (woken at once
// when it is free) before BEGIN IMMEDIATE, so SQLite's lock, polled with sleeps, is only
// contended by other processes.
//
// ":memory:" gives a private in-memory database (for tests): it has a single connection, lent
// to one session (or backup_to / integrity_check) at a time, so a second one waits for the
// first (up to the busy timeout, then store.busy).
//
// Problem codes (params in braces), besides those of store/center_store.h and the SQLite
// wrappers:
//   store.backup     {path, reason}  backup_to/restore_from could not write `path`
//   store.not_cherha {path, reason}  restore_from: the backup is not a sound Cherha database
//                                    (not SQLite, integrity_check not ok, no schema_version)
//   store.duplicate  {what=backup_file, path}  backup_to: `path` exists
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/common/problem.h"
#include "store/center_store.h"
#include "store/sqlite/connection.h"

namespace cherha::store {

namespace detail {
class ConnectionPool;
}

class SqliteStore final : public CenterStore {
  public:
    // Opens (creating if absent) the Cherha database at `path`, or a private in-memory one for
    // ":memory:", and brings its schema up to date (store/migrations.h).
    // Guarantees: a ready store, or store.open / store.schema_too_new / store.migration /
    // store.busy. Never throws.
    static core::Result<std::unique_ptr<SqliteStore>> open(const std::string& path,
                                                           sqlite::ConnectionOptions options = {});

    // Sessions (see store/center_store.h). They may outlive the store. Thread-safe.
    // Guarantees: a session, or store.busy (write lock or, for ":memory:", the connection
    // held too long) / store.open (no new connection could be opened).
    core::Result<std::unique_ptr<StoreSession>> read() override;
    core::Result<std::unique_ptr<StoreSession>> write() override;

    // A consistent copy of the whole database into a new file `path`, with the online backup
    // API in one step (one read snapshot), so writers carry on meanwhile and the copy holds
    // exactly the transactions committed before it began. The file is created exclusively
    // (never follows a symlink), owner-only (0600). Thread-safe.
    // Guarantees: std::nullopt; store.duplicate {what=backup_file, path} when `path` exists;
    // otherwise store.backup {path, reason} and no file left at `path`.
    std::optional<core::Problem> backup_to(const std::string& path) override;

    // PRAGMA integrity_check of the database: "ok" when sound, else SQLite's findings joined
    // by newlines. Thread-safe.
    core::Result<std::string> integrity_check();

    // Replaces the database at `db_path` (created if absent) by the backup at `backup_path`.
    // Checks the backup first, without changing it: it must be an SQLite database whose
    // integrity_check is "ok" and that holds a Cherha schema no newer than this program's.
    // Then copies it with the online backup API and migrates the result to this program's
    // version. Needs: no store open on `db_path` in this or another process (a running server
    // would keep serving its old pages). Not thread-safe with stores on `db_path`.
    // Guarantees: std::nullopt with `db_path` equal to the backup (migrated); store.not_cherha
    // {path, reason} or store.schema_too_new with `db_path` untouched; store.backup {path,
    // reason} when the copy failed (e.g. `backup_path` and `db_path` are one file);
    // store.busy when `db_path` is in use.
    static std::optional<core::Problem> restore_from(const std::string& backup_path,
                                                     const std::string& db_path);

    ~SqliteStore() override;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

  private:
    explicit SqliteStore(std::shared_ptr<detail::ConnectionPool> pool);
    core::Result<std::unique_ptr<StoreSession>> session(bool writes);

    std::shared_ptr<detail::ConnectionPool> pool_;
};

}  // namespace cherha::store

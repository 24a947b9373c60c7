#include "store/sqlite_store.h"

#include "store/migrations.h"
#include "store/sqlite_pool.h"
#include "store/sqlite_session.h"

namespace cherha::store {

core::Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path,
                                                             sqlite::ConnectionOptions options) {
    auto connection = open_database(path, options);
    if (!connection) return connection.problem();
    auto pool = std::make_shared<detail::ConnectionPool>(
        path, options, std::make_unique<detail::CachedConnection>(std::move(connection).value()));
    return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(pool)));
}

SqliteStore::SqliteStore(std::shared_ptr<detail::ConnectionPool> pool) : pool_(std::move(pool)) {}

SqliteStore::~SqliteStore() = default;

core::Result<std::unique_ptr<StoreSession>> SqliteStore::session(bool writes) {
    std::unique_lock<detail::FairLock> writer;
    if (writes) {
        // This process's writers queue here; BEGIN IMMEDIATE then waits only for others.
        writer = std::unique_lock(pool_->writer_lock(), std::defer_lock);
        if (!writer.try_lock_for(pool_->options().busy_timeout))
            return core::Problem("store.busy",
                                 {{"reason", "another write session of this store is open"}});
    }
    auto connection = pool_->acquire();
    if (!connection) return connection.problem();
    return detail::SqliteSession::begin(pool_, std::move(connection).value(), writes,
                                        std::move(writer));
}

core::Result<std::unique_ptr<StoreSession>> SqliteStore::read() {
    return session(false);
}

core::Result<std::unique_ptr<StoreSession>> SqliteStore::write() {
    return session(true);
}

core::Result<std::string> SqliteStore::integrity_check() {
    auto acquired = pool_->acquire();
    if (!acquired) return acquired.problem();
    std::unique_ptr<detail::CachedConnection> connection = std::move(acquired).value();
    std::string findings;
    std::optional<core::Problem> problem;
    {
        auto check = connection->query("PRAGMA integrity_check", false);
        if (!check) {
            problem = check.problem();
        } else {
            for (;;) {
                auto stepped = check.value()->step();
                if (!stepped) {
                    problem = stepped.problem();
                    break;
                }
                if (*stepped == sqlite::Step::Done) break;
                if (!findings.empty()) findings += '\n';
                findings += check.value()->column_text(0);
            }
        }
    }
    pool_->release(std::move(connection));
    if (problem) return *problem;
    return findings;
}

}  // namespace cherha::store

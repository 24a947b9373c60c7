#include "store/sqlite_session.h"

#include <sqlite3.h>

#include <utility>

namespace cherha::store::detail {

core::Problem corrupt(std::string_view what, std::int64_t id) {
    return corrupt(what, std::to_string(id));
}

core::Problem corrupt(std::string_view what, std::string_view id) {
    return core::Problem("store.corrupt", {{"what", std::string(what)}, {"id", std::string(id)}});
}

core::Problem not_found(std::string_view what, std::string id) {
    return core::Problem("store.not_found", {{"what", std::string(what)}, {"id", std::move(id)}});
}

core::Problem duplicate(std::string_view what) {
    return core::Problem("store.duplicate", {{"what", std::string(what)}});
}

Instant instant_at(const sqlite::Statement& row, int column) {
    return Instant(std::chrono::seconds(row.column_int64(column)));
}

std::optional<Instant> optional_instant_at(const sqlite::Statement& row, int column) {
    if (row.column_is_null(column)) return std::nullopt;
    return instant_at(row, column);
}

std::optional<std::string> optional_text_at(const sqlite::Statement& row, int column) {
    if (row.column_is_null(column)) return std::nullopt;
    return row.column_text(column);
}

core::Result<std::unique_ptr<StoreSession>> SqliteSession::begin(
    std::shared_ptr<ConnectionPool> pool, std::unique_ptr<CachedConnection> connection, bool writes,
    std::unique_lock<FairLock> writer) {
    std::unique_ptr<SqliteSession> session(
        new SqliteSession(std::move(pool), std::move(connection), writes, std::move(writer)));
    if (writes) {
        auto transaction = sqlite::Transaction::begin_immediate(session->connection_->connection());
        if (!transaction) return transaction.problem();
        session->transaction_.emplace(std::move(transaction).value());
    } else {
        auto began = session->run("BEGIN DEFERRED", {});
        if (!began) return began.problem();
        // The first read starts the snapshot: take it now, so the session sees the database
        // as of read() whatever it reads first.
        auto snapshot = session->query("SELECT count(*) FROM sqlite_schema", {});
        if (!snapshot) return snapshot.problem();
        auto stepped = snapshot.value()->step();
        if (!stepped) return stepped.problem();
    }
    return std::unique_ptr<StoreSession>(std::move(session));
}

SqliteSession::~SqliteSession() {
    finish();
}

void SqliteSession::finish() noexcept {
    if (!connection_) return;
    if (transaction_) {
        transaction_->rollback();
        transaction_.reset();
    }
    pool_->release(std::move(connection_));  // rolls back a read transaction still open
    connection_.reset();
    if (writer_.owns_lock()) writer_.unlock();  // the next writer may begin
}

std::optional<core::Problem> SqliteSession::usable(bool for_write) const {
    if (!connection_) return core::Problem("store.finished");
    if (for_write && !writes_) return core::Problem("store.read_only");
    return std::nullopt;
}

std::optional<core::Problem> SqliteSession::commit() {
    if (auto problem = usable(false)) return problem;
    std::optional<core::Problem> problem;
    if (transaction_) {
        problem = transaction_->commit();
        transaction_.reset();
    } else {
        auto ended = run("COMMIT", {});
        if (!ended) problem = ended.problem();
    }
    savepoints_ = 0;
    finish();
    return problem;
}

std::optional<core::Problem> SqliteSession::savepoint() {
    if (auto problem = usable(true)) return problem;
    const std::string name = "cherha_sp_" + std::to_string(savepoints_ + 1);
    if (auto problem = connection_->connection().execute("SAVEPOINT " + name)) return problem;
    ++savepoints_;
    return std::nullopt;
}

std::optional<core::Problem> SqliteSession::release_savepoint() {
    if (auto problem = usable(true)) return problem;
    if (savepoints_ == 0)
        return core::Problem("store.transaction", {{"operation", "release_savepoint"},
                                                   {"reason", "no savepoint is open"}});
    const std::string name = "cherha_sp_" + std::to_string(savepoints_);
    if (auto problem = connection_->connection().execute("RELEASE " + name)) return problem;
    --savepoints_;
    return std::nullopt;
}

std::optional<core::Problem> SqliteSession::rollback_to_savepoint() {
    if (auto problem = usable(true)) return problem;
    if (savepoints_ == 0)
        return core::Problem("store.transaction", {{"operation", "rollback_to_savepoint"},
                                                   {"reason", "no savepoint is open"}});
    const std::string name = "cherha_sp_" + std::to_string(savepoints_);
    // ROLLBACK TO keeps the savepoint open (and the transaction going); RELEASE then ends it.
    if (auto problem =
            connection_->connection().execute("ROLLBACK TO " + name + "; RELEASE " + name))
        return problem;
    --savepoints_;
    return std::nullopt;
}

core::Result<Query> SqliteSession::query(std::string_view sql, std::initializer_list<Param> params,
                                         bool cache) {
    auto prepared = connection_->query(sql, cache);
    if (!prepared) return prepared.problem();
    Query query = std::move(prepared).value();
    if (auto problem = bind(*query, params)) return *problem;
    return query;
}

core::Result<std::int64_t> SqliteSession::run(std::string_view sql,
                                              std::initializer_list<Param> params) {
    auto prepared = query(sql, params);
    if (!prepared) return prepared.problem();
    if (auto problem = prepared.value()->run()) return *problem;
    return connection_->connection().changes();
}

bool SqliteSession::refused_as_unique() const {
    const int code = connection_->last_error();
    return code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY;
}

bool SqliteSession::refused_by_foreign_key() const {
    return connection_->last_error() == SQLITE_CONSTRAINT_FOREIGNKEY;
}

// ---- Settings --------------------------------------------------------------------------------

core::Result<std::optional<std::string>> SqliteSession::setting(std::string_view key) {
    if (auto problem = usable(false)) return *problem;
    auto found = query("SELECT value FROM settings WHERE key = ?1", {key});
    if (!found) return found.problem();
    auto stepped = found.value()->step();
    if (!stepped) return stepped.problem();
    if (*stepped == sqlite::Step::Done) return std::optional<std::string>();
    return std::optional<std::string>(found.value()->column_text(0));
}

std::optional<core::Problem> SqliteSession::put_setting(std::string_view key,
                                                        std::string_view value) {
    if (auto problem = usable(true)) return problem;
    auto written =
        run("INSERT INTO settings(key, value) VALUES (?1, ?2) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            {key, value});
    if (!written) return written.problem();
    return std::nullopt;
}

}  // namespace cherha::store::detail

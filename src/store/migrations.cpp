#include "store/migrations.h"

#include <array>

#include "store/sqlite/statement.h"
#include "store/sqlite/transaction.h"

namespace cherha::store {

namespace {

using sqlite::Connection;
using sqlite::Statement;
using sqlite::Transaction;

// Append only: never edit a migration that has shipped; add the next version instead.
constexpr std::array kMigrations{
    // 1: placeholder for the center itself; the storage session extends it with services,
    //    windows, schedules, bookings and the audit log.
    Migration{1, R"sql(
        CREATE TABLE centers (
            id        INTEGER PRIMARY KEY,
            name      TEXT NOT NULL,
            time_zone TEXT NOT NULL
        );
    )sql"},
};

constexpr std::string_view kCreateVersionTable = R"sql(
    CREATE TABLE IF NOT EXISTS schema_version (
        version    INTEGER PRIMARY KEY,
        applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
)sql";

core::Problem migration_problem(std::int64_t version, const core::Problem& cause) {
    if (cause.code == "store.busy") return cause;
    return core::Problem("store.migration",
                         {{"version", std::to_string(version)}, {"reason", cause.param("reason")}});
}

}  // namespace

std::span<const Migration> cherha_migrations() {
    return kMigrations;
}

core::Result<std::int64_t> schema_version(Connection& connection) {
    auto exists = Statement::prepare(
        connection,
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'");
    if (!exists) return exists.problem();
    auto stepped = exists.value().step();
    if (!stepped) return stepped.problem();
    if (exists.value().column_int64(0) == 0) return std::int64_t{0};

    auto query =
        Statement::prepare(connection, "SELECT coalesce(max(version), 0) FROM schema_version");
    if (!query) return query.problem();
    stepped = query.value().step();
    if (!stepped) return stepped.problem();
    return query.value().column_int64(0);
}

std::optional<core::Problem> migrate(Connection& connection,
                                     std::span<const Migration> migrations) {
    const std::int64_t supported = migrations.empty() ? 0 : migrations.back().version;
    auto found = schema_version(connection);
    if (!found) return found.problem();
    if (*found > supported)
        return core::Problem("store.schema_too_new", {{"found", std::to_string(*found)},
                                                      {"supported", std::to_string(supported)}});
    if (*found == supported) return std::nullopt;

    for (const Migration& migration : migrations) {
        auto transaction = Transaction::begin_immediate(connection);
        if (!transaction) return migration_problem(migration.version, transaction.problem());
        // Read again under the write lock: another process may have migrated meanwhile.
        auto current = schema_version(connection);
        if (!current) return migration_problem(migration.version, current.problem());
        if (*current > supported)
            return core::Problem(
                "store.schema_too_new",
                {{"found", std::to_string(*current)}, {"supported", std::to_string(supported)}});
        if (*current >= migration.version) continue;  // the destructor ends the empty transaction

        if (auto problem = connection.execute(kCreateVersionTable))
            return migration_problem(migration.version, *problem);
        if (auto problem = connection.execute(migration.sql))
            return migration_problem(migration.version, *problem);
        auto record =
            Statement::prepare(connection, "INSERT INTO schema_version(version) VALUES (?1)");
        if (!record) return migration_problem(migration.version, record.problem());
        if (auto problem = record.value().bind_int64(1, migration.version))
            return migration_problem(migration.version, *problem);
        if (auto problem = record.value().run())
            return migration_problem(migration.version, *problem);
        if (auto problem = transaction.value().commit())
            return migration_problem(migration.version, *problem);
    }
    return std::nullopt;
}

core::Result<Connection> open_database(const std::string& path, sqlite::ConnectionOptions options) {
    auto connection = Connection::open(path, options);
    if (!connection) return connection.problem();
    if (auto problem = migrate(connection.value())) return *problem;
    return std::move(connection).value();
}

}  // namespace cherha::store

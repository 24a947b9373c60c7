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
    // 2: the booking server's tables. Times are INTEGER unix seconds (UTC), dates TEXT
    //    YYYY-MM-DD (the center's local day), enums their core string ids (CHECKed).
    Migration{2, R"sql(
        CREATE TABLE settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        -- Personal columns (kind .. entity_name) are NULL once the retention purge erased them;
        -- `kind` IS NULL means "no registration stored".
        CREATE TABLE bookings (
            id                      INTEGER PRIMARY KEY,
            code                    TEXT NOT NULL UNIQUE,
            service_id              TEXT NOT NULL,
            day                     TEXT NOT NULL,
            slot_minute             INTEGER NOT NULL,
            slot_start              INTEGER NOT NULL,
            channel                 TEXT NOT NULL CHECK (channel IN ('online', 'terminal')),
            state                   TEXT NOT NULL CHECK (state IN ('booked', 'arrived', 'called',
                                        'in_service', 'served', 'refused', 'no_show',
                                        'cancelled')),
            kind                    TEXT CHECK (kind IN ('natural_person',
                                        'legal_entity_representative')),
            surname                 TEXT,
            given_name              TEXT,
            patronymic              TEXT,
            birth_date              TEXT,
            rnokpp                  TEXT,
            has_no_rnokpp           INTEGER CHECK (has_no_rnokpp IN (0, 1)),
            document_type           TEXT CHECK (document_type IN ('id_card', 'passport_book',
                                        'foreign_passport', 'driving_licence',
                                        'residence_permit')),
            document_number         TEXT,
            edrpou                  TEXT,
            entity_name             TEXT,
            ticket_sequence         TEXT CHECK (ticket_sequence IN ('regular', 'priority')),
            ticket_number           INTEGER,
            ticket_category         TEXT CHECK (ticket_category IN ('person_with_disability',
                                        'disability_companion', 'fallen_defender_family',
                                        'serving_military')),
            window_id               TEXT NOT NULL DEFAULT '',
            result                  TEXT CHECK (result IN ('passed', 'failed')),
            refusal_reason          TEXT CHECK (refusal_reason IN ('data_mismatch',
                                        'missing_document', 'other')),
            refusal_note            TEXT,
            transfer_service_id     TEXT,
            transfer_window_id      TEXT,
            recalls                 INTEGER NOT NULL DEFAULT 0,
            created_at              INTEGER NOT NULL,
            updated_at              INTEGER NOT NULL,
            arrived_at              INTEGER,
            called_at               INTEGER,
            started_at              INTEGER,
            finished_at             INTEGER,
            personal_data_erased_at INTEGER
        );
        -- The day's queue, capacity checks, the retention purge.
        CREATE INDEX bookings_by_slot ON bookings(day, service_id, slot_minute);

        -- Bookings that are not cancelled, per slot: kept by the triggers below, so a capacity
        -- check reads one row per slot instead of counting the day's bookings.
        CREATE TABLE slot_counts (
            day         TEXT NOT NULL,
            service_id  TEXT NOT NULL,
            slot_minute INTEGER NOT NULL,
            taken       INTEGER NOT NULL,
            PRIMARY KEY (day, service_id, slot_minute)
        ) WITHOUT ROWID;
        CREATE TRIGGER bookings_count_insert AFTER INSERT ON bookings
        WHEN NEW.state <> 'cancelled'
        BEGIN
            INSERT INTO slot_counts(day, service_id, slot_minute, taken)
                VALUES (NEW.day, NEW.service_id, NEW.slot_minute, 1)
                ON CONFLICT(day, service_id, slot_minute) DO UPDATE SET taken = taken + 1;
        END;
        CREATE TRIGGER bookings_count_update
        AFTER UPDATE OF state, day, service_id, slot_minute ON bookings
        BEGIN
            UPDATE slot_counts SET taken = taken - 1
                WHERE OLD.state <> 'cancelled' AND day = OLD.day
                      AND service_id = OLD.service_id AND slot_minute = OLD.slot_minute;
            INSERT INTO slot_counts(day, service_id, slot_minute, taken)
                SELECT NEW.day, NEW.service_id, NEW.slot_minute, 1 WHERE NEW.state <> 'cancelled'
                ON CONFLICT(day, service_id, slot_minute) DO UPDATE SET taken = taken + 1;
        END;
        CREATE TRIGGER bookings_count_delete AFTER DELETE ON bookings
        WHEN OLD.state <> 'cancelled'
        BEGIN
            UPDATE slot_counts SET taken = taken - 1
                WHERE day = OLD.day AND service_id = OLD.service_id
                      AND slot_minute = OLD.slot_minute;
        END;

        -- Quota identity keys of a booking, in the order given (personal data: erased too).
        CREATE TABLE booking_keys (
            booking_id INTEGER NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
            position   INTEGER NOT NULL,
            key        TEXT NOT NULL,
            PRIMARY KEY (booking_id, position)
        ) WITHOUT ROWID;
        CREATE INDEX booking_keys_by_key ON booking_keys(key);

        -- No-show unblocks by a supervisor, one row per identity key.
        CREATE TABLE unblocks (
            id       INTEGER PRIMARY KEY,
            key      TEXT NOT NULL,
            at       INTEGER NOT NULL,
            staff_id INTEGER NOT NULL
        );
        CREATE INDEX unblocks_by_key ON unblocks(key, at);

        CREATE TABLE staff (
            id            INTEGER PRIMARY KEY,
            login         TEXT NOT NULL UNIQUE,
            display_name  TEXT NOT NULL,
            role          TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
            password_hash TEXT NOT NULL,
            disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
            failed_logins INTEGER NOT NULL DEFAULT 0,
            locked_until  INTEGER,
            created_at    INTEGER NOT NULL
        );

        CREATE TABLE sessions (
            token_digest TEXT PRIMARY KEY,
            staff_id     INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
            window_id    TEXT NOT NULL DEFAULT '',
            created_at   INTEGER NOT NULL,
            last_seen    INTEGER NOT NULL
        );
        CREATE INDEX sessions_by_staff ON sessions(staff_id);

        -- A device name is unique among the devices not revoked (a replaced kiosk keeps its name).
        CREATE TABLE devices (
            id           INTEGER PRIMARY KEY,
            name         TEXT NOT NULL,
            kind         TEXT NOT NULL CHECK (kind IN ('kiosk', 'board')),
            token_digest TEXT NOT NULL UNIQUE,
            created_at   INTEGER NOT NULL,
            revoked_at   INTEGER
        );
        CREATE UNIQUE INDEX devices_active_name ON devices(name) WHERE revoked_at IS NULL;

        CREATE TABLE signing_keys (
            key_id       TEXT PRIMARY KEY,
            private_pem  TEXT NOT NULL,
            public_pem   TEXT NOT NULL,
            activated_at INTEGER NOT NULL,
            retired      INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
        );

        -- Append-only, hash-chained (store/audit_chain.h); the triggers refuse edits.
        CREATE TABLE audit_log (
            seq        INTEGER PRIMARY KEY,
            at         INTEGER NOT NULL,
            actor      TEXT NOT NULL,
            window_id  TEXT NOT NULL,
            action     TEXT NOT NULL,
            booking_id INTEGER,
            result     TEXT NOT NULL,
            details    TEXT NOT NULL,
            prev_hash  TEXT NOT NULL,
            hash       TEXT NOT NULL
        );
        CREATE INDEX audit_log_by_booking ON audit_log(booking_id, seq);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN
            SELECT RAISE(ABORT, 'audit_log is append-only');
        END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN
            SELECT RAISE(ABORT, 'audit_log is append-only');
        END;

        CREATE TABLE idempotency (
            staff_id       INTEGER NOT NULL,
            key            TEXT NOT NULL,
            request_digest TEXT NOT NULL,
            status         INTEGER NOT NULL,
            body           TEXT NOT NULL,
            created_at     INTEGER NOT NULL,
            PRIMARY KEY (staff_id, key)
        ) WITHOUT ROWID;

        CREATE TABLE pow_spent (
            id         TEXT PRIMARY KEY,
            expires_at INTEGER NOT NULL
        );
        CREATE INDEX pow_spent_by_expiry ON pow_spent(expires_at);

        CREATE TABLE abuse_counts (
            day   TEXT NOT NULL,
            kind  TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (day, kind)
        ) WITHOUT ROWID;

        -- At most one open period (ended_at IS NULL) at a time.
        CREATE TABLE alert_periods (
            id         INTEGER PRIMARY KEY,
            started_at INTEGER NOT NULL,
            ended_at   INTEGER,
            started_by TEXT NOT NULL,
            ended_by   TEXT NOT NULL DEFAULT ''
        );
        CREATE UNIQUE INDEX alert_periods_one_open ON alert_periods(ended_at IS NULL)
            WHERE ended_at IS NULL;
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

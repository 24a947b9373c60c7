// SqliteSession: staff members, their login sessions and the hall's devices.
#include <limits>

#include "store/sqlite_session.h"

namespace cherha::store::detail {

namespace {

constexpr std::string_view kStaffSelect =
    "SELECT id, login, display_name, role, password_hash, disabled, failed_logins, "
    "locked_until, created_at FROM staff ";

constexpr std::string_view kDeviceSelect =
    "SELECT id, name, kind, token_digest, created_at, revoked_at FROM devices ";

core::Result<StaffRecord> read_staff(const sqlite::Statement& row) {
    StaffRecord s;
    s.id = row.column_int64(0);
    s.login = row.column_text(1);
    s.display_name = row.column_text(2);
    auto role = parse_staff_role(row.column_text(3));
    if (!role) return corrupt("staff.role", s.id);
    s.role = *role;
    s.password_hash = row.column_text(4);
    s.disabled = row.column_int64(5) != 0;
    const std::int64_t failed = row.column_int64(6);
    if (failed < 0 || failed > std::numeric_limits<int>::max())
        return corrupt("staff.failed_logins", s.id);
    s.failed_logins = static_cast<int>(failed);
    s.locked_until = optional_instant_at(row, 7);
    s.created_at = instant_at(row, 8);
    return s;
}

core::Result<DeviceRecord> read_device(const sqlite::Statement& row) {
    DeviceRecord d;
    d.id = row.column_int64(0);
    d.name = row.column_text(1);
    auto kind = parse_device_kind(row.column_text(2));
    if (!kind) return corrupt("device.kind", d.id);
    d.kind = *kind;
    d.token_digest = row.column_text(3);
    d.created_at = instant_at(row, 4);
    d.revoked_at = optional_instant_at(row, 5);
    return d;
}

// Every row of `rows`, read by `read`.
template <class T, class Read>
core::Result<std::vector<T>> all_rows(sqlite::Statement& rows, Read read) {
    std::vector<T> out;
    for (;;) {
        auto stepped = rows.step();
        if (!stepped) return stepped.problem();
        if (*stepped == sqlite::Step::Done) return out;
        auto item = read(rows);
        if (!item) return item.problem();
        out.push_back(std::move(item).value());
    }
}

// The first row of `rows` read by `read`, or nullopt.
template <class T, class Read>
core::Result<std::optional<T>> first_row(sqlite::Statement& rows, Read read) {
    auto stepped = rows.step();
    if (!stepped) return stepped.problem();
    if (*stepped == sqlite::Step::Done) return std::optional<T>();
    auto item = read(rows);
    if (!item) return item.problem();
    return std::optional<T>(std::move(item).value());
}

}  // namespace

// ---- Staff -----------------------------------------------------------------------------------

core::Result<StaffRecord> SqliteSession::insert_staff(const StaffRecord& staff) {
    if (auto problem = usable(true)) return *problem;
    auto inserted =
        run("INSERT INTO staff(login, display_name, role, password_hash, disabled, failed_logins, "
            "locked_until, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            {staff.login, staff.display_name, staff_role_id(staff.role), staff.password_hash,
             staff.disabled, staff.failed_logins, staff.locked_until, staff.created_at});
    if (!inserted) return refused_as_unique() ? duplicate("staff_login") : inserted.problem();
    StaffRecord stored = staff;
    stored.id = connection_->connection().last_insert_rowid();
    return stored;
}

core::Result<std::optional<StaffRecord>> SqliteSession::staff_by_login(std::string_view login) {
    if (auto problem = usable(false)) return *problem;
    static const std::string sql = std::string(kStaffSelect) + "WHERE login = ?1";
    auto rows = query(sql, {login});
    if (!rows) return rows.problem();
    return first_row<StaffRecord>(*rows.value(), read_staff);
}

core::Result<std::optional<StaffRecord>> SqliteSession::staff_by_id(std::int64_t id) {
    if (auto problem = usable(false)) return *problem;
    static const std::string sql = std::string(kStaffSelect) + "WHERE id = ?1";
    auto rows = query(sql, {id});
    if (!rows) return rows.problem();
    return first_row<StaffRecord>(*rows.value(), read_staff);
}

core::Result<std::vector<StaffRecord>> SqliteSession::all_staff() {
    if (auto problem = usable(false)) return *problem;
    static const std::string sql = std::string(kStaffSelect) + "ORDER BY login, id";
    auto rows = query(sql, {});
    if (!rows) return rows.problem();
    return all_rows<StaffRecord>(*rows.value(), read_staff);
}

std::optional<core::Problem> SqliteSession::update_staff(const StaffRecord& staff) {
    if (auto problem = usable(true)) return problem;
    auto changed =
        run("UPDATE staff SET login = ?2, display_name = ?3, role = ?4, password_hash = ?5, "
            "disabled = ?6, failed_logins = ?7, locked_until = ?8 WHERE id = ?1",
            {staff.id, staff.login, staff.display_name, staff_role_id(staff.role),
             staff.password_hash, staff.disabled, staff.failed_logins, staff.locked_until});
    if (!changed) return refused_as_unique() ? duplicate("staff_login") : changed.problem();
    if (*changed == 0) return not_found("staff", std::to_string(staff.id));
    return std::nullopt;
}

// ---- Sessions --------------------------------------------------------------------------------

std::optional<core::Problem> SqliteSession::insert_session(const SessionRecord& session) {
    if (auto problem = usable(true)) return problem;
    auto inserted =
        run("INSERT INTO sessions(token_digest, staff_id, window_id, created_at, last_seen) "
            "VALUES (?1, ?2, ?3, ?4, ?5)",
            {session.token_digest, session.staff_id, session.window_id, session.created_at,
             session.last_seen});
    if (inserted) return std::nullopt;
    if (refused_as_unique()) return duplicate("session");
    if (refused_by_foreign_key()) return not_found("staff", std::to_string(session.staff_id));
    return inserted.problem();
}

core::Result<std::optional<SessionRecord>> SqliteSession::session(std::string_view token_digest) {
    if (auto problem = usable(false)) return *problem;
    auto rows = query(
        "SELECT token_digest, staff_id, window_id, created_at, last_seen FROM sessions "
        "WHERE token_digest = ?1",
        {token_digest});
    if (!rows) return rows.problem();
    return first_row<SessionRecord>(
        *rows.value(), [](const sqlite::Statement& row) -> core::Result<SessionRecord> {
            return SessionRecord{row.column_text(0), row.column_int64(1), row.column_text(2),
                                 instant_at(row, 3), instant_at(row, 4)};
        });
}

std::optional<core::Problem> SqliteSession::touch_session(std::string_view token_digest,
                                                          Instant last_seen) {
    if (auto problem = usable(true)) return problem;
    auto changed = run("UPDATE sessions SET last_seen = ?2 WHERE token_digest = ?1",
                       {token_digest, last_seen});
    if (!changed) return changed.problem();
    if (*changed == 0) return not_found("session", "");  // the digest is a secret's hash
    return std::nullopt;
}

std::optional<core::Problem> SqliteSession::delete_session(std::string_view token_digest) {
    if (auto problem = usable(true)) return problem;
    auto deleted = run("DELETE FROM sessions WHERE token_digest = ?1", {token_digest});
    if (!deleted) return deleted.problem();
    return std::nullopt;
}

std::optional<core::Problem> SqliteSession::delete_staff_sessions(std::int64_t staff_id) {
    if (auto problem = usable(true)) return problem;
    auto deleted = run("DELETE FROM sessions WHERE staff_id = ?1", {staff_id});
    if (!deleted) return deleted.problem();
    return std::nullopt;
}

core::Result<std::int64_t> SqliteSession::delete_expired_sessions(Instant idle_before,
                                                                  Instant created_before) {
    if (auto problem = usable(true)) return *problem;
    return run("DELETE FROM sessions WHERE last_seen < ?1 OR created_at < ?2",
               {idle_before, created_before});
}

// ---- Devices ---------------------------------------------------------------------------------

core::Result<DeviceRecord> SqliteSession::insert_device(const DeviceRecord& device) {
    if (auto problem = usable(true)) return *problem;
    auto inserted =
        run("INSERT INTO devices(name, kind, token_digest, created_at, revoked_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5)",
            {device.name, device_kind_id(device.kind), device.token_digest, device.created_at,
             device.revoked_at});
    if (!inserted) {
        if (!refused_as_unique()) return inserted.problem();
        // Which unique value: SQLite names the index or column in its message.
        const std::string reason = inserted.problem().param("reason");
        return duplicate(reason.find("token_digest") != std::string::npos ? "device_token"
                                                                          : "device_name");
    }
    DeviceRecord stored = device;
    stored.id = connection_->connection().last_insert_rowid();
    return stored;
}

core::Result<std::optional<DeviceRecord>> SqliteSession::device_by_token(
    std::string_view token_digest) {
    if (auto problem = usable(false)) return *problem;
    static const std::string sql = std::string(kDeviceSelect) + "WHERE token_digest = ?1";
    auto rows = query(sql, {token_digest});
    if (!rows) return rows.problem();
    return first_row<DeviceRecord>(*rows.value(), read_device);
}

core::Result<std::vector<DeviceRecord>> SqliteSession::all_devices() {
    if (auto problem = usable(false)) return *problem;
    static const std::string sql = std::string(kDeviceSelect) + "ORDER BY name, id";
    auto rows = query(sql, {});
    if (!rows) return rows.problem();
    return all_rows<DeviceRecord>(*rows.value(), read_device);
}

std::optional<core::Problem> SqliteSession::revoke_device(std::string_view name, Instant at) {
    if (auto problem = usable(true)) return problem;
    auto changed = run("UPDATE devices SET revoked_at = ?2 WHERE name = ?1 AND revoked_at IS NULL",
                       {name, at});
    if (!changed) return changed.problem();
    if (*changed == 0) return not_found("device", std::string(name));
    return std::nullopt;
}

}  // namespace cherha::store::detail

// SqliteSession: no-show unblocks, spent proof-of-work ids, abuse counters and alert periods.
#include <set>

#include "store/sqlite_session.h"

namespace cherha::store::detail {

namespace {

constexpr std::string_view kAlertSelect =
    "SELECT id, started_at, ended_at, started_by, ended_by FROM alert_periods ";

AlertPeriod read_alert(const sqlite::Statement& row) {
    return AlertPeriod{row.column_int64(0), instant_at(row, 1), optional_instant_at(row, 2),
                       row.column_text(3), row.column_text(4)};
}

}  // namespace

// ---- Unblocks --------------------------------------------------------------------------------

std::optional<core::Problem> SqliteSession::add_unblock(const std::vector<std::string>& keys,
                                                        Instant at, std::int64_t staff_id) {
    if (auto problem = usable(true)) return problem;
    for (const auto& key : std::set<std::string>(keys.begin(), keys.end())) {
        auto added =
            run("INSERT INTO unblocks(key, at, staff_id) VALUES (?1, ?2, ?3)", {key, at, staff_id});
        if (!added) return added.problem();
    }
    return std::nullopt;
}

core::Result<std::optional<Instant>> SqliteSession::last_unblock(
    const std::vector<std::string>& keys) {
    if (auto problem = usable(false)) return *problem;
    std::optional<Instant> latest;
    // One indexed look-up per key: the keys of one identity are few.
    for (const auto& key : std::set<std::string>(keys.begin(), keys.end())) {
        auto rows = query("SELECT max(at) FROM unblocks WHERE key = ?1", {key});
        if (!rows) return rows.problem();
        auto stepped = rows.value()->step();
        if (!stepped) return stepped.problem();
        if (*stepped == sqlite::Step::Row) {
            auto at = optional_instant_at(*rows.value(), 0);
            if (at && (!latest || *at > *latest)) latest = at;
        }
    }
    return latest;
}

// ---- Proof of work ---------------------------------------------------------------------------

core::Result<bool> SqliteSession::spend_pow(std::string_view id, Instant expires_at) {
    if (auto problem = usable(true)) return *problem;
    auto added =
        run("INSERT OR IGNORE INTO pow_spent(id, expires_at) VALUES (?1, ?2)", {id, expires_at});
    if (!added) return added.problem();
    return *added == 1;
}

std::optional<core::Problem> SqliteSession::purge_spent_pow(Instant now) {
    if (auto problem = usable(true)) return problem;
    auto purged = run("DELETE FROM pow_spent WHERE expires_at < ?1", {now});
    if (!purged) return purged.problem();
    return std::nullopt;
}

core::Result<std::int64_t> SqliteSession::delete_idempotent_responses(Instant before) {
    if (auto problem = usable(true)) return *problem;
    return run("DELETE FROM idempotency WHERE created_at < ?1", {before});
}

core::Result<std::int64_t> SqliteSession::delete_unblocks(Instant before) {
    if (auto problem = usable(true)) return *problem;
    return run("DELETE FROM unblocks WHERE at < ?1", {before});
}

// ---- Abuse counters --------------------------------------------------------------------------

std::optional<core::Problem> SqliteSession::count_abuse(Date day, std::string_view kind,
                                                        std::int64_t n) {
    if (auto problem = usable(true)) return problem;
    if (auto problem = check_storable(day, "day")) return problem;
    if (n < 1) return core::Problem("store.invalid", {{"what", "abuse_count"}});
    auto counted =
        run("INSERT INTO abuse_counts(day, kind, count) VALUES (?1, ?2, ?3) "
            "ON CONFLICT(day, kind) DO UPDATE SET count = count + ?3",
            {day, kind, n});
    if (!counted) return counted.problem();
    return std::nullopt;
}

core::Result<std::map<std::string, std::int64_t>> SqliteSession::abuse_counts(Date day) {
    if (auto problem = usable(false)) return *problem;
    auto rows = query("SELECT kind, count FROM abuse_counts WHERE day = ?1", {day});
    if (!rows) return rows.problem();
    std::map<std::string, std::int64_t> out;
    for (;;) {
        auto stepped = rows.value()->step();
        if (!stepped) return stepped.problem();
        if (*stepped == sqlite::Step::Done) return out;
        out[rows.value()->column_text(0)] = rows.value()->column_int64(1);
    }
}

// ---- Alert periods ---------------------------------------------------------------------------

core::Result<std::optional<AlertPeriod>> SqliteSession::open_alert() {
    if (auto problem = usable(false)) return *problem;
    static const std::string sql =
        std::string(kAlertSelect) + "WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1";
    auto rows = query(sql, {});
    if (!rows) return rows.problem();
    auto stepped = rows.value()->step();
    if (!stepped) return stepped.problem();
    if (*stepped == sqlite::Step::Done) return std::optional<AlertPeriod>();
    return std::optional<AlertPeriod>(read_alert(*rows.value()));
}

std::optional<core::Problem> SqliteSession::start_alert(Instant at, std::string_view by) {
    if (auto problem = usable(true)) return problem;
    auto started =
        run("INSERT INTO alert_periods(started_at, started_by) VALUES (?1, ?2)", {at, by});
    if (started) return std::nullopt;
    return refused_as_unique() ? duplicate("alert") : started.problem();
}

std::optional<core::Problem> SqliteSession::end_alert(Instant at, std::string_view by) {
    if (auto problem = usable(true)) return problem;
    auto ended = run("UPDATE alert_periods SET ended_at = ?1, ended_by = ?2 WHERE ended_at IS NULL",
                     {at, by});
    if (!ended) return ended.problem();
    if (*ended == 0) return not_found("alert", "");
    return std::nullopt;
}

core::Result<std::vector<AlertPeriod>> SqliteSession::alerts_between(Instant from, Instant to) {
    if (auto problem = usable(false)) return *problem;
    static const std::string sql =
        std::string(kAlertSelect) +
        "WHERE started_at <= ?2 AND (ended_at IS NULL OR ended_at >= ?1) "
        "ORDER BY started_at, id";
    auto rows = query(sql, {from, to});
    if (!rows) return rows.problem();
    std::vector<AlertPeriod> out;
    for (;;) {
        auto stepped = rows.value()->step();
        if (!stepped) return stepped.problem();
        if (*stepped == sqlite::Step::Done) return out;
        out.push_back(read_alert(*rows.value()));
    }
}

}  // namespace cherha::store::detail

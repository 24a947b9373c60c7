// SqliteSession: signing keys, the hash-chained audit log and idempotent staff responses.
#include "store/audit_chain.h"
#include "store/sqlite_session.h"

namespace cherha::store::detail {

namespace {

constexpr std::string_view kAuditSelect =
    "SELECT seq, at, actor, window_id, action, booking_id, result, details, prev_hash, hash "
    "FROM audit_log ";

AuditEntry read_audit(const sqlite::Statement& row) {
    AuditEntry e;
    e.seq = row.column_int64(0);
    e.event.at = instant_at(row, 1);
    e.event.actor = row.column_text(2);
    e.event.window_id = row.column_text(3);
    e.event.action = row.column_text(4);
    if (!row.column_is_null(5)) e.event.booking_id = row.column_int64(5);
    e.event.result = row.column_text(6);
    e.event.details = row.column_text(7);
    e.prev_hash = row.column_text(8);
    e.hash = row.column_text(9);
    return e;
}

}  // namespace

// ---- Signing keys ----------------------------------------------------------------------------

std::optional<core::Problem> SqliteSession::insert_signing_key(const SigningKeyRecord& key) {
    if (auto problem = usable(true)) return problem;
    auto inserted =
        run("INSERT INTO signing_keys(key_id, private_pem, public_pem, activated_at, retired) "
            "VALUES (?1, ?2, ?3, ?4, ?5)",
            {key.key_id, key.private_pem, key.public_pem, key.activated_at, key.retired});
    if (inserted) return std::nullopt;
    return refused_as_unique() ? duplicate("signing_key") : inserted.problem();
}

core::Result<std::vector<SigningKeyRecord>> SqliteSession::signing_keys() {
    if (auto problem = usable(false)) return *problem;
    auto rows = query(
        "SELECT key_id, private_pem, public_pem, activated_at, retired FROM signing_keys "
        "ORDER BY activated_at, key_id",
        {});
    if (!rows) return rows.problem();
    std::vector<SigningKeyRecord> out;
    for (;;) {
        auto stepped = rows.value()->step();
        if (!stepped) return stepped.problem();
        if (*stepped == sqlite::Step::Done) return out;
        const auto& row = *rows.value();
        out.push_back({row.column_text(0), row.column_text(1), row.column_text(2),
                       instant_at(row, 3), row.column_int64(4) != 0});
    }
}

std::optional<core::Problem> SqliteSession::retire_signing_key(std::string_view key_id) {
    if (auto problem = usable(true)) return problem;
    auto changed = run("UPDATE signing_keys SET retired = 1 WHERE key_id = ?1", {key_id});
    if (!changed) return changed.problem();
    if (*changed == 0) return not_found("signing_key", std::string(key_id));
    return std::nullopt;
}

// ---- Audit log -------------------------------------------------------------------------------

core::Result<AuditEntry> SqliteSession::append_audit(const AuditEvent& event) {
    if (auto problem = usable(true)) return *problem;
    AuditEntry entry{1, event, "", ""};
    {
        auto last = query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", {});
        if (!last) return last.problem();
        auto stepped = last.value()->step();
        if (!stepped) return stepped.problem();
        if (*stepped == sqlite::Step::Row) {
            entry.seq = last.value()->column_int64(0) + 1;
            entry.prev_hash = last.value()->column_text(1);
        }
    }
    entry.hash = audit_entry_hash(entry.seq, entry.prev_hash, entry.event);
    auto inserted =
        run("INSERT INTO audit_log(seq, at, actor, window_id, action, booking_id, result, details, "
            "prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            {entry.seq, event.at, event.actor, event.window_id, event.action, event.booking_id,
             event.result, event.details, entry.prev_hash, entry.hash});
    if (!inserted) return inserted.problem();
    return entry;
}

core::Result<std::vector<AuditEntry>> SqliteSession::audit_entries(
    std::int64_t after_seq, int limit, std::optional<std::int64_t> booking_id) {
    if (auto problem = usable(false)) return *problem;
    std::vector<AuditEntry> out;
    if (limit <= 0) return out;
    static const std::string all =
        std::string(kAuditSelect) + "WHERE seq > ?1 ORDER BY seq LIMIT ?2";
    static const std::string of_booking =
        std::string(kAuditSelect) + "WHERE booking_id = ?3 AND seq > ?1 ORDER BY seq LIMIT ?2";
    auto rows = booking_id ? query(of_booking, {after_seq, limit, *booking_id})
                           : query(all, {after_seq, limit});
    if (!rows) return rows.problem();
    for (;;) {
        auto stepped = rows.value()->step();
        if (!stepped) return stepped.problem();
        if (*stepped == sqlite::Step::Done) return out;
        out.push_back(read_audit(*rows.value()));
    }
}

core::Result<AuditVerification> SqliteSession::verify_audit_chain() {
    if (auto problem = usable(false)) return *problem;
    static const std::string sql = std::string(kAuditSelect) + "ORDER BY seq";
    auto rows = query(sql, {});
    if (!rows) return rows.problem();
    AuditChainVerifier verifier;
    for (;;) {
        auto stepped = rows.value()->step();
        if (!stepped) return stepped.problem();
        if (*stepped == sqlite::Step::Done) return verifier.result();
        verifier.add(read_audit(*rows.value()));
    }
}

// ---- Idempotency -----------------------------------------------------------------------------

core::Result<std::optional<StoredResponse>> SqliteSession::idempotent_response(
    std::int64_t staff_id, std::string_view key) {
    if (auto problem = usable(false)) return *problem;
    auto rows = query(
        "SELECT request_digest, status, body FROM idempotency WHERE staff_id = ?1 AND key = ?2",
        {staff_id, key});
    if (!rows) return rows.problem();
    auto stepped = rows.value()->step();
    if (!stepped) return stepped.problem();
    if (*stepped == sqlite::Step::Done) return std::optional<StoredResponse>();
    const auto& row = *rows.value();
    const std::int64_t status = row.column_int64(1);
    if (status < 0 || status > 999) return corrupt("idempotency.status", std::string(key));
    return std::optional<StoredResponse>(
        StoredResponse{row.column_text(0), static_cast<int>(status), row.column_text(2)});
}

std::optional<core::Problem> SqliteSession::save_idempotent_response(std::int64_t staff_id,
                                                                     std::string_view key,
                                                                     const StoredResponse& response,
                                                                     Instant at) {
    if (auto problem = usable(true)) return problem;
    auto inserted =
        run("INSERT INTO idempotency(staff_id, key, request_digest, status, body, created_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            {staff_id, key, response.request_digest, response.status, response.body, at});
    if (inserted) return std::nullopt;
    return refused_as_unique() ? duplicate("idempotency_key") : inserted.problem();
}

}  // namespace cherha::store::detail

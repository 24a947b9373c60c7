// Internal to the SQLite store: the StoreSession on one pooled connection. The methods are
// defined by concern in sqlite_session.cpp (life cycle, settings), sqlite_bookings.cpp,
// sqlite_staff.cpp (staff, sessions, devices), sqlite_audit.cpp (signing keys, audit log,
// idempotency) and sqlite_guards.cpp (unblocks, proof of work, abuse counts, alerts).
// Contracts and problem codes: store/center_store.h.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "store/center_store.h"
#include "store/sqlite/transaction.h"
#include "store/sqlite_pool.h"

namespace cherha::store::detail {

class SqliteSession final : public StoreSession {
  public:
    // Starts the session's transaction on `connection`: BEGIN IMMEDIATE when `writes` (the
    // caller holds the pool's writer lock in `writer` and hands it over), else a deferred
    // BEGIN whose snapshot is taken at once.
    static core::Result<std::unique_ptr<StoreSession>> begin(
        std::shared_ptr<ConnectionPool> pool, std::unique_ptr<CachedConnection> connection,
        bool writes, std::unique_lock<FairLock> writer = {});

    ~SqliteSession() override;
    SqliteSession(const SqliteSession&) = delete;
    SqliteSession& operator=(const SqliteSession&) = delete;

    std::optional<core::Problem> commit() override;
    std::optional<core::Problem> savepoint() override;
    std::optional<core::Problem> release_savepoint() override;
    std::optional<core::Problem> rollback_to_savepoint() override;
    int savepoint_depth() const override { return savepoints_; }

    core::Result<std::optional<std::string>> setting(std::string_view key) override;
    std::optional<core::Problem> put_setting(std::string_view key, std::string_view value) override;

    core::Result<BookingRecord> insert_booking(const BookingRecord& booking) override;
    core::Result<std::optional<BookingRecord>> booking(std::int64_t id) override;
    core::Result<std::optional<BookingRecord>> booking_by_code(std::string_view code) override;
    std::optional<core::Problem> update_booking(const BookingRecord& booking) override;
    core::Result<std::vector<BookingRecord>> day_bookings(Date day,
                                                          const BookingFilter& filter) override;
    core::Result<std::map<int, int>> slot_occupancy(Date day, std::string_view service_id) override;
    core::Result<std::vector<IdentityBooking>> identity_bookings(
        const std::vector<std::string>& keys, Date from, Date to) override;

    std::optional<core::Problem> add_unblock(const std::vector<std::string>& keys, Instant at,
                                             std::int64_t staff_id) override;
    core::Result<std::optional<Instant>> last_unblock(
        const std::vector<std::string>& keys) override;

    core::Result<StaffRecord> insert_staff(const StaffRecord& staff) override;
    core::Result<std::optional<StaffRecord>> staff_by_login(std::string_view login) override;
    core::Result<std::optional<StaffRecord>> staff_by_id(std::int64_t id) override;
    core::Result<std::vector<StaffRecord>> all_staff() override;
    std::optional<core::Problem> update_staff(const StaffRecord& staff) override;

    std::optional<core::Problem> insert_session(const SessionRecord& session) override;
    core::Result<std::optional<SessionRecord>> session(std::string_view token_digest) override;
    std::optional<core::Problem> touch_session(std::string_view token_digest,
                                               Instant last_seen) override;
    std::optional<core::Problem> delete_session(std::string_view token_digest) override;
    std::optional<core::Problem> delete_staff_sessions(std::int64_t staff_id) override;
    core::Result<std::int64_t> delete_expired_sessions(Instant idle_before,
                                                       Instant created_before) override;

    core::Result<DeviceRecord> insert_device(const DeviceRecord& device) override;
    core::Result<std::optional<DeviceRecord>> device_by_token(
        std::string_view token_digest) override;
    core::Result<std::vector<DeviceRecord>> all_devices() override;
    std::optional<core::Problem> revoke_device(std::string_view name, Instant at) override;

    std::optional<core::Problem> insert_signing_key(const SigningKeyRecord& key) override;
    core::Result<std::vector<SigningKeyRecord>> signing_keys() override;
    std::optional<core::Problem> retire_signing_key(std::string_view key_id) override;

    core::Result<AuditEntry> append_audit(const AuditEvent& event) override;
    core::Result<std::vector<AuditEntry>> audit_entries(
        std::int64_t after_seq, int limit, std::optional<std::int64_t> booking_id) override;
    core::Result<AuditVerification> verify_audit_chain() override;

    core::Result<std::optional<StoredResponse>> idempotent_response(std::int64_t staff_id,
                                                                    std::string_view key) override;
    std::optional<core::Problem> save_idempotent_response(std::int64_t staff_id,
                                                          std::string_view key,
                                                          const StoredResponse& response,
                                                          Instant at) override;

    core::Result<bool> spend_pow(std::string_view id, Instant expires_at) override;
    std::optional<core::Problem> purge_spent_pow(Instant now) override;
    core::Result<std::int64_t> delete_idempotent_responses(Instant before) override;
    core::Result<std::int64_t> delete_unblocks(Instant before) override;

    std::optional<core::Problem> count_abuse(Date day, std::string_view kind,
                                             std::int64_t n = 1) override;
    core::Result<std::map<std::string, std::int64_t>> abuse_counts(Date day) override;

    core::Result<std::optional<AlertPeriod>> open_alert() override;
    std::optional<core::Problem> start_alert(Instant at, std::string_view by) override;
    std::optional<core::Problem> end_alert(Instant at, std::string_view by) override;
    core::Result<std::vector<AlertPeriod>> alerts_between(Instant from, Instant to) override;

    core::Result<std::int64_t> erase_personal_data(Date before_day, Instant at) override;

  private:
    SqliteSession(std::shared_ptr<ConnectionPool> pool,
                  std::unique_ptr<CachedConnection> connection, bool writes,
                  std::unique_lock<FairLock> writer)
        : pool_(std::move(pool)),
          writer_(std::move(writer)),
          connection_(std::move(connection)),
          writes_(writes) {}

    // store.finished once the session is over; store.read_only for a write on a read session.
    std::optional<core::Problem> usable(bool for_write) const;
    // A cached statement with `params` bound (see CachedConnection::query).
    core::Result<Query> query(std::string_view sql, std::initializer_list<Param> params,
                              bool cache = true);
    // Runs a statement that returns no rows; returns the rows it changed.
    core::Result<std::int64_t> run(std::string_view sql, std::initializer_list<Param> params);
    // Whether the last failed call was refused by a constraint of this kind
    // (SQLITE_CONSTRAINT_UNIQUE and _PRIMARYKEY count as unique).
    bool refused_as_unique() const;
    bool refused_by_foreign_key() const;
    // Reads the identity keys of a booking, in their order.
    std::optional<core::Problem> load_keys(BookingRecord& booking);
    // Reads the current row of a booking query (kBookingColumns) and its keys.
    core::Result<BookingRecord> read_booking(sqlite::Statement& row);
    core::Result<std::optional<BookingRecord>> one_booking(std::string_view sql, Param key);
    // Ends the session's transaction (rolls back) and returns the connection to the pool.
    void finish() noexcept;

    std::shared_ptr<ConnectionPool> pool_;
    std::unique_lock<FairLock> writer_;               // write sessions, until finished
    std::unique_ptr<CachedConnection> connection_;    // null once finished
    std::optional<sqlite::Transaction> transaction_;  // write sessions
    bool writes_ = false;
    int savepoints_ = 0;  // open savepoints, named "cherha_sp_<depth>" (1 = outermost)
};

// store.corrupt {what, id}.
core::Problem corrupt(std::string_view what, std::int64_t id);
core::Problem corrupt(std::string_view what, std::string_view id);
// The instant stored as unix seconds in `column` of the current row (nullopt for NULL).
Instant instant_at(const sqlite::Statement& row, int column);
std::optional<Instant> optional_instant_at(const sqlite::Statement& row, int column);
std::optional<std::string> optional_text_at(const sqlite::Statement& row, int column);
// store.not_found {what, id}.
core::Problem not_found(std::string_view what, std::string id);
// store.duplicate {what}.
core::Problem duplicate(std::string_view what);

}  // namespace cherha::store::detail
